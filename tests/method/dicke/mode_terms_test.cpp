// Spin–mode terms in run files (docs/config.md "Mode operators", model/spin_mode_polynomial.hpp)
// on the dicke method's cavity path: the reader's forms, seed 002's [cavity] coupling against
// the same model written as terms (same numbers), the initial mode states and thermal pumping.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "config/test_support.hpp"
#include "method/dicke/dicke_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"
#include "reference/reference_csv.hpp"

namespace openspins::testing {
namespace {

const std::string dicke_head = "[method]\nname = \"dicke\"\n[spins]\ncount = 3\n";

TEST(ModeTerms, ReaderKeepsTheSpinModeForms) {
    const RunSpec spec = read_run_toml(dicke_head + R"(
[[hamiltonian.term]]
expr = "(a + ad)*Jx"
strength = 0.4
[[hamiltonian.term]]
expr = "Jz"
[[channel]]
kind = "custom"
operator = "a*Jz"
rate = 0.2
[cavity]
n_max = 5
initial = "coherent"
alpha = [0.5, -0.25]
thermal_occupation = 0.1
loss = 0.3
[time]
stop = 1
)",
                                       "run.toml");
    ASSERT_TRUE(spec.model.hamiltonian[0].mode);
    EXPECT_FALSE(spec.model.hamiltonian[0].collective);
    EXPECT_FALSE(spec.model.hamiltonian[0].mode->conserves_excitations());
    EXPECT_FALSE(spec.model.hamiltonian[1].mode);
    EXPECT_TRUE(spec.model.hamiltonian[1].collective);
    ASSERT_TRUE(spec.model.channels[0].mode);
    EXPECT_TRUE(spec.model.has_mode_terms());
    EXPECT_EQ(spec.model.cavity->coupling, 0.0);  // optional once a term has mode operators
    EXPECT_EQ(spec.model.cavity->initial, Cavity::Initial::coherent);
    EXPECT_EQ(spec.model.cavity->alpha, std::complex<double>(0.5, -0.25));
    const auto jumps = spec.model.mode_jumps();
    ASSERT_EQ(jumps.size(), 3u);  // κ(n̄+1) a, κ n̄ a†, the custom a Jz
    EXPECT_DOUBLE_EQ(jumps[0].rate, 0.3 * 1.1);
    EXPECT_DOUBLE_EQ(jumps[1].rate, 0.3 * 0.1);
    EXPECT_DOUBLE_EQ(jumps[2].rate, 0.2);
}

TEST(ModeTerms, BadInputIsLocated) {
    const std::string time = "[time]\nstop = 1\n";
    // Line numbers: dicke_head has 4 lines.
    EXPECT_TRUE(fails_at(dicke_head + "[[hamiltonian.term]]\nexpr = \"n*Jz\"\n" + time, 6, "hamiltonian.term[0].expr",
                         "no [cavity] table"));
    EXPECT_TRUE(fails_at(dicke_head + "[[hamiltonian.term]]\nexpr = \"a*Jp\"\n[cavity]\nn_max = 3\n" + time, 6,
                         "hamiltonian.term[0].expr", "not Hermitian"));
    EXPECT_TRUE(fails_at(dicke_head + "[[hamiltonian.term]]\nexpr = \"1j*(a + ad)*Jx\"\n[cavity]\nn_max = 3\n" + time,
                         6, "hamiltonian.term[0].expr", "not Hermitian"));
    EXPECT_TRUE(fails_at(base("[[hamiltonian.term]]\nexpr = \"(a + ad)*Jx\"\n"), 9, "hamiltonian.term[0].expr",
                         "method \"dicke\""));
    EXPECT_TRUE(
        fails_at(dicke_head + "[cavity]\nn_max = 6\ncoupling = 1\ninitial = \"thermal\"\nn_thermal = 2\n" + time, 8,
                 "cavity.initial", "increase n_max"));
    EXPECT_TRUE(fails_at(dicke_head + "[cavity]\nn_max = 6\ncoupling = 1\nfock = 2\n" + time, 8, "cavity.fock",
                         "initial = \"fock\""));
    EXPECT_TRUE(fails_at(dicke_head + "[cavity]\nn_max = 6\ncoupling = 1\ninitial = \"fock\"\nfock = 7\n" + time, 9,
                         "cavity.fock", "≤ 6"));
    EXPECT_TRUE(fails_at(dicke_head + "[cavity]\nn_max = 6\ncoupling = 1\ninitial = \"coherent\"\nalpha = [1]\n" + time,
                         9, "cavity.alpha", "2 entries"));
}

// Seed 002's coupling as [cavity] keys and as the terms "n" (δ) + "1j*ad*Jm - 1j*a*Jp" (g): the
// same generator, so the same numbers up to the order of floating-point sums.
TEST(ModeTerms, SeedTwoCavityKeysEqualTheSameTerms) {
    const std::string common = R"([spins]
count = 4
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[hamiltonian.drive]]
omega_x = 0.3
[[channel]]
kind = "emission"
rate = 0.1
[[channel]]
kind = "collective_dephasing"
rate = 0.05
[initial]
kind = "product"
bloch = [0.6, 0.0, 0.8]
[time]
stop = 3.0
points = 16
[output]
observables = ["Jx", "Jy", "Jz", "J2", "purity"]
)";
    const RunResult keys =
        run_with("dicke", common + "[cavity]\nn_max = 6\ndetuning = 1.3\ncoupling = 0.4\nloss = 0.7\n");
    const RunResult terms = run_with("dicke", common + R"([[hamiltonian.term]]
expr = "n"
strength = 1.3
[[hamiltonian.term]]
expr = "1j*ad*Jm - 1j*a*Jp"
strength = 0.4
[cavity]
n_max = 6
loss = 0.7
)");
    ASSERT_EQ(keys.series.columns, terms.series.columns);
    double worst = 0.0;
    for (const auto& c : keys.series.columns) {
        const auto x = keys.series.column_values(c), y = terms.series.column_values(c);
        for (std::size_t r = 0; r < x.size(); ++r) worst = std::max(worst, std::abs(x[r] - y[r]));
    }
    EXPECT_LT(worst, 1e-12);
    EXPECT_GT(keys.series.column_values("photons").back(), 1e-3);  // the mode took part
}

// Thermal pumping alone relaxes the mode to ⟨a†a⟩ = n̄_b: d⟨a†a⟩/dt = −κ(⟨a†a⟩ − n̄_b), so from a
// Fock state n0, ⟨a†a⟩ = n̄_b + (n0 − n̄_b) e^{−κt} (exact also in the truncation while the top
// level stays empty: checked against the guard's 1e-3 by the tolerance 1e-6).
TEST(ModeTerms, ThermalPumpingRelaxesTheModeToItsOccupation) {
    const RunResult r = run_with("dicke", R"([spins]
count = 2
[cavity]
n_max = 16
coupling = 0.0
loss = 0.5
thermal_occupation = 0.3
initial = "fock"
fock = 2
[time]
stop = 4.0
points = 9
)");
    const auto photons = r.series.column_values("photons");
    for (std::size_t k = 0; k < r.series.rows(); ++k) {
        const double t = r.series.time[k];
        EXPECT_NEAR(photons[k], 0.3 + (2.0 - 0.3) * std::exp(-0.5 * t), 1e-6) << t;
    }
}

}  // namespace
}  // namespace openspins::testing

namespace openspins::testing {
namespace {

namespace fs = std::filesystem;

// Every tests/data/mode_*.toml against QuTiP's mesolve on the explicit 2^N ⊗ (n_max+1) space
// (tests/reference/make_mode_references.py, rtol 1e-10): both sides integrate to ~1e-10, so
// 1e-7 relative to max(1, |value|) leaves room for the integrators while a wrong coefficient,
// sign or ordering (a a† vs a† a) shows at 1e-3 and above. Covers RWA and counter-rotating
// terms, energy-conserving terms, loss, thermal pumping, a custom spin–mode jump, each initial
// mode state, the pure-state path (unitary cases) and the density-matrix path — the latter by the
// Chebyshev propagator, which `auto` takes there (no pulses), and by CVODE Adams named explicitly.
TEST(ModeTerms, AgreeWithQutipOnTheExplicitSpinsTimesModeSpace) {
    const fs::path data = fs::path(OPENSPINS_SOURCE_DIR) / "tests" / "data";
    int cases = 0, chebyshev = 0;
    for (const auto& entry : fs::directory_iterator(data)) {
        const auto name = entry.path().filename().string();
        if (name.rfind("mode_", 0) != 0 || entry.path().extension() != ".toml") continue;
        ++cases;
        RunSpec spec = read_run_file(entry.path().string());
        const auto reference = test::read_reference_csv(fs::path(entry.path()).replace_extension(".csv"));
        for (const std::string integrator : {"auto", "adams"}) {
            spec.solver.integrator = integrator;
            const RunResult result = make_method("dicke")->run(spec, {});
            if (result.notes.count("integrator") == 0 || result.notes.at("integrator") == "lanczos") {
                if (integrator == "adams") continue;  // the pure-state path takes no integrator
            }
            chebyshev += integrator == "auto" && result.notes.count("integrator") &&
                         result.notes.at("integrator") == "chebyshev";
            ASSERT_EQ(result.series.rows(), reference.rows.size()) << name;
            double worst = 0.0;
            for (std::size_t c = 1; c < reference.columns.size(); ++c) {
                const auto ours = result.series.column_values(reference.columns[c]);
                ASSERT_EQ(ours.size(), reference.rows.size()) << name << " " << reference.columns[c];
                for (std::size_t r = 0; r < reference.rows.size(); ++r) {
                    const double ref = reference.rows[r][c];
                    worst = std::max(worst, std::abs(ours[r] - ref) / std::max(1.0, std::abs(ref)));
                }
            }
            std::printf("%s: largest relative difference %.2e (%s, %s)\n", name.c_str(), worst,
                        result.notes.at("dicke_storage").c_str(),
                        result.notes.count("integrator") ? result.notes.at("integrator").c_str() : "?");
            EXPECT_LE(worst, 1e-7) << name << " " << integrator;
        }
    }
    EXPECT_GE(cases, 4);
    EXPECT_GE(chebyshev, 2);  // the lossy cases
}

// H = ω a†a + χ a†a Jz + g (a + a†) Jz keeps every m; at fixed m the mode is an oscillator of
// frequency ω_m = ω + χm pushed by g m, so ȧ = −i(ω_m a + g m) and
//   ⟨a(t)⟩ = Σ_m P(m) [α e^{−iω_m t} − (g m/ω_m)(1 − e^{−iω_m t})],
// P(m) the binomial weights of the product state (p_↑ = (1 + z)/2 per spin). Truncation
// (n_max = 16 for |α|² = 0.64 and displacements ≤ 0.3) and tolerances: 1e-7.
TEST(ModeTerms, EnergyConservingTermsFollowTheirClosedForm) {
    const int n = 6;
    const double omega = 1.0, chi = 0.2, g = 0.15, z = 0.8;
    const std::complex<double> alpha{0.8, 0.0};
    const RunResult r = run_with("dicke", R"([spins]
count = 6
[[hamiltonian.term]]
expr = "n"
strength = 1.0
[[hamiltonian.term]]
expr = "n*Jz"
strength = 0.2
[[hamiltonian.term]]
expr = "(a + ad)*Jz"
strength = 0.15
[cavity]
n_max = 16
initial = "coherent"
alpha = [0.8, 0.0]
observables = ["a"]
[initial]
kind = "product"
bloch = [0.6, 0.0, 0.8]
[time]
stop = 6.0
points = 13
[output]
observables = ["Jz"]
)");
    const auto re = r.series.column_values("a_re"), im = r.series.column_values("a_im");
    const auto jz = r.series.column_values("Jz");
    const double up = 0.5 * (1.0 + z);
    for (std::size_t k = 0; k < r.series.rows(); ++k) {
        const double t = r.series.time[k];
        std::complex<double> expected = 0.0;
        for (int down = 0; down <= n; ++down) {
            const double m = 0.5 * n - down;
            const double p = std::tgamma(n + 1.0) / (std::tgamma(down + 1.0) * std::tgamma(n - down + 1.0)) *
                             std::pow(up, n - down) * std::pow(1.0 - up, down);
            const double w = omega + chi * m;
            const std::complex<double> phase = std::exp(std::complex<double>{0.0, -w * t});
            expected += p * (alpha * phase - (g * m / w) * (1.0 - phase));
        }
        EXPECT_NEAR(re[k], expected.real(), 1e-7) << t;
        EXPECT_NEAR(im[k], expected.imag(), 1e-7) << t;
        EXPECT_NEAR(jz[k], 0.5 * n * z, 1e-8) << "m is conserved";
    }
}

// The excitation number a†a + Jz is conserved by Jz, a†a and the RWA coupling, and is not by
// the counter-rotating pair (which the block structure must then allow to change).
TEST(ModeTerms, ExcitationNumberIsConservedExactlyWhenItMustBe) {
    const auto run = [](const std::string& coupling) {
        return run_with("dicke", R"([spins]
count = 4
[[hamiltonian.term]]
expr = "Jz"
strength = 1.0
[[hamiltonian.term]]
expr = "n"
strength = 0.9
[[hamiltonian.term]]
expr = ")" + coupling + R"("
strength = 0.25
[cavity]
n_max = 20
initial = "coherent"
alpha = [0.5, 0.5]
[time]
stop = 5.0
points = 11
[output]
observables = ["Jz"]
)");
    };
    const RunResult rwa = run("ad*Jm + a*Jp"), full = run("(a + ad)*Jx");
    const double start = 2.0 + 0.5;  // Jz = N/2 from all up, ⟨a†a⟩ = |α|²
    double largest_change_rwa = 0.0, largest_change_full = 0.0;
    for (std::size_t k = 0; k < rwa.series.rows(); ++k) {
        largest_change_rwa = std::max(largest_change_rwa, std::abs(rwa.series.column_values("Jz")[k] +
                                                                   rwa.series.column_values("photons")[k] - start));
        largest_change_full = std::max(largest_change_full, std::abs(full.series.column_values("Jz")[k] +
                                                                     full.series.column_values("photons")[k] - start));
    }
    EXPECT_LT(largest_change_rwa, 1e-8);
    EXPECT_GT(largest_change_full, 1e-2);
}

// The pure-state path (Lanczos exponential, taken whenever nothing dissipates) against the density
// path with CVODE (`propagator = "integrator"`), both at rtol 1e-11: a thermal spin state and a
// thermal field (many members), counter-rotating terms. 1e-8: the density path's CVODE accuracy.
TEST(ModeTerms, PureStatePathAgreesWithTheDensityPath) {
    const std::string text = R"([spins]
count = 5
[[hamiltonian.term]]
expr = "Jz"
strength = 1.0
[[hamiltonian.term]]
expr = "n"
strength = 0.9
[[hamiltonian.term]]
expr = "(a + ad)*Jx"
strength = 0.4
[initial]
kind = "thermal"
temperature = 1.5
[cavity]
n_max = 10
initial = "thermal"
n_thermal = 0.3
observables = ["a", "x"]
[time]
stop = 4.0
points = 9
[output]
observables = ["Jx", "Jy", "Jz", "J2", "purity", "trace"]
)";
    const RunResult pure = run_with("dicke", text), density = run_with("dicke", text, "propagator = \"integrator\"\n");
    EXPECT_EQ(pure.notes.at("integrator"), "lanczos");
    EXPECT_NE(density.notes.at("integrator"), "lanczos");
    EXPECT_LT(largest_difference(pure, density), 1e-8);
    EXPECT_GT(pure.series.column_values("photons").back(), 0.35);  // the coupling acted
}

// A long unitary run at N = 40 (t ∈ [0, 200], 201 rows): the Lanczos steps keep Tr ρ = ‖ψ‖² to
// rounding (asserted 1e-12: ~1e-15 per step, plus the rounding of Tr over 451 amplitudes) (CVODE Adams drifted by 1e-6
// by t ≈ 11 in the N = 40 Dicke model at rtol 1e-10), and under the RWA coupling a†a + Jz is conserved; both asserted
// at every row. The mode is detuned (ω = 1.5, ω₀ = 1) so the field driven by the precessing ⟨Jx⟩ stays bounded within
// n_max = 10.
TEST(ModeTerms, PureStatePathKeepsTheNormOverALongRun) {
    const auto run = [](const std::string& coupling) {
        return run_with("dicke", R"([spins]
count = 40
[[hamiltonian.term]]
expr = "Jz"
strength = 1.0
[[hamiltonian.term]]
expr = "n"
strength = 1.5
[[hamiltonian.term]]
expr = ")" + coupling + R"("
strength = 0.02
[initial]
kind = "product"
bloch = [0.6, 0.0, -0.8]
[cavity]
n_max = 10
[time]
stop = 200.0
points = 201
[output]
observables = ["Jz", "trace"]
)");
    };
    for (const std::string coupling : {"(a + ad)*Jx", "ad*Jm + a*Jp"}) {
        const RunResult r = run(coupling);
        double norm = 0.0, excitations = 0.0;
        const auto trace = r.series.column_values("trace"), jz = r.series.column_values("Jz"),
                   photons = r.series.column_values("photons");
        for (std::size_t k = 0; k < r.series.rows(); ++k) {
            norm = std::max(norm, std::abs(trace[k] - 1.0));
            excitations = std::max(excitations, std::abs(jz[k] + photons[k] - jz[0] - photons[0]));
        }
        EXPECT_LT(norm, 1e-12) << coupling;
        if (coupling == "ad*Jm + a*Jp") {
            EXPECT_LT(excitations, 1e-9);
        }
        EXPECT_GT(*std::max_element(photons.begin(), photons.end()), 0.05) << coupling;
    }
}

}  // namespace
}  // namespace openspins::testing
