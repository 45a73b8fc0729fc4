// Method "analytic" (seed 000's exact pure-dephasing solution, eqs. 2.35–2.37) through the
// config reader: against its own decoherence function (wiring), closed forms, and the
// Markovian redfield method on the same run file.
#include "openspins/method/analytic/analytic_method.hpp"

#include <gsl/gsl_integration.h>
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <filesystem>
#include <fstream>
#include <string>

#include "method/redfield/redfield_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/config/validated_method.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/analytic/decoherence_function.hpp"
#include "openspins/model/bath/form_factor_density.hpp"

using namespace openspins;
using openspins::testing::run_toml;
using cplx = std::complex<double>;

namespace {

constexpr double T = 0.5, A = 0.1;  // seed 000's ohmic form factor n = 0, m = 2, ∫|h'|² = A

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

analytic::DecoherenceFunction seed000_function() {
    return analytic::DecoherenceFunction(
        BathSpectrum(std::make_shared<FormFactorDensity>(0, 2, A), T, ThermalTreatment::bose));
}

const std::string single_spin = R"(
[method]
name = "METHOD"
rtol = 1e-11
atol = 1e-13
[spins]
frequency = 1.0
count = 1
[hamiltonian]
zeeman = "-"
[[bath]]
name = "local"
temperature = 0.5
scope = "local"
spectral_density = { kind = "form_factor", n = 0, m = 2, angular_integral = 0.1 }
[[coupling]]
bath = "local"
kind = "conserving"
strength = 0.6
[initial]
kind = "product"
bloch = [[1, 0, 0]]
[time]
stop = 40.0
points = 81
[output]
observables = ["spins"]
plot = false
)";

}  // namespace

// One spin, H = −ωS^z, coupling νS^z: ρ_↑↓(t) = ½ e^{iωt} e^{−ν² Re G(t)}, so
// ⟨σ^x⟩ = e^{−ν²Re G} cos ωt, ⟨σ^y⟩ = −e^{−ν²Re G} sin ωt (Im G drops out: A_↑² = A_↓²).
// The run must reproduce this with the bath's G to rounding (1e-12).
TEST(AnalyticMethod, SingleSpinCoherenceIsTheDecoherenceFactor) {
    const auto res = run_toml(replace_all(single_spin, "METHOD", "analytic"));
    EXPECT_EQ(res.method, "analytic");
    const auto g = seed000_function();
    const double nu2 = 0.36;
    const auto sx = res.series.column_values("sx_0");
    const auto sy = res.series.column_values("sy_0");
    const auto sz = res.series.column_values("sz_0");
    for (std::size_t k = 0; k < res.series.rows(); ++k) {
        const double t = res.series.time[k];
        const double decay = std::exp(-nu2 * g(t).real());
        EXPECT_NEAR(sx[k], decay * std::cos(t), 1e-12) << t;
        EXPECT_NEAR(sy[k], -decay * std::sin(t), 1e-12) << t;
        EXPECT_EQ(sz[k], 0.0) << t;  // populations are conserved exactly
    }
}

// The same file with method redfield (Markovian: e^{−ν²γ(0)t/2}): the coherence amplitudes
// decay at the same rate once the bath's memory (≈ 1/(2πT), and the cutoff's e^{−t²/8}) has
// passed — the ratio analytic/redfield tends to the constant e^{−ν² c_R},
// c_R = lim (Re G − tγ(0)/2) = (1/2π)∫ (F(ω) − F(0))/ω² dω, F = J coth(βω/2), by an independent
// quadrature here. Early on the exact decay is slower (quadratic start): ratio > 1.
// Tolerances: 1e-7 on ln(ratio) (CVODE at rtol 1e-11; quadratures at 1e-10).
TEST(AnalyticMethod, SingleSpinDecaysAtTheRedfieldRateAfterTheMemoryTime) {
    const auto exact = run_toml(replace_all(single_spin, "METHOD", "analytic"));
    const auto markov = run_toml(replace_all(single_spin, "METHOD", "redfield"));
    const auto amplitude = [](const RunResult& r, std::size_t k) {
        return std::hypot(r.series.column_values("sx_0")[k], r.series.column_values("sy_0")[k]);
    };
    const double nu2 = 0.36;
    // c_R by QAG on [0, 12] (J ∝ e^{−2ω²}): (F − F(0))/ω² is smooth, F(0) = 2T J̃(0) = 2TπA.
    const FormFactorDensity j(0, 2, A);
    auto integrand = [&](double w) {
        if (w < 1e-6) return 0.0;  // (F − F(0))/ω² → finite; the sliver [0, 1e-6] is below 1e-12
        return (j.value(w) / std::tanh(w / (2 * T)) - 2 * T * M_PI * A) / (w * w);
    };
    gsl_function f{[](double w, void* p) { return (*static_cast<decltype(integrand)*>(p))(w); }, &integrand};
    gsl_integration_workspace* ws = gsl_integration_workspace_alloc(2000);
    double tail_free = 0.0, err = 0.0;
    gsl_integration_qag(&f, 0.0, 12.0, 1e-14, 1e-12, 2000, GSL_INTEG_GAUSS61, ws, &tail_free, &err);
    gsl_integration_workspace_free(ws);
    // Beyond ω = 12 only −F(0)/ω² is left: −F(0)/12.
    const double c_r = (tail_free - 2 * T * M_PI * A / 12.0) / (2 * M_PI);
    for (std::size_t k = 0; k < exact.series.rows(); ++k) {
        const double t = exact.series.time[k];
        const double log_ratio = std::log(amplitude(exact, k) / amplitude(markov, k));
        if (t >= 25.0) {
            EXPECT_NEAR(log_ratio, -nu2 * c_r, 1e-7) << t;
        }
        if (t > 0.0 && t <= 1.0) {
            EXPECT_GT(log_ratio, 0.0) << t;
        }
    }
}

// T = 0, ohmic J = αω e^{−ω/ω_c}: no Markovian dephasing at all (γ(0) = 0), but the exact
// coherence decays as a power law, |ρ_↑↓| = ½(1 + ω_c²t²)^{−ν²α/4π} (1e-9 relative).
TEST(AnalyticMethod, VacuumDephasingIsAPowerLaw) {
    std::string text = replace_all(single_spin, "METHOD", "analytic");
    text = replace_all(text, "temperature = 0.5", "temperature = 0.0");
    text = replace_all(text, "{ kind = \"form_factor\", n = 0, m = 2, angular_integral = 0.1 }",
                       "{ kind = \"ohmic\", alpha = 0.2, cutoff = 10.0 }");
    text = replace_all(text, "points = 81", "points = 9");
    const auto res = run_toml(text);
    const double exponent = 0.36 * 0.2 / (4 * M_PI);
    for (std::size_t k = 0; k < res.series.rows(); ++k) {
        const double t = res.series.time[k];
        const double amp = std::hypot(res.series.column_values("sx_0")[k], res.series.column_values("sy_0")[k]);
        EXPECT_NEAR(amp, std::pow(1 + 100 * t * t, -exponent), 1e-9 * amp) << t;
    }
}

// A protocol that switches the Zeeman term off half way: the precession phase freezes at ωt₁,
// the bath keeps dephasing (its coupling is not scaled).
TEST(AnalyticMethod, ProtocolScalesTheHamiltonianTermsOnly) {
    std::string text = replace_all(single_spin, "METHOD", "analytic");
    text = replace_all(text, "[time]\nstop = 40.0\npoints = 81\n",
                       "[[protocol]]\nevolve = 2.0\n[[protocol]]\nevolve = 3.0\nscale = { zeeman = 0.0 }\n"
                       "[time]\ntimes = [1.0, 2.0, 4.0, 5.0]\n");
    const auto res = run_toml(text);
    const auto g = seed000_function();
    const auto sx = res.series.column_values("sx_0");
    for (std::size_t k = 0; k < res.series.rows(); ++k) {
        const double t = res.series.time[k];
        EXPECT_NEAR(sx[k], std::exp(-0.36 * g(t).real()) * std::cos(std::min(t, 2.0)), 1e-12) << t;
    }
}

// Three spins, a collective conserving bath (ϰ_n = 0.3, 0.2, 0.25) and a local one (ν = 0.2),
// against redfield on the same file. The element ρ_ab, a = |↑↑↑⟩, b = |↓↑↑⟩ (observable
// sm(0)·nup(1)·nup(2)), has A_a − A_b = ϰ_0 (collective), ν (local copy of spin 0) and
// A_a² − A_b² = 2ϰ_0 X, X = (ϰ_1 + ϰ_2)/2, so
//   ln(ρ_analytic/ρ_redfield) = −(ϰ_0² + ν²)(Re G − tγ(0)/2) − 2iϰ_0X(Im G − tS(0)),
// which tends to −(ϰ_0² + ν²)c_R − 2iϰ_0X·J̃(0)/4 (J̃(0) = πA; the Lamb-shift phase offset of
// (1/2π)∫J sin ωt/ω² → J̃(0)/4). Asserted at every time against G (1e-7: CVODE), and at late
// times against the closed-form phase offset (1e-7). Early on the exact decay is slower.
TEST(AnalyticMethod, CollectiveAndLocalBathsMatchRedfieldUpToTheMemoryTerms) {
    const std::string text = R"toml(
[method]
name = "METHOD"
rtol = 1e-11
atol = 1e-13
[spins]
frequencies = [1.0, 1.3, 0.8]
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
strengths = [0.3, 0.2, 0.25]
[[coupling]]
bath = "local"
kind = "conserving"
strength = 0.2
[initial]
kind = "product"
bloch = [[1, 0, 0], [0, 0.6, 0.5], [0.8, 0, -0.3]]
[time]
stop = 40.0
points = 41
[output]
observables = ["spins"]
plot = false
[output.custom]
e = "sm(0)*nup(1)*nup(2)"
)toml";
    const auto exact = run_toml(replace_all(text, "METHOD", "analytic"));
    const auto markov = run_toml(replace_all(text, "METHOD", "redfield"));
    const auto element = [](const RunResult& r, std::size_t k) {
        return cplx(r.series.column_values("e.re")[k], r.series.column_values("e.im")[k]);
    };
    const auto g = seed000_function();
    const BathSpectrum spectrum(std::make_shared<FormFactorDensity>(0, 2, A), T, ThermalTreatment::bose);
    const double rate = spectrum.rate(0.0) / 2.0, shift = spectrum.lamb_shift(0.0);
    const double k0 = 0.3, x = (0.2 + 0.25) / 2.0, nu = 0.2;
    const double weight = k0 * k0 + nu * nu;
    for (std::size_t k = 1; k < exact.series.rows(); ++k) {
        const double t = exact.series.time[k];
        const cplx log_ratio = std::log(element(exact, k) / element(markov, k));
        const cplx gt = g(t);
        const cplx expected(-weight * (gt.real() - t * rate), -2 * k0 * x * (gt.imag() - t * shift));
        EXPECT_NEAR(log_ratio.real(), expected.real(), 1e-7) << t;
        EXPECT_NEAR(log_ratio.imag(), expected.imag(), 1e-7) << t;
        if (t >= 25.0) {
            EXPECT_NEAR(log_ratio.imag(), -2 * k0 * x * M_PI * A / 4.0, 1e-7) << t;
        }
        if (t <= 1.0) {
            EXPECT_GT(log_ratio.real(), 0.0) << t;
        }
    }
    // Populations and the trace are untouched by pure dephasing.
    for (std::size_t k = 0; k < exact.series.rows(); ++k) {
        EXPECT_NEAR(exact.series.column_values("sz_1")[k], 0.5, 1e-14);
        EXPECT_NEAR(exact.series.column_values("sz_2")[k], -0.3, 1e-14);
    }
}

// Refusals name what is wrong and where to go; through the CLI path they are located at
// [method] name (the key that decides which operators are allowed).
TEST(AnalyticMethod, NonPureDephasingInputIsRefusedByName) {
    const std::string head = replace_all(single_spin, "METHOD", "analytic");
    struct Case {
        std::string text;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {replace_all(head, "kind = \"conserving\"", "kind = \"exchange\"\nname = \"flip\""),
         "coupling 'flip' to bath 'local'"},
        {replace_all(head, "zeeman = \"-\"", "zeeman = \"-\"\n[[hamiltonian.drive]]\nomega_x = 0.1"), "Hamiltonian term 'drive'"},
        {head + "[[channel]]\nkind = \"emission\"\nrate = 0.1\n", "channel 'emission'"},
        {replace_all(head, "[time]\nstop = 40.0\npoints = 81\n",
                     "[[protocol]]\npulse = { axis = \"x\", angle_deg = 90 }\nlabel = \"flip\"\n"
                     "[[protocol]]\nevolve = 1.0\n"),
         "the pulse at t = 0 ('flip') is not a π rotation"},
        {replace_all(head, "atol = 1e-13", "atol = 1e-13\nsteady_state = true"), "no unique steady state"},
    };
    const auto path = std::filesystem::temp_directory_path() / "openspins_analytic_refusal.toml";
    for (const auto& c : cases) {
        {
            std::ofstream(path) << c.text;
        }
        const RunFile run = load_run_file(path.string());
        try {
            (void)make_validated_method(run);
            ADD_FAILURE() << "accepted: " << c.expected;
        } catch (const ConfigError& e) {
            EXPECT_EQ(e.key(), "method.name") << e.what();
            EXPECT_EQ(e.line(), 3) << e.what();
            EXPECT_NE(std::string(e.what()).find(c.expected), std::string::npos) << e.what();
        }
    }
    std::filesystem::remove(path);
    // A master-equation-only thermal form is refused at its key.
    try {
        (void)read_run_toml(replace_all(head, "atol = 1e-13", "atol = 1e-13\nthermal = \"abragam\""), "t.toml");
        ADD_FAILURE() << "thermal = abragam accepted";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.key(), "method.thermal") << e.what();
    }
}

// Other thermal treatments are read: classical noise has no phase, so a collective coupling's
// spin–spin phase vanishes and the coherence is real-exponential in Re G only.
TEST(AnalyticMethod, ClassicalTreatmentHasNoPhase) {
    std::string text = replace_all(single_spin, "METHOD", "analytic");
    text = replace_all(text, "atol = 1e-13", "atol = 1e-13\nthermal = \"classical\"");
    text = replace_all(text, "{ kind = \"form_factor\", n = 0, m = 2, angular_integral = 0.1 }",
                       "{ kind = \"lorentzian\", amplitude = 0.5, correlation_time = 0.4 }");
    const auto res = run_toml(text);
    const double a = 0.5, tc = 0.4;
    for (std::size_t k = 0; k < res.series.rows(); ++k) {
        const double t = res.series.time[k];
        const double re_g = a * tc * (t + tc * std::expm1(-t / tc));  // Ornstein–Uhlenbeck
        EXPECT_NEAR(res.series.column_values("sx_0")[k], std::exp(-0.36 * re_g) * std::cos(t), 1e-9) << t;
    }
}

// Correlated local copies (κ, decorrelated into modes by the Environment): κ = 1 is one shared
// bath, κ = 0 independent ones — checked element by element against those two models (1e-13).
// And the collective bath's decoherence-free subspace: with equal ϰ_n the zero-quantum
// coherence ρ_{↑↓,↓↑} has A_a = A_b and keeps its modulus exactly (frequencies equal: no phase).
TEST(AnalyticMethod, CorrelatedLocalCopiesInterpolateBetweenSharedAndIndependentBaths) {
    const std::string base = R"toml(
[method]
name = "analytic"
[spins]
count = 2
frequency = 1.0
[hamiltonian]
zeeman = "-"
[[bath]]
name = "field"
temperature = 0.5
SCOPE
spectral_density = { kind = "form_factor", n = 0, m = 2, angular_integral = 0.3 }
[[coupling]]
bath = "field"
kind = "conserving"
strength = 0.5
[initial]
kind = "product"
bloch = [1, 0, 0]
[time]
stop = 20.0
points = 11
[output]
observables = ["spins"]
plot = false
[output.custom]
zq = "sp(0)*sm(1)"
dq = "sm(0)*sm(1)"
)toml";
    const auto shared = run_toml(replace_all(base, "SCOPE", "scope = \"shared\""));
    const auto kappa1 = run_toml(replace_all(base, "SCOPE", "scope = \"local\"\ncorrelation = 1.0"));
    const auto independent = run_toml(replace_all(base, "SCOPE", "scope = \"local\""));
    const auto kappa0 = run_toml(replace_all(base, "SCOPE", "scope = \"local\"\ncorrelation = 0.0"));
    for (const std::string column : {"sx_0", "sy_1", "zq.re", "zq.im", "dq.re", "dq.im"})
        for (std::size_t k = 0; k < shared.series.rows(); ++k) {
            EXPECT_NEAR(kappa1.series.column_values(column)[k], shared.series.column_values(column)[k], 1e-13)
                << column;
            EXPECT_NEAR(kappa0.series.column_values(column)[k], independent.series.column_values(column)[k], 1e-13)
                << column;
        }
    const auto g = seed000_function();
    for (std::size_t k = 0; k < shared.series.rows(); ++k) {
        const double t = shared.series.time[k];
        // ρ(0) element = ¼ for every pair of states (both spins along +x).
        EXPECT_NEAR(std::hypot(shared.series.column_values("zq.re")[k], shared.series.column_values("zq.im")[k]), 0.25,
                    1e-15)
            << t;
        // The double-quantum coherence ρ_{↑↑,↓↓} has A_a − A_b = 2ϰ (shared) and decays as e^{−4ϰ²Γ};
        // with independent copies as e^{−2ϰ²Γ}. (Γ for angular_integral 0.3 = 3 × A = 0.1.)
        const double gamma = 3.0 * g(t).real();
        EXPECT_NEAR(std::hypot(shared.series.column_values("dq.re")[k], shared.series.column_values("dq.im")[k]),
                    0.25 * std::exp(-4 * 0.25 * gamma), 1e-12)
            << t;
        EXPECT_NEAR(
            std::hypot(independent.series.column_values("dq.re")[k], independent.series.column_values("dq.im")[k]),
            0.25 * std::exp(-2 * 0.25 * gamma), 1e-12)
            << t;
    }
}
