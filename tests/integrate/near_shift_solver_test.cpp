// GMRES with the near-shift preconditioner (integrate/near_shift_solver.hpp) on a generator-like
// matrix: a diagonal of "Bohr frequencies" i·ω_x spread over [−5, 5] with decay rates ~1e-2 and
// sparse off-diagonal "rates" of 1e-2, shifted into the middle of the frequencies. Against Eigen's
// sparse LU of the whole A − σ: the solver's tolerance 1e-12 on the preconditioned residual, and
// M⁻¹(A − σ) within ~γ/W of the identity, so the true residual is within ~1e-11 of ‖b‖.
#include "openspins/integrate/near_shift_solver.hpp"

#include <gtest/gtest.h>

#include <Eigen/SparseLU>
#include <random>
#include <vector>

using namespace openspins;
using Complex = std::complex<double>;

namespace {

Eigen::SparseMatrix<Complex> generator_like(int n) {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    std::uniform_int_distribution<int> pick(0, n - 1);
    std::vector<Eigen::Triplet<Complex>> entries;
    for (int x = 0; x < n; ++x) {
        entries.emplace_back(x, x, Complex(-0.01 * (1.5 + uniform(rng)), 5.0 * uniform(rng)));
        for (int k = 0; k < 4; ++k)
            entries.emplace_back(pick(rng), x, Complex(0.01 * uniform(rng), 0.01 * uniform(rng)));
    }
    Eigen::SparseMatrix<Complex> a(n, n);
    a.setFromTriplets(entries.begin(), entries.end());
    return a;
}

}  // namespace

TEST(NearShiftSolver, SolvesLikeTheFullLu) {
    const int n = 2000;
    const auto a = generator_like(n);
    const Complex shift(0.001, 0.3);
    Eigen::SparseMatrix<Complex> shifted = a;
    for (int k = 0; k < n; ++k) shifted.coeffRef(k, k) -= shift;
    Eigen::SparseLU<Eigen::SparseMatrix<Complex>> lu(shifted);
    ASSERT_EQ(lu.info(), Eigen::Success);

    NearShiftOptions options;
    options.near_rows = 200;  // a tenth of the rows: W ≈ 0.5 ≫ the couplings 1e-2
    NearShiftSolver solver(a, shift, options);
    EXPECT_EQ(solver.near_rows(), 200u);
    EXPECT_GT(solver.window(), 0.3);
    EXPECT_LT(solver.window(), 1.0);
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    for (int trial = 0; trial < 3; ++trial) {
        Eigen::VectorXcd b(n), x;
        for (int k = 0; k < n; ++k) b(k) = Complex(uniform(rng), uniform(rng));
        solver.solve(b, x);
        const Eigen::VectorXcd want = lu.solve(b);
        EXPECT_LT((shifted * x - b).norm(), 1e-10 * b.norm());
        EXPECT_LT((x - want).norm(), 1e-8 * want.norm());
    }
    EXPECT_EQ(solver.solves(), 3);
    // Preconditioned: a few iterations per solve, not the hundreds plain GMRES needs on this band.
    EXPECT_LT(solver.iterations(), 3 * 40);
}
