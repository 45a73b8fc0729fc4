// The type (16, 16) CRAM coefficients (integrate/cram_coefficients.hpp) against exp:
// on scalars over [−1e4, 0] and through shifted solves on a small non-normal
// triangular matrix with a stiff spectrum, against Eigen's matrix exponential.
// Tolerances: the best approximation's error is 2.1e-16, but its residues (|α| up to
// ~240) cancel in double precision to a few 1e-14 (measured 2.7e-14 near z = 0), so
// scalars are held to 1e-13; the matrix case adds the rounding of the dense solves
// (measured ≤ 1e-14 against a 50-digit reference), held to 1e-13 against Eigen's
// matrix exponential in long double.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <unsupported/Eigen/MatrixFunctions>

#include "openspins/integrate/cram_coefficients.hpp"

namespace openspins {
namespace {

TEST(Cram16, ApproximatesExpUniformlyOnTheNegativeAxis) {
    double worst = 0.0;
    for (int k = 0; k <= 20000; ++k) {  // dense where exp varies, then log-spaced to −1e4
        const double z = k <= 10000 ? -40.0 * k / 10000.0 : -40.0 * std::pow(250.0, (k - 10000) / 10000.0);
        worst = std::max(worst, std::abs(cram16::approximate_exp(z) - std::exp(z)));
    }
    EXPECT_LE(worst, 1e-13);
    // Far out and at the origin.
    EXPECT_NEAR(cram16::approximate_exp(-1e9), 0.0, 1e-13);
    EXPECT_NEAR(cram16::approximate_exp(0.0), 1.0, 1e-13);
    // Not a polynomial in disguise: the error of a degree-16 type function cannot
    // vanish, and 1e-13 is ~30 times looser than what the printed digits give.
    EXPECT_GT(worst, 0.0);
}

TEST(Cram16, ShiftedSolvesGiveTheExponentialOfANonNormalTriangularMatrix) {
    // A chain of decays with rates spread over four decades and feeding rates as large
    // as the losses (a Markov sub-generator, lower triangular, far from normal).
    const int n = 7;
    const double rates[n] = {1e4, 3e3, 800.0, 120.0, 9.0, 0.7, 0.0};
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
    for (int i = 0; i < n; ++i) {
        a(i, i) = -rates[i];
        if (i + 2 < n) {
            a(i + 1, i) = 0.8 * rates[i];
            a(i + 2, i) = 0.2 * rates[i];
        } else if (i + 1 < n) {
            a(i + 1, i) = rates[i];
        }
    }
    Eigen::VectorXd y(n);
    y << 0.3, 0.1, 0.2, 0.05, 0.15, 0.1, 0.1;
    for (double h : {1e-5, 1e-3, 0.1, 3.0}) {
        Eigen::VectorXd approx = cram16::alpha0 * y;
        for (int p = 0; p < cram16::pole_count; ++p) {
            const Eigen::MatrixXcd shifted =
                (h * a).cast<std::complex<double>>() - cram16::theta[static_cast<std::size_t>(p)] *
                                                           Eigen::MatrixXcd::Identity(n, n);
            const Eigen::VectorXcd x = shifted.partialPivLu().solve(y.cast<std::complex<double>>());
            approx += 2.0 * (cram16::alpha[static_cast<std::size_t>(p)] * x).real();
        }
        // Reference in long double: Eigen's scaling and squaring in double loses ~1e-12
        // at ‖hA‖ = 3e4 (more than the approximation does).
        using LongMatrix = Eigen::Matrix<long double, Eigen::Dynamic, Eigen::Dynamic>;
        const LongMatrix e = (LongMatrix(a.cast<long double>()) * static_cast<long double>(h)).exp();
        const Eigen::VectorXd reference = (e * y.cast<long double>()).cast<double>();
        EXPECT_LE((approx - reference).cwiseAbs().maxCoeff(), 1e-13) << "h = " << h;
        // The generator conserves Σ y; so does its exponential.
        EXPECT_NEAR(approx.sum(), y.sum(), 1e-12) << "h = " << h;
    }
}

}  // namespace
}  // namespace openspins
