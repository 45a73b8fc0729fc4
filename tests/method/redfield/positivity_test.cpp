// Complete positivity: Bloch–Redfield is allowed to leave the positive cone and the redfield
// method then warns (note "redfield.warning", printed by the CLI). A spin in its ground state
// at T = 0, strongly coupled (ohmic α = 1 through 1.5 S^x + S^z): ρ's smallest eigenvalue falls
// to about −0.13 by t = 2; the Davies generator on the same model keeps ρ positive (its
// populations stay in [0, 1] and the Bloch vector inside the ball); weak coupling (the QuTiP
// reference case) stays positive to 1e-9 without a warning.
//
// Beyond N = 4 (the check runs in the exact kernel at every output time, any N it can hold):
// six such spins, each with its own bath copy (local, uncorrelated), stay a product state
// ρ = ⊗ρ_i(t), so ρ's smallest eigenvalue is λ₋λ₊⁵ with λ± = (1 ± |r|)/2 of one spin's Bloch
// vector r(t) (λ₋ < 0 < λ₊, |λ₋| < λ₊). The N = 6 run's minimum over the output times must
// equal the one-spin prediction (to 1e-7: both integrate at rtol 1e-10) at the same time.
// Davies on the same six spins, from a mixed product state, stays positive (smallest eigenvalue
// ≥ −1e-9 at rtol 1e-10: the smallest exact eigenvalue starts at 0.03⁶ ≈ 7e-10, so rounding, not
// physics, sets the bound; no warning).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "method/redfield/redfield_test_support.hpp"
#include "openspins/config/config_reader.hpp"

using namespace openspins;
using openspins::testing::run_toml;

namespace {

std::string list(int n, const std::string& value) {
    std::string s = "[";
    for (int i = 0; i < n; ++i) s += (i ? ", " : "") + value;
    return s + "]";
}

std::string strong(const std::string& generator, int spins = 1, const std::string& tolerances = "",
                   const std::string& initial = "kind = \"all_up\"") {
    return R"(
[method]
name = "redfield"
generator = ")" +
           generator + "\"\n" + tolerances + R"(
[spins]
count = )" + std::to_string(spins) +
           R"(
frequency = 1.0
[hamiltonian]
zeeman = "-"
[[bath]]
name = "b"
temperature = 0.0
scope = "local"
spectral_density = { kind = "ohmic", alpha = 1.0, cutoff = 10.0 }
[[coupling]]
bath = "b"
kind = "Sx"
strengths = )" + list(spins, "1.5") + R"(
[[coupling]]
bath = "b"
kind = "Sz"
strengths = )" + list(spins, "1.0") + R"(
[initial]
)" + initial + R"(
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

TEST(Positivity, SixSpinsBlochRedfieldMatchesTheProductOfOneSpinSpectra) {
    const std::string tight = "rtol = 1e-10\natol = 1e-12";
    const auto one = run_toml(strong("bloch_redfield", 1, tight));
    const auto six = run_toml(strong("bloch_redfield", 6, tight));
    ASSERT_TRUE(six.notes.count("redfield.warning"));
    const auto sx = one.series.column_values("sx_0");
    const auto sy = one.series.column_values("sy_0");
    const auto sz = one.series.column_values("sz_0");
    const auto& t = one.series.time;
    double predicted = 1.0, at = 0.0;
    for (std::size_t k = 0; k < sz.size(); ++k) {
        const double r = std::sqrt(sx[k] * sx[k] + sy[k] * sy[k] + sz[k] * sz[k]);
        const double lowest = 0.5 * (1.0 - r) * std::pow(0.5 * (1.0 + r), 5);
        if (lowest < predicted) {
            predicted = lowest;
            at = t[k];
        }
    }
    ASSERT_LT(predicted, -0.05);  // the construction really leaves the cone
    EXPECT_NEAR(std::stod(six.notes.at("redfield.min_eigenvalue_of_rho")), predicted, 1e-7);
    EXPECT_DOUBLE_EQ(std::stod(six.notes.at("redfield.min_eigenvalue_time")), at);
}

TEST(Positivity, SixSpinsDaviesStaysPositive) {
    // From a mixed product state with coherences (|r| = 0.94), not the fixed point all_up.
    const auto r = run_toml(strong("davies", 6, "rtol = 1e-10\natol = 1e-12",
                                   "kind = \"product\"\nbloch = " + list(6, "[0.8, 0.0, 0.5]")));
    EXPECT_NE(r.series.column_values("sz_0").back(), r.series.column_values("sz_0").front());
    EXPECT_FALSE(r.notes.count("redfield.warning"));
    EXPECT_GT(std::stod(r.notes.at("redfield.min_eigenvalue_of_rho")), -1e-9);
}
