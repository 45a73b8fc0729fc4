// Seed 004's one-mode model (mean_field_mode_model.hpp): the odd-moment check (A0) on the seed's own
// examples — (1.32) with μ_S diagonal passes, G = σ^x with spins in |+x⟩ fails with μ_S(G) = 1 —, the
// phase integral and resonance kernel at and near ν = 0 against their direct forms, and the refusals.
#include "openspins/method/analytic/mean_field_mode_model.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "method/analytic/seed004_test_support.hpp"
#include "openspins/errors.hpp"

using namespace openspins;
using namespace openspins::test::seed004;

TEST(Seed004Model, OddMomentCondition) {
    EXPECT_LT(analytic::odd_moment_residual(three_level(1.0, 0.3, 1.0), 5.0), 1e-14);
    EXPECT_LT(analytic::odd_moment_residual(spin_half(1.0, 0.7, 0.3, 0.2), 5.0), 1e-14);
    auto plus_x = spin_half(1.0, 0.7, 0.3, 0.5);
    plus_x.rho = 0.5 * (Matrix::Identity(2, 2) + pauli('x'));
    EXPECT_NEAR(analytic::odd_moment_residual(plus_x, 5.0), 1.0, 1e-12);  // μ_S(σ^x(0)) = 1
}

TEST(Seed004Model, PhaseIntegralAndKernel) {
    for (double nu : {-2.3, -1e-9, 0.0, 1e-7, 0.4, 3.0})
        for (double t : {0.5, 7.0}) {
            // The direct quotient loses digits for small νt; there its Taylor series t + iνt²/2 − ν²t³/6.
            const complex direct = std::abs(nu * t) < 1e-3 ? complex(t - nu * nu * t * t * t / 6.0, 0.5 * nu * t * t)
                                                           : (std::polar(1.0, nu * t) - 1.0) / complex(0.0, nu);
            EXPECT_NEAR(std::abs(analytic::phase_integral(nu, t) - direct), 0.0, 1e-13 * t) << nu;
            EXPECT_NEAR(analytic::resonance_kernel(nu, t), 0.5 * std::norm(analytic::phase_integral(nu, t)), 1e-12);
        }
    EXPECT_DOUBLE_EQ(analytic::resonance_kernel(0.0, 3.0), 4.5);
    EXPECT_NEAR(analytic::resonance_kernel(2.0, 1.0), (1.0 - std::cos(2.0)) / 4.0, 1e-15);
}

TEST(Seed004Model, Refusals) {
    auto m = spin_half(1.0, 0.7, 0.3, 0.2);
    EXPECT_NO_THROW(m.validate());
    auto bad = m;
    bad.G(0, 1) = complex(0.0, 1.0);  // not Hermitian
    EXPECT_THROW(bad.validate(), ModelError);
    bad = m;
    bad.rho(0, 0) = 0.7;  // trace 1.5
    EXPECT_THROW(bad.validate(), ModelError);
    bad = m;
    bad.omega = 0.0;
    EXPECT_THROW(bad.validate(), ModelError);
    bad = m;
    bad.h = Matrix::Identity(3, 3);
    EXPECT_THROW(bad.validate(), ModelError);
}
