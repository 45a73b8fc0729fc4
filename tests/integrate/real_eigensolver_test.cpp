// The matrix-free eigensolvers (integrate/real_eigensolver.hpp) on a real matrix with a known
// spectrum (known_spectrum.hpp). Tolerances: the dense path is
// backward stable (1e-10 on eigenvalues of size ≤ 3 with cond(S) ≈ 10); ARPACK is asked for
// 1e-12 relative Ritz estimates, so 1e-9 leaves room for the non-normality of A.
#include "openspins/integrate/real_eigensolver.hpp"

#include <gtest/gtest.h>

#include <Eigen/SparseCore>
#include <algorithm>
#include <complex>
#include <random>
#include <vector>

#include "known_spectrum.hpp"

using namespace openspins;
using openspins::known_spectrum::as_operator;
using openspins::known_spectrum::Known;
using openspins::known_spectrum::known_matrix;

namespace {

double distance_to_spectrum(std::complex<double> z, const std::vector<std::complex<double>>& values) {
    double best = 1e300;
    for (const auto& v : values) best = std::min(best, std::abs(z - v));
    return best;
}

}  // namespace

TEST(RealEigensolver, DenseFindsEveryEigenvalue) {
    const Known k = known_matrix(20, 11, 1);
    const auto result = dense_eigenpairs(as_operator(k.a));
    ASSERT_EQ(result.pairs.size(), k.values.size());
    for (std::size_t i = 0; i < k.values.size(); ++i) EXPECT_LT(std::abs(result.pairs[i].value - k.values[i]), 1e-10);
    const auto& v = result.pairs.front().vector;  // the eigenvector really is one
    EXPECT_LT((k.a.cast<std::complex<double>>() * v - result.pairs.front().value * v).norm(), 1e-10);
}

TEST(RealEigensolver, ArnoldiFindsTheSlowest) {
    const Known k = known_matrix(150, 101, 2);
    ArnoldiOptions options;
    options.count = 10;
    options.tolerance = 1e-12;
    const auto result = slowest_eigenpairs(as_operator(k.a), options);
    EXPECT_TRUE(result.converged);
    ASSERT_GE(result.pairs.size(), 10u);
    for (std::size_t i = 0; i < 10; ++i) {
        EXPECT_LT(std::abs(result.pairs[i].value - k.values[i]), 1e-9) << i;
        EXPECT_LT(result.pairs[i].residual, 1e-9) << i;
    }
}

TEST(RealEigensolver, ShiftInvertFindsTheNearest) {
    // A real spectrum (no pairs) from a sparse matrix: nearest σ = 1e-3 are the slowest.
    const Known k = known_matrix(0, 300, 3);
    Eigen::SparseMatrix<double> a = k.a.sparseView();
    ArnoldiOptions options;
    options.count = 8;
    options.tolerance = 1e-12;
    const auto result = nearest_eigenpairs(a, 1e-3, options);
    EXPECT_TRUE(result.converged);
    ASSERT_GE(result.pairs.size(), 8u);
    for (std::size_t i = 0; i < 8; ++i) {
        EXPECT_LT(std::abs(result.pairs[i].value - k.values[i]), 1e-9) << i;
        EXPECT_LT(distance_to_spectrum(result.pairs[i].value, k.values), 1e-9);
    }
}
