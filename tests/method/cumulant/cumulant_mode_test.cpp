// The cumulant method with a bosonic mode ([cavity]): order 1 against the hand-derived
// Maxwell–Bloch equations of the Tavis–Cummings model, the excitation number a†a + Jz conserved
// by rotating-wave terms without loss, the ground state |↓…↓⟩|0⟩ stationary, the mode alone
// exact (a linear mode has no cumulant beyond the second), and agreement with the dicke method's
// cavity path (exact up to the Fock truncation) improving with N.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "method/dicke/dicke_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/cumulant/cumulant_system.hpp"
#include "openspins/method/cumulant/moment_states.hpp"

namespace openspins::testing {
namespace {

using cplx = std::complex<double>;
using cumulant::MomentKey;

std::string spins(int n) { return "[spins]\ncount = " + std::to_string(n) + "\n"; }

Model read_model(const std::string& body) {
    return read_run_toml("[method]\nname = \"cumulant\"\n" + body, "mode.toml").model;
}

// d/dt of the variables at the moments `m` (every variable given), as a map.
std::map<MomentKey, cplx> derivative(const cumulant::CumulantSystem& system, const std::map<MomentKey, cplx>& m,
                                     const std::map<std::string, double>& scale = {}) {
    std::vector<double> y(system.real_size()), dy(system.real_size());
    system.pack(m, y.data());
    system.rhs(scale)(y.data(), dy.data());
    return system.moments(dy.data());
}

const std::string tavis_cummings = R"(
[cavity]
coupling = 0.3
detuning = 0.4
loss = 0.5
[[channel]]
kind = "emission"
rate = 0.2
[time]
stop = 1.0
)";

TEST(CumulantMode, OrderOneIsTheMaxwellBlochSystem) {
    // H = δ a†a + i g (a†J⁻ − aJ⁺), κ D[a], γ Σ D[σ⁻_i]; with α = ⟨a⟩, s = ⟨σ⁻⟩, z = ⟨σᶻ⟩ (by hand:
    // i[H, a] = −iδa + gJ⁻, D†[a](a) = −a/2; i[H, σ⁻₁] = g a σᶻ₁; i[H, σᶻ₁] = −2g(a†σ⁻₁ + aσ⁺₁)):
    //   dα/dt = −(iδ + κ/2) α + g N s
    //   ds/dt = g α z − (γ/2) s
    //   dz/dt = −2g (α* s + α s*) − γ (1 + z)
    const int n = 7;
    const double g = 0.3, delta = 0.4, kappa = 0.5, gamma = 0.2;
    const Model model = read_model(spins(n) + tavis_cummings);
    const cumulant::CumulantSystem system(model, 1);
    EXPECT_EQ(system.real_size(), 5u);
    const cplx alpha(0.7, -0.4), s(0.2, 0.15);
    const double z = -0.3;
    std::map<MomentKey, cplx> m;
    m[{0, 0, 0, 0, 1}] = alpha;
    m[{1, 0, 0}] = std::conj(s);  // the variable is ⟨σ⁺⟩ = s*
    m[{0, 0, 1}] = z;
    const auto d = derivative(system, m);
    const cplx i(0.0, 1.0);
    EXPECT_NEAR(std::abs(d.at({0, 0, 0, 0, 1}) - (-(i * delta + kappa / 2.0) * alpha + g * n * s)), 0.0, 1e-14);
    EXPECT_NEAR(std::abs(d.at({0, 1, 0}) - (g * alpha * z - gamma / 2.0 * s)), 0.0, 1e-14);
    EXPECT_NEAR(std::abs(d.at({0, 0, 1}) - (-2.0 * g * (std::conj(alpha) * s + alpha * std::conj(s)) - gamma * (1.0 + z))),
                0.0, 1e-14);
}

TEST(CumulantMode, RotatingWaveTermsConserveTheExcitationNumber) {
    // a†a + Jz commutes with δ a†a + i g (a†J⁻ − aJ⁺) + χ a†a Jz + ω Jz: conserved exactly by the
    // hierarchy, and by every closure (both sides of the balance are the same closed moments).
    // The counter-rotating (a + a†)Jx does not conserve it (checked to move).
    const std::string body = spins(12) + R"(
frequency = 0.9
[hamiltonian]
zeeman = "+"
[[hamiltonian.term]]
expr = "n*Jz"
strength = 0.05
[cavity]
coupling = 0.25
detuning = 1.1
initial = "coherent"
alpha = [1.2, 0.5]
[initial]
kind = "product"
bloch = [0.6, 0.0, 0.8]
[time]
stop = 5.0
points = 21
[output]
observables = ["Jz"]
)";
    // t ≤ 5: the first Rabi cycles, where every order follows dicke (order 3 leaves the physical
    // bounds at t ≈ 6 in this model, when the oscillations collapse, and blows up soon after:
    // docs/methods/cumulant.md, "Mode").
    for (int order : {1, 2, 3}) {
        const RunResult r = run_with("cumulant", body, "order = " + std::to_string(order) + "\n");
        const auto jz = r.series.column_values("Jz"), photons = r.series.column_values("photons");
        double drift = 0.0, moved = 0.0;
        for (std::size_t k = 0; k < jz.size(); ++k) {
            drift = std::max(drift, std::abs(jz[k] + photons[k] - jz[0] - photons[0]));
            moved = std::max(moved, std::abs(photons[k] - photons[0]));
        }
        EXPECT_LT(drift, 1e-7) << "order " << order;
        EXPECT_GT(moved, 0.5) << "order " << order;  // the excitations do move between spins and mode
    }
    std::string counter = body;
    counter.replace(counter.find("expr = \"n*Jz\""), 13, "expr = \"(a + ad)*Jx\"");
    const RunResult r = run_with("cumulant", counter, "order = 2\n");
    const auto jz = r.series.column_values("Jz"), photons = r.series.column_values("photons");
    EXPECT_GT(std::abs(jz.back() + photons.back() - jz[0] - photons[0]), 1e-2);
}

TEST(CumulantMode, GroundStateIsStationary) {
    // |↓…↓⟩|0⟩ under RWA coupling, mode loss, local and collective emission and n·Jz: every
    // derivative vanishes at every order.
    const Model model = read_model(spins(30) + R"toml(
[[hamiltonian.term]]
expr = "n*Jz + 0.2*(ad*Jm + a*Jp)"
[[channel]]
kind = "emission"
rate = 0.2
[[channel]]
kind = "collective_emission"
rate = 0.1
[cavity]
coupling = 0.3
loss = 2.0
[initial]
kind = "all_down"
[time]
stop = 1.0
)toml");
    for (int order : {1, 2, 3}) {
        const cumulant::CumulantSystem system(model, order);
        std::vector<double> y(system.real_size()), dy(system.real_size(), 1.0);
        system.pack(cumulant::initial_moments_with_mode(model.initial, model, system.variables(), order), y.data());
        system.rhs({})(y.data(), dy.data());
        for (std::size_t k = 0; k < dy.size(); ++k) EXPECT_EQ(dy[k], 0.0) << "order " << order << " component " << k;
    }
}

TEST(CumulantMode, TheModeAloneIsExact) {
    // Without the coupling the mode is linear: a coherent state decays as α e^{−(iδ + κ/2)t} and
    // the thermal pumping relaxes ⟨a†a⟩ to n̄_b as n̄_b + (n̄₀ − n̄_b) e^{−κt} + |α(t)|² — at every order
    // (a Gaussian state stays Gaussian; order 1 keeps ⟨a†a⟩ = |⟨a⟩|², the coherent part only).
    const double delta = 0.7, kappa = 0.4, nbar = 0.6, stop = 3.0;
    const cplx alpha(0.8, -0.3);
    const std::string body = spins(5) + R"(
[cavity]
coupling = 0.0
detuning = 0.7
loss = 0.4
thermal_occupation = 0.6
initial = "coherent"
alpha = [0.8, -0.3]
observables = ["a", "x", "emitted"]
[time]
stop = 3.0
points = 4
[output]
observables = ["Jz"]
)";
    for (int order : {2, 3}) {
        const RunResult r = run_with("cumulant", body, "order = " + std::to_string(order) + "\n");
        const double t = stop;
        const cplx a = alpha * std::exp(-(cplx(0.0, delta) + kappa / 2.0) * t);
        EXPECT_NEAR(r.series.column_values("a_re").back(), a.real(), 1e-8);
        EXPECT_NEAR(r.series.column_values("a_im").back(), a.imag(), 1e-8);
        const double photons = nbar * (1.0 - std::exp(-kappa * t)) + std::norm(a);
        EXPECT_NEAR(r.series.column_values("photons").back(), photons, 1e-8) << "order " << order;
        // Var x of a displaced thermal state: n̄(t) + ½ with n̄(t) the thermal part.
        EXPECT_NEAR(r.series.column_values("x_var").back(), nbar * (1.0 - std::exp(-kappa * t)) + 0.5, 1e-8);
        // emitted: κ(n̄_b + 1) ∫ ⟨a†a⟩ dt, closed form of the integral of the expression above.
        const double integral = nbar * (t - (1.0 - std::exp(-kappa * t)) / kappa) +
                                std::norm(alpha) * (1.0 - std::exp(-kappa * t)) / kappa;
        EXPECT_NEAR(r.series.column_values("emitted_mode").back(), kappa * (nbar + 1.0) * integral, 1e-7);
    }
}

TEST(CumulantMode, AgreementWithDickeImprovesWithNAtTheRateOfTheOrder) {
    // The Dicke model without the RWA, H = ω0 Jz + ω a†a + (2λ/√N)(a + a†)Jx, ω = ω0 = 1, λ = 0.3,
    // spins 60° from |↓…↓⟩ in the x–z plane, vacuum; max over t ≤ 5 of |Δ⟨Jz⟩|/N against the dicke
    // method (exact up to n_max, far above the photons here) for N = 4, 8, 16. The closure at order k
    // neglects cumulants of k + 1 factors, each O(N^{−k}) relative: measured exponents 0.95, 1.85,
    // 2.6 (N = 4 … 32, docs/validation/cumulant_mode.md); asserted with a margin for the few points.
    const auto body = [](int n) {
        char coupling[32];
        std::snprintf(coupling, sizeof coupling, "%.15g", 0.6 / std::sqrt(n));
        return spins(n) + "[[hamiltonian.term]]\nexpr = \"Jz\"\n[[hamiltonian.term]]\nexpr = \"n\"\n"
                          "[[hamiltonian.term]]\nexpr = \"(a + ad)*Jx\"\nstrength = " + coupling +
               "\n[cavity]\nn_max = " + std::to_string(12 + n / 3) +
               "\n[initial]\nkind = \"product\"\nbloch = [0.8660254037844386, 0.0, -0.5]\n"
               "[time]\nstop = 5.0\npoints = 26\n[output]\nobservables = [\"Jz\"]\n";
    };
    const std::vector<int> ns{4, 8, 16};
    std::vector<RunResult> exact;
    for (const int n : ns) exact.push_back(run_with("dicke", body(n)));
    for (int order : {1, 2, 3}) {
        std::vector<double> log_n, log_error;
        for (std::size_t k = 0; k < ns.size(); ++k) {
            const RunResult r = run_with("cumulant", body(ns[k]), "order = " + std::to_string(order) + "\n");
            const auto a = r.series.column_values("Jz"), b = exact[k].series.column_values("Jz");
            double worst = 0.0;
            for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]) / ns[k]);
            log_n.push_back(std::log(ns[k]));
            log_error.push_back(std::log(worst));
        }
        const double slope = -(log_error.back() - log_error.front()) / (log_n.back() - log_n.front());
        std::printf("order %d: max|dJz|/N ~ N^-%.2f\n", order, slope);
        EXPECT_GT(slope, order == 1 ? 0.8 : order == 2 ? 1.6 : 2.0) << "order " << order;
        if (order == 1) {
            EXPECT_LT(slope, 1.2);
        }
        EXPECT_LT(std::exp(log_error.back()), order == 1 ? 1e-2 : 1e-3) << "order " << order;
    }
}

TEST(CumulantMode, DerivationOfTheThirdOrderWithAModeTakesMilliseconds) {
    // Every spin–mode form at once (bench/cumulant_mode_derivation.md: 8.5 ms at load 7).
    const Model model = read_model(spins(140) + R"toml(
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[hamiltonian.drive]]
omega_x = 0.3
[[hamiltonian.term]]
expr = "n + 0.1*(ad*Jm + a*Jp) + 0.05*(a + ad)*Jx + 0.02*n*Jz + 0.03*(a + ad)*Jz + 0.2*(a + ad)"
[[channel]]
kind = "emission"
rate = 0.1
[[channel]]
kind = "collective_dephasing"
rate = 0.01
[[channel]]
kind = "custom"
operator = "a*Jz"
rate = 0.01
[cavity]
loss = 1.0
thermal_occupation = 0.1
[time]
stop = 1.0
)toml");
    const cumulant::CumulantSystem system(model, 3);
    EXPECT_LT(system.derivation_seconds(), 0.5);
    EXPECT_EQ(system.real_size(), 55u);
    EXPECT_EQ(cumulant::CumulantSystem(model, 2).real_size(), 20u);
}

TEST(CumulantMode, FockAndThermalStatesOfTheSameMeanGiveTheSameClosedRun) {
    // Their moments of ≤ 3 factors agree (⟨a†a⟩ = n, the rest 0), so orders 2 and 3 cannot tell
    // them apart — what the closure does with a non-Gaussian Fock state (docs/methods/cumulant.md).
    const std::string body = spins(4) + "[cavity]\ncoupling = 0.5\nloss = 0.2\n{state}\n[initial]\nkind = \"all_down\"\n"
                                        "[time]\nstop = 4.0\npoints = 9\n[output]\nobservables = [\"Jz\"]\n";
    const auto with = [&](const std::string& state) {
        std::string b = body;
        b.replace(b.find("{state}"), 7, state);
        return b;
    };
    for (int order : {2, 3}) {
        const std::string options = "order = " + std::to_string(order) + "\n";
        const RunResult fock = run_with("cumulant", with("initial = \"fock\"\nfock = 4"), options);
        const RunResult thermal = run_with("cumulant", with("initial = \"thermal\"\nn_thermal = 4"), options);
        EXPECT_LT(largest_difference(fock, thermal), 1e-12) << "order " << order;
        EXPECT_GT(std::abs(fock.series.column_values("Jz").back() + 2.0), 0.5);  // the spins did absorb
        EXPECT_EQ(fock.notes.count("cumulant.mode_state"), 1u);
    }
}

TEST(CumulantMode, ProtocolScalesTheCouplingByNameAndPulsesLeaveTheModeAlone) {
    // Step 1 with the coupling scaled to 0 ("cavity"): the coherent field rotates and decays freely,
    // ⟨a⟩ = α e^{−(iδ + κ/2)t}, whatever the spins do; a π pulse about x then flips the spins
    // (⟨Jz⟩ → −⟨Jz⟩) and leaves ⟨a⟩ as it was; the second step couples them again (⟨a⟩ moves off
    // the free solution). Order 2, N = 50.
    const std::string body = spins(50) + R"toml(
[[channel]]
kind = "emission"
rate = 0.3
[cavity]
coupling = 0.1
detuning = 0.5
loss = 0.2
initial = "coherent"
alpha = [1.0, 0.5]
observables = ["a"]
[initial]
kind = "all_up"
[[protocol]]
evolve = 2.0
scale = { cavity = 0.0 }
[[protocol]]
pulse = { angle = 3.141592653589793, axis = [1, 0, 0] }
[[protocol]]
evolve = 1.0
[time]
points = 31
[output]
observables = ["Jz"]
)toml";
    const RunResult r = run_with("cumulant", body, "order = 2\n");
    const auto& t = r.series.time;
    const auto& step = r.series.step;
    const auto re = r.series.column_values("a_re"), im = r.series.column_values("a_im");
    const auto jz = r.series.column_values("Jz");
    const cplx alpha(1.0, 0.5);
    double free_error = 0.0, coupled_departure = 0.0;
    for (std::size_t k = 0; k < t.size(); ++k) {
        const cplx a = alpha * std::exp(-(cplx(0.0, 0.5) + 0.1) * t[k]);
        const double d = std::abs(cplx(re[k], im[k]) - a);
        if (t[k] <= 2.0) free_error = std::max(free_error, d);
        if (t[k] > 2.5) coupled_departure = std::max(coupled_departure, d);
    }
    EXPECT_LT(free_error, 1e-8);
    EXPECT_GT(coupled_departure, 1e-2);
    // ⟨Jz⟩ = (N/2)(2e^{−γt} − 1) before the pulse (emission only), its negative right after it (the
    // row at t = 2 belongs to the step after the pulse; `angle` is in radians).
    double before = 0.0, after = 0.0;
    for (std::size_t k = 0; k < t.size(); ++k) {
        if (std::abs(t[k] - 1.9) < 1e-9) before = jz[k];
        if (t[k] == 2.0 && step[k] == 2) after = jz[k];
    }
    EXPECT_NEAR(before, 25.0 * (2.0 * std::exp(-0.3 * 1.9) - 1.0), 1e-7);
    EXPECT_NEAR(after, -25.0 * (2.0 * std::exp(-0.6) - 1.0), 1e-7);
}

TEST(CumulantMode, BadCavityLimitIsCollectiveEmissionAtLargeN) {
    // N = 1000 (beyond the dicke method's cavity path): RWA coupling g with loss κ against the same
    // order without the mode and Γ D[J⁻], Γ = 4g²/κ = 1e-4 (adiabatic elimination at resonance,
    // model/cavity.hpp), from a coherent spin state 60° from |↑…↑⟩ over the whole decay (t ≤ 400 =
    // 0.4/(NΓ)… 40/(NΓ)). The deviation is first order in 1/κ (the mode answers with a delay ~2/κ;
    // docs/methods/dicke.md "Bad-cavity convergence"): measured 1.43e-3, 7.14e-4, 3.57e-4 of N at
    // κ = 40, 80, 160 (orders 2 and 3 alike).
    const auto body = [](double kappa, bool mode) {
        char filled[512] = "[[channel]]\nkind = \"collective_emission\"\nrate = 1e-4\n";
        if (mode)
            std::snprintf(filled, sizeof filled,
                          "[[hamiltonian.term]]\nexpr = \"ad*Jm + a*Jp\"\nstrength = %.17g\n[cavity]\nloss = %.17g\n",
                          std::sqrt(1e-4 * kappa / 4.0), kappa);
        return spins(1000) + filled +
               "[initial]\nkind = \"product\"\nbloch = [0.8660254037844386, 0.0, 0.5]\n"
               "[time]\nstop = 400.0\npoints = 201\n[output]\nobservables = [\"Jz\"]\n";
    };
    const RunResult eliminated = run_with("cumulant", body(0.0, false), "order = 2\n");
    std::vector<double> errors;
    for (double kappa : {40.0, 80.0, 160.0}) {
        const RunResult r = run_with("cumulant", body(kappa, true), "order = 2\n");
        const auto a = r.series.column_values("Jz"), b = eliminated.series.column_values("Jz");
        double worst = 0.0;
        for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]) / 1000.0);
        errors.push_back(worst);
    }
    EXPECT_LT(errors[0], 3e-3);
    for (std::size_t k = 1; k < errors.size(); ++k) {
        EXPECT_GT(errors[k - 1] / errors[k], 1.8);
        EXPECT_LT(errors[k - 1] / errors[k], 2.2);
    }
}

TEST(CumulantMode, RefusesTheFockDistribution) {
    const RunSpec spec = read_run_toml("[method]\nname = \"cumulant\"\n" + spins(3) +
                                           "[cavity]\ncoupling = 1\nobservables = [\"fock\"]\n[time]\nstop = 1\n",
                                       "fock.toml");
    EXPECT_THROW(make_method("cumulant")->validate(spec), ModelError);
}

}  // namespace
}  // namespace openspins::testing
