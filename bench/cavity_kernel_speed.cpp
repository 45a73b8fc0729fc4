// CPU time per right-hand side of the dicke method's cavity density path on the lossy Dicke model
// of bench/mode_vs_qutip.py (H = Jz + a†a + (2λ/√N)(a + a†)Jx, λ = 0.4, κ = 0.5, n_max = 10, the
// block j = N/2 alone): the fused banded kernel on the Hermitian packing (cavity_kernel.hpp) and
// the sparse × dense products it is tested against (CavityGenerator::apply_sparse), and the fused kernel on
// the parity blocks (entries of equal (−1)^{n+k} of row and column only, cavity_parity.hpp). Process CPU
// time, so a loaded machine inflates the figures less than wall time would; with
// OMP_NUM_THREADS=1 the figures are per core.
//   openspins_cavity_kernel_speed N [calls]
#include <cmath>
#include <complex>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "call_timer.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/method/dicke/cavity_generator.hpp"
#include "openspins/method/dicke/model_terms.hpp"


int main(int argc, char** argv) {
    using namespace openspins;
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s N [calls]\n", argv[0]);
        return 2;
    }
    const int n = std::atoi(argv[1]);
    const int calls = argc > 2 ? std::atoi(argv[2]) : 50;
    const std::string toml = "[method]\nname = \"dicke\"\n[spins]\ncount = " + std::to_string(n) +
                             "\n[[hamiltonian.term]]\nexpr = \"Jz + n\"\n[[hamiltonian.term]]\nexpr = \"(a + ad)*Jx\"\n"
                             "strength = " + std::to_string(0.8 / std::sqrt(n)) +
                             "\n[cavity]\nn_max = 10\nloss = 0.5\n[time]\nstop = 1\n";
    const RunSpec spec = read_run_toml(toml, "cavity_kernel_speed.toml");
    const dicke::DickeBasis basis(n);
    std::vector<bool> stored(static_cast<std::size_t>(basis.blocks()), false);
    stored[0] = true;  // j = N/2
    const dicke::CavityLayout layout(basis, 10, stored);
    const dicke::CavityGenerator generator(layout, dicke::generator_terms(spec.model, {}), spec.model.mode_hamiltonian(),
                                           spec.model.mode_jumps());
    std::printf("N = %d: block of %d states, %zu packed reals\n", n, layout.dim(0), layout.size());
    // A Hermitian state with every entry populated (the cost does not depend on the values).
    std::vector<double> full(2 * layout.size()), full_dot(full.size()), packed(layout.size()), packed_dot(layout.size());
    auto* rho = reinterpret_cast<std::complex<double>*>(full.data());
    const auto d = static_cast<std::size_t>(layout.dim(0));
    for (std::size_t i = 0; i < d; ++i)
        for (std::size_t k = 0; k < d; ++k)
            rho[i * d + k] = i == k ? std::complex<double>(1.0 / static_cast<double>(d))
                                    : std::complex<double>(1e-3, i < k ? 1e-4 : -1e-4);
    layout.pack(full.data(), packed.data());
    bench::time_calls("fused", calls, [&] { generator.apply(packed.data(), packed_dot.data()); });
    bench::time_calls("sparse", std::max(1, calls / 10), [&] { generator.apply_sparse(full.data(), full_dot.data()); });
    // The same block as parity blocks (the model keeps (−1)^{n+k}: the run path takes them from a parity eigenstate).
    const dicke::CavityLayout parity_layout(basis, 10, stored, true);
    const dicke::CavityGenerator parity_generator(parity_layout, dicke::generator_terms(spec.model, {}),
                                                  spec.model.mode_hamiltonian(), spec.model.mode_jumps());
    std::printf("parity blocks: %d + %d states, %zu packed reals\n", parity_layout.packed_dim(0), parity_layout.packed_dim(1),
                parity_layout.packed_size());
    std::vector<double> parity_packed(parity_layout.packed_size()), parity_dot(parity_layout.packed_size());
    parity_layout.pack(full.data(), parity_packed.data());
    bench::time_calls("fused, parity blocks", calls,
                      [&] { parity_generator.apply(parity_packed.data(), parity_dot.data()); });
    return 0;
}
