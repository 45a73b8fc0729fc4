// Generator eigenvalues and the named single-spin rates (method/redfield/generator_spectrum.hpp):
// one spin reproduces seed 000's γ_relax (3.1) and ½γ_relax + γ_cons (3.2)–(3.3); a collective
// conserving coupling leaves the zero-quantum coherence of two spins undamped (decoherence-free);
// the CLI prints and writes the table.
#include "openspins/method/redfield/generator_spectrum.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/redfield/redfield_method.hpp"
#include "openspins/model/bath/power_law_density.hpp"

using namespace openspins;

namespace {

std::string model(int n, const std::string& frequencies, const std::string& couplings) {
    return R"(
[method]
name = "redfield"
[spins]
count = )" +
           std::to_string(n) + R"(
frequencies = )" +
           frequencies + R"(
[hamiltonian]
zeeman = "-"
[[bath]]
name = "b"
temperature = 0.6
spectral_density = { kind = "ohmic", alpha = 0.02, cutoff = 4.0 }
[[bath]]
name = "loc"
temperature = 0.6
scope = "local"
spectral_density = { kind = "ohmic", alpha = 0.02, cutoff = 4.0 }
)" + couplings +
           R"(
[time]
stop = 1.0
)";
}

const std::string exchange_and_conserving = R"(
[[coupling]]
bath = "b"
kind = "exchange"
strength = 0.7
[[coupling]]
bath = "loc"
kind = "conserving"
strength = 0.5
)";

}  // namespace

TEST(GeneratorSpectrum, SingleSpinRatesAreSeed000) {
    const RunSpec spec = read_run_toml(model(1, "[1.2]", exchange_and_conserving), "run.toml");
    const PowerLawDensity j(0.02, 1.0, 4.0, 1);
    const double T = 0.6, w = 1.2;
    const double relax = 0.25 / std::tanh(w / (2 * T)) * 0.49 * j.value(w);
    const double cons = 0.25 * j.zero_slope() * T / 2.0;
    const auto rates = redfield::single_spin_rates(spec.model);
    ASSERT_EQ(rates.size(), 1u);
    EXPECT_NEAR(rates[0].t1, relax, 1e-12);
    EXPECT_NEAR(rates[0].t2, 0.5 * relax + cons, 1e-12);
    EXPECT_NEAR(rates[0].pure_dephasing, cons, 1e-12);
    const auto modes = redfield::generator_modes(RedfieldMethod::derived_spec(spec).model);
    ASSERT_EQ(modes.size(), 4u);
    EXPECT_EQ(modes[0].label, "steady state");
    int populations = 0;
    for (const auto& m : modes)
        if (m.label == "populations") {
            ++populations;
            EXPECT_NEAR(-m.eigenvalue.real(), relax, 1e-12);
        }
    EXPECT_EQ(populations, 1);
}

TEST(GeneratorSpectrum, CollectiveDephasingLeavesTheZeroQuantumCoherence) {
    const std::string collective_conserving = R"(
[[coupling]]
bath = "b"
kind = "conserving"
strength = 0.5
)";
    const RunSpec spec = read_run_toml(model(2, "[1.0, 1.3]", collective_conserving), "run.toml");
    const auto modes = redfield::generator_modes(RedfieldMethod::derived_spec(spec).model);
    ASSERT_EQ(modes.size(), 16u);
    int undamped_zq = 0;
    for (const auto& m : modes)
        if (m.label == "zero-quantum coherence" && std::abs(m.eigenvalue.real()) < 1e-12) ++undamped_zq;
    EXPECT_EQ(undamped_zq, 2);  // |↑↓⟩⟨↓↑| and its conjugate
    EXPECT_THROW((void)redfield::generator_modes(
                     read_run_toml(model(6, "[1, 1.1, 1.2, 1.3, 1.4, 1.5]", collective_conserving), "run.toml").model),
                 ModelError);
}

TEST(GeneratorSpectrum, RatesCommandWritesTables) {
    const auto dir = std::filesystem::temp_directory_path() / "openspins_rates_test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "m.toml") << model(2, "[1.0, 1.3]", exchange_and_conserving);
    const std::string cmd = "'" OPENSPINS_CLI "' rates '" + (dir / "m.toml").string() + "' --output '" +
                            (dir / "out").string() + "' > '" + (dir / "stdout.txt").string() + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream out(dir / "stdout.txt");
    const std::string text((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("16 modes"), std::string::npos) << text;
    EXPECT_NE(text.find("single-spin rates"), std::string::npos) << text;
    EXPECT_TRUE(std::filesystem::exists(dir / "out" / "modes.csv"));
    EXPECT_TRUE(std::filesystem::exists(dir / "out" / "rates.json"));
    std::filesystem::remove_all(dir);
}
