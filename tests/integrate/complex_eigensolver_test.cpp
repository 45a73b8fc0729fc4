// The complex shift-invert eigensolver (integrate/complex_eigensolver.hpp) on a complex matrix
// with a known spectrum: A = S D S⁻¹, D diagonal with bands of eigenvalues −γ − ikω (a
// generator's coherence orders k, rates γ ~ 1e-3 … 1, ω = 50), S = 1 + a random perturbation of
// norm ~0.3 (cond ≈ 10, so A is non-normal). ARPACK is asked for 1e-12 relative Ritz
// estimates; 1e-9 on eigenvalues of size ≤ 150 leaves room for cond(S) and the LU's rounding.
#include "openspins/integrate/complex_eigensolver.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <algorithm>
#include <complex>
#include <random>
#include <vector>

using namespace openspins;

namespace {

using Complex = std::complex<double>;

struct Banded {
    Eigen::SparseMatrix<Complex> a;
    std::vector<Complex> values;
};

Banded banded(int per_band, int bands, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0), rate(1e-3, 1.0);
    Banded b;
    for (int k = -bands; k <= bands; ++k)
        for (int j = 0; j < per_band; ++j) b.values.emplace_back(-rate(rng), -50.0 * k + 0.5 * u(rng));
    const auto n = static_cast<Eigen::Index>(b.values.size());
    Eigen::MatrixXcd s = Eigen::MatrixXcd::Identity(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) s(i, j) += 0.3 * Complex(u(rng), u(rng)) / std::sqrt(2.0 * n);
    const Eigen::VectorXcd d = Eigen::Map<const Eigen::VectorXcd>(b.values.data(), n);
    b.a = Eigen::MatrixXcd(s * d.asDiagonal() * s.inverse()).sparseView();
    return b;
}

}  // namespace

TEST(ComplexEigensolver, ShiftInvertFindsTheNearestInABand) {
    const Banded b = banded(40, 3, 7);  // 280 eigenvalues in 7 bands
    const Complex shift(1e-3, -100.0);  // the centre of band k = 2
    ArnoldiOptions options;
    options.count = 10;
    options.tolerance = 1e-12;
    const auto result = nearest_complex_eigenpairs(b.a, shift, options);
    EXPECT_TRUE(result.converged);
    ASSERT_EQ(result.pairs.size(), 10u);
    std::vector<Complex> nearest = b.values;
    std::sort(nearest.begin(), nearest.end(),
              [&](Complex x, Complex y) { return std::abs(x - shift) < std::abs(y - shift); });
    for (std::size_t i = 0; i < 10; ++i) {
        EXPECT_LT(std::abs(result.pairs[i].value - nearest[i]), 1e-9) << i << " " << result.pairs[i].value;
        EXPECT_LT(result.pairs[i].residual, 1e-9) << i;
        EXPECT_NEAR(result.pairs[i].vector.norm(), 1.0, 1e-12);
    }
    EXPECT_GT(result.products, 10);  // LU solves were made
}

TEST(ComplexEigensolver, SmallMatricesAreSolvedDensely) {
    const Banded b = banded(2, 1, 3);  // 6 eigenvalues
    ArnoldiOptions options;
    options.count = 2;
    const auto result = nearest_complex_eigenpairs(b.a, Complex(0.0, 50.0), options);
    ASSERT_EQ(result.pairs.size(), 2u);
    for (const auto& p : result.pairs) EXPECT_NEAR(p.value.imag(), 50.0, 0.5 + 1e-10);  // band k = −1
}
