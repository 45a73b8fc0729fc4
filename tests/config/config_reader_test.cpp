// Valid run files and the RunSpec they produce (docs/config.md is the contract).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>

#include "config/test_support.hpp"
#include "openspins/model/term_builders.hpp"

namespace openspins {
namespace {

using testing::doc;
using testing::same_matrix;

const HamiltonianTerm& term(const RunSpec& spec, const std::string& name) {
    for (const auto& t : spec.model.hamiltonian)
        if (t.name == name) return t;
    throw std::out_of_range("no term " + name);
}

const Channel& channel(const RunSpec& spec, const std::string& name) {
    for (const auto& c : spec.model.channels)
        if (c.name == name) return c;
    throw std::out_of_range("no channel " + name);
}

std::vector<std::string> observable_names(const RunSpec& spec) {
    std::vector<std::string> names;
    for (const auto& o : spec.observables) names.push_back(o.name);
    return names;
}

TEST(ConfigReader, MinimalFileGetsTheDocumentedDefaults) {
    const RunFile run = load_run_toml(doc(R"toml(
[spins]
count = 2
frequency = 1.0
[hamiltonian]
zeeman = "+"
[time]
stop = 2.0
)toml"),
                                      "dir/minimal.toml");
    const RunSpec& spec = run.spec;
    EXPECT_EQ(spec.model.spins.size(), 2);
    EXPECT_EQ(spec.method, "exact");
    EXPECT_EQ(spec.solver.integrator, "auto");
    EXPECT_EQ(spec.solver.rtol, 1e-8);
    EXPECT_EQ(spec.solver.atol, 1e-10);
    EXPECT_EQ(spec.solver.max_steps, 1000000);
    EXPECT_EQ(spec.solver.trace_tolerance, 1e-6);
    EXPECT_EQ(spec.solver.memory_limit_bytes, 0u);
    EXPECT_FALSE(spec.steady_state);
    EXPECT_EQ(spec.model.initial.kind, InitialState::Kind::all_up);
    EXPECT_TRUE(spec.model.channels.empty());
    ASSERT_EQ(spec.model.hamiltonian.size(), 1u);
    EXPECT_TRUE(same_matrix(term(spec, "zeeman").op, zeeman_term(spec.model.spins, +1).op, 2));
    // One evolve step over [time]; 101 points on [0, stop].
    ASSERT_EQ(spec.protocol.steps.size(), 1u);
    EXPECT_EQ(std::get<Evolve>(spec.protocol.steps[0].action).duration, 2.0);
    ASSERT_EQ(spec.output_times.size(), 101u);
    EXPECT_EQ(spec.output_times.front(), 0.0);
    EXPECT_DOUBLE_EQ(spec.output_times[50], 1.0);
    EXPECT_EQ(spec.output_times.back(), 2.0);
    EXPECT_FALSE(spec.record_step_boundaries);
    EXPECT_EQ(observable_names(spec), (std::vector<std::string>{"Jx", "Jy", "Jz", "J2", "JpJm", "purity", "trace"}));
    EXPECT_EQ(run.output.directory, "results/minimal");
    EXPECT_TRUE(run.output.plot);
    EXPECT_EQ(run.output.plot_columns, std::vector<std::string>{"Jz"});
    EXPECT_EQ(run.title, "");
    EXPECT_EQ(run.config["spins"]["count"], 2);
}

TEST(ConfigReader, BuiltinObservablesAreTheCollectiveOperators) {
    const RunSpec spec = read_run_toml(doc(R"toml(
[spins]
count = 3
[time]
stop = 1
)toml"),
                                       "run.toml");
    const std::vector<int> all{0, 1, 2};
    EXPECT_TRUE(same_matrix(spec.observables[0].op, collective_jx(all), 3));
    EXPECT_TRUE(same_matrix(spec.observables[1].op, collective_jy(all), 3));
    EXPECT_TRUE(same_matrix(spec.observables[2].op, collective_jz(all), 3));
    EXPECT_TRUE(same_matrix(spec.observables[3].op, collective_j_squared(all), 3));
    EXPECT_TRUE(same_matrix(spec.observables[4].op, collective_jplus(all) * collective_jminus(all), 3));
    EXPECT_EQ(spec.observables[5].kind, Observable::Kind::purity);
    EXPECT_EQ(spec.observables[6].kind, Observable::Kind::trace);
    // All frequencies zero: no Zeeman term is needed and none is made.
    EXPECT_TRUE(spec.model.hamiltonian.empty());
}

TEST(ConfigReader, SpeciesFrequenciesAndBroadening) {
    const RunSpec spec = read_run_toml(doc(R"toml(
[[species]]
name = "A"
frequencies = [1.0, 1.5]
[[species]]
name = "B"
count = 3
frequency = 2.0
broadening = { kind = "gaussian", width = 0.1, seed = 7 }
[hamiltonian]
zeeman = "-"
[time]
times = [0, 0.5, 1]
)toml"),
                                       "run.toml");
    const auto& spins = spec.model.spins;
    ASSERT_EQ(spins.size(), 5);
    EXPECT_EQ(spins.frequency(0), 1.0);
    EXPECT_EQ(spins.frequency(1), 1.5);
    EXPECT_EQ(spins.spins_of("B"), (std::vector<int>{2, 3, 4}));
    EXPECT_NE(spins.frequency(2), 2.0);  // drawn
    EXPECT_EQ(spins.species()[1].broadening.seed, 7u);
    EXPECT_TRUE(same_matrix(term(spec, "zeeman").op, zeeman_term(spins, -1).op, 5));
    EXPECT_EQ(spec.output_times, (std::vector<double>{0.0, 0.5, 1.0}));
}

TEST(ConfigReader, HamiltonianTermsUseTheBuildersAndDefaultNames) {
    const RunSpec spec = read_run_toml(doc(R"toml(
[spins]
count = 3
frequency = 1.0
[hamiltonian]
zeeman = "none"
[[hamiltonian.drive]]
omega_x = 0.5
[[hamiltonian.drive]]
omega_y = 0.25
spins = [1]
[[hamiltonian.coupling]]
kind = "zz"
J = 0.3
pairs = "chain"
[[hamiltonian.coupling]]
kind = "heisenberg"
J = -1
pairs = [[0, 2]]
name = "long_range"
[[hamiltonian.term]]
expr = "sx(0)*sx(1) + sy(0)*sy(1)"
strength = 2.0
[time]
stop = 1
)toml"),
                                       "run.toml");
    ASSERT_EQ(spec.model.hamiltonian.size(), 5u);  // "none": no zeeman term
    EXPECT_TRUE(same_matrix(term(spec, "drive").op, drive_term({0, 1, 2}, 0.5, 0.0).op, 3));
    EXPECT_TRUE(same_matrix(term(spec, "drive2").op, drive_term({1}, 0.0, 0.25).op, 3));
    const auto& zz = term(spec, "coupling");
    EXPECT_EQ(zz.strength, 0.3);
    EXPECT_TRUE(same_matrix(zz.op, coupling_term("zz", 1.0, {{0, 1}, {1, 2}}).op, 3));
    EXPECT_EQ(term(spec, "long_range").strength, -1.0);
    EXPECT_TRUE(same_matrix(term(spec, "long_range").op, coupling_term("heisenberg", 1.0, {{0, 2}}).op, 3));
    const auto& custom = term(spec, "term");
    EXPECT_EQ(custom.strength, 2.0);
    EXPECT_EQ(custom.kind, "custom");
    EXPECT_TRUE(same_matrix(
        custom.op,
        SpinOperator::sigma_x(0) * SpinOperator::sigma_x(1) + SpinOperator::sigma_y(0) * SpinOperator::sigma_y(1), 3));
}

TEST(ConfigReader, ChannelsUseTheBuildersAndDefaultNames) {
    const RunSpec spec = read_run_toml(doc(R"toml(
[[species]]
name = "A"
count = 2
[[species]]
name = "B"
count = 1
[[channel]]
kind = "emission"
rate = 0.5
[[channel]]
kind = "emission"
rates = [0.1, 0.2]
species = "A"
[[channel]]
kind = "dephasing"
rate = 0.05
spins = [2]
[[channel]]
kind = "collective_emission"
rate = 3.0
species = "A"
[[channel]]
kind = "custom"
operator = "sm(0) + sm(1)"
rate = 0.7
name = "pair_loss"
[time]
stop = 1
)toml"),
                                       "run.toml");
    ASSERT_EQ(spec.model.channels.size(), 5u);
    const auto& emission = channel(spec, "emission");
    ASSERT_EQ(emission.jumps.size(), 3u);
    EXPECT_EQ(emission.jumps[2].rate, 0.5);
    EXPECT_TRUE(same_matrix(emission.jumps[2].op, SpinOperator::sigma_minus(2), 3));
    const auto& emission2 = channel(spec, "emission2");
    ASSERT_EQ(emission2.jumps.size(), 2u);
    EXPECT_EQ(emission2.jumps[1].rate, 0.2);
    EXPECT_TRUE(same_matrix(emission2.jumps[1].op, SpinOperator::sigma_minus(1), 3));
    const auto& dephasing = channel(spec, "dephasing");
    ASSERT_EQ(dephasing.jumps.size(), 1u);
    EXPECT_TRUE(same_matrix(dephasing.jumps[0].op, SpinOperator::sigma_z(2), 3));
    const auto& collective = channel(spec, "collective_emission");
    EXPECT_TRUE(collective.is_collective());
    EXPECT_TRUE(same_matrix(collective.jumps[0].op, collective_jminus({0, 1}), 3));
    const auto& custom = channel(spec, "pair_loss");
    EXPECT_EQ(custom.jumps[0].rate, 0.7);
    EXPECT_TRUE(same_matrix(custom.jumps[0].op, collective_jminus({0, 1}), 3));
}

TEST(ConfigReader, ProductStatesFromBlochVectorsOrPopulations) {
    const auto one_vector = read_run_toml(doc(R"toml(
[spins]
count = 2
[initial]
kind = "product"
bloch = [1, 0, 0]
[time]
stop = 1
)toml"),
                                          "run.toml");
    EXPECT_EQ(one_vector.model.initial.kind, InitialState::Kind::product);
    EXPECT_EQ(one_vector.model.initial.bloch, (std::vector<std::array<double, 3>>{{1, 0, 0}, {1, 0, 0}}));

    const auto per_spin = read_run_toml(doc(R"toml(
[spins]
count = 2
[initial]
kind = "product"
bloch = [[0.6, 0, 0.8], [0, 0, -1]]
[time]
stop = 1
)toml"),
                                        "run.toml");
    EXPECT_EQ(per_spin.model.initial.bloch[0], (std::array<double, 3>{0.6, 0, 0.8}));
    EXPECT_EQ(per_spin.model.initial.bloch[1], (std::array<double, 3>{0, 0, -1}));

    const auto populations = read_run_toml(doc(R"toml(
[spins]
count = 2
[initial]
kind = "product"
populations = [1.0, 0.25]
[time]
stop = 1
)toml"),
                                           "run.toml");
    EXPECT_EQ(populations.model.initial.bloch[0], (std::array<double, 3>{0, 0, 1}));
    EXPECT_EQ(populations.model.initial.bloch[1], (std::array<double, 3>{0, 0, -0.5}));
}

TEST(ConfigReader, ThermalAndFileInitialStates) {
    const auto thermal = read_run_toml(doc(R"toml(
[spins]
count = 1
[initial]
kind = "thermal"
temperature = 0.5
[time]
stop = 1
)toml"),
                                       "run.toml");
    EXPECT_EQ(thermal.model.initial.kind, InitialState::Kind::thermal);
    EXPECT_EQ(thermal.model.initial.temperature, 0.5);

    // A relative path is resolved against the run file's directory.
    const auto dir = std::filesystem::temp_directory_path() / ("openspins_cfg_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir / "states");
    std::ofstream(dir / "states" / "rho.txt") << "1 0 0 0\n0 0 0 0\n";
    const auto file = read_run_toml(doc(R"toml(
[spins]
count = 1
[initial]
kind = "file"
path = "states/rho.txt"
[time]
stop = 1
)toml"),
                                    (dir / "run.toml").string());
    EXPECT_EQ(file.model.initial.kind, InitialState::Kind::file);
    EXPECT_EQ(file.model.initial.path, (dir / "states" / "rho.txt").string());
    std::filesystem::remove_all(dir);
}

TEST(ConfigReader, ProtocolIsUnrolledAndSetsTheDefaultStop) {
    const RunSpec spec = read_run_toml(doc(R"toml(
[spins]
count = 2
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "collective_emission"
rate = 10
[[protocol]]
evolve = 0.5
label = "settle"
[[protocol]]
repeat = 3
label = "cycle"
steps = [ { pulse = { axis = "x", angle_deg = 180 }, label = "charge" },
          { evolve = 0.25, scale = { collective_emission = 0.0 } },
          { evolve = 0.25, scale = { zeeman = -1 } } ]
[[protocol]]
pulse = { axis = [0, 2, 0], angle = 1.5 }
spins = [1]
[time]
points = 11
record_steps = true
)toml"),
                                       "run.toml");
    const auto& steps = spec.protocol.steps;
    ASSERT_EQ(steps.size(), 1u + 3u * 3u + 1u);
    EXPECT_EQ(steps[0].label, "settle");
    EXPECT_EQ(steps[1].label, "charge");
    EXPECT_EQ(steps[2].label, "cycle");  // unlabelled steps inherit the repeat's label
    const auto& pi_pulse = std::get<Pulse>(steps[4].action);
    EXPECT_DOUBLE_EQ(pi_pulse.angle, std::numbers::pi);
    EXPECT_EQ(pi_pulse.axis, (std::array<double, 3>{1, 0, 0}));
    EXPECT_EQ(pi_pulse.spins, (std::vector<int>{0, 1}));
    const auto& storage = std::get<Evolve>(steps[5].action);
    EXPECT_EQ(storage.duration, 0.25);
    EXPECT_EQ(storage.scale.at("collective_emission"), 0.0);
    EXPECT_EQ(std::get<Evolve>(steps[6].action).scale.at("zeeman"), -1.0);
    const auto& last = std::get<Pulse>(steps.back().action);
    EXPECT_EQ(last.axis, (std::array<double, 3>{0, 1, 0}));  // normalised
    EXPECT_EQ(last.angle, 1.5);
    EXPECT_EQ(last.spins, std::vector<int>{1});
    EXPECT_DOUBLE_EQ(spec.protocol.total_duration(), 2.0);
    ASSERT_EQ(spec.output_times.size(), 11u);
    EXPECT_EQ(spec.output_times.back(), spec.protocol.total_duration());
    EXPECT_TRUE(spec.record_step_boundaries);
}

TEST(ConfigReader, MethodOptions) {
    const RunSpec spec = read_run_toml(doc(R"toml(
[method]
name = "exact"
integrator = "bdf"
rtol = 1e-6
atol = 1e-9
max_steps = 5000
max_step_size = 0.1
max_order = 4
trace_tolerance = 1e-5
steady_state = true
steady_state_tolerance = 1e-9
memory_limit_gib = 0.5
[spins]
count = 1
[time]
stop = 1
)toml"),
                                       "run.toml");
    EXPECT_EQ(spec.solver.integrator, "bdf");
    EXPECT_EQ(spec.solver.rtol, 1e-6);
    EXPECT_EQ(spec.solver.atol, 1e-9);
    EXPECT_EQ(spec.solver.max_steps, 5000);
    EXPECT_EQ(spec.solver.max_step_size, 0.1);
    EXPECT_EQ(spec.solver.max_order, 4);
    EXPECT_EQ(spec.solver.trace_tolerance, 1e-5);
    EXPECT_EQ(spec.solver.steady_state_tolerance, 1e-9);
    EXPECT_TRUE(spec.steady_state);
    EXPECT_EQ(spec.solver.memory_limit_bytes, 512u * 1024u * 1024u);
}

TEST(ConfigReader, OutputObservablesCustomColumnsAndPlotColumns) {
    const RunFile run = load_run_toml(doc(R"toml(
title = "obs"
[[species]]
name = "A"
count = 1
[[species]]
name = "B"
count = 1
[time]
stop = 1
[output]
directory = "out/here"
observables = ["Jz", "species", "spins", "trace"]
plot = false
[output.custom]
coherence = "sm(0)"
zz = "sz(0)*sz(1)"
)toml"),
                                      "run.toml");
    EXPECT_EQ(run.title, "obs");
    EXPECT_EQ(run.output.directory, "out/here");
    EXPECT_FALSE(run.output.plot);
    EXPECT_EQ(observable_names(run.spec),
              (std::vector<std::string>{"Jz", "Jx[A]", "Jy[A]", "Jz[A]", "J2[A]", "Jx[B]", "Jy[B]", "Jz[B]", "J2[B]",
                                        "sx_0", "sy_0", "sz_0", "sx_1", "sy_1", "sz_1", "trace", "coherence", "zz"}));
    EXPECT_TRUE(same_matrix(run.spec.observables[12].op, SpinOperator::sigma_x(1), 2));
    // Default plot columns: Jz and the custom ones (a non-Hermitian one as .re and .im).
    EXPECT_EQ(run.output.plot_columns, (std::vector<std::string>{"Jz", "coherence.re", "coherence.im", "zz"}));

    const RunFile chosen = load_run_toml(doc(R"toml(
[spins]
count = 1
[time]
stop = 1
[output]
plot_columns = ["purity", "c.im"]
[output.custom]
c = "sp(0)"
)toml"),
                                         "run.toml");
    EXPECT_EQ(chosen.output.plot_columns, (std::vector<std::string>{"purity", "c.im"}));
}

TEST(ConfigReader, ConfigIsEchoedAsJson) {
    const RunFile run = load_run_toml(doc(R"toml(
title = "echo"
[spins]
count = 1
[time]
times = [0, 0.5]
[method]
memory_limit_gib = 1
)toml"),
                                      "run.toml");
    EXPECT_EQ(run.config["title"], "echo");
    EXPECT_EQ(run.config["time"]["times"][1], 0.5);
    EXPECT_EQ(run.config["method"]["memory_limit_gib"], 1);
}

TEST(ConfigReader, MissingFileIsAModelError) { EXPECT_THROW((void)read_run_file("/nonexistent/run.toml"), ModelError); }

}  // namespace
}  // namespace openspins
