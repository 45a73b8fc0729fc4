// The cumulant method against the exact dicke method on the same run file: exact where the
// hierarchy closes (order ≥ N; order 1 for local channels and linear Hamiltonians), the
// conservation laws the closure must keep, the ground state stationary, seed 002's variable
// count, and the error of the closure shrinking with N for superradiant decay.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cmath>

#include "method/dicke/dicke_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/cumulant/cumulant_system.hpp"
#include "openspins/method/cumulant/moment_states.hpp"

namespace openspins::testing {
namespace {

std::string with_spins(int n, const std::string& body) { return "[spins]\ncount = " + std::to_string(n) + "\n" + body; }

RunResult cumulant_run(int order, const std::string& body) {
    return run_with("cumulant", body, "order = " + std::to_string(order) + "\n");
}

// Every process of the tests below: Zeeman, a drive, one-axis twisting, local emission,
// absorption and dephasing, collective emission and dephasing; a tilted product state.
const std::string everything = R"(
frequency = 1.3
[hamiltonian]
zeeman = "+"
[[hamiltonian.drive]]
omega_x = 0.8
omega_y = -0.3
[[hamiltonian.term]]
expr = "Jz*Jz"
strength = 0.4
[[channel]]
kind = "emission"
rate = 0.2
[[channel]]
kind = "absorption"
rate = 0.05
[[channel]]
kind = "dephasing"
rate = 0.1
[[channel]]
kind = "collective_emission"
rate = 0.3
[[channel]]
kind = "collective_dephasing"
rate = 0.15
[initial]
kind = "product"
bloch = [0.6, 0.0, 0.8]
[time]
stop = 3.0
points = 13
[output]
observables = ["Jx", "Jy", "Jz", "J2", "JpJm"]
)";

TEST(CumulantVsDicke, ClosesExactlyWhenTheOrderReachesN) {
    // For N ≤ order no moment of more than N spins exists: the equations are exact.
    for (int n : {1, 2, 3}) {
        const RunResult exact = run_with("dicke", with_spins(n, everything));
        const RunResult closed = cumulant_run(n, with_spins(n, everything));
        EXPECT_LT(largest_difference(closed, exact), 1e-8) << "N = " << n;
    }
}

TEST(CumulantVsDicke, PulsesAndScaledStepsAreExactWhereTheHierarchyCloses) {
    // Pulses act on each spin separately, so the moments of ≤ n spins map among themselves
    // exactly; with N = order = 3 the whole protocol (pulses about x, y and a tilted axis,
    // steps with channels and terms switched off by name) must equal dicke to the integrators'
    // tolerance.
    std::string body = everything.substr(0, everything.find("[time]"));
    body += R"(
[[protocol]]
repeat = 2
steps = [ { pulse = { axis = "x", angle_deg = 180 }, label = "flip" },
          { evolve = 0.4, scale = { collective_emission = 0.0, drive = 0.0 }, label = "store" },
          { pulse = { axis = [1, 1, 0.5], angle_deg = 70 }, label = "tilt" },
          { evolve = 0.5, label = "all" },
          { pulse = { axis = "y", angle_deg = 90 }, label = "half" } ]
[time]
points = 19
record_steps = true
[output]
observables = ["Jx", "Jy", "Jz", "J2", "JpJm"]
)";
    const RunResult exact = run_with("dicke", with_spins(3, body));
    const RunResult closed = cumulant_run(3, with_spins(3, body));
    EXPECT_LT(largest_difference(closed, exact), 1e-8);
}

TEST(CumulantVsDicke, MeanFieldIsExactForLocalChannelsAndLinearHamiltonians) {
    // Local channels and H linear in J keep the single-spin equations closed (the Bloch
    // equations of one spin, times N): order 1 is exact for any symmetric state.
    const std::string body = R"(
frequency = 0.9
[hamiltonian]
zeeman = "-"
[[hamiltonian.drive]]
omega_x = 1.1
[[channel]]
kind = "emission"
rate = 0.3
[[channel]]
kind = "absorption"
rate = 0.1
[[channel]]
kind = "dephasing"
rate = 0.2
[initial]
kind = "product"
bloch = [0.0, 0.6, -0.8]
[time]
stop = 4.0
points = 9
[output]
observables = ["Jx", "Jy", "Jz"]
)";
    const RunResult exact = run_with("dicke", with_spins(6, body));
    const RunResult mean_field = cumulant_run(1, with_spins(6, body));
    EXPECT_LT(largest_difference(mean_field, exact), 1e-8);
}

TEST(CumulantVsDicke, MeanFieldIsTheClassicalBlochEquationOfTheCollectiveSpin) {
    // Order 1 with H = ω Jz + Ω Jx and no dissipation: the classical spin vector precesses
    // rigidly, d⟨J⟩/dt = (Ω, 0, ω) × ⟨J⟩, |⟨J⟩| = N/2 conserved; closed form about the tilted axis.
    const std::string body = R"(
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[hamiltonian.drive]]
omega_x = 0.5
[initial]
kind = "all_up"
[time]
stop = 5.0
points = 11
[output]
observables = ["Jx", "Jy", "Jz"]
)";
    const int n = 1000;
    const RunResult r = cumulant_run(1, with_spins(n, body));
    const double w = 1.0, o = 0.5, f = std::sqrt(w * w + o * o);
    for (std::size_t k = 0; k < r.series.rows(); ++k) {
        const double t = r.series.time[k];
        // J(0) = (0, 0, N/2) rotated by f t about u = (Ω, 0, ω)/f (Rodrigues):
        // J = J0 cos + (u × J0) sin + u (u·J0)(1 − cos), u × J0 = (0, −u_x N/2, 0).
        const double ux = o / f, uz = w / f, c = std::cos(f * t), s = std::sin(f * t), j0 = n / 2.0;
        const double jx = (1 - c) * uz * j0 * ux;
        const double jy = -s * ux * j0;
        const double jz = j0 * c + (1 - c) * uz * uz * j0;
        EXPECT_NEAR(r.series.values[k][0], jx, 1e-6 * n) << t;
        EXPECT_NEAR(r.series.values[k][1], jy, 1e-6 * n) << t;
        EXPECT_NEAR(r.series.values[k][2], jz, 1e-6 * n) << t;
    }
}

TEST(CumulantVsDicke, TotalSpinIsConservedByCollectiveProcessesFromOrderTwo) {
    // Collective channels and H in J commute with J²: d⟨J²⟩/dt = 0 as an operator identity, so
    // the three-spin terms cancel in the combination of ⟨σᶻσᶻ⟩ and ⟨σ⁺σ⁻⟩ that ⟨J²⟩ is, whatever
    // the closure. ⟨J²⟩ = N/2 (N/2 + 1) for the product state with |r| = 1.
    const std::string body = R"(
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[hamiltonian.drive]]
omega_y = 0.7
[[hamiltonian.term]]
expr = "Jz*Jz"
strength = 0.02
[[channel]]
kind = "collective_emission"
rate = 0.05
[[channel]]
kind = "collective_dephasing"
rate = 0.03
[initial]
kind = "product"
bloch = [0.6, 0.0, 0.8]
[time]
stop = 2.0
points = 9
[output]
observables = ["J2", "Jz"]
)";
    const int n = 50;
    const double j2 = 0.25 * n * (n + 2);
    for (int order : {2, 3}) {
        const RunResult r = cumulant_run(order, with_spins(n, body));
        for (std::size_t k = 0; k < r.series.rows(); ++k)
            EXPECT_NEAR(r.series.values[k][0], j2, 1e-7 * j2) << "order " << order << " t " << r.series.time[k];
        EXPECT_LT(r.series.values.back()[1], 0.9 * r.series.values.front()[1]);  // it did evolve
    }
}

// Seed 002's battery: γ Σ D[σ⁻_i] + Γ D[J⁻] (the collective jump Σσ⁻, docs/conventions.md).
Model battery_model(int n) {
    return read_run_toml(with_spins(n, R"(
frequency = 1.0
[method]
name = "cumulant"
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 1.0
[[channel]]
kind = "collective_emission"
rate = 1600.0
[initial]
kind = "all_down"
[time]
stop = 0.01
)"),
                         "battery.toml")
        .model;
}

TEST(CumulantSeed002, BatteryAtOrderTwoHasNineVariables) {
    const cumulant::CumulantSystem system(battery_model(140), 2);
    // ⟨σᶻ⟩, ⟨σ⁺⟩ (= ⟨σˣ⟩, ⟨σʸ⟩), ⟨σ⁺σ⁻⟩, ⟨σᶻσᶻ⟩, ⟨σ⁺σᶻ⟩ (and ⟨σ⁻σᶻ⟩), ⟨σ⁺σ⁺⟩ (and ⟨σ⁻σ⁻⟩):
    // nine real unknowns, the nine moments of the seed's Appendix counted with conjugates.
    EXPECT_EQ(system.real_size(), 9u);
    std::size_t moments = 0;
    for (const auto& k : system.variables()) moments += k.is_real() ? 1 : 2;
    EXPECT_EQ(moments, 9u);
    EXPECT_EQ(cumulant::CumulantSystem(battery_model(140), 1).real_size(), 3u);
    EXPECT_EQ(cumulant::CumulantSystem(battery_model(140), 3).real_size(), 19u);
}

TEST(CumulantSeed002, GroundStateIsStationaryUnderDecay) {
    // |↓…↓⟩: every derivative vanishes at every order (the seed's printed ⟨σ⁺σ⁻⟩ equation gives −Γ).
    for (int order : {1, 2, 3}) {
        const Model model = battery_model(140);
        const cumulant::CumulantSystem system(model, order);
        std::vector<double> y(system.real_size()), dy(system.real_size(), 1.0);
        system.pack(cumulant::initial_moments(model.initial, model, order), y.data());
        system.rhs({})(y.data(), dy.data());
        for (std::size_t k = 0; k < dy.size(); ++k) EXPECT_EQ(dy[k], 0.0) << "order " << order << " component " << k;
    }
}

TEST(CumulantSeed002, DerivationOfTheThirdOrderTakesMilliseconds) {
    const Model model = read_run_toml("[method]\nname = \"cumulant\"\n" + with_spins(1000, everything),
                                      "everything.toml")
                            .model;
    const auto start = std::chrono::steady_clock::now();
    const cumulant::CumulantSystem system(model, 3);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 0.5);  // measured ~0.01 s (Release); the issue asks for "well under a second"
    EXPECT_EQ(system.real_size(), 19u);
}

TEST(CumulantVsDicke, ClosureErrorFallsAsAPowerOfN) {
    // Γ D[J⁻] from a coherent spin state tilted by 60° from |↑…↑⟩, up to t = 3/(ΓN) (the burst):
    // the largest error of ⟨Jz⟩/N against dicke, at N = 8, 16, 32, fitted as C N^(−p). In a coherent
    // state the k-spin cumulants of intensive quantities are O(N^(1−k)); the order-n closure drops
    // those of n + 1 spins, so the error should fall at least as N^(−n). Measured (rms over the
    // burst, N = 16, 32, 64): p = 0.90, 2.11, 3.40 for n = 1, 2, 3. Asserted: p within ±0.3 of n for
    // n = 1, 2, and p > n − 0.3 for n = 3 (three points of a crossover at small N do not fix the
    // asymptotic exponent of order 3, which lies between 3 and 4 here).
    const auto body = [](int n) {
        return with_spins(n, R"(
[[channel]]
kind = "collective_emission"
rate = 1.0
[initial]
kind = "product"
bloch = [0.8660254037844386, 0.0, 0.5]
[time]
stop = )" + std::to_string(3.0 / n) + R"(
points = 7
[output]
observables = ["Jz"]
)");
    };
    const std::vector<int> sizes{16, 32, 64};
    std::vector<RunResult> exact;
    for (int n : sizes) exact.push_back(run_with("dicke", body(n)));
    for (int order : {1, 2, 3}) {
        std::vector<double> log_n, log_error;
        for (std::size_t s = 0; s < sizes.size(); ++s) {
            const int n = sizes[s];
            const RunResult closed = cumulant_run(order, body(n));
            double worst = 0.0;  // root-mean-square over the outputs (smoother in N than the largest)
            for (std::size_t k = 0; k < exact[s].series.rows(); ++k)
                worst += std::pow((closed.series.values[k][0] - exact[s].series.values[k][0]) / n, 2);
            worst = std::sqrt(worst / static_cast<double>(exact[s].series.rows()));
            std::printf("order %d, N = %d: rms <Jz>/N error %.3e\n", order, n, worst);
            log_n.push_back(std::log(n));
            log_error.push_back(std::log(worst));
        }
        // Least-squares slope of log error against log N.
        const double mx = (log_n[0] + log_n[1] + log_n[2]) / 3, my = (log_error[0] + log_error[1] + log_error[2]) / 3;
        double sxy = 0, sxx = 0;
        for (int k = 0; k < 3; ++k) {
            sxy += (log_n[k] - mx) * (log_error[k] - my);
            sxx += (log_n[k] - mx) * (log_n[k] - mx);
        }
        const double p = -sxy / sxx;
        std::printf("order %d: error ~ N^-%.2f\n", order, p);
        EXPECT_GT(p, order - 0.3) << "order " << order;
        if (order < 3) {
            EXPECT_LT(p, order + 0.3) << "order " << order;
        }
    }
}

TEST(CumulantMethod, RefusesWhatItCannotRepresent) {
    const auto refused = [](const std::string& body) {
        const RunSpec spec = read_run_toml("[method]\nname = \"cumulant\"\n" + body, "refuse.toml");
        EXPECT_THROW(make_method("cumulant")->validate(spec), ModelError) << body;
    };
    refused("[spins]\ncount = 3\n[[channel]]\nkind = \"emission\"\nrates = [1, 2, 3]\n[time]\nstop = 1\n");
    refused("[spins]\ncount = 3\n[time]\nstop = 1\n[output]\nobservables = [\"purity\"]\n");
    refused("[spins]\ncount = 3\n[initial]\nkind = \"dicke\"\nj = 0.5\nm = 0.5\n[time]\nstop = 1\n");
}

}  // namespace
}  // namespace openspins::testing
