// metadata.json's time_unit: which model parameter names the unit of t (docs/config.md, "Time unit").
#include <gtest/gtest.h>

#include <string>

#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"
#include "openspins/result/metadata.hpp"

namespace openspins {
namespace {

nlohmann::json unit_of(const std::string& body) { return time_unit(read_run_toml(body, "run.toml").model); }

const std::string tail = "[time]\nstop = 1.0\npoints = 2\n";

TEST(TimeUnit, SpinFrequencyOfOneIsTheUnit) {
    const auto u = unit_of(
        "[spins]\ncount = 2\nfrequency = 1.0\n[hamiltonian]\nzeeman = \"+\"\n"
        "[[channel]]\nkind = \"emission\"\nrate = 0.1\n" +
        tail);
    EXPECT_EQ(u["symbol"], "ω");
    EXPECT_EQ(u["unit"], "1/ω");
    EXPECT_EQ(u["quantity"], "spin frequency");
}

TEST(TimeUnit, ARateOfOneWinsOverAFrequencyThatIsNot) {
    const auto u = unit_of(
        "[spins]\ncount = 2\nfrequency = 5.0\n[hamiltonian]\nzeeman = \"-\"\n"
        "[[channel]]\nkind = \"collective_emission\"\nrate = 1.0\n" +
        tail);
    EXPECT_EQ(u["symbol"], "Γ");
    EXPECT_EQ(u["unit"], "1/Γ");
    EXPECT_EQ(u["quantity"], "rate of channel 'collective_emission'");
}

TEST(TimeUnit, OtherwiseTheLargestEnergyOfHWithItsValue) {
    const auto u = unit_of(
        "[spins]\ncount = 2\nfrequency = 2.0\n[hamiltonian]\nzeeman = \"+\"\n"
        "[[hamiltonian.drive]]\nomega_x = 3.0\nomega_y = 4.0\n"
        "[[channel]]\nkind = \"emission\"\nrate = 0.5\n" +
        tail);
    EXPECT_EQ(u["symbol"], "Ω");
    EXPECT_DOUBLE_EQ(u["value"].get<double>(), 5.0);
    EXPECT_EQ(u["unit"], "1/Ω = 0.2");
}

TEST(TimeUnit, RotatingFrameWithoutDriveFallsToTheRate) {
    // Centre frequency 0: the broadened ω_i are detunings, not a scale.
    const auto u = unit_of(
        "[spins]\ncount = 3\nfrequency = 0.0\n"
        "broadening = { kind = \"gaussian\", width = 0.5, seed = 8 }\n"
        "[hamiltonian]\nzeeman = \"+\"\n[[channel]]\nkind = \"dephasing\"\nrate = 0.005\n" +
        tail);
    EXPECT_EQ(u["symbol"], "γ");
    EXPECT_EQ(u["unit"], "1/γ = 200");
}

TEST(TimeUnit, NoScaleIsArbitrary) {
    const auto u = unit_of("[spins]\ncount = 1\n" + tail);
    EXPECT_EQ(u["unit"], "arbitrary units");
    EXPECT_TRUE(u["value"].is_null());
}

TEST(TimeUnit, DickeDriveAndBadCavityRate) {
    const auto drive = unit_of(
        "[method]\nname = \"dicke\"\n[spins]\ncount = 10\n"
        "[[hamiltonian.drive]]\nomega_x = 1.0\n" +
        tail);
    EXPECT_EQ(drive["unit"], "1/Ω");
    // κ = 200, g = √50: Γ = κg²/(κ²/4) = 1.
    const auto cavity = unit_of(
        "[method]\nname = \"dicke\"\n[spins]\ncount = 4\n"
        "[[channel]]\nkind = \"emission\"\nrate = 0.1\n"
        "[cavity]\nn_max = 4\ncoupling = 7.0710678118654755\nloss = 200.0\n"
        "[initial]\nkind = \"all_up\"\n" +
        tail);
    EXPECT_EQ(cavity["symbol"], "Γ");
    EXPECT_EQ(cavity["unit"], "1/Γ");
}

TEST(TimeUnit, RecordedInTheMetadata) {
    const RunSpec spec =
        read_run_toml("[spins]\ncount = 1\nfrequency = 1.0\n[hamiltonian]\nzeeman = \"+\"\n" + tail, "run.toml");
    RunResult result;
    const auto m = build_metadata(spec, result, RunRecord{});
    EXPECT_EQ(m["time_unit"]["unit"], "1/ω");
}

TEST(TimeUnit, TheRunFileNamesTheParameterWhenSeveralAreOne) {
    // Seed 002's battery: ω = γ = 1, its times are in 1/γ ([time] unit = "γ").
    const std::string battery =
        "[spins]\ncount = 4\nfrequency = 1.0\n[hamiltonian]\nzeeman = \"+\"\n"
        "[[channel]]\nkind = \"emission\"\nrate = 1.0\n"
        "[[channel]]\nkind = \"collective_emission\"\nrate = 1600.0\n";
    EXPECT_EQ(unit_of(battery + tail)["unit"], "1/ω");
    const RunSpec spec = read_run_toml(battery + tail + "unit = \"γ\"\n", "run.toml");
    EXPECT_EQ(spec.time_unit_symbol, "γ");
    const auto u = build_metadata(spec, RunResult{}, RunRecord{})["time_unit"];
    EXPECT_EQ(u["unit"], "1/γ");
    EXPECT_EQ(u["quantity"], "rate of channel 'emission'");
    // Γ = 1600 is not 1: its value is stated.
    EXPECT_EQ(time_unit(spec.model, "Γ")["unit"], "1/Γ = 0.000625");
    // A symbol no parameter has is still the run file's declaration, without a value.
    EXPECT_TRUE(time_unit(spec.model, "κ")["value"].is_null());
    EXPECT_EQ(time_unit(spec.model, "κ")["unit"], "1/κ");
    EXPECT_THROW(read_run_toml(battery + tail + "unit = \"seconds\"\n", "run.toml"), ConfigError);
}

}  // namespace
}  // namespace openspins
