// The Hermitian packing of the full Dicke blocks (hermitian_packing.hpp) and the generator
// on it: the integrator of the full storage sees only the packed reals, so apply_packed
// must be exactly the packing of the full apply, on every block and every channel.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <vector>

#include "method/dicke/dicke_test_support.hpp"
#include "openspins/method/dicke/dicke_basis.hpp"
#include "openspins/method/dicke/dicke_generator.hpp"
#include "openspins/method/dicke/hermitian_packing.hpp"

namespace openspins::testing {
namespace {

TEST(HermitianPacking, RoundTripIsExactAndHalvesTheReals) {
    for (int n : {1, 2, 5, 12}) {
        const dicke::DickeBasis basis(n);
        const auto full = random_hermitian_blocks(basis, 2024u);
        const dicke::PackedBlocks packing(basis);
        std::vector<double> packed(packing.size(), -7.0), back(full.size(), -7.0);
        packing.pack(full.data(), packed.data());
        packing.unpack(packed.data(), back.data());
        EXPECT_EQ(back, full) << "N = " << n;  // copies only: bit for bit
        EXPECT_EQ(2 * packed.size(), full.size());
        for (int b = 0; b < basis.blocks(); ++b)
            for (int k = 0; k < basis.dim(b); ++k) {
                const std::size_t diagonal = basis.full_offset(b) + static_cast<std::size_t>(k * basis.dim(b) + k);
                EXPECT_EQ(packed[packing.diagonal_index(b, k)], full[2 * diagonal]);
            }
    }
}

// apply_packed(pack ρ) = pack(apply ρ) with H = Jz + 0.8 Jx + 0.3 Jz² and all six channels.
// Tolerance 1e-14 relative: the same products summed in the same order, except that the
// packed kernel skips the lower triangles, so only the rounding of the sums may differ.
TEST(HermitianPacking, PackedGeneratorIsThePackingOfTheFullOne) {
    for (int n : {1, 2, 3, 8, 17}) {
        const dicke::DickeBasis basis(n);
        dicke::GeneratorTerms terms;
        terms.hamiltonian = CollectivePolynomial::letter(CollectiveLetter::Jz, 1.0) +
                            CollectivePolynomial::letter(CollectiveLetter::Jx, 0.8) +
                            CollectivePolynomial::letter(CollectiveLetter::Jz, 0.3) *
                                CollectivePolynomial::letter(CollectiveLetter::Jz, 1.0);
        terms.collective = {{0.5, CollectiveLetter::Jm}, {0.05, CollectiveLetter::Jp}, {0.1, CollectiveLetter::Jz}};
        terms.local = {{0.3, dicke::LocalKind::emission},
                       {0.1, dicke::LocalKind::absorption},
                       {0.05, dicke::LocalKind::dephasing}};
        const dicke::DickeGenerator generator(basis, terms, false);
        const auto full = random_hermitian_blocks(basis, 2024u);
        const dicke::PackedBlocks packing(basis);
        std::vector<double> full_dot(full.size()), expected(packing.size()), packed(packing.size()),
            packed_dot(packing.size());
        generator.apply(full.data(), full_dot.data());
        packing.pack(full_dot.data(), expected.data());
        packing.pack(full.data(), packed.data());
        generator.apply_packed(packed.data(), packed_dot.data());
        double scale = 0.0, worst = 0.0;
        for (std::size_t i = 0; i < expected.size(); ++i) {
            scale = std::max(scale, std::abs(expected[i]));
            worst = std::max(worst, std::abs(packed_dot[i] - expected[i]));
        }
        EXPECT_LE(worst, 1e-14 * scale) << "N = " << n;
        const auto rates = generator.emission_rates(full.data());
        const auto packed_rates = generator.emission_rates_packed(packed.data());
        EXPECT_EQ(rates, packed_rates) << "N = " << n;
    }
}

}  // namespace
}  // namespace openspins::testing
