// Method "heom": exactly solvable limits and its own bookkeeping — free evolution at zero
// coupling, pure dephasing against the analytic method (exact for a Gaussian bath), a Hahn echo
// (pulses act on every ADO), convergence with depth, trace preservation, the memory estimate's
// error naming the largest depth that fits, the convergence warning, and refusals.
#include "openspins/method/heom/heom_method.hpp"

#include <gtest/gtest.h>

#include <omp.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "method/redfield/redfield_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/heom/ado_index.hpp"
#include "openspins/model/bath/fitted_correlation.hpp"
#include "openspins/model/bath/power_law_density.hpp"

using namespace openspins;
using openspins::testing::run_toml;

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// One spin, H = −ωS^z, a Drude–Lorentz bath through KIND; METHOD and HEOM are replaced.
const std::string one_spin = R"(
[method]
name = "METHOD"
rtol = 1e-11
atol = 1e-13
HEOM
[spins]
frequency = 1.0
count = 1
[hamiltonian]
zeeman = "-"
[[bath]]
name = "b"
temperature = TEMP
spectral_density = { kind = "drude_lorentz", reorganisation = LAMBDA, cutoff = 1.0 }
[[coupling]]
bath = "b"
kind = "KIND"
strength = 1.0
[initial]
kind = "product"
bloch = [[0.6, 0, 0.8]]
[time]
stop = 6.0
points = 13
[output]
observables = ["spins", "trace"]
plot = false
)";

std::string one_spin_run(const std::string& method, const std::string& heom, const std::string& kind,
                         const std::string& lambda, const std::string& temperature = "1.0") {
    return replace_all(replace_all(replace_all(replace_all(replace_all(one_spin, "METHOD", method), "HEOM", heom),
                                               "KIND", kind),
                                   "LAMBDA", lambda),
                       "TEMP", temperature);
}

double largest_difference(const RunResult& a, const RunResult& b, const std::vector<std::string>& columns) {
    double worst = 0.0;
    EXPECT_EQ(a.series.rows(), b.series.rows());
    for (const auto& c : columns) {
        const auto x = a.series.column_values(c), y = b.series.column_values(c);
        for (std::size_t r = 0; r < std::min(x.size(), y.size()); ++r) worst = std::max(worst, std::abs(x[r] - y[r]));
    }
    return worst;
}

const std::vector<std::string> spin0 = {"sx_0", "sy_0", "sz_0"};

}  // namespace

TEST(HeomAdoIndex, CountsAndNeighbours) {
    const heom::AdoIndex index(3, 4);
    EXPECT_EQ(index.size(), 35u);  // C(7, 4)
    EXPECT_EQ(heom::AdoIndex::count(3, 4), 35u);
    EXPECT_EQ(heom::AdoIndex::count(10, 8), 43758u);
    for (std::size_t a = 0; a < index.size(); ++a) {
        int level = 0;
        for (int k = 0; k < 3; ++k) level += index.occupation(a, k);
        for (int k = 0; k < 3; ++k) {
            if (const auto up = index.raised(a, k); up >= 0) {
                EXPECT_EQ(index.occupation(static_cast<std::size_t>(up), k), index.occupation(a, k) + 1);
                EXPECT_EQ(index.lowered(static_cast<std::size_t>(up), k), static_cast<std::int32_t>(a));
            } else {
                EXPECT_EQ(level, 4);
            }
            EXPECT_EQ(index.lowered(a, k) < 0, index.occupation(a, k) == 0);
        }
    }
}

// λ = 0: every exponent's coefficient vanishes and the ADOs stay zero, so ρ_0 is the free
// evolution — compared with the exact method on the model without bath (1e-8: two different
// CVODE integrations at rtol 1e-11 over six periods; measured 1.6e-9).
TEST(HeomMethod, ZeroCouplingIsFreeEvolution) {
    const auto heom = run_toml(one_spin_run("heom", "depth = 3\nterms = 2", "exchange", "0.0"));
    std::string free = one_spin_run("exact", "", "exchange", "0.0");
    free = free.substr(0, free.find("[[bath]]")) + free.substr(free.find("[initial]"));
    const auto exact = run_toml(free);
    EXPECT_LT(largest_difference(heom, exact, spin0), 1e-8);
    EXPECT_EQ(heom.notes.at("heom.converged"), "true");
}

// Pure dephasing (coupling S^z): exact for the Gaussian bath, so HEOM must converge to the
// analytic method's closed form (its G(t) by GSL quadrature of J). Tolerance 1e-8, reached by
// choosing where both truncations converge: the Drude–Lorentz C(t) is log-singular at t = 0
// (J ~ 1/ω), so its expansion converges algebraically — at λ = 0.1 the exact coherence differs
// from the one of the expanded C(t) by 9.8e-7 (Padé K = 4), 8.3e-8 (8), 6.2e-9 (16) — and the
// error is linear in λ, the depth error ~λ^{d+1}. At λ = 0.005, Padé K = 8, depth 3: 4.4e-9
// measured; the coherence decays by 2.5 % (1.5e-2 in ⟨σ^x⟩), six orders above the tolerance.
TEST(HeomMethod, PureDephasingMatchesTheAnalyticMethod) {
    const std::string heom_keys = "depth = 3\nterms = 8\nexpansion = \"pade\"\nconvergence_check = \"none\"";
    const auto heom = run_toml(one_spin_run("heom", heom_keys, "conserving", "0.005"));
    const auto analytic = run_toml(one_spin_run("analytic", "", "conserving", "0.005"));
    const double difference = largest_difference(heom, analytic, spin0);
    std::cout << "pure dephasing, one spin: |HEOM − analytic| = " << difference << '\n';
    EXPECT_LT(difference, 1e-8);
    // The coherence did decay: the test is not trivially satisfied.
    const double x = analytic.series.column_values("sx_0").back(), y = analytic.series.column_values("sy_0").back();
    EXPECT_LT(std::hypot(x, y), 0.6 - 1e-2);
}

// Hahn echo on two spins sharing one dephasing bath, π pulse on spin 0 at t = 2: the bath's memory
// across the pulse is kept exactly by both methods (the analytic one by its element histories;
// HEOM rotates every ADO). Tolerance as in the test above; here Padé K = 8 leaves 1.2e-8 (the
// expansion, not the depth: depth 4 gives the same), K = 12 2.3e-9.
TEST(HeomMethod, HahnEchoOnASharedBathMatchesTheAnalyticMethod) {
    const std::string text = R"(
[method]
name = "METHOD"
rtol = 1e-11
atol = 1e-13
HEOM
[spins]
frequencies = [1.0, 1.2]
[hamiltonian]
zeeman = "-"
[[bath]]
name = "b"
temperature = 1.0
spectral_density = { kind = "drude_lorentz", reorganisation = 0.003, cutoff = 1.0 }
[[coupling]]
bath = "b"
kind = "conserving"
strengths = [1.0, 0.7]
[initial]
kind = "product"
bloch = [[1, 0, 0], [0, 0.6, 0.8]]
[[protocol]]
evolve = 2.0
[[protocol]]
pulse = { axis = "x", angle_deg = 180 }
spins = [0]
[[protocol]]
evolve = 2.0
[time]
times = [1.0, 2.0, 3.0, 4.0]
[output]
observables = ["spins"]
plot = false
)";
    const auto heom = run_toml(replace_all(
        replace_all(text, "METHOD", "heom"), "HEOM", "depth = 3\nterms = 12\nconvergence_check = \"none\""));
    const auto analytic = run_toml(replace_all(replace_all(text, "METHOD", "analytic"), "HEOM", ""));
    const double difference = largest_difference(heom, analytic, {"sx_0", "sy_0", "sz_0", "sx_1", "sy_1", "sz_1"});
    std::cout << "Hahn echo, two spins: |HEOM − analytic| = " << difference << '\n';
    EXPECT_LT(difference, 1e-8);
}

// Exchange coupling (not solvable): the distance to depth 8 falls with the depth.
TEST(HeomMethod, ConvergesWithDepth) {
    const auto at = [&](int depth) {
        return run_toml(one_spin_run("heom", "depth = " + std::to_string(depth) + "\nconvergence_check = \"none\"",
                                     "exchange", "0.2"));
    };
    const auto deep = at(8);
    double previous = 1.0;
    for (int depth : {1, 2, 3, 4, 5, 6}) {
        const double d = largest_difference(at(depth), deep, spin0);
        std::cout << "depth " << depth << ": |Δ| to depth 8 = " << d << '\n';
        EXPECT_LT(d, previous) << depth;
        previous = d;
    }
    EXPECT_LT(previous, 1e-5);
}

// The hierarchy's right-hand side runs on all threads above 2^14 complex numbers, each ADO written
// by one thread in a fixed order: one and two threads give the same bits. The bundled two-spin
// example at depth 7 (1 716 ADOs × 16) is above the threshold.
TEST(HeomMethod, SameBitsForOneAndTwoThreads) {
    std::ifstream in(std::string(OPENSPINS_SOURCE_DIR) + "/examples/heom_two_spins_drude_lorentz.toml");
    std::stringstream text;
    text << in.rdbuf();
    std::string run = replace_all(text.str(), "depth = 4 ", "depth = 7 ");
    run = replace_all(run, "convergence_check = \"depth\"", "convergence_check = \"none\"");
    run = replace_all(replace_all(run, "stop = 10.0", "stop = 2.0"), "points = 41", "points = 5");
    ASSERT_NE(run.find("depth = 7 "), std::string::npos);
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    const auto one = run_toml(run);
    omp_set_num_threads(2);
    const auto two = run_toml(run);
    omp_set_num_threads(threads);
    for (const std::string c : {"sx_0", "sy_0", "sz_0", "sx_1", "sy_1", "sz_1"})
        EXPECT_EQ(one.series.column_values(c), two.series.column_values(c)) << c;
}

// Tr ρ_0 = 1: every hierarchy term is a commutator except the anticommutator c^I{Q, ρ_{n−1}},
// which feeds ADOs of level ≥ 1 only — ρ_0's trace is constant exactly (1e-12 at strong coupling).
TEST(HeomMethod, PreservesTheTrace) {
    const auto r = run_toml(one_spin_run("heom", "depth = 4\nconvergence_check = \"none\"", "exchange", "0.5"));
    for (double tr : r.series.column_values("trace")) EXPECT_NEAR(tr, 1.0, 1e-12);
}

// The convergence check: depth 1 at strong coupling is reported as unconverged (note and warning).
TEST(HeomMethod, ReportsAnUnconvergedHierarchy) {
    const auto bad = run_toml(one_spin_run("heom", "depth = 1", "exchange", "0.5"));
    EXPECT_EQ(bad.notes.at("heom.converged"), "false");
    EXPECT_EQ(bad.notes.at("heom.convergence_check"), "depth 1 vs 2");
    EXPECT_NE(bad.notes.at("heom.warning").find("not converged"), std::string::npos);
    const auto good = run_toml(one_spin_run("heom", "depth = 6\nconvergence_check = \"terms\"\nterms = 3", "exchange", "0.05"));
    EXPECT_EQ(good.notes.at("heom.convergence_check"), "terms 3 vs 4");
    EXPECT_EQ(good.notes.at("heom.converged"), "true") << good.notes.at("heom.convergence_difference");
    EXPECT_EQ(good.notes.count("heom.warning"), 0u);
}

// The memory estimate refuses a hierarchy beyond the limit and names the largest depth that fits.
TEST(HeomMethod, MemoryErrorNamesTheLargestDepthThatFits) {
    const RunSpec spec = read_run_toml(
        one_spin_run("heom", "depth = 30\nterms = 6\nmemory_limit_gib = 0.01", "exchange", "0.1"), "run.toml");
    try {
        HeomMethod().validate(spec);
        FAIL() << "no error";
    } catch (const ResourceError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("the largest depth that fits is"), std::string::npos) << what;
        // The depth named fits and the next one does not.
        const int fits = std::stoi(what.substr(what.rfind(' ') + 1));
        RunSpec smaller = spec;
        smaller.heom.depth = fits;
        EXPECT_NO_THROW(HeomMethod().validate(smaller));
        smaller.heom.depth = fits + 1;
        EXPECT_THROW(HeomMethod().validate(smaller), ResourceError);
    }
}

TEST(HeomMethod, RefusesBathsWithoutAnExpansion) {
    std::string sub_ohmic = one_spin_run("heom", "", "exchange", "0.1");
    sub_ohmic = replace_all(sub_ohmic, "kind = \"drude_lorentz\", reorganisation = 0.1, cutoff = 1.0",
                            "kind = \"ohmic\", alpha = 0.1, exponent = 0.5, cutoff = 1.0");
    EXPECT_THROW(HeomMethod().validate(read_run_toml(sub_ohmic, "run.toml")), ModelError);
    // An ohmic bath fitted with one damped oscillation: ~8 % of C(0), refused at fit_tolerance 1e-3.
    std::string ohmic = one_spin_run("heom", "fit_terms = 1", "exchange", "0.1");
    ohmic = replace_all(ohmic, "kind = \"drude_lorentz\", reorganisation = 0.1, cutoff = 1.0",
                        "kind = \"ohmic\", alpha = 0.1, cutoff = 1.0");
    try {
        HeomMethod().validate(read_run_toml(ohmic, "run.toml"));
        ADD_FAILURE() << "a fit off by ~8 % was accepted";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("fit_tolerance"), std::string::npos) << e.what();
    }
    EXPECT_THROW(HeomMethod().validate(read_run_toml(one_spin_run("heom", "", "exchange", "0.1", "0.0"), "run.toml")),
                 ModelError);
}

// ---- baths fitted by damped oscillations (model/bath/fitted_correlation.hpp) ----------------

namespace {

// one_spin with an ohmic bath J = αω e^{−ω/5} instead of the Drude–Lorentz one.
std::string ohmic_run(const std::string& method, const std::string& heom, const std::string& kind,
                      const std::string& alpha) {
    return replace_all(one_spin_run(method, heom, kind, "0.0"),
                       "kind = \"drude_lorentz\", reorganisation = 0.0, cutoff = 1.0",
                       "kind = \"ohmic\", alpha = " + alpha + ", cutoff = 5.0");
}

}  // namespace

// Pure dephasing through a fitted ohmic bath: HEOM is exact for the fitted C(t), so its distance to
// the analytic method (exact for the true C(t), by quadrature) measures the fit alone. With fit
// error ε = max|ΔC|/C(0), |ΔRe G(t)| ≤ ∫_0^t (t − τ)|ΔC_R| dτ ≤ ε C(0) t²/2 while the coherence
// 0.6 e^{−Re G} moves by ≤ 0.6|ΔRe G|; the measured distance is far below this bound (the fit's
// errors oscillate and the terminator fixes ∫C), so the test asserts the bound / 10 and that a
// better fit (more terms) comes closer.
TEST(HeomMethod, FittedOhmicPureDephasingMatchesTheAnalyticMethod) {
    const auto analytic = run_toml(ohmic_run("analytic", "", "conserving", "0.01"));
    double previous = HUGE_VAL;
    for (const int k : {4, 5}) {
        const std::string keys = "depth = 3\nfit_terms = " + std::to_string(k) + "\nconvergence_check = \"none\"";
        const auto heom = run_toml(ohmic_run("heom", keys, "conserving", "0.01"));
        const double difference = largest_difference(heom, analytic, spin0);
        const double error = std::stod(heom.notes.at("heom.fit_error"));
        const double c0 = sampled_correlation(PowerLawDensity(0.01, 1.0, 5.0, 1), 1.0, {0.0}).front().real();
        std::cout << "fitted ohmic pure dephasing, K = " << k << ": fit error " << error << ", |HEOM − analytic| = "
                  << difference << " (bound " << 0.6 * error * c0 * 18.0 << ")\n";
        EXPECT_LT(difference, 0.1 * 0.6 * error * c0 * 18.0);
        EXPECT_LT(difference, previous);
        previous = difference;
    }
    const double x = analytic.series.column_values("sx_0").back(), y = analytic.series.column_values("sy_0").back();
    EXPECT_LT(std::hypot(x, y), 0.6 - 1e-2);  // the coherence decays
}

// Weak coupling, S^x coupling (relaxation and dephasing) to a fitted ohmic bath: HEOM tends to the
// Bloch–Redfield equation linearly in α. Bloch–Redfield has the rates and shifts to O(α) but is
// Markovian: it misses the initial slip (the bath's memory over the correlation time ~1/ω_c), an
// O(α) = O(g²) offset of the trajectory — so the distance halves with α (measured 8.28e-4 at α = 0.008,
// 4.15e-4 at 0.004: ratio 0.50; asserted in [0.4, 0.6]), while an O(α²) error would quarter.
TEST(HeomMethod, FittedOhmicWeakCouplingTendsToBlochRedfield) {
    std::vector<double> distance;
    for (const std::string alpha : {"0.008", "0.004"}) {
        const auto heom = run_toml(ohmic_run("heom", "depth = 3\nfit_terms = 4\nconvergence_check = \"none\"",
                                             "exchange", alpha));
        const auto redfield = run_toml(ohmic_run("redfield", "generator = \"bloch_redfield\"", "exchange", alpha));
        distance.push_back(largest_difference(heom, redfield, spin0));
        std::cout << "fitted ohmic, S^x coupling, alpha = " << alpha << ": |HEOM − Bloch–Redfield| = "
                  << distance.back() << '\n';
    }
    EXPECT_GT(distance[1] / distance[0], 0.4);
    EXPECT_LT(distance[1] / distance[0], 0.6);
    EXPECT_LT(distance[0], 5e-3);
}

// ---- rates at weak coupling: what docs/validation/heom_second_order.md's first 4 % offset was ----------------

namespace {

// Seed 000's single spin, H = −S^z (ω = 1), exchange (S^x) and energy-conserving (S^z) couplings of strength
// g to two baths with the ohmic form factor J = π·0.05·ω e^{−2ω}, T = 0.5; start along +x, t ∈ [0, 40].
std::string seed000_spin(const std::string& method, const std::string& keys, const std::string& g) {
    std::string s = "[method]\nname = \"" + method + "\"\nrtol = 1e-8\natol = 1e-10\n" + keys +
                    "\n[spins]\nfrequency = 1.0\ncount = 1\n[hamiltonian]\nzeeman = \"-\"\n";
    for (const std::string kind : {"exchange", "conserving"})
        s += "[[bath]]\nname = \"" + kind +
             "\"\ntemperature = 0.5\nspectral_density = { kind = \"form_factor\", n = 0, m = 1, angular_integral = 0.05 }\n"
             "[[coupling]]\nbath = \"" + kind + "\"\nkind = \"" + kind + "\"\nstrength = " + g + "\n";
    return s + "[initial]\nkind = \"product\"\nbloch = [[0.95, 0, 0]]\n[time]\nstop = 40.0\npoints = 161\n"
               "[output]\nobservables = [\"spins\"]\nplot = false\n";
}

// Slope of y against x by least squares over the rows with t in [from, to].
double slope(const std::vector<double>& t, const std::vector<double>& x, const std::vector<double>& y, double from,
             double to) {
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t r = 0; r < t.size(); ++r)
        if (t[r] >= from && t[r] <= to) {
            n += 1;
            sx += x[r];
            sy += y[r];
            sxx += x[r] * x[r];
            sxy += x[r] * y[r];
        }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

struct Rates {
    double t1, t2;
};

// T1 from the Bloch component z = ⟨σ^z⟩ (the `spins` columns are σ, not S = σ/2: equilibrium
// z_eq = tanh(βω/2) = tanh 1), ln(z_eq − z) linear in t over [10, 40] (after the initial slip).
// T2 from |⟨σ^+⟩| over [20, 40] with the ohmic bath's logarithm removed: for the S^z coupling the
// decoherence function is g²∫_0^t (t − u)C_R(u)du → g²[T J̃(0) t/2 − (2T J̃(0)/π) ln t + const] (C_R's tail
// (2T J̃(0)/π)/(4 + t²) for this J), so ln|⟨σ^+⟩| − (2g²T J̃(0)/π) ln t = const − t/T2 to second order;
// 2T J̃(0)/π = 2·0.5·π·0.05/π = 0.05. A Markovian equation has no such term.
Rates rates(const RunResult& r, double g, bool ohmic_log) {
    const auto& t = r.series.time;
    const auto z = r.series.column_values("sz_0");
    const auto x = r.series.column_values("sx_0"), y = r.series.column_values("sy_0");
    std::vector<double> lz, lc;
    for (std::size_t i = 0; i < t.size(); ++i) {
        lz.push_back(std::log(std::tanh(1.0) - z[i]));
        lc.push_back(std::log(std::hypot(x[i], y[i])) - (ohmic_log && t[i] > 0 ? 0.05 * g * g * std::log(t[i]) : 0.0));
    }
    return {-1.0 / slope(t, t, lz, 10.0, 40.0), -1.0 / slope(t, t, lc, 20.0, 40.0)};
}

}  // namespace

// HEOM's T1 and T2 at weak coupling equal Davies' (the second-order rates are exact to O(g²) relative).
// The first HEOM validation found both 4 % longer at every g: its T1 fit took ⟨S^z⟩'s equilibrium ½tanh for
// the σ-valued column (a factor 2), and its T2 fit missed the ohmic logarithm above — an effect of the
// bath's algebraic memory that makes any finite-window T2 longer by ≈ 2g²TJ̃(0)/(π t) × T2 (4 % at t ≈ 30), not
// a fit error (the fitted spectrum at ω = ±1 is right to 4e-4, FittedCorrelation.SpectrumAtTheSpinFrequency).
// Measured at g = 0.5, depth 2 (this test): T1 573.20 vs 573.21, T2 93.61 vs 93.55 (depth 3: 573.14, 93.56);
// asserted to 2e-3 (the O(g²) relative corrections and depth 2's error are ≤ 1e-3 here; the old extraction was
// off by 4e-2).
TEST(HeomMethod, FittedSeed000RatesAtWeakCouplingMatchDavies) {
    const double g = 0.5;
    const auto heom = run_toml(seed000_spin("heom", "depth = 2\nfit_terms = 4\nconvergence_check = \"none\"", "0.5"));
    const auto davies = run_toml(seed000_spin("redfield", "generator = \"davies\"", "0.5"));
    const Rates h = rates(heom, g, true), d = rates(davies, g, false);
    // Davies in closed form: 1/T1 = (g²/4)(γ(1) + γ(−1))·… is checked by the redfield tests; here only the ratio.
    std::cout << "seed 000 spin, g = 0.5: HEOM T1 " << h.t1 << " T2 " << h.t2 << "; Davies T1 " << d.t1 << " T2 " << d.t2
              << "; fit spectrum error " << heom.notes.at("heom.fit_spectrum_error") << " (Bohr), "
              << heom.notes.at("heom.fit_spectrum_error_zero") << " (0)\n";
    EXPECT_NEAR(h.t1 / d.t1, 1.0, 2e-3);
    EXPECT_NEAR(h.t2 / d.t2, 1.0, 2e-3);
    EXPECT_LT(std::stod(heom.notes.at("heom.fit_spectrum_error")), 1e-3);
}
