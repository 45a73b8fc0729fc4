// Complex shift-invert per coherence band (method/redfield/shift_invert_spectrum.hpp) on seed 000's
// Bloch–Redfield generator (examples/bath_seed000_local_collective.toml, non-secular: one block of
// 4^N reals) at N = 4 and 5 with dense_limit = 0, against the dense Kronecker Liouvillian.
// Tolerances: ARPACK stops at Ritz estimates ≤ 1e-9·|λ| (SpectrumOptions::tolerance) on a matrix
// of norm ~1 (Zeeman ~1, rates ~1e-3 … 1e-1), Eigen's dense ComplexEigenSolver is backward stable
// (~1e-14·‖𝓛‖ for well-separated eigenvalues); 1e-9·max(1, |λ|) covers both. The steady state
// (λ = 0) within 1e-10, the round-off of a trace-preserving 𝓛.
#include "openspins/method/redfield/shift_invert_spectrum.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "method/redfield/spectrum_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/redfield/generator_spectrum.hpp"
#include "openspins/method/redfield/redfield_method.hpp"

using namespace openspins;
using openspins::testing::dense_reference;
using openspins::testing::expect_same_spectrum;

namespace {

Model bloch_redfield(int n) {
    std::ifstream in(std::string(OPENSPINS_SOURCE_DIR) + "/examples/bath_seed000_local_collective.toml");
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    text.replace(text.find("count = 4"), 9, "count = " + std::to_string(n));
    text.replace(text.find("generator = \"davies\""), 20, "generator = \"bloch_redfield\"");
    return RedfieldMethod::derived_spec(read_run_toml(text, "run.toml")).model;
}

}  // namespace

TEST(ShiftInvertSpectrum, BandsGiveEigenvaluesOfTheDenseLiouvillian) {
    for (const int n : {4, 5}) {
        const Model generator = bloch_redfield(n);
        SpectrumOptions options;
        options.dense_limit = 0;
        const auto spectrum = redfield::generator_spectrum(generator, options);
        ASSERT_EQ(spectrum.blocks.size(), 1u);
        const auto& block = spectrum.blocks[0];
        EXPECT_EQ(block.solver, "shift-invert, " + std::to_string(n + 1) + " bands");
        EXPECT_TRUE(block.converged);
        EXPECT_GE(block.found, static_cast<std::size_t>(options.modes));  // at least band 0's
        EXPECT_EQ(block.found, spectrum.modes.size());
        expect_same_spectrum(spectrum.modes, dense_reference(generator), 1e-9, false);
        // The steady state, slowest first.
        EXPECT_EQ(spectrum.modes.front().label, "steady state") << "N = " << n;
        EXPECT_LT(std::abs(spectrum.modes.front().eigenvalue), 1e-10);
        // Every band is represented: each order |k| ≤ N labels some mode.
        for (int k = -n; k <= n; ++k)
            EXPECT_TRUE(std::any_of(spectrum.modes.begin(), spectrum.modes.end(),
                                    [&](const GeneratorMode& m) { return m.coherence_order == k; }))
                << "N = " << n << ", order " << k;
        // Hermiticity: conjugates come in pairs outside band 0.
        for (const auto& m : spectrum.modes)
            if (m.coherence_order != 0) {
                EXPECT_TRUE(std::any_of(spectrum.modes.begin(), spectrum.modes.end(), [&](const GeneratorMode& o) {
                    return std::abs(o.eigenvalue - std::conj(m.eigenvalue)) <= 1e-12 * std::max(1.0, std::abs(m.eigenvalue));
                })) << m.eigenvalue;
            }
        for (const auto& m : spectrum.modes) EXPECT_LT(m.residual, 1e-8 * std::max(1.0, std::abs(m.eigenvalue)));
    }
}

// The slowest population mode (T1-like) equals the dense one, label included (N = 4: the dense
// path labels all 256 modes from their eigenvectors).
TEST(ShiftInvertSpectrum, SlowestPopulationModeEqualsTheDenseOne) {
    const Model generator = bloch_redfield(4);
    SpectrumOptions iterative;
    iterative.dense_limit = 0;
    const auto computed = redfield::generator_spectrum(generator, iterative);
    const auto dense = redfield::generator_spectrum(generator);
    ASSERT_EQ(dense.blocks[0].solver, "dense");
    const auto first_population = [](const GeneratorSpectrum& s) {
        return *std::find_if(s.modes.begin(), s.modes.end(),
                             [](const GeneratorMode& m) { return m.label.rfind("populations", 0) == 0; });
    };
    ASSERT_TRUE(std::any_of(computed.modes.begin(), computed.modes.end(),
                            [](const GeneratorMode& m) { return m.label.rfind("populations", 0) == 0; }));
    const auto want = first_population(dense), got = first_population(computed);
    EXPECT_NEAR(got.eigenvalue.real(), want.eigenvalue.real(), 1e-9);
    EXPECT_NEAR(got.eigenvalue.imag(), want.eigenvalue.imag(), 1e-9);
    EXPECT_NEAR(got.population_weight, want.population_weight, 1e-6);
}

// The solver is refused for a generator that conserves coherence order (Davies): its blocks are
// solved order by order.
TEST(ShiftInvertSpectrum, RefusedForOrderConservingGenerators) {
    std::ifstream in(std::string(OPENSPINS_SOURCE_DIR) + "/examples/bath_seed000_local_collective.toml");
    std::stringstream buffer;
    buffer << in.rdbuf();
    const Model davies = RedfieldMethod::derived_spec(read_run_toml(buffer.str(), "run.toml")).model;
    SpectrumOptions options;
    options.dense_limit = 0;
    options.solver = "shift-invert";
    EXPECT_THROW(redfield::generator_spectrum(davies, options), ModelError);
}

// Beyond max_shift_invert_spins (N = 9: 𝓛 has 262 144 rows) `auto` refuses at once with a message
// naming the way out, instead of assembling for minutes first. The whole-𝓛 LU is refused by its
// memory estimate when asked for at N = 8 (~23 GB) under a smaller budget.
TEST(ShiftInvertSpectrum, RefusedBeyondEightSpins) {
    try {
        (void)redfield::generator_spectrum(bloch_redfield(9));
        FAIL() << "expected ModelError";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("N = 8"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("davies"), std::string::npos) << e.what();
    }
    SpectrumOptions options;
    options.memory_limit_bytes = std::size_t{8} << 30;
    std::vector<GeneratorMode> modes;
    EXPECT_THROW(
        (void)redfield::shift_invert_spectrum(bloch_redfield(8), options, modes, redfield::ShiftInvertInner::lu),
        ModelError);
}

// The GMRES inner solves (N = 8's route: integrate/near_shift_solver.hpp, here with a quarter of the
// rows in the near block) give the eigenvalues of the LU route at N = 4 and 5: both are nearest σ_k
// per band under the same ARPACK tolerance 1e-9, and both are checked against the dense Liouvillian.
TEST(ShiftInvertSpectrum, GmresSolvesGiveTheSameModesAsTheLu) {
    for (const int n : {4, 5}) {
        const Model generator = bloch_redfield(n);
        SpectrumOptions options;
        options.dense_limit = 0;
        std::vector<GeneratorMode> lu, gmres;
        const auto lu_block = redfield::shift_invert_spectrum(generator, options, lu, redfield::ShiftInvertInner::lu);
        const auto gmres_block =
            redfield::shift_invert_spectrum(generator, options, gmres, redfield::ShiftInvertInner::gmres);
        EXPECT_EQ(lu_block.solver.find("GMRES"), std::string::npos);
        EXPECT_NE(gmres_block.solver.find("GMRES"), std::string::npos) << gmres_block.solver;
        EXPECT_TRUE(gmres_block.converged) << "N = " << n;
        std::vector<std::complex<double>> reference;
        for (const auto& m : lu) reference.push_back(m.eigenvalue);
        expect_same_spectrum(gmres, reference, 1e-9, true);
        expect_same_spectrum(gmres, dense_reference(generator), 1e-9, false);
        for (const auto& m : gmres) EXPECT_LT(m.residual, 1e-8 * std::max(1.0, std::abs(m.eigenvalue)));
    }
}
