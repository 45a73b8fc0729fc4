// The matrix-free eigensolvers (integrate/real_eigensolver.hpp) on a real matrix with a known
// spectrum: A = S B S⁻¹, B block diagonal with real eigenvalues and 2×2 blocks [[a, b], [−b, a]]
// (eigenvalues a ± ib), S a well-conditioned random similarity. Tolerances: the dense path is
// backward stable (1e-10 on eigenvalues of size ≤ 3 with cond(S) ≈ 10); ARPACK is asked for
// 1e-12 relative Ritz estimates, so 1e-9 leaves room for the non-normality of A.
#include "openspins/integrate/real_eigensolver.hpp"

#include <gtest/gtest.h>

#include <Eigen/SparseCore>
#include <algorithm>
#include <complex>
#include <random>
#include <vector>

using namespace openspins;

namespace {

struct Known {
    Eigen::MatrixXd a;
    std::vector<std::complex<double>> values;  // slowest first
};

Known known_matrix(int pairs, int reals, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> rate(0.05, 3.0), freq(0.1, 2.0), u(-1.0, 1.0);
    const int n = 2 * pairs + reals;
    Eigen::MatrixXd b = Eigen::MatrixXd::Zero(n, n);
    Known k;
    for (int p = 0; p < pairs; ++p) {
        const double a = -rate(rng), w = freq(rng);
        b(2 * p, 2 * p) = a;
        b(2 * p + 1, 2 * p + 1) = a;
        b(2 * p, 2 * p + 1) = w;
        b(2 * p + 1, 2 * p) = -w;
        k.values.push_back({a, w});
        k.values.push_back({a, -w});
    }
    for (int r = 0; r < reals; ++r) {
        const double a = r == 0 ? 0.0 : -rate(rng);  // one steady state, as a generator has
        b(2 * pairs + r, 2 * pairs + r) = a;
        k.values.push_back({a, 0.0});
    }
    Eigen::MatrixXd s = Eigen::MatrixXd::Identity(n, n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) s(i, j) += 0.3 * u(rng) / std::sqrt(static_cast<double>(n));
    k.a = s * b * s.inverse();
    std::sort(k.values.begin(), k.values.end(), [](auto x, auto y) {
        return x.real() != y.real() ? x.real() > y.real() : x.imag() < y.imag();
    });
    return k;
}

RealOperator as_operator(const Eigen::MatrixXd& a) {
    return {static_cast<std::size_t>(a.rows()), [&a](const double* x, double* y) {
                Eigen::Map<Eigen::VectorXd>(y, a.rows()) = a * Eigen::Map<const Eigen::VectorXd>(x, a.cols());
            }};
}

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
