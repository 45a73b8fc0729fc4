// The battery power columns (method/dicke/battery_power.hpp) of the dicke and cumulant methods:
// energy balance P_s = −P_r − P_l when only emission changes H_Z's energy, P_r and P_l the time
// derivatives of the emitted-quanta counters (times ω), P_s the derivative of `energy` with a
// drive, and the cumulant method's columns equal to the dicke method's where its hierarchy
// closes (order ≥ N).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "method/dicke/dicke_test_support.hpp"
#include "openspins/errors.hpp"

namespace openspins::testing {
namespace {

// Seed 002's battery at N = 5 (ω = 1.7 so the columns carry the factor ω), two cycles, dense output.
const std::string battery = R"(
[spins]
count = 5
frequency = 1.7
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 1.0
[[channel]]
kind = "collective_emission"
rate = 20.0
[initial]
kind = "all_down"
[[protocol]]
repeat = 2
steps = [ { pulse = { axis = "x", angle_deg = 180 }, label = "charge" },
          { evolve = 0.05, scale = { collective_emission = 0.0 }, label = "storage" },
          { evolve = 0.05, label = "discharge" } ]
[time]
points = 801
[output]
observables = ["Jz", "JpJm", "energy", "emitted_collective", "emitted_local", "power_stored", "power_released", "power_lost"]
)";

// Central differences of column `of` against t, compared with column `rate` × factor at the
// interior rows of one evolve step (rows whose neighbours lie in the same step).
double largest_derivative_mismatch(const RunResult& r, const std::string& of, const std::string& rate, double factor) {
    const auto t = r.series.time;
    const auto x = r.series.column_values(of);
    const auto p = r.series.column_values(rate);
    double worst = 0.0;
    for (std::size_t i = 1; i + 1 < t.size(); ++i) {
        if (r.series.step[i - 1] != r.series.step[i] || r.series.step[i + 1] != r.series.step[i]) continue;
        const double derivative = (x[i + 1] - x[i - 1]) / (t[i + 1] - t[i - 1]);
        worst = std::max(worst, std::abs(derivative * factor - p[i]) / (1.0 + std::abs(p[i])));
    }
    return worst;
}

TEST(BatteryPower, DickeColumnsBalanceAndAreTheCountersDerivatives) {
    const RunResult r = run_with("dicke", battery);
    const auto stored = r.series.column_values("power_stored");
    const auto released = r.series.column_values("power_released");
    const auto lost = r.series.column_values("power_lost");
    const auto jpjm = r.series.column_values("JpJm");
    const auto jz = r.series.column_values("Jz");
    double balance = 0.0, released_peak = 0.0;
    for (std::size_t i = 0; i < stored.size(); ++i) {
        balance = std::max(balance, std::abs(stored[i] + released[i] + lost[i]));
        released_peak = std::max(released_peak, released[i]);
        // P_l = ω γ ⟨N/2 + Jz⟩ exactly; P_r is ω Γ ⟨J⁺J⁻⟩ in the discharge and 0 in storage.
        EXPECT_NEAR(lost[i], 1.7 * (2.5 + jz[i]), 1e-9);
        EXPECT_TRUE(std::abs(released[i]) < 1e-9 || std::abs(released[i] - 1.7 * 20.0 * jpjm[i]) < 1e-8);
    }
    EXPECT_LT(balance, 1e-9);         // the generator's d⟨Jz⟩/dt against the two loss rates
    EXPECT_GT(released_peak, 50.0);   // the discharge releases energy at ≈ ωΓ⟨J⁺J⁻⟩ ~ 1.7·20·(5…9)
    // Finite differences on the 1.25e-3 grid: O(h²) ≈ 1e-4 relative where the burst is fastest.
    EXPECT_LT(largest_derivative_mismatch(r, "emitted_collective", "power_released", 1.7), 2e-3);
    EXPECT_LT(largest_derivative_mismatch(r, "emitted_local", "power_lost", 1.7), 2e-3);
    EXPECT_LT(largest_derivative_mismatch(r, "energy", "power_stored", 1.0), 2e-3);
}

TEST(BatteryPower, DrivenChargingIsTheDerivativeOfTheEnergy) {
    // A resonant drive in the rotating frame would have no Zeeman energy; here ω = 1.7 with a
    // drive Ω_x = 3: P_s includes the work of the drive, Ω_x ω⟨Jy⟩-like, so it is not −P_r − P_l.
    const std::string driven = R"(
[spins]
count = 4
frequency = 1.7
[hamiltonian]
zeeman = "+"
[[hamiltonian.drive]]
omega_x = 3.0
[[channel]]
kind = "emission"
rate = 0.4
[[channel]]
kind = "collective_emission"
rate = 0.3
[initial]
kind = "all_down"
[time]
stop = 2.0
points = 2001
[output]
observables = ["energy", "power_stored", "power_released", "power_lost"]
)";
    for (const std::string method : {"dicke", "cumulant"}) {
        const RunResult r = run_with(method, driven, method == "cumulant" ? "order = 3\n" : "");  // N = 4 > 3: not exact, still a consistent ODE
        EXPECT_LT(largest_derivative_mismatch(r, "energy", "power_stored", 1.0), 1e-4) << method;
        const auto stored = r.series.column_values("power_stored");
        const auto released = r.series.column_values("power_released");
        const auto lost = r.series.column_values("power_lost");
        double drive_work = 0.0;
        for (std::size_t i = 0; i < stored.size(); ++i)
            drive_work = std::max(drive_work, std::abs(stored[i] + released[i] + lost[i]));
        EXPECT_GT(drive_work, 1.0) << method;  // the drive pumps energy in and out
    }
}

TEST(BatteryPower, CumulantEqualsDickeWhereTheHierarchyCloses) {
    const std::string two_spins = "[spins]\ncount = 2\n" + battery.substr(battery.find("frequency"));
    const RunResult exact = run_with("dicke", two_spins);
    const RunResult closed = run_with("cumulant", two_spins, "order = 2\n");
    for (const std::string column : {"power_stored", "power_released", "power_lost"}) {
        const auto a = closed.series.column_values(column);
        const auto b = exact.series.column_values(column);
        ASSERT_EQ(a.size(), b.size());
        double worst = 0.0;
        for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]));
        EXPECT_LT(worst, 1e-7) << column;  // both at rtol 1e-11; powers up to ~1e2
    }
}

TEST(BatteryPower, NeedsAZeemanEnergyAndNoCavity) {
    const std::string no_zeeman =
        "[spins]\ncount = 2\n[[channel]]\nkind = \"emission\"\nrate = 1.0\n[time]\nstop = 1\n"
        "[output]\nobservables = [\"power_lost\"]\n";
    EXPECT_THROW((void)run_with("dicke", no_zeeman), ModelError);
    EXPECT_THROW((void)run_with("cumulant", no_zeeman), ModelError);
    // The exact method has no power columns: it refuses them by name.
    const std::string zeeman =
        "[spins]\ncount = 2\nfrequency = 1\n[hamiltonian]\nzeeman = \"+\"\n[time]\nstop = 1\n"
        "[output]\nobservables = [\"power_stored\"]\n";
    EXPECT_THROW((void)run_with("exact", zeeman), ModelError);
}

}  // namespace
}  // namespace openspins::testing
