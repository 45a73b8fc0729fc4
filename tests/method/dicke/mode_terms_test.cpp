// Spin–mode terms in run files (docs/config.md "Mode operators", model/spin_mode_polynomial.hpp)
// on the dicke method's cavity path: the reader's forms, seed 002's [cavity] coupling against
// the same model written as terms (same numbers), the initial mode states and thermal pumping.
#include <gtest/gtest.h>

#include <cmath>

#include "config/test_support.hpp"
#include "method/dicke/dicke_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"

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
