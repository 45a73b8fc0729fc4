// The fused full-storage kernel against the dense reference and against the block kernel
// (LindbladGenerator on all coherence orders), on random models with every term kind:
// single-spin fields along x, y, z, two-spin products of Pauli matrices on random pairs,
// local emission, absorption and dephasing, two-spin jumps, sums of units and the
// collective lowering operator (unit pairs on any two spins, inside and across column bands).
// Agreement to 1e-12 absolute on a random Hermitian ρ with |ρ_ij| ≤ 1: the three compute
// the same sums in a different order, so only rounding may differ.
#include "openspins/method/exact/fused_full_generator.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <bit>
#include <cstring>
#include <stdexcept>
#include <random>

#include "method/exact/dense_reference.hpp"
#include "method/exact/random_model.hpp"
#include "method/exact/recurrence_check.hpp"
#include "method/exact/spec_builder.hpp"
#include "openspins/method/exact/dense_conversion.hpp"
#include "openspins/method/exact/lindblad_generator.hpp"
#include "openspins/model/term_builders.hpp"

namespace openspins {
namespace {

using exact::BlockLayout;
using exact::FusedFullGenerator;
using exact::SectorBasis;
using testing::random_hermitian;
using testing::random_model;
using testing::RandomModel;

std::vector<complex> fused_apply(const FusedFullGenerator& g, const std::vector<complex>& rho, std::size_t d) {
    // Page-aligned, as the Chebyshev propagator's vectors: from 10 spins pass A then writes its
    // output with non-temporal stores.
    StateVector packed(d * d), out(d * d);
    FusedFullGenerator::pack(rho.data(), d, packed.data());
    g.apply(packed.data(), out.data());
    std::vector<complex> result(d * d);
    FusedFullGenerator::unpack(out.data(), d, result.data());
    return result;
}

// The instruction-set variants of the pass this processor runs (generic always).
std::vector<FusedFullGenerator::Isa> available_isas() {
    std::vector<FusedFullGenerator::Isa> isas;
    for (const auto isa : {FusedFullGenerator::Isa::generic, FusedFullGenerator::Isa::avx2,
                           FusedFullGenerator::Isa::avx512})
        if (static_cast<int>(isa) <= static_cast<int>(FusedFullGenerator::best_isa())) isas.push_back(isa);
    return isas;
}

// The fused kernel against the dense reference (N ≤ 7) and the block kernel on one model, every
// instruction-set variant, to 1e-12 of the largest element of L(ρ) (|ρ_ij| ≤ 1: the kernels sum
// the same terms in different orders, only rounding may differ).
void expect_matches_references(int spins, const SpinOperator& h, const std::vector<Jump>& jumps,
                               const std::vector<complex>& rho, const std::string& what) {
    const std::size_t d = std::size_t{1} << spins;
    FusedFullGenerator fused(spins, h, jumps);
    // From 8 spins on, the terms on spins ≥ 7 run in the second pass: N = 8, 9 test that path.
    EXPECT_EQ(fused.split_bits(), spins >= 8 ? 7 : 0) << what;
    EXPECT_EQ(fused.streams_planes(), spins >= 10) << what;
    // The tiled pass A runs on its resolved per-chunk lists (their bits are compared with the
    // general path's in BitIdenticalForAnyBandWidth).
    EXPECT_EQ(fused.resolved_tiles(), spins >= 8) << what;
    Eigen::MatrixXcd dense_rho(d, d);
    for (std::size_t r = 0; r < d; ++r)
        for (std::size_t c = 0; c < d; ++c)
            dense_rho(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rho[r * d + c];
    Eigen::MatrixXcd expected;
    if (spins <= 7) expected = testing::dense_lindblad(dense_rho, h, jumps, spins);
    const SectorBasis basis(spins);
    const BlockLayout layout = BlockLayout::all_orders(basis);
    std::vector<complex> block_rho(layout.size()), block_out(layout.size());
    exact::pack_dense(dense_rho, basis, layout, block_rho.data());
    const exact::LindbladGenerator reference(basis, layout, h, jumps);
    reference.apply(block_rho.data(), block_out.data());
    for (const auto isa : available_isas()) {
        fused.set_isa(isa);
        const std::string label = what + " N = " + std::to_string(spins) + " " + FusedFullGenerator::isa_name(isa);
        const std::vector<complex> got = fused_apply(fused, rho, d);
        double scale = 0.0;
        for (const complex& v : got) scale = std::max(scale, std::abs(v));
        EXPECT_GT(scale, 0.1) << label;  // the comparisons are not vacuous
        if (spins <= 7) {
            double dense_err = 0.0;
            for (std::size_t r = 0; r < d; ++r)
                for (std::size_t c = 0; c < d; ++c)
                    dense_err = std::max(dense_err, std::abs(got[r * d + c] - expected(static_cast<Eigen::Index>(r),
                                                                                      static_cast<Eigen::Index>(c))));
            EXPECT_LT(dense_err, 1e-12 * scale) << label;
        }
        std::vector<double> packed_out(d * d);
        FusedFullGenerator::pack(got.data(), d, packed_out.data());
        std::vector<complex> fused_in_layout(layout.size());
        FusedFullGenerator::unpack_to_layout(packed_out.data(), basis, layout, fused_in_layout.data());
        double block_err = 0.0;
        for (std::size_t k = 0; k < layout.size(); ++k)
            block_err = std::max(block_err, std::abs(fused_in_layout[k] - block_out[k]));
        EXPECT_LT(block_err, 1e-12 * scale) << label;
    }
}

TEST(FusedFullGenerator, EveryInstructionSetMatchesReferencesOnRandomModels) {
    // Complex weights on every entry kind; N ≤ 5 also runs chunks longer than a row.
    for (int spins = 1; spins <= 9; ++spins) {
        const RandomModel model = random_model(spins, 100U + static_cast<unsigned>(spins));
        expect_matches_references(spins, model.h, model.jumps,
                                  random_hermitian(spins, 200U + static_cast<unsigned>(spins)), "random");
    }
}

TEST(FusedFullGenerator, TenSpinIsingChainMatchesTheBlockKernelWithStreamingStores) {
    // From 10 spins the planes exceed 8 MiB and the unpack writes them with non-temporal stores.
    const int spins = 10;
    SpinOperator h;
    std::vector<Jump> jumps;
    for (int i = 0; i < spins; ++i) h += SpinOperator::sigma_z(i) * complex{0.2};
    for (int i = 0; i + 1 < spins; ++i) h += SpinOperator::sigma_x(i) * SpinOperator::sigma_x(i + 1) * complex{1.0};
    for (int i = 0; i < spins; ++i) jumps.push_back({1.0, SpinOperator::sigma_minus(i)});
    expect_matches_references(spins, h, jumps, random_hermitian(spins, 410U), "ising");
}

TEST(FusedFullGenerator, StreamedAndCachedOutputsHaveTheSameBits) {
    // Pass A streams its output around the caches only into 64-byte aligned rows (planes above
    // 8 MiB); an output 8 bytes off a cache line takes normal stores. Same sums, same bits.
    const int spins = 10;
    const std::size_t d = std::size_t{1} << spins;
    const RandomModel model = random_model(spins, 31);
    const FusedFullGenerator fused(spins, model.h, model.jumps);
    ASSERT_TRUE(fused.streams_planes());
    StateVector packed(d * d), aligned(d * d), shifted(d * d + 1);
    FusedFullGenerator::pack(random_hermitian(spins, 32).data(), d, packed.data());
    EXPECT_TRUE(fused.streams_output(aligned.data()));
    EXPECT_FALSE(fused.streams_output(shifted.data() + 1));
    for (const auto isa : available_isas()) {
        FusedFullGenerator g = fused;
        g.set_isa(isa);
        g.apply(packed.data(), aligned.data());
        g.apply(packed.data(), shifted.data() + 1);
        EXPECT_EQ(std::memcmp(aligned.data(), shifted.data() + 1, d * d * sizeof(double)), 0)
            << FusedFullGenerator::isa_name(isa);
    }
}

TEST(FusedFullGenerator, EveryInstructionSetMatchesReferencesOnIsingChains) {
    // The benchmark's model: imaginary weights (Z ρ and ρ Z† of σ^xσ^x, −iJ and iJ) and real
    // ones (the decays' γ), the kinds that read one plane above the diagonal and the other below.
    for (int spins = 1; spins <= 9; ++spins) {
        SpinOperator h;
        std::vector<Jump> jumps;
        for (int i = 0; i < spins; ++i) h += SpinOperator::sigma_z(i) * complex{0.2};
        for (int i = 0; i + 1 < spins; ++i) h += SpinOperator::sigma_x(i) * SpinOperator::sigma_x(i + 1) * complex{1.0};
        for (int i = 0; i < spins; ++i) jumps.push_back({1.0, SpinOperator::sigma_minus(i)});
        expect_matches_references(spins, h, jumps, random_hermitian(spins, 400U + static_cast<unsigned>(spins)),
                                  "ising");
    }
}

TEST(FusedFullGenerator, EveryPermutationLaneMaskAndBlockPattern) {
    // Flips of every set of the bits 0–2 (the in-block permutations F = 1 … 7: σ^x products on
    // one, two and three of spins 0–2), of the bits 3–5 (block permutations) and above (chunk
    // flips), mixed; masks on every low bit (σ^-, σ^+σ^- pairs: lane masks, block selections,
    // chunk selections); real, imaginary and complex weights. N = 8: 4 chunks per row.
    const int spins = 8;
    std::mt19937 gen(31);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    SpinOperator h;
    std::vector<Jump> jumps;
    for (int mask = 1; mask < 256; ++mask) {
        if (std::popcount(static_cast<unsigned>(mask)) > 3) continue;
        SpinOperator product = SpinOperator::identity();
        for (int i = 0; i < spins; ++i)
            if ((mask >> i) & 1) product = product * (i % 2 == 0 ? SpinOperator::sigma_x(i) : SpinOperator::sigma_y(i));
        const complex w = mask % 3 == 0 ? complex{u(gen)} : mask % 3 == 1 ? complex{0.0, u(gen)} : complex{u(gen), u(gen)};
        h += product * w;
    }
    for (int i = 0; i < spins; ++i) jumps.push_back({0.5 + 0.5 * u(gen), SpinOperator::sigma_minus(i)});
    for (int i = 0; i < spins; ++i)
        jumps.push_back({0.5 + 0.5 * u(gen), SpinOperator::sigma_plus(i) * SpinOperator::sigma_minus((i + 3) % spins)});
    jumps.push_back({0.7, SpinOperator::sigma_minus(0) + SpinOperator::sigma_minus(6) * complex{0.0, 1.0}});
    expect_matches_references(spins, h, jumps, random_hermitian(spins, 500), "patterns");
}

TEST(FusedFullGenerator, BitIdenticalForAnyBandWidth) {
    // Every element sums its row's entries in the same order whatever the column bands, so
    // bands of one chunk (64 columns), of all columns and the default give the same bits; the
    // collective jump's unit pairs read columns both inside a band and in another band.
    const int spins = 8;
    const std::size_t d = std::size_t{1} << spins;
    const RandomModel model = random_model(spins, 7);
    std::vector<double> packed(d * d), reference(d * d), other(d * d);
    FusedFullGenerator::pack(random_hermitian(spins, 8).data(), d, packed.data());
    const FusedFullGenerator automatic(spins, model.h, model.jumps);
    automatic.apply(packed.data(), reference.data());
    // Two passes at 8 spins; pass A's bands default to the split's 2^7 columns, and then A runs
    // on tiles it unpacks itself (24 B per element, 8 B for its output) before pass B, which also
    // reads A's output (32 B). Other band widths unpack the planes first (24 B) and A reads them
    // (24 B): the tiled and the banded pass A must give the same bits.
    EXPECT_EQ(automatic.split_bits(), 7);
    EXPECT_TRUE(automatic.tiled());
    EXPECT_TRUE(automatic.resolved_tiles());  // the banded widths below take the general path
    EXPECT_EQ(automatic.streamed_bytes(), 64U * d * d);
    EXPECT_EQ(automatic.band_bits(), 7);
    for (int bits = 0; bits <= spins; ++bits) {
        const FusedFullGenerator banded(spins, model.h, model.jumps, bits);
        EXPECT_EQ(banded.band_bits(), std::max(bits, FusedFullGenerator::min_band_bits));
        EXPECT_EQ(banded.tiled(), banded.band_bits() == 7) << bits;
        EXPECT_EQ(banded.streamed_bytes(), (banded.tiled() ? 64U : 80U) * d * d) << bits;
        banded.apply(packed.data(), other.data());
        EXPECT_EQ(std::memcmp(reference.data(), other.data(), other.size() * sizeof(double)), 0) << bits;
    }
}

TEST(FusedFullGenerator, ApplyStepIsApplyThenTheRecurrenceToTheBit) {
    // apply_step() finishes the Chebyshev recurrence's term in its last pass (recurrence_step.hpp).
    // Against apply() and the propagator's loop, written here in a translation unit without fused
    // multiply-adds as the propagator's is: previous, sum and the largest |term| the same to the bit.
    // N = 1 … 5: one pass, rows shorter than a chunk; 6, 7: one pass; 8, 9: the split, pass A tiled;
    // 10: planes and A's output streamed. Every instruction set, one and two threads.
    const int before = omp_get_max_threads();
    for (int spins = 1; spins <= 10; ++spins) {
        const std::size_t d = std::size_t{1} << spins, n = d * d;
        const RandomModel model = random_model(spins, 500U + static_cast<unsigned>(spins));
        FusedFullGenerator fused(spins, model.h, model.jumps);
        std::mt19937 gen(600U + static_cast<unsigned>(spins));
        std::uniform_real_distribution<double> u(-1.0, 1.0);
        StateVector current(n), previous(n), sum(n), scratch(n);
        FusedFullGenerator::pack(random_hermitian(spins, 700U + static_cast<unsigned>(spins)).data(), d,
                                 current.data());
        for (std::size_t i = 0; i < n; ++i) {
            previous[i] = u(gen);
            sum[i] = u(gen);
        }
        const double sign = spins % 2 == 0 ? 1.0 : -1.0;
        const RecurrenceStep base{0.0137 * spins, 0.41, sign, 0.29, current.data(), nullptr, nullptr, scratch.data()};
        for (const auto isa : available_isas()) {
            fused.set_isa(isa);
            for (const int threads : {1, 2}) {
                omp_set_num_threads(threads);
                const std::string what = "N = " + std::to_string(spins) + ", " +
                                         FusedFullGenerator::isa_name(isa) + ", " + std::to_string(threads) + " threads";
                testing::expect_step_is_apply_then_recurrence(
                    [&](const double* in, double* out) { fused.apply(in, out); },
                    [&](const RecurrenceStep& st) { return fused.apply_step(st); }, base, previous, sum, what);
            }
        }
    }
    omp_set_num_threads(before);
}

TEST(FusedFullGenerator, IsingBondIsOneEntryPerRow) {
    // σ^x_0σ^x_1 has four matrix units with one flip: summed into one entry per row for Z ρ
    // (rows r ^ 3) and one for ρ Z† (row r itself, all columns at c ^ 3), after the diagonal.
    // The decay σ^-_0 adds one entry to the rows with spin 0 down (bit 0 = 1).
    const FusedFullGenerator g(2, SpinOperator::sigma_x(0) * SpinOperator::sigma_x(1),
                               {{1.0, SpinOperator::sigma_minus(0)}});
    EXPECT_EQ(g.entries(), 4U * 3U + 2U);
}

TEST(FusedFullGenerator, PackingRoundTripsThroughTheBlockLayout) {
    for (int spins = 1; spins <= 5; ++spins) {
        const std::size_t d = std::size_t{1} << spins;
        const std::vector<complex> rho = random_hermitian(spins, 300U + static_cast<unsigned>(spins));
        std::vector<double> packed(d * d), again(d * d);
        FusedFullGenerator::pack(rho.data(), d, packed.data());
        const SectorBasis basis(spins);
        const BlockLayout layout = BlockLayout::all_orders(basis);
        std::vector<complex> blocks(layout.size());
        FusedFullGenerator::unpack_to_layout(packed.data(), basis, layout, blocks.data());
        FusedFullGenerator::pack_from_layout(blocks.data(), basis, layout, again.data());
        EXPECT_EQ(packed, again) << "N = " << spins;
        std::vector<complex> back(d * d);
        FusedFullGenerator::unpack(packed.data(), d, back.data());
        EXPECT_EQ(back, rho) << "N = " << spins;
    }
}

TEST(FusedFullGenerator, BitIdenticalForAnyThreadCount) {
    const int spins = 8;  // the smallest state the kernel threads (2^16 reals)
    const std::size_t d = std::size_t{1} << spins;
    const RandomModel model = random_model(spins, 11);
    FusedFullGenerator fused(spins, model.h, model.jumps);
    ASSERT_TRUE(fused.tiled());  // three tile pairs: one per thread with three
    std::vector<double> packed(d * d), one(d * d), two(d * d), three(d * d);
    FusedFullGenerator::pack(random_hermitian(spins, 12).data(), d, packed.data());
    const int before = omp_get_max_threads();  // the size of BlockingWorkers::shared()
    for (const auto isa : available_isas()) {
        fused.set_isa(isa);
        omp_set_num_threads(1);
        fused.apply(packed.data(), one.data());
        omp_set_num_threads(2);
        fused.apply(packed.data(), two.data());
        omp_set_num_threads(3);
        fused.apply(packed.data(), three.data());
        EXPECT_EQ(std::memcmp(one.data(), two.data(), one.size() * sizeof(double)), 0) << FusedFullGenerator::isa_name(isa);
        EXPECT_EQ(std::memcmp(one.data(), three.data(), one.size() * sizeof(double)), 0) << FusedFullGenerator::isa_name(isa);
    }
    omp_set_num_threads(before);
}

TEST(FusedFullGenerator, RefusesAnInstructionSetTheProcessorLacks) {
    FusedFullGenerator fused(3, SpinOperator::sigma_x(0), {});
    EXPECT_EQ(fused.isa(), FusedFullGenerator::best_isa());
    fused.set_isa(FusedFullGenerator::Isa::generic);  // always there
    EXPECT_EQ(fused.isa(), FusedFullGenerator::Isa::generic);
    if (FusedFullGenerator::best_isa() != FusedFullGenerator::Isa::avx512) {
        EXPECT_THROW(fused.set_isa(FusedFullGenerator::Isa::avx512), std::invalid_argument);
    }
}

// ---- whole runs through ExactMethod -------------------------------------------------

// The dissipative transverse-field Ising chain of bench/ising_chain_vs_qutip.py:
// H = h Σσ^z_i + J Σσ^x_iσ^x_{i+1}, jumps √γ σ^-_i. The adjoint dissipator gives
// D†[σ^z_i] = −(1 + σ^z_i) and D†[σ^x_i] = −½σ^x_i, so d⟨H⟩/dt = −γ(⟨H⟩ + hN) exactly:
//   ⟨H⟩(t) = −hN + (⟨H⟩(0) + hN) e^{−γt}
// (from all spins down ⟨H⟩ stays −hN: the benchmark's observable is a constant).
testing::SpecBuilder ising_chain(int n, double h, double j, double gamma) {
    testing::SpecBuilder b(n, 1.0);
    SpinOperator hamiltonian;
    for (int i = 0; i < n; ++i) hamiltonian += SpinOperator::sigma_z(i) * complex{h};
    for (int i = 0; i + 1 < n; ++i) hamiltonian += SpinOperator::sigma_x(i) * SpinOperator::sigma_x(i + 1) * complex{j};
    b.term("ising", hamiltonian).observe("H", hamiltonian);
    for (int i = 0; i < n; ++i) b.jump("decay" + std::to_string(i), SpinOperator::sigma_minus(i), gamma);
    return b;
}

void expect_energy_relaxes_as_derived(const std::string& integrator, const std::string& kernel) {
    const int n = 5;
    const double h = 0.2, j = 1.0, gamma = 0.7;
    auto b = ising_chain(n, h, j, gamma);
    b.initial_up().times(3.0, 31);
    RunSpec spec = b.build();
    spec.solver.storage = "full";
    if (!integrator.empty()) spec.solver.integrator = integrator;
    spec.solver.kernel = kernel;  // "auto": Pauli coordinates (pauli_generator.hpp) on this chain
    const RunResult r = ExactMethod().run(spec, {});
    EXPECT_NE(r.notes.at("rhs_form").find(kernel == "fused" ? "fused" : "Pauli"), std::string::npos);
    const auto& t = r.series.time;
    const auto energy = r.series.column_values("H");
    const auto sz = r.series.column_values("sz_0");
    double err = 0.0;
    for (std::size_t k = 0; k < t.size(); ++k)
        err = std::max(err, std::abs(energy[k] - (-h * n + 2.0 * h * n * std::exp(-gamma * t[k]))));
    // rtol 1e-10 over a few decay times: the global error is ~1e-9; 1e-7 leaves room, while
    // a wrong sign or factor in any term kind gives O(0.1).
    EXPECT_LT(err, 1e-7);
    EXPECT_GT(std::abs(sz.back() - sz.front()), 0.1);  // the state itself does move
}

TEST(FusedFullGenerator, IsingChainEnergyRelaxesAsDerived) {
    expect_energy_relaxes_as_derived("", "fused");
    expect_energy_relaxes_as_derived("", "auto");
}

// The same law through ARKODE's explicit Runge–Kutta (integrator = "erk").
TEST(FusedFullGenerator, IsingChainEnergyRelaxesAsDerivedWithErk) {
    expect_energy_relaxes_as_derived("erk", "fused");
    expect_energy_relaxes_as_derived("erk", "auto");
}

TEST(FusedFullGenerator, WholeRunMatchesBlockKernelAndIgnoresThreadCount) {
    // N = 8: 65536 reals, so CVODE's vectors are the OpenMP ones too (≥ 2^15). Both full-storage kernels: the
    // Pauli coordinates that "auto" picks on this chain (pauli_generator.hpp) and the product-order fused one.
    auto b = ising_chain(8, 0.2, 1.0, 1.0);
    b.initial_bloch({{0.6, 0.0, 0.8}}).times(0.2, 3).tolerances(1e-6, 1e-8);
    RunSpec spec = b.build();
    spec.solver.storage = "full";
    spec.solver.kernel = "blocks";
    const RunResult blocks = ExactMethod().run(spec, {});
    for (const std::string kernel : {"auto", "fused"}) {
        spec.solver.kernel = kernel;
        const int before = omp_get_max_threads();
        omp_set_num_threads(1);
        const RunResult one = ExactMethod().run(spec, {});
        omp_set_num_threads(2);
        const RunResult two = ExactMethod().run(spec, {});
        omp_set_num_threads(before);
        EXPECT_NE(one.notes.at("rhs_form").find(kernel == "auto" ? "Pauli" : "fused"), std::string::npos);
        for (const std::string column : {"sz_0", "sx_2", "JpJm", "H"}) {
            const auto a = one.series.column_values(column), c = two.series.column_values(column),
                       d = blocks.series.column_values(column);
            EXPECT_EQ(a, c) << kernel << " " << column;  // bit for bit
            for (std::size_t k = 0; k < a.size(); ++k) EXPECT_NEAR(a[k], d[k], 1e-6) << kernel << " " << column;
        }
    }
}

}  // namespace
}  // namespace openspins
