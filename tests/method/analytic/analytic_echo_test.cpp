// Method "analytic" with π pulses (flip_pulse.hpp): spin echoes with the bath's memory, against
// closed forms built from the ohmic decoherence function
//   G(t) = (α/2π)[½ln(1 + ω_c²t²) + 2lnΓ(1 + T/ω_c) − 2Re lnΓ(1 + T/ω_c + iTt)] − i(α/2π)(ω_ct − arctan ω_ct)
// (J = αωe^{−ω/ω_c}, bose; checked in decoherence_function_test.cpp). For a π pulse at τ the element
// history gives (dephasing_factors.hpp)
//   one spin, νS^z:             ⟨σ^x⟩(2τ) = e^{−ν²(4 Re G(τ) − Re G(2τ))}       (Hahn echo)
//   two spins, collective ϰ, pulse on spin 0 only, ρ_{↑↑,↓↑}(2τ) = ¼ e^{−ϰ²(4 Re G(τ) − Re G(2τ)) − iϰ²(Im G(2τ) − 2 Im G(τ))}
// (Zeeman phases refocus). The Markovian generator, with G = tγ(0)/2 + itS(0), gives no echo gain
// at all: 4τγ/2 − 2τγ/2 = τγ, the free decay over 2τ. Tolerance 1e-9 relative (G's quadrature 1e-10).
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <filesystem>
#include <string>
#include <vector>

#include "method/redfield/redfield_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/method/method.hpp"

using namespace openspins;
using openspins::testing::run_toml;
using cplx = std::complex<double>;

namespace {

constexpr double alpha = 0.2, wc = 5.0, T = 0.5;

cplx ohmic_g(double t) {
    gsl_sf_result lnr0, arg0, lnr, arg;
    gsl_sf_lngamma_complex_e(1.0 + T / wc, 0.0, &lnr0, &arg0);
    gsl_sf_lngamma_complex_e(1.0 + T / wc, T * t, &lnr, &arg);
    const double re = alpha / (2 * M_PI) * (0.5 * std::log1p(wc * wc * t * t) + 2 * lnr0.val - 2 * lnr.val);
    return {re, -alpha / (2 * M_PI) * (wc * t - std::atan(wc * t))};
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// N spins, zeeman "−", one bath (scope SCOPE) coupled by conserving strength KAPPA; protocol PROTOCOL.
const std::string model = R"toml(
[method]
name = "analytic"
[spins]
count = NSPINS
frequency = 1.0
[hamiltonian]
zeeman = "-"
[[bath]]
name = "b"
temperature = 0.5
SCOPE
spectral_density = { kind = "ohmic", alpha = 0.2, cutoff = 5.0 }
[[coupling]]
bath = "b"
kind = "conserving"
strength = KAPPA
[initial]
kind = "product"
bloch = [INITIAL]
PROTOCOL
[output]
observables = ["spins"]
plot = false
[output.custom]
e = "sm(0)*nup(1)"
)toml";

std::string echo(double tau, const std::string& spins) {
    const std::string t = std::to_string(tau);
    return "[[protocol]]\nevolve = " + t + "\n[[protocol]]\npulse = { axis = \"x\", angle_deg = 180 }\nspins = " +
           spins + "\n[[protocol]]\nevolve = " + t + "\n[time]\ntimes = [" + std::to_string(2 * tau) + "]\n";
}

std::string spec_text(int n, const std::string& scope, double kappa, const std::string& initial,
                      const std::string& protocol) {
    std::string text = replace_all(model, "NSPINS", std::to_string(n));
    text = replace_all(text, "SCOPE", scope);
    text = replace_all(text, "KAPPA", std::to_string(kappa));
    text = replace_all(text, "INITIAL", initial);
    return replace_all(text, "PROTOCOL", protocol);
}

}  // namespace

TEST(AnalyticEcho, HahnEchoOfOneSpinIsFourGammaTauMinusGammaTwoTau) {
    for (double tau : {0.5, 3.0, 20.0}) {
        std::string text = spec_text(2, "scope = \"local\"", 0.6, "1, 0, 0", echo(tau, "[0, 1]"));
        const auto r = run_toml(text);
        const double expected = std::exp(-0.36 * (4 * ohmic_g(tau).real() - ohmic_g(2 * tau).real()));
        EXPECT_NEAR(r.series.column_values("sx_0")[0], expected, 1e-9 * expected) << tau;
        EXPECT_NEAR(r.series.column_values("sy_0")[0], 0.0, 1e-12) << tau;  // precession refocused
        // The echo beats the free decay e^{−ν² Re G(2τ)} only where Re G is convex (G(2τ) > 2G(τ)); this
        // bath's vacuum part (α/4π)ln(1 + ω_c²t²) is concave, so here the echo is slightly worse.
        EXPECT_LT(expected, std::exp(-0.36 * ohmic_g(2 * tau).real())) << tau;
    }
}

TEST(AnalyticEcho, CollectivePhaseIsOnlyPartlyRefocused) {
    const double tau = 4.0, kappa = 0.5;
    const auto r = run_toml(spec_text(2, "", kappa, "1, 0, 0", echo(tau, "[0]")));
    const cplx g1 = ohmic_g(tau), g2 = ohmic_g(2 * tau);
    const cplx expected = 0.25 * std::exp(cplx(-kappa * kappa * (4 * g1.real() - g2.real()),
                                               -kappa * kappa * (g2.imag() - 2 * g1.imag())));
    EXPECT_NEAR(r.series.column_values("e.re")[0], expected.real(), 1e-9 * std::abs(expected));
    EXPECT_NEAR(r.series.column_values("e.im")[0], expected.imag(), 1e-9 * std::abs(expected));
}

// A pulse before any evolution only changes the initial state: π about y at t = 0 from +x equals
// starting from −x (two spins, shared + local baths; every column, 1e-13).
TEST(AnalyticEcho, PulseAtTimeZeroIsAnInitialRotation) {
    const std::string evolve = "[[protocol]]\nevolve = 5.0\n[time]\ntimes = [1.0, 5.0]\n";
    const std::string pulsed = spec_text(2, "", 0.4, "1, 0, 0",
                                         "[[protocol]]\npulse = { axis = \"y\", angle_deg = 180 }\n" + evolve);
    const std::string rotated = spec_text(2, "", 0.4, "-1, 0, 0", evolve);
    const auto a = run_toml(pulsed), b = run_toml(rotated);
    ASSERT_EQ(a.series.columns, b.series.columns);
    for (std::size_t c = 0; c < a.series.columns.size(); ++c)
        for (std::size_t k = 0; k < a.series.rows(); ++k)
            EXPECT_NEAR(a.series.values[k][c], b.series.values[k][c], 1e-13) << a.series.columns[c];
}

// Resuming from a checkpoint taken after a pulse reproduces the uninterrupted run: a checkpoint at
// every output of an echo (two spins, shared bath, pulse on spin 0), then a longer protocol (a
// second π pulse) resumed from it (1e-14).
TEST(AnalyticEcho, CheckpointAfterAPulseResumes) {
    const std::string first = spec_text(2, "", 0.6, "1, 0, 0", echo(2.0, "[0]"));
    const std::string longer = replace_all(first, "[time]\ntimes = [4.000000]\n",
                                           "[[protocol]]\npulse = { axis = \"x\", angle_deg = 180 }\nspins = [0]\n"
                                           "[[protocol]]\nevolve = 2.0\n[time]\ntimes = [4.000000, 6.0]\n");
    ASSERT_NE(first, longer);
    const auto path = (std::filesystem::temp_directory_path() / "openspins_analytic_echo.checkpoint").string();
    std::filesystem::remove(path);
    RunControl control;
    control.checkpoint_path = path;
    control.fingerprint = "echo";
    control.checkpoint_seconds = 0.0;
    const RunSpec a = read_run_toml(first, "a.toml");
    (void)make_method("analytic")->run(a, control);
    ASSERT_TRUE(std::filesystem::exists(path));
    const RunSpec b = read_run_toml(longer, "b.toml");
    const auto resumed = make_method("analytic")->run(b, control);
    const auto direct = make_method("analytic")->run(b, {});
    std::filesystem::remove(path);
    EXPECT_EQ(resumed.notes.count("resumed_at_time"), 1U);
    // The row at t = 4 differs by construction: in the first run it closes the protocol, in the longer
    // one the pulse at t = 4 acts before it is recorded. The row at t = 6 is computed after the restore.
    ASSERT_EQ(resumed.series.rows(), direct.series.rows());
    const std::size_t last = direct.series.rows() - 1;
    EXPECT_EQ(direct.series.time[last], 6.0);
    for (std::size_t c = 0; c < direct.series.columns.size(); ++c)
        EXPECT_NEAR(resumed.series.values[last][c], direct.series.values[last][c], 1e-14) << direct.series.columns[c];
}

// CPMG against a sub-ohmic bath (s = 0.5, T = 0.5: γ(0) = ∞, no Markovian limit), in the frequency
// domain: with the switching function y(s) = ±1 (sign flipped at each pulse),
//   ln|ρ_↑↓(t)| = −ν² (1/π) ∫_0^∞ γ_s(ω) |ỹ(ω)|²/2 dω,  ỹ(ω) = ∫_0^t y(s) e^{iωs} ds,
// γ_s = ½J coth(βω/2) — the filter-function form, computed here by plain GSL quadrature (an
// independent route to the method's time-domain sum over interval pairs). Four pulses at
// 0.25, 0.75, 1.25, 1.75, read at t = 2, and the free decay for comparison. Tolerance 1e-7 relative
// (observed 1.6e-14).
TEST(AnalyticEcho, CpmgAgreesWithTheFilterFunctionIntegral) {
    const double a = 0.05, s = 0.5, cutoff = 5.0, temp = 0.5, t = 2.0;
    const std::vector<double> pulses = {0.25, 0.75, 1.25, 1.75};
    const auto chi = [&](const std::vector<double>& flips) {
        auto integrand = [&](double w) {
            if (w == 0.0) return 0.0;
            std::vector<double> edges = {0.0};
            edges.insert(edges.end(), flips.begin(), flips.end());
            edges.push_back(t);
            cplx y = 0.0;
            for (std::size_t k = 0; k + 1 < edges.size(); ++k)
                y += (k % 2 == 0 ? 1.0 : -1.0) * (std::exp(cplx(0, w * edges[k + 1])) - std::exp(cplx(0, w * edges[k]))) /
                     cplx(0, w);
            const double j = a * std::pow(cutoff, 1 - s) * std::pow(w, s) * std::exp(-w / cutoff);
            return 0.5 * j / std::tanh(w / (2 * temp)) * std::norm(y) / 2.0 / M_PI;
        };
        gsl_function f{[](double w, void* p) { return (*static_cast<decltype(integrand)*>(p))(w); }, &integrand};
        gsl_integration_workspace* ws = gsl_integration_workspace_alloc(4000);
        double result = 0.0, error = 0.0;
        gsl_integration_qags(&f, 0.0, 300.0, 0.0, 1e-11, 4000, ws, &result, &error);
        gsl_integration_workspace_free(ws);
        return result;  // J(300)/J(5) ≈ e^{−59}: the tail is negligible
    };
    std::string protocol;
    double last = 0.0;
    for (double p : pulses) {
        protocol += "[[protocol]]\nevolve = " + std::to_string(p - last) +
                    "\n[[protocol]]\npulse = { axis = \"x\", angle_deg = 180 }\nspins = [0]\n";
        last = p;
    }
    protocol += "[[protocol]]\nevolve = " + std::to_string(t - last) + "\n[time]\ntimes = [2.0]\n";
    std::string text = spec_text(2, "scope = \"local\"", 1.0, "1, 0, 0", protocol);
    text = replace_all(text, "{ kind = \"ohmic\", alpha = 0.2, cutoff = 5.0 }",
                       "{ kind = \"power_law\", alpha = 0.05, exponent = 0.5, cutoff = 5.0 }");
    text = replace_all(text, "frequency = 1.0", "frequency = 0.0");  // rotating frame: no precession
    const auto r = run_toml(text);
    const double cpmg = std::exp(-chi(pulses)), free = std::exp(-chi({}));
    EXPECT_NEAR(r.series.column_values("sx_0")[0], cpmg, 1e-7 * cpmg);
    EXPECT_NEAR(r.series.column_values("sx_1")[0], free, 1e-7 * free);
    EXPECT_GT(cpmg, free);  // the train filters the low-frequency noise
}
