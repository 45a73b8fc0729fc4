// Building RunSpecs in tests without a run file: spins with explicit frequencies,
// named terms and channels through the same term builders the config reader uses,
// a protocol, uniform output times and the standard observables.
//
//   auto r = SpecBuilder({1.0, 1.2}).zeeman(+1).channel("emission", 0.1)
//                .initial_bloch({{1, 0, 0}}).times(5.0, 51).run();
//   r.series.column_values("sx_0");
//
// Defaults: all spins up; observables Jx Jy Jz J2 JpJm purity trace and per spin
// sx_i sy_i sz_i (Pauli normalisation, the config reader's names); integrator
// "adams" at rtol 1e-10, atol 1e-12 (tight: the tests compare against closed forms
// to ~1e-8, and CVODE's global error is a few tens of rtol over these short runs);
// no protocol steps given = one evolve step over the output times.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <map>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

#include "openspins/method/exact/exact_method.hpp"
#include "openspins/model/run_spec.hpp"
#include "openspins/model/term_builders.hpp"

namespace openspins::testing {

inline std::vector<double> uniform_times(double stop, int points) {
    std::vector<double> t(static_cast<std::size_t>(points));
    for (int k = 0; k < points; ++k) t[static_cast<std::size_t>(k)] = stop * k / (points - 1);
    return t;
}

inline Observable expectation(std::string name, SpinOperator op) {
    return {std::move(name), Observable::Kind::expectation, std::move(op)};
}

// Jx Jy Jz J2 JpJm purity trace over all n spins (docs/config.md names).
inline std::vector<Observable> standard_observables(int n) {
    std::vector<int> all(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) all[static_cast<std::size_t>(i)] = i;
    return {expectation("Jx", collective_jx(all)),
            expectation("Jy", collective_jy(all)),
            expectation("Jz", collective_jz(all)),
            expectation("J2", collective_j_squared(all)),
            expectation("JpJm", collective_jplus(all) * collective_jminus(all)),
            {"purity", Observable::Kind::purity, {}},
            {"trace", Observable::Kind::trace, {}}};
}

// sx_i sy_i sz_i: ⟨σ^α_i⟩.
inline std::vector<Observable> spin_observables(int n) {
    std::vector<Observable> out;
    for (int i = 0; i < n; ++i) {
        const auto k = std::to_string(i);
        out.push_back(expectation("sx_" + k, SpinOperator::sigma_x(i)));
        out.push_back(expectation("sy_" + k, SpinOperator::sigma_y(i)));
        out.push_back(expectation("sz_" + k, SpinOperator::sigma_z(i)));
    }
    return out;
}

class SpecBuilder {
public:
    // One species "spins" with these angular frequencies (they only enter through zeeman()).
    explicit SpecBuilder(std::vector<double> frequencies) {
        const int n = static_cast<int>(frequencies.size());
        spec_.model.spins = SpinSystem({Species{"spins", n, frequencies.empty() ? 0.0 : frequencies[0],
                                                std::move(frequencies), {}}});
        spec_.solver.rtol = 1e-10;
        spec_.solver.atol = 1e-12;
        spec_.observables = standard_observables(n);
        for (auto& o : spin_observables(n)) spec_.observables.push_back(std::move(o));
    }
    // n spins, all at frequency omega.
    SpecBuilder(int n, double omega) : SpecBuilder(std::vector<double>(static_cast<std::size_t>(n), omega)) {}

    [[nodiscard]] int size() const { return spec_.model.spins.size(); }
    [[nodiscard]] std::vector<int> all() const { return spec_.model.spins.all_spins(); }

    // ---- Hamiltonian -------------------------------------------------------------
    SpecBuilder& zeeman(int sign = +1, std::string name = "zeeman") {
        spec_.model.hamiltonian.push_back(zeeman_term(spec_.model.spins, sign, std::move(name)));
        return *this;
    }
    SpecBuilder& drive(double omega_x, double omega_y, std::vector<int> spins = {}, std::string name = "drive") {
        spec_.model.hamiltonian.push_back(drive_term(or_all(std::move(spins)), omega_x, omega_y, std::move(name)));
        return *this;
    }
    // kind "zz", "xy", "heisenberg"; pairs default to all pairs.
    SpecBuilder& coupling(const std::string& kind, double J, std::vector<SpinPair> pairs = {},
                          std::string name = "coupling") {
        if (pairs.empty()) pairs = all_pairs(all());
        spec_.model.hamiltonian.push_back(coupling_term(kind, J, pairs, std::move(name)));
        return *this;
    }
    SpecBuilder& term(std::string name, SpinOperator op, double strength = 1.0) {
        spec_.model.hamiltonian.push_back({std::move(name), "custom", strength, std::move(op)});
        return *this;
    }

    // ---- dissipation -------------------------------------------------------------
    // Local kinds (emission, absorption, dephasing): `rate` on each selected spin;
    // collective kinds: one channel over the selected spins. Name defaults to the kind.
    SpecBuilder& channel(const std::string& kind, double rate, std::vector<int> spins = {}, std::string name = "") {
        spins = or_all(std::move(spins));
        if (kind.rfind("collective", 0) == 0)
            spec_.model.channels.push_back(collective_channel(kind, spins, rate, std::move(name)));
        else
            spec_.model.channels.push_back(
                local_channel(kind, spins, std::vector<double>(spins.size(), rate), std::move(name)));
        return *this;
    }
    // Local kind with one rate per spin (all spins).
    SpecBuilder& channel_rates(const std::string& kind, std::vector<double> rates, std::string name = "") {
        spec_.model.channels.push_back(local_channel(kind, all(), std::move(rates), std::move(name)));
        return *this;
    }
    SpecBuilder& jump(std::string name, SpinOperator op, double rate) {
        spec_.model.channels.push_back(custom_channel(std::move(op), rate, std::move(name)));
        return *this;
    }

    // ---- initial state -------------------------------------------------------------
    SpecBuilder& initial_up() { return initial_kind(InitialState::Kind::all_up); }
    SpecBuilder& initial_down() { return initial_kind(InitialState::Kind::all_down); }
    // One Bloch vector for every spin, or one per spin.
    SpecBuilder& initial_bloch(std::vector<std::array<double, 3>> bloch) {
        if (bloch.size() == 1) bloch.assign(static_cast<std::size_t>(size()), bloch[0]);
        spec_.model.initial.kind = InitialState::Kind::product;
        spec_.model.initial.bloch = std::move(bloch);
        return *this;
    }
    SpecBuilder& initial_thermal(double temperature) {
        spec_.model.initial.kind = InitialState::Kind::thermal;
        spec_.model.initial.temperature = temperature;
        return *this;
    }

    // ---- protocol --------------------------------------------------------------------
    SpecBuilder& evolve(double duration, std::map<std::string, double> scale = {}, std::string label = "") {
        spec_.protocol.steps.push_back({std::move(label), Evolve{duration, std::move(scale)}});
        return *this;
    }
    // axis as given (the library normalises it); angle in radians; spins default to all.
    SpecBuilder& pulse(std::array<double, 3> axis, double angle, std::vector<int> spins = {}, std::string label = "") {
        spec_.protocol.steps.push_back({std::move(label), Pulse{or_all(std::move(spins)), axis, angle}});
        return *this;
    }

    // ---- output ---------------------------------------------------------------------
    SpecBuilder& times(double stop, int points) { return times(uniform_times(stop, points)); }
    SpecBuilder& times(std::vector<double> t) {
        spec_.output_times = std::move(t);
        return *this;
    }
    SpecBuilder& record_steps(bool on = true) {
        spec_.record_step_boundaries = on;
        return *this;
    }
    SpecBuilder& observe(std::string name, SpinOperator op) {
        spec_.observables.push_back(expectation(std::move(name), std::move(op)));
        return *this;
    }
    SpecBuilder& steady_state(bool on = true) {
        spec_.steady_state = on;
        return *this;
    }

    // ---- solver ---------------------------------------------------------------------
    SpecBuilder& integrator(std::string name) {
        spec_.solver.integrator = std::move(name);
        return *this;
    }
    SpecBuilder& tolerances(double rtol, double atol) {
        spec_.solver.rtol = rtol;
        spec_.solver.atol = atol;
        return *this;
    }

    // The spec: with no protocol steps, one evolve over the output times; with no
    // output times, 101 points over the protocol's duration.
    [[nodiscard]] RunSpec build() const {
        RunSpec s = spec_;
        if (s.protocol.steps.empty()) {
            const double stop = s.output_times.empty() ? 1.0 : s.output_times.back();
            s.protocol.steps.push_back({"", Evolve{stop, {}}});
        }
        if (s.output_times.empty()) s.output_times = uniform_times(s.protocol.total_duration(), 101);
        return s;
    }
    [[nodiscard]] RunResult run() const { return ExactMethod().run(build(), {}); }

private:
    std::vector<int> or_all(std::vector<int> spins) const { return spins.empty() ? all() : spins; }
    SpecBuilder& initial_kind(InitialState::Kind kind) {
        spec_.model.initial.kind = kind;
        spec_.model.initial.bloch.clear();
        return *this;
    }

    RunSpec spec_;
};

// max_k |a[k] − f(t[k])| over a series column, for reporting.
template <class F>
double max_deviation(const TimeSeries& series, const std::string& column, F&& expected) {
    const auto values = series.column_values(column);
    double worst = 0.0;
    for (std::size_t k = 0; k < values.size(); ++k)
        worst = std::max(worst, std::abs(values[k] - expected(series.time[k])));
    return worst;
}

// The row whose time is closest to t (and, among equal times, the last one unless first_of_equal).
inline std::size_t row_at(const TimeSeries& series, double t, bool first_of_equal = false) {
    std::size_t best = 0;
    double distance = INFINITY;
    for (std::size_t k = 0; k < series.rows(); ++k) {
        const double d = std::abs(series.time[k] - t);
        if (d < distance || (!first_of_equal && d == distance)) {
            distance = d;
            best = k;
        }
    }
    return best;
}

inline double value(const TimeSeries& series, std::size_t row, const std::string& column) {
    return series.values[row][series.column(column)];
}

constexpr double pi = std::numbers::pi;

}  // namespace openspins::testing
