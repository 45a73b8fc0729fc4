// [[bath]] and [[coupling]]: what they build, and every bad input located at file:line:key.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>

#include "config/test_support.hpp"
#include "openspins/method/method.hpp"
#include "openspins/model/bath/form_factor_density.hpp"

using namespace openspins;
using openspins::testing::doc;
using openspins::testing::fails_at;

namespace {

// Line numbers matter: the bath starts on line 8, the couplings on lines 13 and 17.
std::string with_baths(const std::string& bath_extra, const std::string& coupling_extra,
                       const std::string& method = "redfield") {
    return doc(R"(
[method]
name = ")") +
           method + R"("
[spins]
count = 2
frequency = 1.0
[hamiltonian]
zeeman = "-"
[[bath]]
name = "phonons"
temperature = 0.5
spectral_density = { kind = "form_factor", n = 0, m = 1 }
)" + bath_extra +
           R"(
[[coupling]]
bath = "phonons"
kind = "exchange"
strength = 0.2
)" + coupling_extra +
           R"(
[time]
stop = 1.0
)";
}

}  // namespace

TEST(ReadBaths, BuildsSharedAndLocalCouplings) {
    const RunSpec spec = read_run_toml(with_baths("scope = \"local\"\ncorrelation = 0.5", ""), "run.toml");
    const Environment& env = spec.model.environment;
    ASSERT_EQ(env.baths.size(), 1u);
    EXPECT_TRUE(env.baths[0].local);
    EXPECT_EQ(env.baths[0].correlation, 0.5);
    EXPECT_NEAR(env.baths[0].density->zero_slope(), 4.0 * M_PI * M_PI, 1e-12);
    ASSERT_EQ(env.couplings.size(), 2u);  // one per spin, each on its own copy
    EXPECT_EQ(env.couplings[0].copy, 0);
    EXPECT_EQ(env.couplings[1].copy, 1);
    // Correlated copies: modes (A0 ± A1)/√2 with weights 1 ± κ.
    const auto noise = env.noise_channels();
    ASSERT_EQ(noise.size(), 2u);
    EXPECT_NEAR(noise[0].weight + noise[1].weight, 2.0, 1e-12);
    EXPECT_NEAR(std::abs(noise[0].weight - noise[1].weight), 1.0, 1e-12);
    EXPECT_EQ(env.options.generator, "davies");
}

TEST(ReadBaths, OperatorCouplingAndGeneratorOptions) {
    std::string text = with_baths("", "[[coupling]]\nbath = \"phonons\"\noperator = \"Sz(0)*Sz(1)\"\n");
    text.replace(text.find("name = \"redfield\""), 17,
                 "name = \"redfield\"\ngenerator = \"bloch_redfield\"\nlamb_shift = false\nthermal = \"f_beta\"");
    const RunSpec spec = read_run_toml(text, "run.toml");
    EXPECT_EQ(spec.model.environment.couplings.size(), 3u);
    EXPECT_EQ(spec.model.environment.options.generator, "bloch_redfield");
    EXPECT_FALSE(spec.model.environment.options.lamb_shift);
    EXPECT_EQ(spec.model.environment.options.thermal, ThermalTreatment::f_beta);
}

TEST(ReadBaths, BadInputIsLocated) {
    EXPECT_TRUE(fails_at(with_baths("", "", "exact"), 13, "coupling[0]", "need [method] name = \"redfield\""));
    EXPECT_TRUE(fails_at(with_baths("", "[[coupling]]\nbath = \"nowhere\"\nkind = \"Sz\"\nstrength = 1"), 18,
                         "coupling[1].bath", "no bath named 'nowhere' (defined: phonons)"));
    std::string negative = with_baths("", "");
    negative.replace(negative.find("temperature = 0.5"), 17, "temperature = -1.0");
    EXPECT_TRUE(fails_at(negative, 10, "bath[0].temperature", "≥ 0"));
    std::string bad_density = with_baths("", "");
    bad_density.replace(bad_density.find("n = 0"), 5, "n = -1");
    EXPECT_TRUE(fails_at(bad_density, 11, "bath[0].spectral_density", "n must be ≥ 0"));
    std::string unknown_kind = with_baths("", "");
    unknown_kind.replace(unknown_kind.find("\"form_factor\""), 13, "\"gaussian\"");
    EXPECT_TRUE(fails_at(unknown_kind, 11, "bath[0].spectral_density.kind", "gaussian"));
    EXPECT_TRUE(fails_at(with_baths("scope = \"local\"", "[[coupling]]\nbath = \"phonons\"\noperator = \"Sz(0)\"\n"),
                         19, "coupling[1].operator", "needs a shared bath"));
    EXPECT_TRUE(fails_at(with_baths("", "[[coupling]]\nbath = \"phonons\"\noperator = \"sp(0)\"\n"), 19,
                         "coupling[1].operator", "Hermitian"));
    EXPECT_TRUE(fails_at(with_baths("", "[[coupling]]\nbath = \"phonons\"\noperator = \"sz(0) +\"\n"), 19,
                         "coupling[1].operator", "column"));
    EXPECT_TRUE(fails_at(with_baths("correlation = 0.3", ""), 12, "bath[0].correlation", "scope = \"local\""));
    EXPECT_TRUE(fails_at(with_baths("scope = \"local\"\ncorrelation = 2", ""), 13, "bath[0].correlation", "[−1, 1]"));
    EXPECT_TRUE(fails_at(with_baths("spectral_density = 1", ""), 12, "(syntax)", "spectral_density"));
    std::string table = with_baths("", "");
    table.replace(table.find("{ kind = \"form_factor\", n = 0, m = 1 }"), 38,
                  "{ kind = \"table\", path = \"none.csv\" }");
    EXPECT_TRUE(fails_at(table, 11, "bath[0].spectral_density.path", "none.csv"));
    std::string abragam = with_baths("", "");
    abragam.replace(abragam.find("name = \"redfield\""), 17,
                    "name = \"redfield\"\ngenerator = \"bloch_redfield\"\nthermal = \"abragam\"");
    EXPECT_TRUE(fails_at(abragam, 4, "method.thermal", "generator = \"davies\""));
    // A Lorentzian (J(0) > 0) with the default bose treatment: infinite zero-frequency rate.
    std::string lor = with_baths("", "");
    lor.replace(lor.find("{ kind = \"form_factor\", n = 0, m = 1 }"), 38,
                "{ kind = \"lorentzian\", correlation_time = 1.0 }");
    EXPECT_TRUE(fails_at(lor, 11, "bath[0].spectral_density", "nonzero at ω = 0"));
}

TEST(ReadBaths, TableThatDoesNotCoverABohrFrequencyIsRefusedBeforeRunning) {
    const std::string dir = ::testing::TempDir();
    {
        std::ofstream table(dir + "short_table.csv");
        table << "omega,J\n0,0\n0.25,0.01\n0.5,0.02\n";
    }
    std::string text = with_baths("", "");
    text.replace(text.find("{ kind = \"form_factor\", n = 0, m = 1 }"), 38,
                 "{ kind = \"table\", path = \"short_table.csv\" }");
    const RunSpec spec = read_run_toml(text, dir + "run.toml");
    try {
        make_method(spec.method)->validate(spec);
        FAIL() << "no error";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("J(1) is needed but the table covers [0, 0.5]"), std::string::npos)
            << e.what();
    }
}
