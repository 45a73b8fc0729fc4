// `openspins rates` on a model of method "resonance" (examples/resonance_seed000.toml): the seed's
// rates are printed with their equation numbers, and those that are eigenvalues of the Davies
// generator (γ_relax (3.1), 1/T2(∞) (3.25), and every coherence eigenvalue of (4.19): 2^{N−1} per
// spin) sit beside the generator's nearest eigenvalue, which they equal to rounding — each to a
// different one; rates.json carries them under "resonance".
#include <nlohmann/json.hpp>

#include <set>
#include <utility>

#include "cli_runner.hpp"

using openspins::testing::CliRunner;

class ResonanceRates : public CliRunner {};

TEST_F(ResonanceRates, AnalyticRatesBesideTheGeneratorsEigenvalues) {
    const auto o = cli("rates '" OPENSPINS_SOURCE_DIR "/examples/resonance_seed000.toml' --output out");
    ASSERT_EQ(o.status, 0) << o.err;
    for (const char* label : {"(2.15)", "(2.18)", "(2.19)", "(2.26)", "(2.29)", "(2.30)", "(2.31)", "(2.32)", "(2.33)", "(3.1)",
                              "(3.3)", "(3.2)", "(3.25)", "seed 000 resonance theory"})
        EXPECT_NE(o.out.find(label), std::string::npos) << label;
    const auto j = nlohmann::json::parse(openspins::testing::read_text(dir_ / "out" / "rates.json"));
    ASSERT_TRUE(j.contains("resonance"));
    int matched = 0;
    std::set<std::pair<double, double>> coherence_matches;  // (4.19): 4 spins × 2³ modes, all different
    for (const auto& row : j["resonance"])
        if (row.contains("predicted_rate")) {
            if (row["equation"] == "(4.19)")
                coherence_matches.emplace(row["generator_rate"].get<double>(), row["generator_frequency"].get<double>());
            ASSERT_TRUE(row.contains("generator_rate")) << row.dump();
            EXPECT_NEAR(row["predicted_rate"].get<double>(), row["generator_rate"].get<double>(), 1e-12) << row.dump();
            EXPECT_NEAR(std::abs(row["predicted_frequency"].get<double>()),
                        std::abs(row["generator_frequency"].get<double>()), 1e-12)
                << row.dump();
            ++matched;
        }
    EXPECT_EQ(matched, 2 + 32);
    EXPECT_EQ(coherence_matches.size(), 32u);
}

TEST_F(ResonanceRates, RunWritesTheSingleSpinSeries) {
    const auto o = cli("run '" OPENSPINS_SOURCE_DIR "/examples/resonance_seed000.toml' --output out --quiet");
    ASSERT_EQ(o.status, 0) << o.err;
    const std::string series = openspins::testing::read_text(dir_ / "out" / "series.csv");
    EXPECT_EQ(series.rfind("t,step,Jx,Jy,Jz,sx_0,sy_0,sz_0", 0), 0u) << series.substr(0, 80);
}

TEST_F(ResonanceRates, TwoSpeciesCoherenceEigenvaluesAreTheGenerators) {
    // Seed §3.2.2 with two species (A at ω ≈ 1, B at ω ≈ 1.6, distinct frequencies) and different
    // collective conserving couplings ϰ_A = 0.5, ϰ_B = −0.3 (so a_AB = ϰ_Aϰ_B S(0) > 0 and z_slow = z^+
    // for the A–B factors, D4, D6): every (4.19) eigenvalue of every spin — (3.25)'s 1/T2,A(∞) and
    // 1/T2,B(∞) among them — is an eigenvalue of the Davies generator (all 256, dense) to 1e-12, each a
    // different one, and so is each species' γ_relax (3.1).
    write("two.toml", R"(
[method]
name = "resonance"
[[species]]
name = "A"
frequencies = [1.0, 1.043]
[[species]]
name = "B"
frequencies = [1.6, 1.657]
[hamiltonian]
zeeman = "-"
[[bath]]
name = "cf"
temperature = 0.5
spectral_density = { kind = "form_factor", n = 0, m = 1, angular_integral = 0.05 }
[[bath]]
name = "lg"
temperature = 0.5
scope = "local"
spectral_density = { kind = "form_factor", n = 0, m = 1, angular_integral = 0.05 }
[[bath]]
name = "cg"
temperature = 0.5
spectral_density = { kind = "form_factor", n = 0, m = 1, angular_integral = 0.05 }
[[coupling]]
bath = "cf"
kind = "conserving"
strengths = [0.5, 0.5, -0.3, -0.3]
[[coupling]]
bath = "lg"
kind = "exchange"
strengths = [0.4, 0.4, 0.6, 0.6]
[[coupling]]
bath = "cg"
kind = "exchange"
strength = 0.3
[initial]
kind = "product"
bloch = [0.9, 0, 0]
[time]
stop = 1
[output]
observables = ["Jx"]
plot = false
)");
    const auto o = cli("rates two.toml --output out");
    ASSERT_EQ(o.status, 0) << o.err;
    const auto j = nlohmann::json::parse(openspins::testing::read_text(dir_ / "out" / "rates.json"));
    std::set<std::pair<double, double>> coherence_matches;
    int matched = 0, t2_rows = 0;
    for (const auto& row : j["resonance"]) {
        if (!row.contains("predicted_rate")) continue;
        ASSERT_TRUE(row.contains("generator_rate")) << row.dump();
        EXPECT_NEAR(row["predicted_rate"].get<double>(), row["generator_rate"].get<double>(), 1e-12) << row.dump();
        EXPECT_NEAR(std::abs(row["predicted_frequency"].get<double>()), std::abs(row["generator_frequency"].get<double>()),
                    1e-12)
            << row.dump();
        if (row["equation"] == "(4.19)")
            coherence_matches.emplace(row["generator_rate"].get<double>(), row["generator_frequency"].get<double>());
        if (row["equation"] == "(3.25)") ++t2_rows;
        ++matched;
    }
    EXPECT_EQ(t2_rows, 2);  // one per species
    EXPECT_EQ(matched, 2 * 2 + 4 * 8);
    EXPECT_EQ(coherence_matches.size(), 32u);
}
