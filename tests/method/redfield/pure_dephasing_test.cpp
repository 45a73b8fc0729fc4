// Seed 000's exactly solvable energy-conserving model (λ = μ = 0), eqs. (2.35)–(2.37):
//  * the Markovian generators (Davies and Bloch–Redfield coincide here) give, for spin 0 in
//    +x and spin 1 in |↑⟩ (σ_1 = +½), ⟨σ^x_0⟩ = e^{−rt} cos((ω_0 − a)t), ⟨σ^y_0⟩ = −e^{−rt} sin((ω_0 − a)t)
//    with r = (ν² + ϰ²)γ(0)/2 = (ν² + ϰ²)T J̃(0)/2 and a = ϰ²S(0) (the collective Lamb shift
//    2ϰ²S(0) S^z_0 S^z_1); tolerance 1e-7;
//  * the exact decoherence function Γ(t) (2.36) and Lamb shift S(t) (2.37), by GSL quadrature,
//    have long-time slopes dΓ/dt → T J̃(0)/2 (so ν²Γ(t) → t γ_cons of (3.3); the seed's text
//    "Γ(t) → t J̃(0)" drops the factor T/2) and dS/dt → S(0) of the Markovian spectrum; 1e-8.
// With d³k = r²dr dΣ and J = πr²∫|f|²dΣ: Γ(t) = (1/π)∫_0^∞ J(ω) coth(βω/2) sin²(ωt/2)/ω² dω,
// S(t) = −(1/2π)∫_0^∞ J(ω)(ωt − sin ωt)/ω² dω.
#include <gsl/gsl_integration.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "method/redfield/redfield_test_support.hpp"
#include "openspins/model/bath/bath_spectrum.hpp"
#include "openspins/model/bath/form_factor_density.hpp"

using namespace openspins;
using openspins::testing::run_toml;

namespace {

constexpr double T = 0.5, kappa = 0.3, nu = 0.2, omega0 = 1.0, A = 0.1;

std::string model(const std::string& generator) {
    return R"(
[method]
name = ")" +
           std::string("redfield") + R"("
generator = ")" +
           generator + R"("
rtol = 1e-11
atol = 1e-13
[spins]
frequencies = [1.0, 1.3]
[hamiltonian]
zeeman = "-"
[[bath]]
name = "collective"
temperature = 0.5
spectral_density = { kind = "form_factor", n = 0, m = 2, angular_integral = 0.1 }
[[bath]]
name = "local"
temperature = 0.5
scope = "local"
spectral_density = { kind = "form_factor", n = 0, m = 2, angular_integral = 0.1 }
[[coupling]]
bath = "collective"
kind = "conserving"
strength = 0.3
[[coupling]]
bath = "local"
kind = "conserving"
strength = 0.2
[initial]
kind = "product"
bloch = [[1, 0, 0], [0, 0, 1]]
[time]
stop = 30.0
points = 7
[output]
observables = ["spins"]
plot = false
)";
}

// ∫_0^∞ f(ω) dω with f = J(ω)·kernel(ω); J decays like e^{−2ω²}, so [0, 12] suffices.
template <typename F>
double integrate(F f) {
    gsl_function g{[](double w, void* p) { return (*static_cast<F*>(p))(w); }, &f};
    gsl_integration_workspace* ws = gsl_integration_workspace_alloc(5000);
    double result = 0.0, error = 0.0;
    gsl_integration_qag(&g, 0.0, 12.0, 1e-14, 1e-12, 5000, GSL_INTEG_GAUSS61, ws, &result, &error);
    gsl_integration_workspace_free(ws);
    return result;
}

}  // namespace

TEST(PureDephasing, MarkovianGeneratorsMatchTheLongTimeForm) {
    const auto j = std::make_shared<FormFactorDensity>(0, 2, A);
    const BathSpectrum s(j, T, ThermalTreatment::bose);
    const double r = (nu * nu + kappa * kappa) * s.rate(0.0) / 2.0;
    const double a = kappa * kappa * s.lamb_shift(0.0);
    EXPECT_NEAR(s.lamb_shift(0.0), -(A / 2.0) * std::sqrt(M_PI / 8.0), 1e-12);  // −(1/2π)∫J/ω
    for (const std::string g : {"davies", "bloch_redfield"}) {
        const auto res = run_toml(model(g));
        const auto sx = res.series.column_values("sx_0");
        const auto sy = res.series.column_values("sy_0");
        for (std::size_t k = 0; k < res.series.time.size(); ++k) {
            const double t = res.series.time[k];
            EXPECT_NEAR(sx[k], std::exp(-r * t) * std::cos((omega0 - a) * t), 1e-7) << g << " t=" << t;
            EXPECT_NEAR(sy[k], -std::exp(-r * t) * std::sin((omega0 - a) * t), 1e-7) << g << " t=" << t;
        }
    }
}

TEST(PureDephasing, ExactDecoherenceFunctionsHaveTheMarkovianSlopes) {
    const FormFactorDensity j(0, 2, A);
    const BathSpectrum s(std::make_shared<FormFactorDensity>(0, 2, A), T, ThermalTreatment::bose);
    const auto jc = [&](double w) { return w == 0.0 ? 2.0 * T * j.zero_slope() : j.value(w) / std::tanh(w / (2 * T)); };
    for (double t : {15.0, 25.0}) {  // the transients decay like e^{−t²/8} (Gaussian cutoff)
        // dΓ/dt = (1/π)∫ J coth sin(ωt)/(2ω);  dS/dt = −(1/2π)∫ J (1 − cos ωt)/ω.
        const double dgamma =
            integrate([&](double w) { return w == 0.0 ? 0.0 : jc(w) * std::sin(w * t) / (2 * w); }) / M_PI;
        const double ds =
            -integrate([&](double w) { return w == 0.0 ? 0.0 : j.value(w) * (1 - std::cos(w * t)) / w; }) / (2 * M_PI);
        EXPECT_NEAR(dgamma, T * j.zero_slope() / 2.0, 1e-8) << t;
        EXPECT_NEAR(dgamma, s.rate(0.0) / 2.0, 1e-8) << t;  // the generator's coherence decay per ν²
        EXPECT_NEAR(ds, s.lamb_shift(0.0), 1e-8) << t;
    }
}

TEST(PureDephasing, OtherSpinsBeatThroughTheCollectiveLambShift) {
    // N = 4 identical spins, collective conserving coupling only, spin 0 along +x and the others
    // with population p of |↑⟩ (Bloch z = 2p − 1): ρ_21 of spin 0 carries the seed's factor
    // C(N, t) = [p e^{iat} + (1 − p) e^{−iat}]^{N−1} (sign: docs/methods/redfield.md, "Seed sign"),
    // so ⟨σ^x_0⟩ = e^{−rt} Re[e^{iωt} conj(C)], with a = ϰ²S(0), r = ϰ²γ(0)/2 (tolerance 1e-7).
    const double p = 0.8;
    const std::string text = R"(
[method]
name = "redfield"
rtol = 1e-11
atol = 1e-13
[spins]
count = 4
frequency = 1.0
[hamiltonian]
zeeman = "-"
[[bath]]
name = "collective"
temperature = 0.5
spectral_density = { kind = "form_factor", n = 0, m = 2, angular_integral = 0.1 }
[[coupling]]
bath = "collective"
kind = "conserving"
strength = 0.3
[initial]
kind = "product"
bloch = [[1, 0, 0], [0, 0, 0.6], [0, 0, 0.6], [0, 0, 0.6]]
[time]
stop = 40.0
points = 9
[output]
observables = ["spins"]
plot = false
)";
    const auto res = run_toml(text);
    const BathSpectrum s(std::make_shared<FormFactorDensity>(0, 2, A), T, ThermalTreatment::bose);
    const double r = kappa * kappa * s.rate(0.0) / 2.0;
    const double a = kappa * kappa * s.lamb_shift(0.0);
    const auto sx = res.series.column_values("sx_0");
    for (std::size_t k = 0; k < res.series.time.size(); ++k) {
        const double t = res.series.time[k];
        // ρ_21 ∝ e^{−iωt} Π_l e^{+2iaσ_l t}; ⟨σ^x⟩ = 2 Re ρ_12 = 2 Re conj(ρ_21).
        const std::complex<double> c = std::pow(
            p * std::exp(std::complex<double>(0, a * t)) + (1 - p) * std::exp(std::complex<double>(0, -a * t)), 3);
        const std::complex<double> rho21 = 0.5 * std::exp(std::complex<double>(0, -omega0 * t)) * c * std::exp(-r * t);
        EXPECT_NEAR(sx[k], 2.0 * std::conj(rho21).real(), 1e-7) << "t=" << t;
    }
}
