// The mode to order λ² with a coherent initial field (mode_excitation_second_order.hpp, derived there):
//  * D(t) = ∫_0^t e^{iωs} F(G, s) ds in closed form (nested phase integrals by a 3×3 matrix exponential)
//    against GSL quadrature of e^{iωs}·fluctuation_first_order(model, G, s) — the library's first-order
//    fluctuation, itself checked against quadrature in fluctuation_observable_test.cpp — for a 3-level
//    particle with complex g and α, and for spin ½ exactly at resonance ω = ω₀ (where J(x, y) has y = 0
//    and the 1/y form would cancel) (1e-10);
//  * the vacuum: ⟨a⟩ = 0 and 𝒩 = (2.9) (1e-14);
//  * against a direct second-order Dyson expansion of one spin (N = 1 is exact at order λ²) in a
//    truncated Fock space: ⟨a(t)⟩ and 𝒩(t) from the exact unitary at λ and −λ (the odd orders cancel in
//    the average; the λ⁴ remainder is below 2e-4 at λ = 0.02).
#include <gsl/gsl_integration.h>
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <numbers>

#include "method/analytic/seed004_test_support.hpp"
#include "openspins/method/analytic/fluctuation_observable.hpp"
#include "openspins/method/analytic/mode_excitation_second_order.hpp"

using namespace openspins;
using namespace openspins::test::seed004;

namespace {

double qag(const std::function<double(double)>& f, double a, double b) {
    gsl_integration_workspace* ws = gsl_integration_workspace_alloc(1000);
    gsl_function F;
    F.function = [](double x, void* p) { return (*static_cast<const std::function<double(double)>*>(p))(x); };
    F.params = const_cast<std::function<double(double)>*>(&f);
    double result = 0.0, err = 0.0;
    gsl_integration_qag(&F, a, b, 1e-13, 1e-11, 1000, GSL_INTEG_GAUSS41, ws, &result, &err);
    gsl_integration_workspace_free(ws);
    return result;
}

complex drive_by_quadrature(const analytic::MeanFieldModeModel& model, double t) {
    const auto part = [&](double s, bool imag) {
        const complex v = std::polar(1.0, model.omega * s) * analytic::fluctuation_first_order(model, model.G, s);
        return imag ? v.imag() : v.real();
    };
    return {qag([&](double s) { return part(s, false); }, 0.0, t),
            qag([&](double s) { return part(s, true); }, 0.0, t)};
}

// One spin ½ ⊗ Fock 0 … n_max, H = (ω₀/2)σ^z + ω a†a + λ σ^x (g a† + ḡ a)/√2 (N = 1), from |↓⟩ ⊗ |α⟩.
struct OneSpinMode {
    Matrix h, a;
    Eigen::VectorXcd psi0;
};

OneSpinMode one_spin_mode(const analytic::MeanFieldModeModel& m, int n_max) {
    const int f = n_max + 1;
    Matrix a = Matrix::Zero(f, f);
    for (int n = 1; n < f; ++n) a(n - 1, n) = std::sqrt(double(n));
    const Matrix id_f = Matrix::Identity(f, f), id_s = Matrix::Identity(2, 2);
    // Kronecker products, spin index slow: |s⟩ ⊗ |n⟩ at s·f + n.
    const auto kron = [](const Matrix& x, const Matrix& y) {
        Matrix out(x.rows() * y.rows(), x.cols() * y.cols());
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            for (Eigen::Index j = 0; j < x.cols(); ++j)
                out.block(i * y.rows(), j * y.cols(), y.rows(), y.cols()) = x(i, j) * y;
        return out;
    };
    OneSpinMode s;
    const Matrix b = (m.g * a.adjoint() + std::conj(m.g) * a) / std::numbers::sqrt2;
    s.h = kron(m.h, id_f) + m.omega * kron(id_s, a.adjoint() * a) + m.lambda * kron(m.G, b);
    s.a = kron(id_s, a);
    Eigen::VectorXcd coherent(f);
    for (int n = 0; n < f; ++n)
        coherent(n) = std::exp(-0.5 * std::norm(m.alpha)) * std::pow(m.alpha, n) / std::sqrt(std::tgamma(n + 1.0));
    s.psi0 = Eigen::VectorXcd::Zero(2 * f);
    // μ_S pure here: |↓⟩ (index 1) or |↑⟩ (index 0) from ρ's diagonal.
    const int spin = m.rho(0, 0).real() > 0.5 ? 0 : 1;
    s.psi0.segment(spin * f, f) = coherent;
    return s;
}

}  // namespace

TEST(Seed004CoherentField, DriveIntegralEqualsQuadrature) {
    auto three = three_level(0.8, 0.3, complex(0.6, 0.5));
    three.alpha = complex(0.7, -1.1);
    auto resonant = spin_half(1.0, 1.0, 0.2, 0.0);  // ω = ω₀
    resonant.alpha = 0.9;
    for (const auto* model : {&three, &resonant})
        for (double t : {0.3, 2.5, 9.0}) {
            const complex closed = analytic::fluctuation_drive_integral(*model, t);
            const complex quad = drive_by_quadrature(*model, t);
            EXPECT_NEAR(closed.real(), quad.real(), 1e-10 * (1.0 + std::abs(quad))) << t;
            EXPECT_NEAR(closed.imag(), quad.imag(), 1e-10 * (1.0 + std::abs(quad))) << t;
        }
}

TEST(Seed004CoherentField, VacuumGivesEquationTwoNineAndNoField) {
    const auto model = spin_half(1.0, 0.7, 0.3, 0.2);
    for (double t : {0.5, 3.0, 12.0}) {
        EXPECT_NEAR(analytic::mode_excitation_coherent_second_order(model, t),
                    analytic::mode_excitation_dicke_2_9(0.2, 1.0, 0.7, 1.0, 0.3, t), 1e-14);
        EXPECT_EQ(analytic::mode_field_second_order(model, t), complex(0.0));
    }
}

// N = 1: the λ² terms are those of every N (the formula has no 1/N part at this order); the average of
// the exact answers at ±λ removes the odd orders, leaving O(λ⁴).
TEST(Seed004CoherentField, EqualsSecondOrderOfOneSpinExactly) {
    for (const double omega : {0.7, 1.0}) {
        auto model = spin_half(1.0, omega, 0.02, 0.0);  // spin down
        model.alpha = complex(0.8, 0.5);
        model.g = complex(0.6, 0.8);
        const double t = 3.0;
        complex field_sum = 0.0;
        double photons_sum = 0.0;
        for (const double sign : {1.0, -1.0}) {
            auto signed_model = model;
            signed_model.lambda = sign * model.lambda;
            const OneSpinMode s = one_spin_mode(signed_model, 14);
            const Eigen::VectorXcd psi = (complex(0.0, -t) * s.h).exp() * s.psi0;
            field_sum += psi.dot(s.a * psi);
            photons_sum += (s.a * psi).squaredNorm();
        }
        const complex field = 0.5 * field_sum;
        const double photons = 0.5 * photons_sum;
        const complex free = model.alpha * std::polar(1.0, -omega * t);
        const complex predicted = analytic::mode_field_second_order(model, t);
        // The λ² correction itself is ~1e-3 here: the check resolves it to a few per cent.
        EXPECT_GT(std::abs(predicted - free), 1e-4);
        EXPECT_NEAR(std::abs(field - predicted), 0.0, 2e-6 + 0.03 * std::abs(predicted - free)) << omega;
        const double predicted_photons = analytic::mode_excitation_coherent_second_order(model, t);
        EXPECT_NEAR(photons, predicted_photons, 2e-6 + 0.03 * std::abs(predicted_photons - std::norm(model.alpha)))
            << omega;
    }
}
