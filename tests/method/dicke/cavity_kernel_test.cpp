// The fused banded kernel of the cavity path (method/dicke/cavity_kernel.hpp) against the
// sparse × dense form of the same generator (CavityGenerator::apply_sparse) on random Hermitian
// states: real and complex bands, mode jumps with pumping, collective and local spin channels
// (transfers between j blocks), a layout that stores one block, the parity blocks (jumps that keep
// and that flip (−1)^{n+k}), and the same bits for one, two and three threads.
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <complex>
#include <random>
#include <string>
#include <vector>

#include "openspins/config/config_reader.hpp"
#include "openspins/method/dicke/cavity_generator.hpp"
#include "openspins/method/dicke/cavity_parity.hpp"
#include "openspins/method/dicke/model_terms.hpp"

namespace openspins::testing {
namespace {

using cplx = std::complex<double>;

// A random Hermitian matrix on every stored block (entries of order 1), as complex pairs.
std::vector<double> random_hermitian(const dicke::CavityLayout& layout, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    std::vector<double> full(2 * layout.size(), 0.0);
    auto* rho = reinterpret_cast<cplx*>(full.data());
    for (int b = 0; b < layout.blocks(); ++b) {
        if (!layout.stored(b)) continue;
        const auto d = static_cast<std::size_t>(layout.dim(b));
        cplx* block = rho + layout.offset(b);
        for (std::size_t i = 0; i < d; ++i) {
            block[i * d + i] = u(rng);
            for (std::size_t k = i + 1; k < d; ++k) {
                block[i * d + k] = {u(rng), u(rng)};
                block[k * d + i] = std::conj(block[i * d + k]);
            }
        }
    }
    return full;
}

struct Case {
    RunSpec spec;
    dicke::DickeBasis basis;
    dicke::CavityLayout layout;
    dicke::CavityGenerator generator;
    Case(const std::string& toml, std::vector<bool> stored = {}, bool parity = false)
        : spec(read_run_toml(toml, "kernel.toml")), basis(spec.model.spins.size()),
          layout(basis, spec.model.cavity->n_max, std::move(stored), parity),
          generator(layout, dicke::generator_terms(spec.model, {}), spec.model.mode_hamiltonian(),
                    spec.model.mode_jumps()) {}
};

// max |packed kernel − pack(sparse products)| over max |L(ρ)| entry. With parity blocks the random state is
// first projected on them (pack drops, unpack zeroes the coherences between the parities), and the sparse
// products' L(ρ) must have no such coherences either (checked: `cross` gets their largest modulus).
double kernel_deviation(const Case& c, unsigned seed, double* cross = nullptr) {
    std::vector<double> full = random_hermitian(c.layout, seed);
    std::vector<double> full_dot(full.size(), 0.0), expected(c.layout.packed_size()), packed(c.layout.packed_size()),
        packed_dot(c.layout.packed_size(), -7.0);  // the kernel must overwrite every real
    c.layout.pack(full.data(), packed.data());
    c.layout.unpack(packed.data(), full.data());
    c.generator.apply_sparse(full.data(), full_dot.data());
    c.layout.pack(full_dot.data(), expected.data());
    if (cross) {
        std::vector<double> projected(full_dot.size());
        c.layout.unpack(expected.data(), projected.data());
        *cross = 0.0;
        for (std::size_t i = 0; i < projected.size(); ++i) *cross = std::max(*cross, std::abs(projected[i] - full_dot[i]));
    }
    c.generator.apply(packed.data(), packed_dot.data());
    double scale = 0.0, deviation = 0.0;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        scale = std::max(scale, std::abs(expected[i]));
        deviation = std::max(deviation, std::abs(packed_dot[i] - expected[i]));
    }
    return deviation / scale;
}

const std::string time_table = "[time]\nstop = 1\n";

// Rounding: each output real is a sum of ~20 products of order-1 numbers with coefficients up to
// ~N n_max; the two forms add them in different orders, so they agree to ~1e-15 relative, and
// 1e-12 leaves room without hiding a wrong term (a missing band changes entries by O(1)).
constexpr double tolerance = 1e-12;

TEST(CavityKernel, MatchesSparseProductsForTheLossyDickeModel) {
    const Case c(R"([method]
name = "dicke"
[spins]
count = 6
[[hamiltonian.term]]
expr = "Jz"
[[hamiltonian.term]]
expr = "n"
strength = 1.1
[[hamiltonian.term]]
expr = "(a + ad)*Jx"
strength = 0.3
[cavity]
n_max = 5
loss = 0.5
thermal_occupation = 0.2
)" + time_table);
    EXPECT_LT(kernel_deviation(c, 1), tolerance);
}

TEST(CavityKernel, MatchesSparseProductsWithComplexBandsAndSpinChannels) {
    // Jy and the complex custom jump give bands with imaginary coefficients; the local channels
    // move weight between the j blocks (transfers), the collective ones act inside them.
    const Case c(R"([method]
name = "dicke"
[spins]
count = 5
[[hamiltonian.term]]
expr = "(a + ad)*Jy + 0.4*n*Jz + 0.2*Jz*Jz"
strength = 0.7
[[hamiltonian.term]]
expr = "ad*Jm + a*Jp"
strength = 0.25
[[hamiltonian.term]]
expr = "Jx"
strength = 0.3
[[channel]]
kind = "custom"
operator = "a*Jz + 0.5j*ad*Jm"
rate = 0.15
[[channel]]
kind = "emission"
rate = 0.2
[[channel]]
kind = "dephasing"
rate = 0.1
[[channel]]
kind = "absorption"
rate = 0.05
[[channel]]
kind = "collective_emission"
rate = 0.3
[cavity]
n_max = 4
loss = 0.4
thermal_occupation = 0.1
)" + time_table);
    EXPECT_LT(kernel_deviation(c, 2), tolerance);
    EXPECT_LT(kernel_deviation(c, 3), tolerance);
}

TEST(CavityKernel, MatchesSparseProductsOnOneStoredBlock) {
    // Only j = N/2 − 1 stored (offsets of a partial layout) with seed 002's built-in coupling.
    std::vector<bool> stored(4, false);
    stored[1] = true;
    const Case c(R"([method]
name = "dicke"
[spins]
count = 6
[[hamiltonian.term]]
expr = "Jz"
strength = 0.5
[cavity]
n_max = 6
coupling = 0.8
detuning = 0.3
loss = 1.5
)" + time_table,
                 stored);
    EXPECT_LT(kernel_deviation(c, 4), tolerance);
}

// Parity blocks (CavityLayout, cavity_parity.hpp): every block stored, each as its two parities; H with
// counter-rotating, RWA and complex ((a + a†)Jy) bands, jumps that keep Π (collective dephasing Jz, a custom
// a†a) and jumps that flip it (loss a, pumping a†, collective emission J^-, a custom a·Jz with a complex
// J^- part): the kernel on the parity packing equals the sparse products on the projected state, and those
// products create no coherence between the parities (to rounding: the flipping jumps map parity blocks onto
// parity blocks). N = 5 has blocks of odd and even 2j + 1 (the parities' sizes differ or not).
TEST(CavityKernel, ParityBlocksMatchSparseProducts) {
    const std::string model = R"([method]
name = "dicke"
[spins]
count = 5
[[hamiltonian.term]]
expr = "(a + ad)*Jy + 0.4*n*Jz + 0.2*Jz*Jz + (a + ad)*Jx"
strength = 0.7
[[hamiltonian.term]]
expr = "ad*Jm + a*Jp"
strength = 0.25
[[hamiltonian.term]]
expr = "Jx*Jx + n"
strength = 0.3
[[channel]]
kind = "custom"
operator = "a*Jz + 0.5j*Jm"
rate = 0.15
[[channel]]
kind = "custom"
operator = "n"
rate = 0.05
[[channel]]
kind = "collective_dephasing"
rate = 0.1
[[channel]]
kind = "collective_emission"
rate = 0.3
[cavity]
n_max = 4
loss = 0.4
thermal_occupation = 0.1
)" + time_table;
    const Case c(model, {}, true);
    EXPECT_TRUE(dicke::generator_keeps_parity_blocks(dicke::generator_terms(c.spec.model, {}), c.spec.model.mode_hamiltonian(),
                                                     c.spec.model.mode_jumps()));
    std::size_t whole = 0;
    for (int b = 0; b < c.layout.blocks(); ++b) whole += static_cast<std::size_t>(c.layout.dim(b) * c.layout.dim(b));
    EXPECT_EQ(c.layout.size(), whole);
    EXPECT_LT(c.layout.packed_size(), whole / 2 + static_cast<std::size_t>(c.layout.dim(0)));  // about half
    for (unsigned seed : {7U, 8U}) {
        double cross = 1.0;
        EXPECT_LT(kernel_deviation(c, seed, &cross), tolerance);
        EXPECT_LT(cross, 1e-14);  // rounding of the sparse products (their lower triangle is not read by pack)
    }
    // One stored block of an even-N model (2j + 1 = 7 odd: (n + k) even takes 4 of the 7 k at even n, 3 at odd n,
    // so with n = 0 … 4 the parities hold 18 and 17 rows).
    std::vector<bool> stored(4, false);
    stored[0] = true;
    const Case even(R"([method]
name = "dicke"
[spins]
count = 6
[[hamiltonian.term]]
expr = "Jz + 1.1*n + 0.3*(a + ad)*Jx"
[cavity]
n_max = 4
loss = 0.5
thermal_occupation = 0.2
)" + time_table,
                    stored, true);
    EXPECT_EQ(even.layout.packed_dim(0), 18);
    EXPECT_EQ(even.layout.packed_dim(1), 17);
    EXPECT_LT(kernel_deviation(even, 9), tolerance);
}

TEST(CavityKernel, ParityPackingRoundTripsAParityDiagonalState) {
    const Case c("[method]\nname = \"dicke\"\n[spins]\ncount = 4\n[cavity]\nn_max = 3\ncoupling = 1\n" + time_table, {},
                 true);
    std::vector<double> full = random_hermitian(c.layout, 5), packed(c.layout.packed_size()), back(full.size());
    c.layout.pack(full.data(), packed.data());
    c.layout.unpack(packed.data(), back.data());
    const auto* rho = reinterpret_cast<const cplx*>(full.data());
    const auto* out = reinterpret_cast<const cplx*>(back.data());
    for (int b = 0; b < c.layout.blocks(); ++b)
        for (int i = 0; i < c.layout.dim(b); ++i) {
            for (int k = 0; k < c.layout.dim(b); ++k) {
                const std::size_t at = c.layout.offset(b) + static_cast<std::size_t>(i * c.layout.dim(b) + k);
                EXPECT_EQ(out[at], c.layout.sector(b, i) == c.layout.sector(b, k) ? rho[at] : cplx{0.0});
            }
            EXPECT_EQ(packed[c.layout.diagonal(b, i)], rho[c.layout.offset(b) + static_cast<std::size_t>(i * (c.layout.dim(b) + 1))].real());
        }
}

TEST(CavityKernel, PackingRoundTripsAHermitianState) {
    const Case c("[method]\nname = \"dicke\"\n[spins]\ncount = 4\n[cavity]\nn_max = 3\ncoupling = 1\n" + time_table);
    const std::vector<double> full = random_hermitian(c.layout, 5);
    std::vector<double> packed(c.layout.packed_size()), back(full.size(), 0.0);
    c.layout.pack(full.data(), packed.data());
    c.layout.unpack(packed.data(), back.data());
    EXPECT_EQ(back, full);
    // The diagonal sits where CavityLayout::diagonal says.
    EXPECT_EQ(packed[c.layout.diagonal(1, 2)], full[2 * (c.layout.offset(1) + 2 * c.layout.dim(1) + 2)]);
}

TEST(CavityKernel, SameBitsForOneTwoAndThreeThreads) {
    // N = 16, n_max = 10, the block j = 8 alone: 187² reals, above the threading threshold.
    std::vector<bool> stored(9, false);
    stored[0] = true;
    const Case c(R"([method]
name = "dicke"
[spins]
count = 16
[[hamiltonian.term]]
expr = "Jz + n"
[[hamiltonian.term]]
expr = "(a + ad)*Jx"
strength = 0.2
[cavity]
n_max = 10
loss = 0.5
)" + time_table,
                 stored);
    ASSERT_GE(c.layout.size(), dicke::CavityKernel::parallel_reals);
    std::vector<double> packed(c.layout.size()), one(c.layout.size()), two(c.layout.size()), three(c.layout.size());
    c.layout.pack(random_hermitian(c.layout, 6).data(), packed.data());
    // The kernel's loops run on BlockingWorkers::shared(), which follows omp_get_max_threads().
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    c.generator.apply(packed.data(), one.data());
    omp_set_num_threads(2);
    c.generator.apply(packed.data(), two.data());
    omp_set_num_threads(3);
    c.generator.apply(packed.data(), three.data());
    omp_set_num_threads(threads);
    EXPECT_EQ(one, two);
    EXPECT_EQ(one, three);
    EXPECT_LT(kernel_deviation(c, 6), tolerance);
}

}  // namespace
}  // namespace openspins::testing
