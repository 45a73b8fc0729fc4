// integrator = "auto" (method/integrator_choice.hpp): the stiff battery discharge gets BDF
// and finishes in a bounded number of right-hand sides, a gentle model gets Adams, a name
// in the run file wins, and the choice is recorded in the run's notes.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "openspins/config/config_reader.hpp"
#include "openspins/method/method.hpp"

namespace openspins {
namespace {

std::string example(const std::string& name) {
    std::ifstream in(std::string(OPENSPINS_SOURCE_DIR) + "/examples/" + name);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// `text` with the first occurrence of `from` replaced by `to` (which must be there).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

// The long-discharge battery (N = 140, Γ = 1600 γ) without its integrator key, over
// `cycles` of the 20 charge/storage/discharge cycles.
std::string battery_without_key(int cycles) {
    std::string text = replaced(example("battery_fig3_long_discharge.toml"), "integrator = \"bdf\"\n", "");
    return replaced(text, "repeat = 20", "repeat = " + std::to_string(cycles));
}

IntegratorChoice choice_for(const std::string& toml) {
    const RunSpec spec = read_run_toml(toml, "run.toml");
    return make_method(spec.method)->integrator_choice(spec);
}

TEST(IntegratorChoice, BatteryLongDischargeWithoutKeyChoosesBdf) {
    const IntegratorChoice c = choice_for(battery_without_key(20));
    EXPECT_EQ(c.name, "bdf");
    EXPECT_TRUE(c.automatic);
    EXPECT_GE(c.stiffness, c.threshold);
    EXPECT_EQ(c.stiffest_step, "discharge");  // Γ (N/2 + ½)² over τ_d, not the storage step
    EXPECT_NEAR(c.fastest_decay, 1600.0 * 70.5 * 70.5 + 140.0, 1e-6);
    EXPECT_DOUBLE_EQ(c.step_length, 0.0375);
}

// Two cycles of the same run, every evolve step by CVODE (propagator = "integrator", so the
// rational propagator cannot hide the integrator): BDF takes them in about 4 000 right-hand
// sides, where Adams, held to h λ ≲ 1 by λ ≈ 8·10⁶, needs more than 10⁵ per discharge
// (it did not finish two cycles in 300 s).
TEST(IntegratorChoice, BatteryRunUnderAutoStaysWithinRhsBound) {
    const std::string text =
        replaced(battery_without_key(2), "name = \"dicke\"", "name = \"dicke\"\npropagator = \"integrator\"");
    const RunSpec spec = read_run_toml(text, "run.toml");
    const RunResult result = make_method(spec.method)->run(spec, {});
    EXPECT_EQ(result.notes.at("integrator"), "bdf");
    EXPECT_EQ(result.notes.at("propagator"), "integrator (CVODE bdf)");
    EXPECT_NE(result.notes.at("integrator_choice").find("auto: stiffness"), std::string::npos)
        << result.notes.at("integrator_choice");
    EXPECT_GT(result.stats.rhs_evaluations, 0);
    EXPECT_LT(result.stats.rhs_evaluations, 20000);
}

TEST(IntegratorChoice, TwoSpinSuperradianceChoosesAdams) {
    const IntegratorChoice c = choice_for(example("two_spin_superradiance.toml"));
    EXPECT_EQ(c.name, "adams");
    EXPECT_TRUE(c.automatic);
    EXPECT_LT(c.stiffness, c.threshold);
    // Γ (N/2 + ½)² = 2.25 over the one 5/Γ step.
    EXPECT_DOUBLE_EQ(c.fastest_decay, 2.25);
    EXPECT_DOUBLE_EQ(c.step_length, 5.0);
}

TEST(IntegratorChoice, NamedIntegratorWins) {
    const IntegratorChoice adams = choice_for(
        replaced(example("battery_fig3_long_discharge.toml"), "integrator = \"bdf\"", "integrator = \"adams\""));
    EXPECT_EQ(adams.name, "adams");
    EXPECT_FALSE(adams.automatic);
    EXPECT_GE(adams.stiffness, adams.threshold) << "stiff, yet the run file's name is kept";
    const IntegratorChoice bdf =
        choice_for(example("two_spin_superradiance.toml") + "[method]\nintegrator = \"bdf\"\n");
    EXPECT_EQ(bdf.name, "bdf");
    EXPECT_FALSE(bdf.automatic);
    const IntegratorChoice explicit_auto =
        choice_for(example("two_spin_superradiance.toml") + "[method]\nintegrator = \"auto\"\n");
    EXPECT_EQ(explicit_auto.name, "adams");
    EXPECT_TRUE(explicit_auto.automatic);
}

TEST(IntegratorChoice, NamedIntegratorIsTheOneThatRuns) {
    const RunSpec spec =
        read_run_toml(example("two_spin_superradiance.toml") + "[method]\nintegrator = \"bdf\"\n", "run.toml");
    const RunResult result = make_method(spec.method)->run(spec, {});
    EXPECT_EQ(result.notes.at("integrator"), "bdf");
    EXPECT_EQ(result.notes.at("integrator_choice"), "bdf (named in the run file)");
}

// BDF stops at order 5: an order above it under "auto" can only mean Adams.
TEST(IntegratorChoice, MaxOrderAboveBdfsForcesAdams) {
    const IntegratorChoice c =
        choice_for(replaced(battery_without_key(20), "rtol = 1e-8", "rtol = 1e-8\nmax_order = 8"));
    EXPECT_EQ(c.name, "adams");
    EXPECT_NE(c.forced_by.find("max_order 8"), std::string::npos) << c.forced_by;
}

// Only the right-hand side's own rates count, scaled per step: switching the collective
// decay off in every step leaves N γ = 140 over 0.0375, which is not stiff.
TEST(IntegratorChoice, ProtocolScalesEnterTheEstimate) {
    std::string text = replaced(battery_without_key(20), "{ evolve = 0.0375, label = \"discharge\" }",
                                "{ evolve = 0.0375, scale = { collective_emission = 0.0 }, label = \"discharge\" }");
    const IntegratorChoice c = choice_for(text);
    EXPECT_EQ(c.name, "adams");
    EXPECT_DOUBLE_EQ(c.fastest_decay, 140.0);
}

// The same file gives the same choice (a resumed run re-reads it): nothing but the spec enters.
TEST(IntegratorChoice, DeterministicFromTheRunFile) {
    const IntegratorChoice a = choice_for(battery_without_key(20)), b = choice_for(battery_without_key(20));
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.stiffness, b.stiffness);
    EXPECT_EQ(a.estimated_rhs, b.estimated_rhs);
}

}  // namespace
}  // namespace openspins
