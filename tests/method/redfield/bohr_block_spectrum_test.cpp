// Every eigenvalue of a generator run in the eigenbasis frame of a coupled H_S, block by Bohr
// frequency (method/redfield/bohr_block_spectrum.hpp): against the Kronecker-product Liouvillian
// of the same generator, against the product-basis form of it (the spectrum does not depend on the
// basis), against every eigenvalue of QuTiP's secular Bloch–Redfield tensor at N = 5, Davies blocks
// of one bare frequency each, one steady state, the refusals, and uncoupled spins in the product basis.
#include "openspins/method/redfield/bohr_block_spectrum.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

#include "method/redfield/redfield_test_support.hpp"
#include "method/redfield/spectrum_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/redfield/generator_spectrum.hpp"
#include "openspins/method/redfield/redfield_method.hpp"
#include "reference/reference_csv.hpp"

using namespace openspins;
using openspins::testing::coupled_chain;
using openspins::testing::dense_reference;
using openspins::testing::expect_same_spectrum;

namespace {

const std::string initial = "[initial]\nkind = \"product\"\nbloch = [0.0, 0.0, 1.0]\n";
const std::string times = "[time]\ntimes = [1.0]\n";

Model generator_of(int n, const std::string& generator, const std::string& extra, redfield::EigenbasisForm form) {
    const RunSpec spec = read_run_toml(coupled_chain(n, generator, extra, initial, times), "run.toml");
    return RedfieldMethod::derived_spec(spec, nullptr, form).model;
}

}  // namespace

// The Kronecker-product Liouvillian (dense_liouvillian, 256 × 256 at N = 4) of the same framed
// generator, diagonalised whole: the same 4^N eigenvalues. Both are backward-stable dense solvers on
// matrices of norm ≲ 5, so 1e-10 is ~1e5 ε. The window 0.02 of partial secular links the nearest
// Bohr frequencies of this chain: larger, merged blocks — still the same spectrum (a window of 0.2
// links them all into one block).
TEST(BohrBlockSpectrum, MatchesTheDenseLiouvillian) {
    for (const auto& [generator, extra] :
         {std::pair{std::string("davies"), std::string()},
          std::pair{std::string("partial_secular"), std::string("secular_window = 0.02")}}) {
        const Model framed = generator_of(4, generator, extra, redfield::EigenbasisForm::eigenbasis);
        ASSERT_TRUE(framed.frame);
        const auto spectrum = redfield::generator_spectrum(framed);  // takes the Bohr-block path
        EXPECT_TRUE(spectrum.complete()) << generator;
        ASSERT_EQ(spectrum.blocks.size(), 2u);
        EXPECT_EQ(spectrum.blocks[0].name, "ω = 0");
        EXPECT_EQ(spectrum.blocks[0].dimension + spectrum.blocks[1].dimension, 256u);
        expect_same_spectrum(spectrum.modes, dense_reference(framed), 1e-10, true);
        // Exactly one steady state (the Gibbs state; the chain is non-degenerate), every other mode decays.
        EXPECT_EQ(std::count_if(spectrum.modes.begin(), spectrum.modes.end(),
                                [](const GeneratorMode& m) { return m.label == "steady state"; }),
                  1)
            << generator;
        for (std::size_t k = 1; k < spectrum.modes.size(); ++k) EXPECT_LT(spectrum.modes[k].eigenvalue.real(), -1e-4);
        // Davies couples only elements of one bare Bohr frequency: each block's label names one ω;
        // the window merges several, labelled by their range.
        const bool merged = std::any_of(spectrum.modes.begin(), spectrum.modes.end(),
                                        [](const GeneratorMode& m) { return m.detail.find("…") != std::string::npos; });
        EXPECT_EQ(merged, generator == "partial_secular");
    }
}

// N = 3 written back in the product basis (coherence-order blocks of the exact kernel) and in the
// eigenbasis frame (Bohr blocks): the spectrum does not depend on the basis. The product-basis
// form's jumps are dense V L̃ V†, so agreement also checks the frame's transformation.
TEST(BohrBlockSpectrum, EqualsTheProductBasisForm) {
    const Model product = generator_of(3, "davies", "", redfield::EigenbasisForm::product_basis);
    const Model framed = generator_of(3, "davies", "", redfield::EigenbasisForm::eigenbasis);
    ASSERT_FALSE(product.frame);
    ASSERT_TRUE(framed.frame);
    std::vector<std::complex<double>> reference;
    for (const auto& m : redfield::generator_spectrum(product).modes) reference.push_back(m.eigenvalue);
    const auto modes = redfield::generator_modes(framed);
    expect_same_spectrum(modes, reference, 1e-10, true);
    // The xy chain conserves the number of down spins, so each eigenstate has an integer q and the
    // coherence orders are exact: a mode's order is the order of its product-basis twin.
    for (int order = -3; order <= 3; ++order) {
        const auto count = [order](const std::vector<GeneratorMode>& ms) {
            return std::count_if(ms.begin(), ms.end(),
                                 [order](const GeneratorMode& m) { return m.coherence_order == order; });
        };
        // The drive Ω_x on spin 0 breaks that conservation slightly; the dominant order still agrees.
        EXPECT_EQ(count(modes), count(redfield::generator_spectrum(product).modes)) << order;
    }
}

// A window wide enough to link every frequency of N = 6 (0.2 would do) makes one block of 4^6 = 4096 elements,
// beyond max_bohr_block: refused with a message, before any dense solve.
TEST(BohrBlockSpectrum, RefusesBlocksBeyondItsLimit) {
    const Model wide = generator_of(6, "partial_secular", "secular_window = 1.5", redfield::EigenbasisForm::eigenbasis);
    EXPECT_FALSE(redfield::splits_into_bohr_blocks(wide));
    try {
        (void)redfield::generator_spectrum(wide);
        FAIL() << "expected ModelError";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("secular_window"), std::string::npos) << e.what();
    }
}

// Uncoupled spins of different Zeeman frequencies (the chain without its xy coupling and drive) in the
// product basis, where the exact kernel's blocks are the coherence orders. With a dense limit below
// those blocks (64 reals here; N = 8 has order blocks of 12 870 at the default 1024), `auto` finds that
// Davies splits further by Bohr frequency and computes every eigenvalue block by block: the same 4^N as
// the Kronecker-product Liouvillian (1e-10 as above), one steady state. Bloch–Redfield links
// frequencies and does not split within that limit; asked for every mode, it is one Bohr block.
TEST(BohrBlockSpectrum, SplitsUncoupledSpinsInTheProductBasis) {
    const auto uncoupled = [](const std::string& generator) {
        std::string text = coupled_chain(4, generator, "", initial, times);
        for (const std::string cut : {"[[hamiltonian.coupling]]\nkind = \"xy\"\nJ = 0.15\npairs = \"chain\"\n",
                                      "[[hamiltonian.drive]]\nomega_x = 0.1\nspins = [0]\n"}) {
            const auto at = text.find(cut);
            EXPECT_NE(at, std::string::npos);
            text.erase(at, cut.size());
        }
        return RedfieldMethod::derived_spec(read_run_toml(text, "run.toml")).model;
    };
    const Model davies = uncoupled("davies");
    ASSERT_FALSE(davies.frame);
    ASSERT_TRUE(redfield::splits_into_bohr_blocks(davies));
    SpectrumOptions options;
    options.dense_limit = 64;
    const auto spectrum = redfield::generator_spectrum(davies, options);
    EXPECT_TRUE(spectrum.complete());
    ASSERT_FALSE(spectrum.blocks.empty());
    EXPECT_EQ(spectrum.blocks[0].name, "ω = 0");
    expect_same_spectrum(spectrum.modes, dense_reference(davies), 1e-10, true);
    EXPECT_EQ(std::count_if(spectrum.modes.begin(), spectrum.modes.end(),
                            [](const GeneratorMode& m) { return m.label == "steady state"; }),
              1);
    EXPECT_EQ(redfield::generator_modes(davies, options).size(), 256u);

    const Model redfield = uncoupled("bloch_redfield");
    EXPECT_FALSE(redfield::splits_into_bohr_blocks(redfield, options.dense_limit));
    // Every mode on request: its one block of 4^4 = 256 elements is within max_bohr_block.
    expect_same_spectrum(redfield::generator_modes(redfield, options), dense_reference(redfield), 1e-10, true);
}

// QuTiP 4.7's bloch_redfield_tensor (use_secular=True, sec_cutoff 1e-6: the degenerate groups, no
// Lamb shift) for five coupled spins — tests/data/brme_davies_five.toml, whose dynamics
// brmesolve_reference_test checks — diagonalised by numpy (tests/reference/make_brmesolve_references.py):
// the same 1024 eigenvalues. Measured agreement 1.2e-13 on |λ| ≤ 6.3; 1e-10 leaves room for the
// two dense solvers (~1e4 ε·‖𝓛‖) and the reference's 16 printed digits.
TEST(BohrBlockSpectrum, EqualsQutipSecularTensorAtFiveSpins) {
    const auto data = std::filesystem::path(OPENSPINS_SOURCE_DIR) / "tests" / "data";
    const RunSpec spec = read_run_file((data / "brme_davies_five.toml").string());
    const Model framed = RedfieldMethod::derived_spec(spec).model;
    ASSERT_TRUE(framed.frame);  // N = 5 runs in the eigenbasis frame
    const auto reference = openspins::test::read_reference_csv(data / "brme_davies_five_eigenvalues.csv");
    std::vector<std::complex<double>> values;
    for (const auto& row : reference.rows) values.emplace_back(row[0], row[1]);
    ASSERT_EQ(values.size(), 1024u);
    const auto spectrum = redfield::generator_spectrum(framed);
    EXPECT_TRUE(spectrum.complete());
    expect_same_spectrum(spectrum.modes, values, 1e-10, true);
}
