// Method "resonance" (seed 000's Theorem 2.1 and §3) through the config reader: the seed's
// closed forms in terms of J (2.15)–(2.19), (2.28), (3.1), (3.3) against the γ/S forms the method
// uses, X (2.18) against its own principal-value quadrature, and the dynamics against the
// redfield method on the same run file: equal to Davies with Lamb shift (distinct frequencies),
// within O(coupling²) of Bloch–Redfield.
#include "openspins/method/resonance/resonance_method.hpp"

#include <gsl/gsl_integration.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <stdexcept>
#include <string>

#include "method/redfield/redfield_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/redfield/generator_spectrum.hpp"
#include "openspins/method/redfield/redfield_method.hpp"
#include "openspins/method/resonance/resonance_theory.hpp"

using namespace openspins;
using openspins::testing::run_toml;
using cplx = std::complex<double>;

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// Seed 000's model with its ohmic form factor n = 0, m = 1 (J = πAωe^{−2ω}, A = 0.05), T = 0.5.
// LAMBDA, KAPPA, MU, NU: the four couplings; FREQS the frequencies; METHOD, EXTRA method keys.
const std::string seed000 = R"(
[method]
name = "METHOD"
EXTRA
rtol = 1e-11
atol = 1e-13
[spins]
frequencies = [FREQS]
[hamiltonian]
zeeman = "-"
[[bath]]
name = "cg"
temperature = TEMP
spectral_density = { kind = "form_factor", n = 0, m = 1, angular_integral = 0.05 }
[[bath]]
name = "cf"
temperature = TEMP
spectral_density = { kind = "form_factor", n = 0, m = 1, angular_integral = 0.05 }
[[bath]]
name = "lg"
temperature = TEMP
scope = "local"
spectral_density = { kind = "form_factor", n = 0, m = 1, angular_integral = 0.05 }
[[bath]]
name = "lf"
temperature = TEMP
scope = "local"
spectral_density = { kind = "form_factor", n = 0, m = 1, angular_integral = 0.05 }
[[coupling]]
bath = "cg"
kind = "exchange"
strength = LAMBDA
[[coupling]]
bath = "cf"
kind = "conserving"
strength = KAPPA
[[coupling]]
bath = "lg"
kind = "exchange"
strength = MU
[[coupling]]
bath = "lf"
kind = "conserving"
strength = NU
[initial]
kind = "product"
bloch = [BLOCH]
[time]
stop = STOP
points = 41
[output]
observables = ["Jx", "Jy", "Jz", "spins"]
plot = false
)";

struct Couplings {
    double lambda = 0.5, kappa = 0.3, mu = 0.5, nu = 0.3;
};

std::string model(const std::string& method, int n, Couplings g, double stop = 40.0, const std::string& extra = "",
                  double temperature = 0.5) {
    std::string freqs, bloch;
    // Distinct frequencies (assumption (A)), spread 0.2 around 1, and different initial states.
    for (int i = 0; i < n; ++i) {
        freqs += (i ? ", " : "") + std::to_string(0.9 + 0.2 * i / std::max(1, n - 1) + 0.013 * (i % 2));
        const double th = 0.4 + 0.5 * i, ph = 0.3 * i, len = 0.95;
        bloch += std::string(i ? ", " : "") + "[" + std::to_string(len * std::sin(th) * std::cos(ph)) + ", " +
                 std::to_string(len * std::sin(th) * std::sin(ph)) + ", " + std::to_string(len * std::cos(th)) + "]";
    }
    std::string t = replace_all(seed000, "METHOD", method);
    t = replace_all(t, "EXTRA", extra);
    t = replace_all(t, "FREQS", freqs);
    t = replace_all(t, "BLOCH", bloch);
    t = replace_all(t, "TEMP", std::to_string(temperature));
    t = replace_all(t, "LAMBDA", std::to_string(g.lambda));
    t = replace_all(t, "KAPPA", std::to_string(g.kappa));
    t = replace_all(t, "MU", std::to_string(g.mu));
    t = replace_all(t, "NU", std::to_string(g.nu));
    return replace_all(t, "STOP", std::to_string(stop));
}

// Over the generator's columns (b); the resonance run (a) has them first, then its per-species
// C_abs, Gamma, B columns.
double max_difference(const RunResult& a, const RunResult& b) {
    const auto& ca = a.series.columns;
    const auto& cb = b.series.columns;
    EXPECT_TRUE(ca.size() >= cb.size() && std::equal(cb.begin(), cb.end(), ca.begin()));
    double out = 0.0;
    EXPECT_EQ(a.series.rows(), b.series.rows());
    for (std::size_t r = 0; r < a.series.rows(); ++r)
        for (std::size_t c = 0; c < b.series.values[r].size(); ++c)
            out = std::max(out, std::abs(a.series.values[r][c] - b.series.values[r][c]));
    return out;
}

resonance::ResonanceTheory theory_of(const std::string& text) {
    return resonance::ResonanceTheory(resonance::resonance_model(read_run_toml(text, "run.toml")));
}

struct PvData {
    double omega, beta, amplitude;
};

}  // namespace

TEST(ResonanceMethod, SeedClosedFormsInTermsOfJ) {
    // (2.15), (2.16), (2.19), (3.1), (3.3), (2.28) from J = πAωe^{−2ω} directly, for bose spectra.
    const double A = 0.05, T = 0.5, beta = 1.0 / T;
    const Couplings g{0.5, 0.3, 0.4, 0.2};
    const auto theory = theory_of(model("resonance", 3, g));
    const auto J = [&](double w) { return M_PI * A * w * std::exp(-2.0 * w); };
    const double Jt0 = M_PI * A;  // J̃(0) (2.14)
    for (int j = 0; j < 3; ++j) {
        const auto& q = theory.spin(j);
        const double w = q.omega, e = std::exp(beta * w);
        const double sum = g.lambda * g.lambda * J(w) + g.mu * g.mu * J(w);
        EXPECT_NEAR(q.emission, 0.25 * e / (e - 1.0) * sum, 1e-14);                                   // (2.15)
        EXPECT_NEAR(q.c, std::exp(-beta * w), 1e-14);                                                 // (2.16)
        EXPECT_NEAR(q.gamma_relax, 0.25 / std::tanh(beta * w / 2.0) * sum, 1e-14);                     // (3.1)
        EXPECT_NEAR(q.gamma_cons, (g.kappa * g.kappa + g.nu * g.nu) * Jt0 / (2.0 * beta), 1e-14);      // (3.3)
        EXPECT_NEAR(q.Y, sum / 8.0 / std::tanh(beta * w / 2.0) + q.gamma_cons, 1e-14);                 // (2.19)
        EXPECT_NEAR(q.z_beta(beta), std::exp(-beta * w / 2) + std::exp(beta * w / 2), 1e-13);         // (2.17)
        EXPECT_NEAR(q.p_eq, 1.0 / (std::exp(-beta * w) + 1.0), 1e-14);                                // (2.20)
        // (2.28): a = −½ϰ²∫|f|²/|p| d³p = −½ϰ²·A∫e^{−2r}dr = −ϰ²A/4 (QAWC at 0 and closed form agree).
        for (int l = 0; l < 3; ++l)
            if (l != j) {
                EXPECT_NEAR(theory.a(j, l), -g.kappa * g.kappa * A / 4.0, 1e-10);
            }
    }
}

TEST(ResonanceMethod, LambShiftXAgainstItsOwnPrincipalValue) {
    // (2.18) X = (1/8π) P∫_ℝ (λ² + μ²) J(|u|) coth(β|u|/2)/(u + ω) du by GSL QAWC on [−ω − L, −ω + L]
    // plus QAGIU/QAGIL tails, integrating the seed's integrand (not BathSpectrum's γ/S form).
    const double A = 0.05, T = 0.5, beta = 1.0 / T;
    const Couplings g{0.5, 0.0, 0.4, 0.0};
    const auto theory = theory_of(model("resonance", 2, g));
    for (int j = 0; j < 2; ++j) {
        PvData d{theory.spin(j).omega, beta, A};
        gsl_function f;
        f.function = [](double u, void* p) {
            const auto& q = *static_cast<PvData*>(p);
            const double x = std::abs(u);
            return x == 0.0 ? M_PI * q.amplitude * 2.0 / q.beta
                            : M_PI * q.amplitude * x * std::exp(-2.0 * x) / std::tanh(q.beta * x / 2.0);
        };
        f.params = &d;
        gsl_integration_workspace* ws = gsl_integration_workspace_alloc(2000);
        double centre = 0, tail_hi = 0, tail_lo = 0, err = 0;
        const double L = 3.0;
        gsl_integration_qawc(&f, -d.omega - L, -d.omega + L, -d.omega, 0.0, 1e-12, 2000, ws, &centre, &err);
        gsl_function h;
        h.params = &d;
        h.function = [](double u, void* p) {
            const auto& q = *static_cast<PvData*>(p);
            const double x = std::abs(u);
            return M_PI * q.amplitude * x * std::exp(-2.0 * x) / std::tanh(q.beta * x / 2.0) / (u + q.omega);
        };
        gsl_integration_qagiu(&h, -d.omega + L, 0.0, 1e-12, 2000, ws, &tail_hi, &err);
        gsl_integration_qagil(&h, -d.omega - L, 0.0, 1e-12, 2000, ws, &tail_lo, &err);
        gsl_integration_workspace_free(ws);
        const double X = (g.lambda * g.lambda + g.mu * g.mu) / (8.0 * M_PI) * (centre + tail_hi + tail_lo);
        EXPECT_NEAR(theory.spin(j).X, X, 1e-9 * std::abs(X)) << j;
    }
}

TEST(ResonanceMethod, EqualsDaviesWithLambShiftForDistinctFrequencies) {
    // The second-order theory with distinct ω_n is the Davies generator's exact solution on the
    // single-spin marginals: agreement to the integrator's tolerance (rtol 1e-11), all four
    // couplings at once, N = 2, 3, 4.
    for (const int n : {2, 3, 4}) {
        const auto r = run_toml(model("resonance", n, {}));
        const auto d = run_toml(model("redfield", n, {}, 40.0, "generator = \"davies\""));
        EXPECT_LT(max_difference(r, d), 2e-8) << "N = " << n;
    }
}

TEST(ResonanceMethod, EachCouplingAloneEqualsDavies) {
    for (const Couplings g : {Couplings{0.5, 0, 0, 0}, Couplings{0, 0.5, 0, 0}, Couplings{0, 0, 0.5, 0},
                              Couplings{0, 0, 0, 0.5}, Couplings{0.3, 0.6, 0, 0}}) {
        const auto r = run_toml(model("resonance", 3, g));
        const auto d = run_toml(model("redfield", 3, g, 40.0, "generator = \"davies\""));
        EXPECT_LT(max_difference(r, d), 2e-8) << g.lambda << ' ' << g.kappa << ' ' << g.mu << ' ' << g.nu;
    }
}

TEST(ResonanceMethod, BlochRedfieldDiffersByOrderCouplingSquared) {
    // Theorem 2.1's remainder is O(α²) uniformly in t. Against Bloch–Redfield (non-secular, Lamb
    // shift) on N = 2 over t ∈ [0, 40]: max |Δ⟨O⟩| / g² stays bounded as g halves (ratio of the
    // differences 2.5 … 6, i.e. ≈ 4) and below 0.05 (measured max |Δ|/g² = 0.0139, 0.0166, 0.0173 at
    // g = 0.4, 0.2, 0.1: the O(g²) remainder of Theorem 2.1, with a coefficient that converges as g → 0).
    double previous = 0.0;
    for (const double g : {0.4, 0.2, 0.1}) {
        const Couplings c{g, g, g, g};
        const double diff = max_difference(run_toml(model("resonance", 2, c)),
                                           run_toml(model("redfield", 2, c, 40.0, "generator = \"bloch_redfield\"")));
        EXPECT_LT(diff / (g * g), 0.05) << g;
        if (previous > 0.0) {
            EXPECT_GT(previous / diff, 2.5) << g;
            EXPECT_LT(previous / diff, 6.0) << g;
        }
        previous = diff;
    }
}

TEST(ResonanceMethod, SingleSpinMatchesTheGeneratorsRates) {
    // N = 1: C = 1; γ_relax (3.1), Y (2.19) and ω + X are the Davies generator's 1/T1, 1/T2 and
    // transition frequency (openspins rates' single-spin table).
    const auto text = model("redfield", 1, {0.5, 0.3, 0.4, 0.2});
    const auto theory = theory_of(replace_all(text, "\"redfield\"", "\"resonance\""));
    const auto rates = redfield::single_spin_rates(read_run_toml(text, "run.toml").model);
    ASSERT_EQ(rates.size(), 1u);
    EXPECT_NEAR(rates[0].t1, theory.spin(0).gamma_relax, 1e-12);
    EXPECT_NEAR(rates[0].t2, theory.spin(0).Y, 1e-12);
    EXPECT_NEAR(rates[0].omega, theory.spin(0).omega + theory.spin(0).X, 1e-12);
    EXPECT_EQ(theory.C(0, 10.0), cplx(1.0));
}

TEST(ResonanceMethod, NoCollectiveConservingCouplingGivesCEqualOne) {
    const auto theory = theory_of(model("resonance", 4, {0.5, 0.0, 0.5, 0.3}));
    for (int j = 0; j < 4; ++j)
        for (const double t : {1.0, 50.0}) EXPECT_LT(std::abs(theory.C(j, t) - 1.0), 1e-14);
}

TEST(ResonanceMethod, HighTemperatureLimit) {
    // T → ∞: c → 1, the spins relax to ⟨S^z⟩ = ½ tanh(βω/2) → 0, γ_relax → ½(λ² + μ²)J̃(0)·T·…
    // (grows linearly in T), and the agreement with Davies holds unchanged.
    const auto theory = theory_of(model("resonance", 2, {}, 40.0, "", 1e4));
    for (int j = 0; j < 2; ++j) {
        EXPECT_NEAR(theory.spin(j).c, 1.0, 1.2e-4);
        EXPECT_NEAR(theory.spin(j).p_eq, 0.5, 3e-5);
        // γ_relax = ¼ coth(βω/2)(λ² + μ²)J(ω) → ½ T (λ² + μ²) J(ω)/ω.
        const double w = theory.spin(j).omega, J = M_PI * 0.05 * w * std::exp(-2.0 * w);
        EXPECT_NEAR(theory.spin(j).gamma_relax / (0.5 * 1e4 * 0.5 * J / w), 1.0, 1e-8);
    }
    const auto r = run_toml(model("resonance", 2, {0.05, 0.03, 0.05, 0.03}, 5.0, "", 1e4));
    const auto d = run_toml(model("redfield", 2, {0.05, 0.03, 0.05, 0.03}, 5.0, "generator = \"davies\"", 1e4));
    EXPECT_LT(max_difference(r, d), 1e-7);
}

TEST(ResonanceMethod, TwoSpeciesWithDifferentCollectiveCouplings) {
    // Species A (ω ≈ 1) and B (ω ≈ 1.6) with ϰ_A = 0.4, ϰ_B = −0.25 on the shared bath: the factor
    // of a B spin in C_A needs a = ϰ_Aϰ_B S(0) (derived, = the level-shift operator (4.41)); the
    // printed (2.28) a_l = ϰ_l² S(0) with (3.19) misses the sign and the size of that phase.
    const std::string text = R"(
[method]
name = "METHOD"
rtol = 1e-11
atol = 1e-13
[[species]]
name = "A"
frequencies = [1.0, 1.031, 0.977]
[[species]]
name = "B"
frequencies = [1.6, 1.642]
[hamiltonian]
zeeman = "-"
[[bath]]
name = "cf"
temperature = 0.5
spectral_density = { kind = "form_factor", n = 0, m = 1, angular_integral = 0.05 }
[[bath]]
name = "lg"
temperature = 0.5
scope = "local"
spectral_density = { kind = "form_factor", n = 0, m = 1, angular_integral = 0.05 }
[[coupling]]
bath = "cf"
kind = "conserving"
species = "A"
strength = 0.4
[[coupling]]
bath = "cf"
kind = "conserving"
species = "B"
strength = -0.25
[[coupling]]
bath = "lg"
kind = "exchange"
species = "A"
strength = 0.3
[[coupling]]
bath = "lg"
kind = "exchange"
species = "B"
strength = 0.5
[initial]
kind = "product"
bloch = [[1, 0, 0], [0.6, 0, 0.8], [0, 1, 0], [0.8, 0, 0.6], [0, 0.6, -0.8]]
[time]
stop = 60
points = 31
[output]
observables = ["spins"]
plot = false
[output.custom]
JxA = "Jx[A]"
JyA = "Jy[A]"
JzA = "Jz[A]"
JxB = "Jx[B]"
JzB = "Jz[B]"
)";
    const auto r = run_toml(replace_all(text, "METHOD", "resonance"));
    const auto d = run_toml(replace_all(text, "METHOD", "redfield"));
    EXPECT_LT(max_difference(r, d), 2e-8);

    const auto theory = theory_of(replace_all(text, "METHOD", "resonance"));
    const double s0 = -0.05 / 4.0;  // S(0) of J = πAωe^{−2ω}
    EXPECT_NEAR(theory.a(0, 3), 0.4 * -0.25 * s0, 1e-10);
    EXPECT_NEAR(theory.a(3, 4), 0.25 * 0.25 * s0, 1e-10);
    // (3.21) for an A spin: C = D_A^{N_A−1} D_B^{N_B}: with the printed a_B = ϰ_B² S(0) the
    // factor of the B spins differs from the one that reproduces Davies.
    const auto& qb = theory.spin(3);
    const resonance::TwoLevelFactor printed(qb.emission, qb.absorption, 0.25 * 0.25 * s0,
                                            theory.model().spins[3].p_up);
    EXPECT_GT(std::abs(printed.value(30.0) - theory.factor(0, 3).value(30.0)), 1e-3);

    // (3.25): 1/T2,A(∞) = ½γ_relax,A + γ_cons,A + Σ_l Im z_slow — equals −Re of the slowest
    // coherence eigenvalue in spin 0's sector.
    const auto species = resonance::species_magnetizations(theory);
    ASSERT_EQ(species.size(), 2u);
    double expected = theory.spin(0).Y;
    for (int l = 1; l < 5; ++l) expected += theory.factor(0, l).z_slow().imag();
    EXPECT_NEAR(species[0].gamma_infinity(theory), expected, 1e-14);
    EXPECT_NEAR(species[0].gamma(theory, 1e6), expected, 1e-12);
}

TEST(ResonanceMethod, BoundOf232Holds) {
    // |C(N, t)| ≤ e^{(N−1)(−γt + c′)} (2.32) on a homogeneous-like model (every factor alike up to
    // the frequency spread), on a grid of t.
    const auto theory = theory_of(model("resonance", 4, {0.3, 0.6, 0.3, 0.2}));
    for (int j = 0; j < 4; ++j) {
        double gamma = 1e300, cp = 0.0;
        for (int l = 0; l < 4; ++l)
            if (l != j) {
                gamma = std::min(gamma, theory.factor(j, l).decay_rate());
                cp = std::max(cp, theory.factor(j, l).c_prime());
            }
        EXPECT_GT(gamma, 0.0);
        EXPECT_GT(cp, 0.0);
        for (double t = 0.0; t <= 400.0; t += 0.5)
            EXPECT_LE(std::abs(theory.C(j, t)), std::exp(3.0 * (-gamma * t + cp)) * (1.0 + 1e-12)) << t;
    }
}

TEST(ResonanceMethod, RefusesModelsOutsideTheTheory) {
    const auto refused = [](const std::string& text, const std::string& what) {
        try {
            (void)make_method("resonance")->validate(read_run_toml(text, "run.toml"));
            ADD_FAILURE() << "accepted: " << what;
        } catch (const ModelError& e) {
            const std::string message = e.what();
            EXPECT_NE(message.find(what), std::string::npos) << message;
            EXPECT_NE(message.find("redfield"), std::string::npos) << message;
        }
    };
    const auto base = model("resonance", 2, {});
    refused(replace_all(base, "zeeman = \"-\"", "zeeman = \"-\"\n[[hamiltonian.coupling]]\nkind = \"zz\"\nJ = 0.1"),
            "Hamiltonian term");
    refused(replace_all(base, "zeeman = \"-\"", "zeeman = \"-\"\n[[hamiltonian.drive]]\nomega_x = 0.1"),
            "Hamiltonian term");
    refused(replace_all(base, "zeeman = \"-\"", "zeeman = \"+\""), "transition frequency");
    refused(replace_all(base, "kind = \"exchange\"\nstrength = 0.500000", "kind = \"Sy\"\nstrength = 0.500000"),
            "S^y");
    refused(replace_all(base, "\"Jx\", \"Jy\"", "\"purity\", \"Jy\""), "purity");
    refused(replace_all(base, "plot = false", "plot = false\n[output.custom]\nzz = \"sz(0)*sz(1)\""), "several spins");
    // ρ of N spins is not what the theory gives (single-spin marginals only): refused rather than not written.
    refused(replace_all(base, "plot = false", "plot = false\nfinal_state = true"), "final_state");
    refused(replace_all(replace_all(base, "plot = false", "plot = false\nsteady_state_density = true"),
                        "name = \"resonance\"", "name = \"resonance\"\nsteady_state = true"),
            "steady_state_density");
}

TEST(ResonanceMethod, EqualFrequenciesMatterOnlyThroughCollectiveExchange) {
    // Assumption (A) excludes equal ω_n. With equal frequencies the Davies generator of a shared
    // exchange bath has the collective jump λΣσ^+_n/2 (superradiant cross terms), which the theory's
    // product C_j leaves out; local exchange baths are independent copies and the conserving couplings
    // are diagonal, so without λ the theory stays exact at equal frequencies (the δω → 0 limit of
    // §3.2.1 is then harmless).
    const auto equal = [](std::string text) {
        const auto at = text.find("frequencies = [");
        const auto end = text.find(']', at);
        return text.replace(at, end - at + 1, "frequencies = [1.0, 1.0, 1.0]");
    };
    const Couplings without_lambda{0.0, 0.5, 0.5, 0.3};
    EXPECT_LT(max_difference(run_toml(equal(model("resonance", 3, without_lambda))),
                             run_toml(equal(model("redfield", 3, without_lambda, 40.0, "generator = \"davies\"")))),
              2e-8);
    const Couplings with_lambda{0.5, 0.5, 0.5, 0.3};
    const double d = max_difference(run_toml(equal(model("resonance", 3, with_lambda))),
                                    run_toml(equal(model("redfield", 3, with_lambda, 40.0, "generator = \"davies\""))));
    EXPECT_GT(d, 1e-3);  // the collective exchange correlates the spins: not captured by C_j
}

TEST(ResonanceMethod, SpeciesMagnetizationFollowsTheModifiedBlochEquation) {
    // Two homogeneous species (equal frequencies within each, no collective exchange, so the theory
    // is exact for Davies there too): C_A = D_AA^{N_A−1} D_AB^{N_B} (3.19), and the transverse
    // magnetization obeys d⟨S_A^−⟩/dt = (−Γ_A(t) + iB_A(t))⟨S_A^−⟩ (3.22) with Γ_A, B_A of (3.23)–(3.24)
    // (corrected signs): checked by a central difference of ⟨S_A^−⟩ = N_A conj(⟨S^+_j⟩).
    const std::string text = R"(
[method]
name = "resonance"
[[species]]
name = "A"
count = 3
frequency = 1.0
[[species]]
name = "B"
count = 2
frequency = 1.4
[hamiltonian]
zeeman = "-"
[[bath]]
name = "cf"
temperature = 0.5
spectral_density = { kind = "form_factor", n = 0, m = 1, angular_integral = 0.05 }
[[bath]]
name = "lg"
temperature = 0.5
scope = "local"
spectral_density = { kind = "form_factor", n = 0, m = 1, angular_integral = 0.05 }
[[coupling]]
bath = "cf"
kind = "conserving"
strengths = [0.6, 0.6, 0.6, 0.45, 0.45]
[[coupling]]
bath = "lg"
kind = "exchange"
strength = 0.4
[initial]
kind = "product"
bloch = [[0.9, 0, 0], [0.9, 0, 0], [0.9, 0, 0], [0.6, 0, 0.5], [0.6, 0, 0.5]]
[time]
stop = 1
points = 2
[output]
observables = ["spins"]
plot = false
)";
    const auto theory = theory_of(text);
    const auto species = resonance::species_magnetizations(theory);
    ASSERT_EQ(species.size(), 2u);
    const auto dAA = theory.factor(0, 1), dAB = theory.factor(0, 3);
    for (const double t : {2.0, 20.0, 200.0}) {
        const cplx expected = std::pow(dAA.value(t), 2) * std::pow(dAB.value(t), 2);
        EXPECT_LT(std::abs(theory.C(0, t) - expected), 1e-13 * std::max(1.0, std::abs(expected)));
        const double h = 1e-4;
        const auto sminus = [&](double s) { return 3.0 * std::conj(theory.coherence21(0, s)); };
        const cplx dlog = (sminus(t + h) - sminus(t - h)) / (2.0 * h) / sminus(t);
        EXPECT_NEAR(-dlog.real(), species[0].gamma(theory, t), 1e-8) << t;
        EXPECT_NEAR(dlog.imag(), species[0].field(theory, t), 1e-8) << t;
    }
    // The field tends to ω_A + X_A − Σ Re z_slow, i.e. above ω_A for a < 0 (the polaron shift).
    EXPECT_GT(species[0].field_infinity(theory), theory.spin(0).omega + theory.spin(0).X);
}

TEST(ResonanceMethod, SpeciesColumnsAreCGammaAndB) {
    // The per-species columns C_abs[A], Gamma[A], B[A] equal the library's |C_j|, Γ_A(t), B_A(t).
    const auto text = model("resonance", 3, {});
    const auto r = run_toml(text);
    const auto theory = theory_of(text);
    const auto species = resonance::species_magnetizations(theory);
    const auto c = r.series.column_values("C_abs[spins]"), g = r.series.column_values("Gamma[spins]"),
               b = r.series.column_values("B[spins]");
    for (std::size_t k = 0; k < r.series.rows(); ++k) {
        const double t = r.series.time[k];
        EXPECT_NEAR(c[k], std::abs(theory.C(0, t)), 1e-14);
        EXPECT_NEAR(g[k], species[0].gamma(theory, t), 1e-14);
        EXPECT_NEAR(b[k], species[0].field(theory, t), 1e-14);
    }
    EXPECT_NEAR(c.front(), 1.0, 1e-15);  // C(N, 0) = 1
}

TEST(ResonanceMethod, CoherenceEigenvaluesOf419) {
    // (4.19): spin j's coherence sector has the eigenvalues −i(ω_j + X_j) − Y_j + i Σ_l z^{s_l}_jl,
    // one sign per other spin. Distinct spins (N = 4): 2³ = 8 values per spin, the slowest of which is
    // slowest_coherence_eigenvalue(j). Species A (3 identical spins) and B (2): spin 0 of A sees a group of
    // 2 A spins and one of 2 B spins, (2 + 1)(2 + 1) = 9 distinct values with multiplicities C(2, k)C(2, k′)
    // summing to 2⁴ = 16; each equals the direct sum over the individual spins' choices.
    const auto theory = theory_of(model("resonance", 4, {}));
    for (int j = 0; j < 4; ++j) {
        ASSERT_EQ(theory.coherence_mode_count(j), 8u);
        const auto modes = theory.coherence_eigenvalues(j, 8);
        ASSERT_EQ(modes.size(), 8u);
        EXPECT_LT(std::abs(modes.front().eigenvalue - theory.slowest_coherence_eigenvalue(j)), 1e-15);
        for (const auto& m : modes) {
            EXPECT_EQ(m.multiplicity, 1.0);
            EXPECT_LE(m.eigenvalue.real(), modes.front().eigenvalue.real());
        }
        EXPECT_THROW((void)theory.coherence_eigenvalues(j, 7), std::length_error);
    }
    const std::string species = R"(
[method]
name = "resonance"
[[species]]
name = "A"
count = 3
frequency = 1.0
[[species]]
name = "B"
count = 2
frequency = 1.4
[hamiltonian]
zeeman = "-"
[[bath]]
name = "cf"
temperature = 0.5
spectral_density = { kind = "form_factor", n = 0, m = 1, angular_integral = 0.05 }
[[bath]]
name = "lg"
temperature = 0.5
scope = "local"
spectral_density = { kind = "form_factor", n = 0, m = 1, angular_integral = 0.05 }
[[coupling]]
bath = "cf"
kind = "conserving"
strengths = [0.6, 0.6, 0.6, 0.45, 0.45]
[[coupling]]
bath = "lg"
kind = "exchange"
strength = 0.4
[initial]
kind = "product"
bloch = [0.9, 0, 0]
[time]
stop = 1
points = 2
[output]
observables = ["spins"]
plot = false
)";
    const auto t2 = theory_of(species);
    ASSERT_EQ(t2.coherence_mode_count(0), 9u);
    const auto modes = t2.coherence_eigenvalues(0, 9);
    double total = 0.0;
    const auto fa = t2.factor(0, 1), fb = t2.factor(0, 3);
    const auto& q = t2.spin(0);
    for (const auto& m : modes) {
        total += m.multiplicity;
        ASSERT_EQ(m.plus.size(), 2u);
        const auto groups = t2.factor_groups(0);  // (one spin, count) per group, in the theory's order
        ASSERT_EQ(groups.size(), 2u);
        const bool a_first = groups[0].first < 3;
        EXPECT_EQ(groups[0].second, 2);
        EXPECT_EQ(groups[1].second, 2);
        const int ka = m.plus[a_first ? 0 : 1], kb = m.plus[a_first ? 1 : 0];
        const cplx expected = cplx(-q.Y, -(q.omega + q.X)) +
                              cplx(0, 1) * (double(ka) * fa.z_plus() + double(2 - ka) * fa.z_minus() +
                                            double(kb) * fb.z_plus() + double(2 - kb) * fb.z_minus());
        EXPECT_LT(std::abs(m.eigenvalue - expected), 1e-15);
        EXPECT_EQ(m.multiplicity, (ka == 1 ? 2.0 : 1.0) * (kb == 1 ? 2.0 : 1.0));
    }
    EXPECT_EQ(total, 16.0);
}

TEST(ResonanceMethod, SteadyStateIsTheProductOfGibbsStates) {
    // steady_state = true: each spin's Gibbs state (2.20), p_eq = 1/(1 + c_j), no coherence — the
    // Davies generator's steady state on the single-spin marginals (its own steady-state solve,
    // tolerance 1e-12); the species columns hold |C(∞)| = 0 (ϰ ≠ 0), 1/T2(∞) and B(∞).
    const auto r = run_toml(model("resonance", 3, {}, 40.0, "steady_state = true"));
    const auto d = run_toml(model("redfield", 3, {}, 40.0,
                                  "generator = \"davies\"\nsteady_state = true\nsteady_state_tolerance = 1e-12"));
    ASSERT_TRUE(r.steady_state && d.steady_state);
    const auto& rs = *r.steady_state;
    const auto& ds = *d.steady_state;
    ASSERT_EQ(rs.size(), ds.size() + 3);
    for (std::size_t c = 0; c < ds.size(); ++c) EXPECT_NEAR(rs[c], ds[c], 1e-9) << r.series.columns[c];
    const auto theory = theory_of(model("resonance", 3, {}));
    const auto species = resonance::species_magnetizations(theory);
    EXPECT_EQ(rs[ds.size()], 0.0);
    EXPECT_EQ(rs[ds.size() + 1], species[0].gamma_infinity(theory));
    EXPECT_EQ(rs[ds.size() + 2], species[0].field_infinity(theory));
    // Jz = Σ ⟨S^z_j⟩ = Σ (p_eq − ½) = Σ ½tanh(βω_j/2) for one temperature.
    double jz = 0.0;
    for (int j = 0; j < 3; ++j) jz += 0.5 * std::tanh(theory.spin(j).omega / (2 * 0.5));
    EXPECT_NEAR(rs[2], jz, 1e-12);
    // Without collective conserving coupling C ≡ 1, so |C(∞)| = 1.
    const auto r1 = run_toml(model("resonance", 3, {0.5, 0.0, 0.5, 0.3}, 40.0, "steady_state = true"));
    EXPECT_EQ((*r1.steady_state)[ds.size()], 1.0);
}
