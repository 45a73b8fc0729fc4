// CPU time per right-hand side of the exact method's full-storage kernels on the dissipative
// transverse-field Ising chain of bench/ising_chain_vs_qutip.py (H = h Σσ^z_i + J Σσ^x_iσ^x_{i+1},
// jumps √γ σ^-_i): the fused kernel (FusedFullGenerator) and the block kernel it is tested
// against (LindbladGenerator on all coherence orders). Process CPU time (call_timer.hpp), so a loaded machine
// inflates the figures less than wall time would; run with OMP_NUM_THREADS=1 for per-core figures.
//   openspins_kernel_speed N [calls] [band_bits] [isa: generic|avx2|avx512] [blocks: 1 also times the block kernel]
#include <omp.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>
#include <span>
#include <sys/mman.h>

#include "call_timer.hpp"
#include "openspins/method/exact/block_layout.hpp"
#include "openspins/method/exact/fused_full_generator.hpp"
#include "openspins/method/exact/lindblad_generator.hpp"
#include "openspins/method/exact/pauli_generator.hpp"
#include "openspins/method/exact/sector_basis.hpp"


int main(int argc, char** argv) {
    using namespace openspins;
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s N [calls] [band_bits] [generic|avx2|avx512] [blocks 0|1]\n", argv[0]);
        return 2;
    }
    const int n = std::atoi(argv[1]);
    const int calls = argc > 2 ? std::atoi(argv[2]) : 20;
    const int band_bits = argc > 3 ? std::atoi(argv[3]) : -1;
    const double h = 0.2, j = 1.0, gamma = 1.0;
    SpinOperator hamiltonian;
    std::vector<Jump> jumps;
    for (int i = 0; i < n; ++i) hamiltonian += SpinOperator::sigma_z(i) * complex{h};
    for (int i = 0; i + 1 < n; ++i) hamiltonian += SpinOperator::sigma_x(i) * SpinOperator::sigma_x(i + 1) * complex{j};
    for (int i = 0; i < n; ++i) jumps.push_back({gamma, SpinOperator::sigma_minus(i)});

    exact::FusedFullGenerator fused(n, hamiltonian, jumps, band_bits);
    if (argc > 4) {
        const std::string isa = argv[4];
        fused.set_isa(isa == "avx512" ? exact::FusedFullGenerator::Isa::avx512
                      : isa == "avx2" ? exact::FusedFullGenerator::Isa::avx2
                                      : exact::FusedFullGenerator::Isa::generic);
    }
    const bool with_blocks = argc > 5 && std::atoi(argv[5]) != 0;
    // ALIGN=64: both vectors on cache lines (malloc gives 16 B); ALIGN=huge: on 2 MiB pages.
    const char* align_env = std::getenv("ALIGN");
    const std::string align = align_env ? align_env : "";
    const std::size_t al = align == "huge" ? std::size_t{1} << 21 : 64;
    const std::size_t bytes = (fused.size() * sizeof(double) + al - 1) / al * al;
    auto* pk = static_cast<double*>(std::aligned_alloc(al, bytes + 64));
    auto* ot = static_cast<double*>(std::aligned_alloc(al, bytes + 64));
    if (align == "huge") {
        madvise(pk, bytes, MADV_HUGEPAGE);
        madvise(ot, bytes, MADV_HUGEPAGE);
    }
    const std::size_t shift = align.empty() ? 2 : 0;  // malloc's 16-byte offset
    std::span<double> packed(pk + shift, fused.size()), out(ot + shift, fused.size());
    std::mt19937 gen(1);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    for (double& x : packed) x = u(gen);
    std::printf("N = %d, threads %d, band bits %d, %zu row entries, %s\n", n, omp_get_max_threads(), fused.band_bits(),
                fused.entries(), exact::FusedFullGenerator::isa_name(fused.isa()));
    // Three rounds: on the shared machine the quietest round is the closest to the kernel's own speed.
    for (int round = 0; round < 3; ++round) bench::time_calls("fused", calls, [&] { fused.apply(packed.data(), out.data()); });
    // The generator on Pauli coordinates (pauli_generator.hpp) on the same model: the same number of reals.
    const exact::PauliGenerator pauli_generator(n, hamiltonian, jumps);
    std::printf("pauli: fast %d, tile spins %d, pass B from spin %d, %zu entries, %s\n", pauli_generator.fast() ? 1 : 0,
                pauli_generator.tile_spins(), pauli_generator.second_pass_spin(), pauli_generator.terms().size(),
                pauli_generator.isa() == exact::PauliGenerator::Isa::avx2 ? "avx2" : "generic");
    for (int round = 0; round < 3; ++round)
        bench::time_calls("pauli", calls, [&] { pauli_generator.apply(packed.data(), out.data()); });
    // The conversions between the packed product-order state and Pauli coordinates (pauli_basis.hpp).
    std::vector<double> scratch;
    bench::time_calls("to pauli", calls, [&] { exact::pauli_from_packed(packed.data(), n, out.data()); });
    bench::time_calls("from pauli", calls, [&] { exact::packed_from_pauli(out.data(), n, packed.data(), scratch); });

    if (!with_blocks) return 0;
    const exact::SectorBasis basis(n);
    const exact::BlockLayout layout = exact::BlockLayout::all_orders(basis);
    const exact::LindbladGenerator blocks(basis, layout, hamiltonian, jumps);
    std::vector<complex> rho(layout.size()), drho(layout.size());
    exact::FusedFullGenerator::unpack_to_layout(packed.data(), basis, layout, rho.data());
    bench::time_calls("blocks", calls, [&] { blocks.apply(rho.data(), drho.data()); });
    return 0;
}
