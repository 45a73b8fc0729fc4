// The fused banded kernel of the cavity path (method/dicke/cavity_kernel.hpp) against the
// sparse × dense form of the same generator (CavityGenerator::apply_sparse) on random Hermitian
// states: real and complex bands, mode jumps with pumping, collective and local spin channels
// (transfers between j blocks), a layout that stores one block, and the same bits for one and
// two threads.
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <complex>
#include <random>
#include <string>
#include <vector>

#include "openspins/config/config_reader.hpp"
#include "openspins/method/dicke/cavity_generator.hpp"
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
    Case(const std::string& toml, std::vector<bool> stored = {})
        : spec(read_run_toml(toml, "kernel.toml")), basis(spec.model.spins.size()),
          layout(basis, spec.model.cavity->n_max, std::move(stored)),
          generator(layout, dicke::generator_terms(spec.model, {}), spec.model.mode_hamiltonian(),
                    spec.model.mode_jumps()) {}
};

// max |packed kernel − pack(sparse products)| over max |L(ρ)| entry.
double kernel_deviation(const Case& c, unsigned seed) {
    const std::vector<double> full = random_hermitian(c.layout, seed);
    std::vector<double> full_dot(full.size(), 0.0), expected(c.layout.size()), packed(c.layout.size()),
        packed_dot(c.layout.size(), -7.0);  // the kernel must overwrite every real
    c.generator.apply_sparse(full.data(), full_dot.data());
    c.layout.pack(full_dot.data(), expected.data());
    c.layout.pack(full.data(), packed.data());
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

TEST(CavityKernel, PackingRoundTripsAHermitianState) {
    const Case c("[method]\nname = \"dicke\"\n[spins]\ncount = 4\n[cavity]\nn_max = 3\ncoupling = 1\n" + time_table);
    const std::vector<double> full = random_hermitian(c.layout, 5);
    std::vector<double> packed(c.layout.size()), back(full.size(), 0.0);
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
