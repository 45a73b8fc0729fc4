// Seed 004 eq. (1.28) (free_intensive_dynamics.hpp): μ_S(A(t)) against Eigen's matrix exponential for a
// 3-level particle (1e-13) and against the spin precession ⟨σ^x⟩(t) = r_x cos ω₀t − r_y sin ω₀t for
// h = (ω₀/2)σ^z; and the finite-N numbers (QuTiP, N = 4, tests/data/seed004_dicke_*): ⟨Σσ^z⟩/N starts
// to deviate from the free (constant) value as λ² (ratio 4 ± 10 % between λ = 0.1 and 0.05).
#include "openspins/method/analytic/free_intensive_dynamics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "method/analytic/seed004_test_support.hpp"
#include "openspins/errors.hpp"
#include "reference/reference_csv.hpp"

using namespace openspins;
using namespace openspins::test::seed004;

TEST(Seed004FreeIntensive, MatchesMatrixExponential) {
    auto model = three_level(1.0, 0.2, 1.0);
    model.rho(0, 1) = complex(0.1, 0.05);  // (1.28) needs no (A0) for the free part itself
    model.rho(1, 0) = std::conj(model.rho(0, 1));
    Matrix A = Matrix::Zero(3, 3);
    A << 0.3, complex(0.2, 0.1), 0.0, complex(0.2, -0.1), -0.5, complex(0.0, 0.4), 0.0, complex(0.0, -0.4), 1.0;
    for (double t : {0.0, 0.8, 5.5})
        EXPECT_NEAR(std::abs(analytic::free_intensive_expectation(model, A, t) -
                             (model.rho * heisenberg(model.h, A, t)).trace()),
                    0.0, 1e-13);
    auto spin = spin_half(1.3, 1.0, 0.2, 0.5);
    spin.rho = 0.5 * (Matrix::Identity(2, 2) + 0.6 * pauli('x') + 0.3 * pauli('y'));
    for (double t : {0.4, 2.0})
        EXPECT_NEAR(analytic::free_intensive_expectation(spin, pauli('x'), t).real(),
                    0.6 * std::cos(1.3 * t) - 0.3 * std::sin(1.3 * t), 1e-14);
    EXPECT_THROW((void)analytic::free_intensive_expectation(spin, Matrix::Identity(3, 3), 1.0), ModelError);
}

TEST(Seed004FreeIntensive, FiniteNDeviationIsSecondOrderInLambda) {
    namespace fs = std::filesystem;
    const fs::path data = fs::path(OPENSPINS_SOURCE_DIR) / "tests" / "data";
    const auto weak = test::read_reference_csv(data / "seed004_dicke_n4_down_l005.csv");
    const auto strong = test::read_reference_csv(data / "seed004_dicke_n4_down_l010.csv");
    const auto model = spin_half(1.0, 0.7, 0.1, 0.0);
    for (std::size_t row = 2; row < weak.rows.size(); ++row) {
        const double t = weak.rows[row][0];
        const double free = analytic::free_intensive_expectation(model, pauli('z'), t).real();
        EXPECT_DOUBLE_EQ(free, -1.0);
        const double d_weak = weak.rows[row][weak.column("sz")] - free;
        const double d_strong = strong.rows[row][strong.column("sz")] - free;
        EXPECT_NEAR(d_strong / d_weak, 4.0, 0.4) << t;
    }
}
