// Method "heom" against QuTiP 4.7.1's HEOMSolver at matched hierarchy parameters (same depth,
// same exponents, the same terminator): tests/data/heom_<case>.{toml,csv}, written by
// tests/reference/make_heom_references.py (one and two spins; Drude–Lorentz with Matsubara
// and Padé, underdamped; local and shared baths).
//
// Tolerance 1e-7 absolute on the Pauli expectation values: both sides integrate the same
// truncated hierarchy (no physics approximation differs), QuTiP at rtol 1e-11 (its change to
// rtol 1e-9 is ≤ 2.2e-8, so its data is good to ~1e-9) and openspins at rtol 1e-11. The issue
// asks for ≤ 1e-6; the measured differences are printed.
#include <gtest/gtest.h>

#include <filesystem>

#include "method/redfield/redfield_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/method/method.hpp"
#include "reference/reference_csv.hpp"

using namespace openspins;

namespace {

double largest_difference(const std::string& name) {
    const auto data = std::filesystem::path(OPENSPINS_SOURCE_DIR) / "tests" / "data";
    const RunSpec spec = read_run_file((data / ("heom_" + name + ".toml")).string());
    const RunResult result = make_method(spec.method)->run(spec, {});
    EXPECT_EQ(result.method, "heom");
    const auto reference = test::read_reference_csv(data / ("heom_" + name + ".csv"));
    EXPECT_EQ(result.series.rows(), reference.rows.size());
    double worst = 0.0;
    for (std::size_t c = 1; c < reference.columns.size(); ++c) {
        const auto ours = result.series.column_values(reference.columns[c]);
        for (std::size_t r = 0; r < reference.rows.size(); ++r) {
            EXPECT_NEAR(result.series.time[r], reference.rows[r][0], 1e-12);
            worst = std::max(worst, std::abs(ours[r] - reference.rows[r][c]));
        }
    }
    std::cout << "heom_" << name << ": " << result.notes.at("heom.ados") << " ADOs, largest |Δ| vs QuTiP " << worst
              << '\n';
    return worst;
}

}  // namespace

TEST(HeomQutipReference, OneSpinMatsubaraWithTerminator) { EXPECT_LT(largest_difference("one_spin_matsubara"), 1e-7); }
TEST(HeomQutipReference, OneSpinPadeCold) { EXPECT_LT(largest_difference("one_spin_pade"), 1e-7); }
TEST(HeomQutipReference, OneSpinUnderdamped) { EXPECT_LT(largest_difference("one_spin_underdamped"), 1e-7); }
TEST(HeomQutipReference, TwoSpinsLocalBaths) { EXPECT_LT(largest_difference("two_spins_local"), 1e-7); }
TEST(HeomQutipReference, TwoSpinsSharedBath) { EXPECT_LT(largest_difference("two_spins_shared"), 1e-7); }
