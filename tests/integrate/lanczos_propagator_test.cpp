// The Lanczos exponential (integrate/lanczos_propagator.hpp) against the dense exp(−iτH) of a
// pseudo-random Hermitian matrix: accuracy at the requested tolerance, unitarity (‖ψ‖ and ⟨H⟩
// conserved to rounding over thousands of steps), τ = 0 and an invariant subspace.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <vector>
#include <complex>

#include "openspins/integrate/lanczos_propagator.hpp"

namespace openspins::testing {
namespace {

using cplx = std::complex<double>;

// A reproducible Hermitian matrix with spectrum in about [−scale, scale] (random entries / √D).
Eigen::MatrixXcd random_hermitian(int d, double scale, unsigned seed) {
    auto next = [&seed] { return ((seed = seed * 1103515245u + 12345u) >> 8) * (1.0 / 16777216.0) - 0.5; };
    Eigen::MatrixXcd h(d, d);
    for (int r = 0; r < d; ++r)
        for (int c = 0; c <= r; ++c) {
            const cplx v = r == c ? cplx{next()} : cplx{next(), next()};
            h(r, c) = v;
            h(c, r) = std::conj(v);
        }
    return h * (2.0 * scale / std::sqrt(static_cast<double>(d)));
}

// exp(−iτH)ψ through H's eigen-decomposition (computed once per H).
class DenseExp {
public:
    explicit DenseExp(const Eigen::MatrixXcd& h) : eigen_(h) {}
    Eigen::VectorXcd operator()(const Eigen::VectorXcd& psi, double tau) const {
        const Eigen::VectorXcd phases = (eigen_.eigenvalues().cast<cplx>() * cplx{0.0, -tau}).array().exp();
        return eigen_.eigenvectors() * phases.asDiagonal() * (eigen_.eigenvectors().adjoint() * psi);
    }

private:
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eigen_;
};

Eigen::VectorXcd dense_exp(const Eigen::MatrixXcd& h, const Eigen::VectorXcd& psi, double tau) {
    return DenseExp(h)(psi, tau);
}

Eigen::VectorXcd start_vector(int d) {
    Eigen::VectorXcd psi(d);
    for (int i = 0; i < d; ++i) psi(i) = cplx{std::cos(0.3 * i), std::sin(0.7 * i + 0.1)};
    return psi.normalized();
}

TEST(LanczosPropagator, MatchesTheDenseExponentialAtItsTolerance) {
    const int d = 300;
    const Eigen::MatrixXcd h = random_hermitian(d, 5.0, 7u);
    const DenseExp exact(h);
    const LanczosPropagator::Apply apply = [&h](const cplx* x, cplx* y) {
        Eigen::Map<Eigen::VectorXcd>(y, d) = h * Eigen::Map<const Eigen::VectorXcd>(x, d);
    };
    for (const double tolerance : {1e-6, 1e-10, 1e-13}) {
        LanczosPropagator propagator(static_cast<std::size_t>(d), {tolerance, 30});
        Eigen::VectorXcd psi = start_vector(d);
        const Eigen::VectorXcd start = psi;
        double worst = 0.0;
        for (int k = 1; k <= 10; ++k) {  // ten output intervals of 0.7 (‖H‖τ ≈ 7 each)
            propagator.propagate(apply, psi.data(), 0.7);
            worst = std::max(worst, (psi - exact(start, 0.7 * k)).norm());
        }
        // Each step's error is bounded by the tolerance; allow the sum over the steps taken.
        EXPECT_LT(worst, tolerance * static_cast<double>(propagator.statistics().steps) + 1e-13) << tolerance;
        EXPECT_GT(propagator.statistics().steps, 9);
    }
}

// The sampled population weight·‖ψ(s)[begin, end)‖² at offsets inside an interval of several Krylov steps equals the
// dense exponential's at those times (to the steps' tolerance), and the propagated ψ is the same bits as unsampled.
TEST(LanczosPropagator, SamplesAPopulationInsideItsSteps) {
    const int d = 300;
    const Eigen::MatrixXcd h = random_hermitian(d, 5.0, 7u);
    const DenseExp exact(h);
    const LanczosPropagator::Apply apply = [&h](const cplx* x, cplx* y) {
        Eigen::Map<Eigen::VectorXcd>(y, d) = h * Eigen::Map<const Eigen::VectorXcd>(x, d);
    };
    std::vector<double> offsets, values(37, 0.0);
    for (int p = 1; p <= 37; ++p) offsets.push_back(2.0 * p / 37.0);
    LanczosPropagator sampled(static_cast<std::size_t>(d), {1e-12, 30}), plain(static_cast<std::size_t>(d), {1e-12, 30});
    Eigen::VectorXcd psi = start_vector(d), unsampled = psi;
    const Eigen::VectorXcd start = psi;
    sampled.propagate(apply, psi.data(), 2.0, {40, 90, &offsets, 0.5, &values});
    plain.propagate(apply, unsampled.data(), 2.0);
    EXPECT_GE(sampled.statistics().steps, 2);  // the offsets span more than one step
    EXPECT_EQ(psi, unsampled);
    for (std::size_t p = 0; p < offsets.size(); ++p)
        EXPECT_NEAR(values[p], 0.5 * exact(start, offsets[p]).segment(40, 50).squaredNorm(), 1e-10) << offsets[p];
}

// Long run: 1000 output intervals, ‖H‖·t ≈ 5·10³. The norm and the energy ⟨ψ|H|ψ⟩ stay at their
// initial values to rounding (each step is exactly unitary up to the orthogonality of the
// Krylov basis), whatever the (looser) accuracy tolerance.
TEST(LanczosPropagator, ConservesNormAndEnergyOverALongRun) {
    const int d = 200;
    const Eigen::MatrixXcd h = random_hermitian(d, 5.0, 11u);
    const LanczosPropagator::Apply apply = [&h](const cplx* x, cplx* y) {
        Eigen::Map<Eigen::VectorXcd>(y, d) = h * Eigen::Map<const Eigen::VectorXcd>(x, d);
    };
    LanczosPropagator propagator(static_cast<std::size_t>(d), {1e-8, 30});
    Eigen::VectorXcd psi = start_vector(d);
    const double energy = psi.dot(h * psi).real();
    double worst_norm = 0.0, worst_energy = 0.0;
    for (int k = 0; k < 1000; ++k) {
        propagator.propagate(apply, psi.data(), 1.0);
        worst_norm = std::max(worst_norm, std::abs(psi.norm() - 1.0));
        worst_energy = std::max(worst_energy, std::abs(psi.dot(h * psi).real() - energy));
    }
    EXPECT_LT(worst_norm, 1e-13);
    EXPECT_LT(worst_energy, 1e-11);
    // Accuracy after ‖H‖t ≈ 5·10³ (per-step bound 1e-8).
    EXPECT_LT((psi - dense_exp(h, start_vector(d), 1000.0)).norm(), 1e-8 * propagator.statistics().steps);
}

TEST(LanczosPropagator, ZeroTimeAndInvariantSubspaces) {
    const int d = 40;
    Eigen::MatrixXcd h = Eigen::MatrixXcd::Zero(d, d);
    for (int i = 0; i < d; ++i) h(i, i) = 0.1 * i;
    h(0, 1) = h(1, 0) = cplx{0.5};  // ψ in span{e0, e1}: a 2-dimensional invariant subspace
    const LanczosPropagator::Apply apply = [&h](const cplx* x, cplx* y) {
        Eigen::Map<Eigen::VectorXcd>(y, d) = h * Eigen::Map<const Eigen::VectorXcd>(x, d);
    };
    LanczosPropagator propagator(static_cast<std::size_t>(d), {1e-12, 30});
    Eigen::VectorXcd psi = Eigen::VectorXcd::Zero(d);
    psi(0) = 1.0;
    propagator.propagate(apply, psi.data(), 0.0);
    EXPECT_EQ(psi(0), cplx{1.0});
    propagator.propagate(apply, psi.data(), 1000.0);  // one step: the subspace is exhausted
    Eigen::VectorXcd e0 = Eigen::VectorXcd::Zero(d);
    e0(0) = 1.0;
    EXPECT_LT((psi - dense_exp(h, e0, 1000.0)).norm(), 1e-11);
    EXPECT_EQ(propagator.statistics().steps, 1);
}

}  // namespace
}  // namespace openspins::testing
