// Complete positivity: Bloch–Redfield is allowed to leave the positive cone and the redfield
// method then warns (note "redfield.warning", printed by the CLI). A spin in its ground state
// at T = 0, strongly coupled (ohmic α = 1 through 1.5 S^x + S^z): ρ's smallest eigenvalue falls
// to about −0.13 by t = 2; the Davies generator on the same model keeps ρ positive (its
// populations stay in [0, 1] and the Bloch vector inside the ball); weak coupling (the QuTiP
// reference case) stays positive to 1e-9 without a warning.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "method/redfield/redfield_test_support.hpp"
#include "openspins/config/config_reader.hpp"

using namespace openspins;
using openspins::testing::run_toml;

namespace {

std::string strong(const std::string& generator) {
    return R"(
[method]
name = "redfield"
generator = ")" +
           generator + R"("
[spins]
count = 1
frequency = 1.0
[hamiltonian]
zeeman = "-"
[[bath]]
name = "b"
temperature = 0.0
spectral_density = { kind = "ohmic", alpha = 1.0, cutoff = 10.0 }
[[coupling]]
bath = "b"
kind = "Sx"
strength = 1.5
[[coupling]]
bath = "b"
kind = "Sz"
strength = 1.0
[initial]
kind = "all_up"
[time]
stop = 2.0
points = 41
[output]
observables = ["spins"]
plot = false
)";
}

}  // namespace

TEST(Positivity, BlochRedfieldWarnsWhenRhoLeavesThePositiveCone) {
    const auto r = run_toml(strong("bloch_redfield"));
    ASSERT_TRUE(r.notes.count("redfield.warning"));
    EXPECT_NE(r.notes.at("redfield.warning").find("positive cone"), std::string::npos);
    EXPECT_LT(std::stod(r.notes.at("redfield.min_eigenvalue_of_rho")), -0.1);
}

TEST(Positivity, DaviesStaysPhysicalOnTheSameModel) {
    const auto r = run_toml(strong("davies"));
    EXPECT_FALSE(r.notes.count("redfield.warning"));
    const auto sx = r.series.column_values("sx_0");
    const auto sy = r.series.column_values("sy_0");
    const auto sz = r.series.column_values("sz_0");
    for (std::size_t k = 0; k < sz.size(); ++k)
        EXPECT_LE(std::sqrt(sx[k] * sx[k] + sy[k] * sy[k] + sz[k] * sz[k]), 1.0 + 1e-9) << k;
}

TEST(Positivity, WeakCouplingBlochRedfieldStaysPositive) {
    const RunSpec spec = read_run_file(std::string(OPENSPINS_SOURCE_DIR) + "/tests/data/brme_two_spins.toml");
    const auto r = make_method(spec.method)->run(spec, {});
    EXPECT_FALSE(r.notes.count("redfield.warning"));
    EXPECT_GT(std::stod(r.notes.at("redfield.min_eigenvalue_of_rho")), -1e-9);
}
