// The dicke method's generator spectrum (method/dicke/dicke_spectrum.hpp). The Dicke blocks are
// the exact generator restricted to permutation-invariant states, an invariant subspace, so each
// Dicke eigenvalue is one of the exact generator's (same run file read for both methods), with
// the same coherence order. Tolerance 1e-10 relative to max(1, |λ|): both sides are dense,
// backward-stable eigensolvers on matrices of norm ≲ 30.
#include "openspins/method/dicke/dicke_spectrum.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "openspins/config/config_reader.hpp"
#include "openspins/method/redfield/generator_spectrum.hpp"

using namespace openspins;

namespace {

std::string symmetric_model(const std::string& method, int n, bool drive) {
    return "[method]\nname = \"" + method + "\"\n[spins]\ncount = " + std::to_string(n) + R"(
frequency = 1.0
[hamiltonian]
zeeman = "+"
)" + (drive ? "[[hamiltonian.drive]]\nomega_x = 0.7\n" : "[[hamiltonian.term]]\nname = \"twist\"\nexpr = \"0.15*Jz*Jz\"\n") +
           R"(
[[channel]]
kind = "emission"
rate = 1.0
[[channel]]
kind = "absorption"
rate = 0.3
[[channel]]
kind = "dephasing"
rate = 0.2
[[channel]]
kind = "collective_emission"
rate = 0.8
[[channel]]
kind = "collective_dephasing"
rate = 0.1
[initial]
kind = "all_down"
[time]
stop = 1.0
)";
}

bool near(std::complex<double> a, std::complex<double> b, double tol) {
    return std::abs(a - b) <= tol * std::max(1.0, std::abs(b));
}

}  // namespace

TEST(DickeSpectrum, EigenvaluesAreExactOnes) {
    for (const bool drive : {false, true})
        for (int n = 1; n <= 6; ++n) {
            if (drive && n > 4) continue;  // a drive mixes all orders: 4^N-dimensional exact block
            SCOPED_TRACE("N = " + std::to_string(n) + (drive ? ", driven" : ""));
            const auto dicke = dicke::dicke_spectrum(read_run_toml(symmetric_model("dicke", n, drive), "d.toml").model);
            EXPECT_TRUE(dicke.complete());
            SpectrumOptions options;
            options.dense_limit = n == 6 ? 500 : 1000;  // N = 6: the orders ±3 … ±6 (≤ 440 reals), to keep it short
            const auto exact =
                redfield::generator_spectrum(read_run_toml(symmetric_model("exact", n, drive), "e.toml").model, options);
            // Compare the orders whose exact block was computed densely (all of them for N ≤ 5).
            for (const auto& m : dicke.modes) {
                const std::string block = m.coherence_order == 0 ? "order 0" : "orders ±" + std::to_string(std::abs(m.coherence_order));
                const bool dense = std::any_of(exact.blocks.begin(), exact.blocks.end(), [&](const SpectrumBlock& b) {
                    return (b.name == block || b.name == "all orders") && b.solver == "dense";
                });
                if (!dense) continue;
                // Without a drive the order is conserved and must agree; with one, orders mix and the
                // dominant order of an eigenmatrix depends on the basis (reduced blocks vs 2^N), so only λ.
                EXPECT_TRUE(std::any_of(exact.modes.begin(), exact.modes.end(), [&](const GeneratorMode& e) {
                    return near(m.eigenvalue, e.eigenvalue, 1e-10) && (drive || e.coherence_order == m.coherence_order);
                })) << m.eigenvalue << " " << m.label;
            }
            // The slowest modes: the steady state, then the slowest symmetric relaxation, both among the exact ones.
            EXPECT_EQ(dicke.modes.front().label.rfind("steady state", 0), 0u);
            EXPECT_LT(std::abs(dicke.modes.front().eigenvalue), 1e-12);
        }
}

TEST(DickeSpectrum, BlocksFollowMMinusMPrime) {
    const auto s = dicke::dicke_spectrum(read_run_toml(symmetric_model("dicke", 8, false), "d.toml").model);
    ASSERT_EQ(s.blocks.size(), 9u);  // populations, orders ±1 … ±8
    EXPECT_EQ(s.blocks[0].name, "populations");
    // Σ_j (2j+1) populations; 2 Σ_j (2j+1−d) reals for orders ±d (both signs).
    EXPECT_EQ(s.blocks[0].dimension, 25u);
    EXPECT_EQ(s.blocks[1].dimension, 2u * (8 + 6 + 4 + 2));
    std::size_t total = 0;
    for (const auto& b : s.blocks) total += b.found;
    EXPECT_EQ(total, s.total_dimension);  // Σ_j (2j+1)² = 165 for N = 8
    EXPECT_EQ(s.total_dimension, 165u);
    for (const auto& m : s.modes) EXPECT_NE(m.label.find(", j = "), std::string::npos) << m.label;
}

// Beyond the dense limit: shift-invert on the population matrix and Arnoldi on the probed order
// blocks give the slowest eigenvalues of the dense computation (N = 30: 256 populations,
// 2·240 reals in orders ±1). ARPACK tolerance 1e-9 relative on rates ≲ 10 → ≲ 1e-8 absolute.
TEST(DickeSpectrum, IterativeMatchesDense) {
    const Model model = read_run_toml(symmetric_model("dicke", 30, false), "d.toml").model;
    dicke::DickeSpectrumOptions dense, iterative;
    dense.max_order = iterative.max_order = 2;
    iterative.spectrum.dense_limit = 0;
    iterative.spectrum.modes = 10;
    const auto want = dicke::dicke_spectrum(model, dense);
    const auto got = dicke::dicke_spectrum(model, iterative);
    EXPECT_EQ(got.blocks[0].solver, "shift-invert (sparse LU)");
    EXPECT_EQ(got.blocks[1].solver, "Arnoldi");
    for (const std::string block : {"populations", "orders ±1", "orders ±2"}) {
        std::vector<std::complex<double>> a, b;
        for (const auto& m : want.modes)
            if (m.block == block) a.push_back(m.eigenvalue);
        for (const auto& m : got.modes)
            if (m.block == block) b.push_back(m.eigenvalue);
        ASSERT_GE(b.size(), 10u) << block;
        for (std::size_t i = 0; i < 10; ++i) EXPECT_NEAR(b[i].real(), a[i].real(), 1e-8) << block << " " << i;
    }
    for (const auto& b : got.blocks) EXPECT_TRUE(b.converged) << b.name;
}

// A lone spin: 1/T1 = γ_e + γ_a + Γ_coll (a collective emission on one spin is a local one),
// 1/T2 = 1/(2T1) + 2γ_φ + 2Γ_φ (L = σ^z at rate γ damps coherences at 2γ; Jz = σ^z/2 at rate Γ
// at Γ/2), ω from the Zeeman term and the twist 0.15 Jz² (constant on one spin).
TEST(DickeSpectrum, SingleSpinRates) {
    const auto r = dicke::dicke_single_spin_rates(read_run_toml(symmetric_model("dicke", 10, false), "d.toml").model);
    EXPECT_NEAR(r.t1, 1.0 + 0.3 + 0.8, 1e-12);
    EXPECT_NEAR(r.t2, 0.5 * (1.0 + 0.3 + 0.8) + 2 * 0.2 + 0.5 * 0.1, 1e-12);
    EXPECT_NEAR(r.omega, 1.0, 1e-12);
    EXPECT_NEAR(r.pure_dephasing, 2 * 0.2 + 0.5 * 0.1, 1e-12);
}
