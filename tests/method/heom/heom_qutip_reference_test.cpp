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

#include <cmath>
#include <filesystem>
#include <vector>

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

// ---- the long-time state (detailed balance) and a fitted bath ----------------------------------------------

namespace {

// openspins' last row of the case's run (long enough to have relaxed) and QuTiP's HEOMSolver.steady_state()
// of the same hierarchy (tests/data/heom_<case>_steady.csv).
struct LongTime {
    std::vector<double> ours, qutip;
};

LongTime long_time_state(const std::string& name) {
    const auto data = std::filesystem::path(OPENSPINS_SOURCE_DIR) / "tests" / "data";
    const RunSpec spec = read_run_file((data / ("heom_" + name + ".toml")).string());
    const RunResult result = make_method(spec.method)->run(spec, {});
    const auto steady = test::read_reference_csv(data / ("heom_" + name + "_steady.csv"));
    LongTime out;
    for (std::size_t c = 0; c < steady.columns.size(); ++c) {
        out.ours.push_back(result.series.column_values(steady.columns[c]).back());
        out.qutip.push_back(steady.rows[0][c]);
    }
    return out;
}

double distance(const std::vector<double>& a, const std::vector<double>& b) {
    double worst = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]));
    return worst;
}

}  // namespace

// The long-time state is HEOM's steady state — not the system's Gibbs state: at λ = 0.15, T = 0.3 the
// bath's reorganisation tilts it by ~1e-2 (σ^x 0.0122, σ^z 0.9191 vs the bare tanh(βω/2) = 0.9311), and
// openspins' long run (t = 800, BDF at rtol 1e-10: the slowest mode, τ ≈ 32, has decayed to < 1e-10) lands on
// QuTiP's steady state (a sparse LU solve of the same hierarchy) to 1e-8 (measured 8.5e-10).
TEST(HeomQutipReference, LongTimeStateIsQutipSteadyState) {
    const LongTime s = long_time_state("one_spin_steady");
    const double d = distance(s.ours, s.qutip);
    std::cout << "one spin, λ = 0.15, T = 0.3: long run vs QuTiP steady state " << d << ", σ^z " << s.ours[2]
              << " vs Gibbs " << std::tanh(1.0 / 0.6) << '\n';
    EXPECT_LT(d, 1e-8);
    EXPECT_GT(std::abs(s.ours[2] - std::tanh(1.0 / 0.6)), 5e-3);  // the coupling's correction is resolved
}

// Detailed balance at weak coupling: with λ = 0.02 (T = 0.5, ω = 1) the steady state is the bare Gibbs state
// σ^z = tanh(βω/2) up to O(λ) — measured 1.4e-3 in σ^z and 9.7e-4 in σ^x, asserted ≤ 0.2·λ (a wrong
// detailed-balance ratio in the expansion would shift σ^z by O(1)·|Δratio|, independent of λ) — and
// agrees with QuTiP's steady state to 1e-8 (measured 2.1e-10; t = 3000 for the slowest mode, τ ≈ 185).
TEST(HeomQutipReference, WeakCouplingLongTimeStateIsGibbs) {
    const LongTime s = long_time_state("one_spin_steady_weak");
    const double d = distance(s.ours, s.qutip);
    const std::vector<double> gibbs{0.0, 0.0, std::tanh(1.0)};
    std::cout << "one spin, λ = 0.02, T = 0.5: long run vs QuTiP steady state " << d << ", vs Gibbs "
              << distance(s.ours, gibbs) << '\n';
    EXPECT_LT(d, 1e-8);
    EXPECT_LT(distance(s.ours, gibbs), 0.2 * 0.02);
}

// A fitted bath (seed 000's ohmic form factor, K = 4, exchange + conserving, depth 4) against QuTiP's
// HEOMSolver given openspins' fitted exponents (BosonicBath): the same hierarchy, so the same 1e-7 as the
// closed-form cases.
TEST(HeomQutipReference, FittedBathThroughBosonicBath) { EXPECT_LT(largest_difference("one_spin_fitted"), 1e-7); }
