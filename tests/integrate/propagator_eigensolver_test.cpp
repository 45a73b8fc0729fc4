// The propagator eigensolver (integrate/propagator_eigensolver.hpp) on real matrices with a
// known spectrum (known_spectrum.hpp). Tolerances: CVODE's rtol 1e-10 per propagation and
// ARPACK's 1e-12 on the Ritz values of e^{(A+s)τ} leave Schur vectors accurate to ~1e-10·cond(S);
// the Rayleigh–Ritz eigenvalues from A are then good to ~1e-9 on eigenvalues of size ≤ 3.
#include "openspins/integrate/propagator_eigensolver.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <string>
#include <vector>

#include "known_spectrum.hpp"
#include "openspins/errors.hpp"

using namespace openspins;
using known_spectrum::as_operator;

namespace {

// The first `count` pairs equal the `count` slowest eigenvalues as a multiset (each found value
// used once: a degenerate eigenvalue must be found as often as it occurs); equal rates may come
// in either order, so values are matched rather than compared in place.
void expect_slowest(const known_spectrum::Known& k, const EigenResult& result, std::size_t count, double tolerance) {
    EXPECT_TRUE(result.converged);
    ASSERT_GE(result.pairs.size(), count);
    std::vector<std::complex<double>> found;
    for (std::size_t i = 0; i < count; ++i) {
        found.push_back(result.pairs[i].value);
        EXPECT_LT(result.pairs[i].residual, tolerance) << i;
    }
    for (std::size_t i = 0; i < count; ++i) {
        const auto nearest = std::min_element(found.begin(), found.end(), [&](auto x, auto y) {
            return std::abs(x - k.values[i]) < std::abs(y - k.values[i]);
        });
        ASSERT_LT(std::abs(*nearest - k.values[i]), tolerance) << "eigenvalue " << k.values[i] << " not found";
        found.erase(nearest);
    }
}

}  // namespace

// A generator-like spectrum: a steady state, complex pairs with frequencies up to 2 beside
// real rates; the slowest 10 (pairs counted twice) in order.
TEST(PropagatorEigensolver, FindsTheSlowest) {
    const auto k = known_spectrum::known_matrix(60, 41, 2);
    PropagatorOptions options;
    options.arnoldi.count = 10;
    options.arnoldi.tolerance = 1e-12;
    options.tau = 30.0 / mean_decay_rate(as_operator(k.a));
    const auto result = slowest_by_propagator(as_operator(k.a), options);
    expect_slowest(k, result, 10, 1e-9);
    EXPECT_GT(result.transforms, 0);
    EXPECT_GT(result.products, result.transforms);  // each propagation takes many products
}

// Where e^{Aτ} cannot tell modes apart, Rayleigh–Ritz with A still does: two pairs whose
// frequencies differ by exactly 2π/τ (one eigenvalue of e^{Aτ}, each of multiplicity two), and a
// doubly degenerate real rate, all among the slowest; the faster part is random.
TEST(PropagatorEigensolver, SeparatesAliasedAndDegenerateModes) {
    const double tau = 20.0;
    const double w = 0.3, alias = w + 2.0 * std::numbers::pi / tau;
    std::vector<std::complex<double>> pairs = {{-0.02, w}, {-0.02, alias}, {-0.05, 1.7}};
    std::vector<double> reals = {0.0, -0.01, -0.01};
    const auto random = known_spectrum::known_matrix(60, 40, 5);
    for (const auto& v : random.values) {  // the random part made faster than the slow ones
        if (v.imag() > 0.0) pairs.push_back({v.real() - 0.3, v.imag()});
        if (v.imag() == 0.0) reals.push_back(v.real() - 0.3);
    }
    const auto k = known_spectrum::similar_to(pairs, reals, 7);
    PropagatorOptions options;
    options.arnoldi.count = 9;  // 0, −0.01 (×2), the two aliased pairs, the pair at −0.05
    options.arnoldi.tolerance = 1e-12;
    options.tau = tau;
    const auto result = slowest_by_propagator(as_operator(k.a), options);
    expect_slowest(k, result, 9, 1e-9);
}

TEST(PropagatorEigensolver, RefusesANonPositiveTau) {
    const auto k = known_spectrum::known_matrix(10, 10, 3);
    PropagatorOptions options;
    EXPECT_THROW(slowest_by_propagator(as_operator(k.a), options), ModelError);
}

// Without dissipation there is nothing to propagate out. −i[H, ·] alone is antisymmetric in an
// orthonormal basis (here two rotations, at 1 and 2.5), so −xᵀAx is rounding of either sign, and
// the automatic τ = 30 / rate would span ~1e17 timescales; a zero dissipator gives rate 0.
TEST(PropagatorEigensolver, RefusesAGeneratorWithoutDecay) {
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(4, 4);
    a(0, 1) = -1.0;
    a(1, 0) = 1.0;
    a(2, 3) = -2.5;
    a(3, 2) = 2.5;
    EXPECT_THROW((void)mean_decay_rate(as_operator(a)), ModelError);
    const Eigen::MatrixXd zero = Eigen::MatrixXd::Zero(4, 4);
    EXPECT_THROW((void)mean_decay_rate(as_operator(zero)), ModelError);
}

// Decay 10⁹ times slower than the rotation: τ = 30 / 1e-9 spans 3·10¹⁰ of the generator's fastest
// timescales (at most max_timescales are allowed). Refused before integrating; before the check,
// every propagation ran CVODE into its 10⁶ steps and failed with a NumericalError.
TEST(PropagatorEigensolver, RefusesAPropagationOverTooManyTimescales) {
    Eigen::MatrixXd a(2, 2);
    a << -1e-9, -1.0, 1.0, -1e-9;
    const RealOperator op = as_operator(a);
    EXPECT_NEAR(fastest_rate_estimate(op), 1.0, 1e-8);  // |λ| = |−1e-9 ± i|
    PropagatorOptions options;
    options.arnoldi.count = 1;
    options.tau = 30.0 / mean_decay_rate(op);
    EXPECT_NEAR(options.tau, 3e10, 1e3);
    try {
        (void)slowest_by_propagator(op, options);
        ADD_FAILURE() << "not refused";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("of the generator's fastest timescales"), std::string::npos) << e.what();
    }
}
