// The parity blocks of the cavity density path (method/dicke/cavity_parity.hpp, CavityLayout): the integrator
// holds only the entries of equal parity (−1)^{n+k} of row and column when every Hamiltonian term keeps it, every
// jump keeps or flips it, no local channel or pulse acts and the initial state has no coherence between the
// parities.
//  * which operators keep, flip or mix the parity (from their monomials);
//  * the parity-block path against the full-block path (run_with_cavity(…, false)) on the same file at rtol
//    1e-11: counter-rotating and RWA couplings, loss with thermal pumping, a thermal field, collective dephasing
//    (a jump that keeps Π), collective emission and a custom a·Jz (jumps that flip it), a custom a†a; the RWA
//    model from a Dicke state and a Fock field through CVODE (its watch reads the parity packing); a steady state.
//    Both sides solve the same equations to ~1e-11, so 1e-10 relative to max(1, |value|) — a dropped or
//    misplaced entry of the parity packing shows at 1e-3 and above;
//  * models that break the parity (a drive a + a†, a transverse spin field Jx, (a + a†)Jz, a coherent field, a
//    pulse, a local channel, a jump a + Jz that mixes) keep the full blocks and say why; two of them against the
//    closed form of a driven damped oscillator;
//  * a run interrupted after its checkpoint resumes to the uninterrupted run's rows bit for bit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <complex>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "method/dicke/dicke_test_support.hpp"
#include "openspins/method/checkpoint.hpp"
#include "openspins/method/dicke/cavity_parity.hpp"
#include "openspins/method/dicke/cavity_run.hpp"

namespace openspins::testing {
namespace {

using dicke::ParityChange;
using dicke::parity_change;

SpinModePolynomial a() { return SpinModePolynomial::mode(0, 1); }
SpinModePolynomial ad() { return SpinModePolynomial::mode(1, 0); }
SpinModePolynomial spin(CollectiveLetter l) { return SpinModePolynomial::spins_only(CollectivePolynomial::letter(l)); }

TEST(CavityParity, TermsKeepFlipOrMixTheParity) {
    using L = CollectiveLetter;
    EXPECT_EQ(parity_change((a() + ad()) * spin(L::Jx)), ParityChange::keeps);               // Dicke coupling
    EXPECT_EQ(parity_change((a() + ad()) * spin(L::Jy)), ParityChange::keeps);
    EXPECT_EQ(parity_change(ad() * spin(L::Jm) + a() * spin(L::Jp)), ParityChange::keeps);  // RWA
    EXPECT_EQ(parity_change(ad() * spin(L::Jp) + a() * spin(L::Jm)), ParityChange::keeps);  // counter-rotating
    EXPECT_EQ(parity_change(ad() * a()), ParityChange::keeps);
    EXPECT_EQ(parity_change(spin(L::Jz) * spin(L::Jz) + spin(L::J2) + spin(L::Jx) * spin(L::Jx)), ParityChange::keeps);
    EXPECT_EQ(parity_change(a()), ParityChange::flips);
    EXPECT_EQ(parity_change(a() + ad()), ParityChange::flips);
    EXPECT_EQ(parity_change((a() + ad()) * spin(L::Jz)), ParityChange::flips);
    EXPECT_EQ(parity_change(a() * spin(L::Jz) + spin(L::Jm)), ParityChange::flips);
    EXPECT_EQ(parity_change(spin(L::Jx)), ParityChange::flips);
    EXPECT_EQ(parity_change(a() + spin(L::Jz)), ParityChange::mixes);
    EXPECT_EQ(parity_change(ad() * spin(L::Jm) + a() * spin(L::Jz)), ParityChange::mixes);
    EXPECT_EQ(parity_change(SpinModePolynomial{}), ParityChange::keeps);
}

// Every column of both runs, relative to max(1, |value|).
double largest_relative_difference(const RunResult& x, const RunResult& y) {
    EXPECT_EQ(x.series.columns, y.series.columns);
    EXPECT_EQ(x.series.rows(), y.series.rows());
    double worst = 0.0;
    for (std::size_t r = 0; r < std::min(x.series.rows(), y.series.rows()); ++r)
        for (std::size_t c = 0; c < x.series.columns.size(); ++c) {
            const double u = x.series.values[r][c], v = y.series.values[r][c];
            worst = std::max(worst, std::abs(u - v) / std::max(1.0, std::abs(v)));
        }
    std::printf("parity blocks against full blocks: largest relative difference %.2e\n", worst);
    return worst;
}

const std::string counter_rotating = R"([method]
name = "dicke"
rtol = 1e-11
atol = 1e-13
[spins]
count = 6
[[hamiltonian.term]]
expr = "Jz"
[[hamiltonian.term]]
expr = "n"
strength = 0.9
[[hamiltonian.term]]
expr = "(a + ad)*Jx"
strength = 0.35
[[hamiltonian.term]]
expr = "ad*Jm + a*Jp"
strength = 0.1
[[hamiltonian.term]]
expr = "0.1*Jz*Jz + 0.2*n*Jz"
[[channel]]
kind = "collective_dephasing"
rate = 0.15
[[channel]]
kind = "collective_emission"
rate = 0.05
[[channel]]
kind = "custom"
operator = "a*Jz"
rate = 0.04
[[channel]]
kind = "custom"
operator = "n"
rate = 0.03
[cavity]
n_max = 12
loss = 0.6
thermal_occupation = 0.2
initial = "thermal"
n_thermal = 0.3
observables = ["a", "x", "fock", "emitted"]
[initial]
kind = "all_up"
[time]
stop = 5.0
points = 21
[output]
observables = ["Jx", "Jy", "Jz", "J2", "JpJm", "purity"]
)";

TEST(CavityParity, AgreesWithTheFullBlocksWithCounterRotatingTermsLossPumpingAndDephasing) {
    const RunSpec spec = read_run_toml(counter_rotating, "parity.toml");
    const RunResult parity = dicke::run_with_cavity(spec, {}, true);
    const RunResult full = dicke::run_with_cavity(spec, {}, false);
    EXPECT_EQ(parity.notes.at("dicke_storage"), "parity blocks with a cavity mode");
    EXPECT_EQ(full.notes.at("dicke_storage"), "full blocks with a cavity mode");
    EXPECT_EQ(parity.notes.at("integrator"), "chebyshev");
    EXPECT_NE(parity.stats.storage.find("parity blocks: the integrator holds"), std::string::npos) << parity.stats.storage;
    EXPECT_LE(largest_relative_difference(parity, full), 1e-10);
    // Something happened: the spins left all up, photons came and went, the dephasing mixed the spins.
    EXPECT_LT(parity.series.column_values("Jz").back(), 2.5);
    EXPECT_GT(parity.series.column_values("emitted_mode").back(), 0.1);
    EXPECT_LT(parity.series.column_values("purity").back(), 0.9);
}

TEST(CavityParity, AgreesWithTheFullBlocksUnderRwaFromADickeStateAndAFockField) {
    // CVODE (Adams) on the parity packing: its truncation watch reads the top Fock level there.
    const RunSpec spec = read_run_toml(R"([method]
name = "dicke"
integrator = "adams"
rtol = 1e-11
atol = 1e-13
[spins]
count = 5
[[hamiltonian.term]]
expr = "Jz + 1.2*n"
[[hamiltonian.term]]
expr = "ad*Jm + a*Jp"
strength = 0.4
[[channel]]
kind = "collective_dephasing"
rate = 0.1
[cavity]
n_max = 7
loss = 0.3
initial = "fock"
fock = 2
observables = ["a", "fock"]
[initial]
kind = "dicke"
j = 1.5
m = 0.5
[time]
stop = 4.0
points = 17
[output]
observables = ["Jx", "Jz", "J2", "JpJm"]
)",
                                       "rwa.toml");
    const RunResult parity = dicke::run_with_cavity(spec, {}, true);
    const RunResult full = dicke::run_with_cavity(spec, {}, false);
    EXPECT_EQ(parity.notes.at("dicke_storage"), "parity blocks with a cavity mode");
    EXPECT_EQ(parity.notes.at("integrator"), "adams");
    EXPECT_LE(largest_relative_difference(parity, full), 1e-10);
    EXPECT_GT(parity.series.column_values("photons").front(), 1.99);
}

TEST(CavityParity, SteadyStateOnTheParityBlocks) {
    const RunSpec spec = read_run_toml(R"([method]
name = "dicke"
steady_state = true
steady_state_tolerance = 1e-12
[spins]
count = 4
[[hamiltonian.term]]
expr = "Jz + n + 0.3*(a + ad)*Jx"
[[channel]]
kind = "collective_emission"
rate = 0.2
[cavity]
n_max = 8
loss = 0.7
thermal_occupation = 0.3
[time]
stop = 1.0
points = 2
[output]
observables = ["Jz", "J2"]
)",
                                       "steady.toml");
    const RunResult parity = dicke::run_with_cavity(spec, {}, true);
    const RunResult full = dicke::run_with_cavity(spec, {}, false);
    EXPECT_EQ(parity.notes.at("dicke_storage"), "parity blocks with a cavity mode");
    ASSERT_TRUE(parity.steady_state && full.steady_state);
    for (std::size_t c = 0; c < parity.steady_state->size(); ++c)
        EXPECT_NEAR((*parity.steady_state)[c], (*full.steady_state)[c], 1e-9) << parity.series.columns[c];
}

// H = ω a†a + F(a + a†) (and spins that do nothing), loss κ, field α0 at t = 0: the field stays coherent with
// α(t) = α0 e^{−zt} − (iF/z)(1 − e^{−zt}), z = iω + κ/2; ⟨a†a⟩ = |α|².
void expect_driven_damped_oscillator(const RunResult& r, double omega, double drive, double kappa, std::complex<double> alpha0) {
    const auto re = r.series.column_values("a_re"), im = r.series.column_values("a_im"), n = r.series.column_values("photons");
    const std::complex<double> z{kappa / 2, omega};
    for (std::size_t i = 0; i < r.series.rows(); ++i) {
        const double t = r.series.time[i];
        const std::complex<double> alpha =
            alpha0 * std::exp(-z * t) - std::complex<double>{0.0, drive} / z * (1.0 - std::exp(-z * t));
        EXPECT_NEAR(re[i], alpha.real(), 1e-8) << "t = " << t;
        EXPECT_NEAR(im[i], alpha.imag(), 1e-8) << "t = " << t;
        EXPECT_NEAR(n[i], std::norm(alpha), 1e-8) << "t = " << t;
    }
}

std::string oscillator(const std::string& field) {
    return R"([method]
name = "dicke"
rtol = 1e-11
atol = 1e-13
[spins]
count = 2
[[hamiltonian.term]]
expr = "Jz + n"
[[hamiltonian.term]]
expr = "a + ad"
strength = 0.3
[cavity]
n_max = 16
loss = 0.5
observables = ["a"]
)" + field + R"(
[initial]
kind = "all_down"
[time]
stop = 6.0
points = 13
[output]
observables = ["Jz"]
)";
}

TEST(CavityParity, ModelsThatBreakTheParityKeepTheFullBlocks) {
    // A drive a + a† flips Π in H: full blocks, and right (the closed form), from the vacuum and from a coherent field.
    const RunResult driven = dicke::run_with_cavity(read_run_toml(oscillator(""), "osc.toml"), {});
    EXPECT_EQ(driven.notes.at("dicke_storage"), "full blocks with a cavity mode");
    EXPECT_NE(driven.stats.storage.find("no parity blocks: the spin-mode Hamiltonian"), std::string::npos) << driven.stats.storage;
    expect_driven_damped_oscillator(driven, 1.0, 0.3, 0.5, 0.0);
    const RunResult coherent = dicke::run_with_cavity(
        read_run_toml(oscillator("initial = \"coherent\"\nalpha = [0.5, -0.2]"), "osc.toml"), {});
    EXPECT_EQ(coherent.notes.at("dicke_storage"), "full blocks with a cavity mode");
    expect_driven_damped_oscillator(coherent, 1.0, 0.3, 0.5, {0.5, -0.2});

    // Each of these alone breaks the parity blocks; `why` names it.
    const std::string base = "[method]\nname = \"dicke\"\n[spins]\ncount = 3\n[[hamiltonian.term]]\nexpr = \"Jz + n + "
                             "0.2*(a + ad)*Jx\"\n[cavity]\nn_max = 4\nloss = 0.5\n";
    const std::string time = "[time]\nstop = 1.0\n";
    const std::vector<std::pair<std::string, std::string>> breakers = {
        {base + "[[hamiltonian.term]]\nexpr = \"Jx\"\nstrength = 0.1\n" + time, "the spin Hamiltonian"},
        {base + "[[hamiltonian.term]]\nexpr = \"(a + ad)*Jz\"\nstrength = 0.1\n" + time, "the spin-mode Hamiltonian"},
        {base + "[[channel]]\nkind = \"custom\"\noperator = \"a + Jz\"\nrate = 0.1\n" + time, "neither keeps nor flips"},
        {base + "[[channel]]\nkind = \"emission\"\nrate = 0.1\n" + time, "local spin channel"},
        {base + "initial = \"coherent\"\nalpha = [0.3, 0.0]\n" + time, "coherences between the parities"},
        {base + "[[protocol]]\nevolve = 0.5\n[[protocol]]\npulse = { axis = \"x\", angle_deg = 90 }\n[[protocol]]\n"
                "evolve = 0.5\n",
         "a pulse"},
        {base + "[initial]\nkind = \"product\"\nbloch = [0.6, 0.0, 0.8]\n" + time, "coherences between the parities"},
    };
    for (const auto& [file, reason] : breakers) {
        const RunSpec spec = read_run_toml(file, "breaks.toml");
        const std::string storage = dicke::cavity_storage_description(spec);
        EXPECT_NE(storage.find("no parity blocks"), std::string::npos) << storage;
        EXPECT_NE(storage.find(reason), std::string::npos) << storage;
    }
    // The same base model from all up keeps them.
    EXPECT_NE(dicke::cavity_storage_description(read_run_toml(base + time, "keeps.toml")).find("parity blocks: the integrator"),
              std::string::npos);
}

struct Interrupted : std::runtime_error {
    Interrupted() : std::runtime_error("interrupted") {}
};

TEST(CavityParity, ResumedRunEqualsUninterruptedBitForBit) {
    const RunSpec spec = read_run_toml(counter_rotating, "resume.toml");
    const auto method = make_method("dicke");
    const RunResult reference = method->run(spec, {});
    ASSERT_EQ(reference.notes.at("dicke_storage"), "parity blocks with a cavity mode");
    const auto path = std::filesystem::temp_directory_path() / "openspins_cavity_parity_checkpoint.bin";
    remove_checkpoint(path.string());
    RunControl control;
    control.checkpoint_path = path.string();
    control.fingerprint = "cavity-parity";
    control.checkpoint_seconds = 0.0;
    control.progress = [](double fraction) {
        if (fraction > 0.6) throw Interrupted();
    };
    EXPECT_THROW(method->run(spec, control), Interrupted);
    ASSERT_TRUE(read_checkpoint(path.string(), "cavity-parity").has_value());
    control.progress = nullptr;
    const RunResult resumed = method->run(spec, control);
    EXPECT_EQ(resumed.notes.count("resumed_at_time"), 1U);
    ASSERT_EQ(resumed.series.rows(), reference.series.rows());
    for (std::size_t r = 0; r < reference.series.rows(); ++r)
        for (std::size_t c = 0; c < reference.series.columns.size(); ++c)
            EXPECT_EQ(resumed.series.values[r][c], reference.series.values[r][c])
                << reference.series.columns[c] << " at t = " << reference.series.time[r];
    remove_checkpoint(path.string());
}

}  // namespace
}  // namespace openspins::testing
