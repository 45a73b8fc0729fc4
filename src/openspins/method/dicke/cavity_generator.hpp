// The Lindblad generator of N permutation-symmetric spins and one truncated bosonic mode
// (model/cavity.hpp; any spin–mode terms of model/spin_mode_polynomial.hpp) on the Dicke blocks.
//
// Storage (CavityLayout): for every Dicke block b (2j = N − 2b, dicke_basis.hpp) a dense
// row-major complex matrix ρ^j of size D_j = (n_max + 1)(2j + 1) over |n⟩ ⊗ |j, m⟩, index
// r = n·(2j + 1) + k (k = j − m, n the photon number), two reals per element (real part
// first). As in the dicke method, ρ = ⊕_j ρ^j ⊗ 1_{d_j}/d_j: the mode ⊗ spin-j blocks are
// reduced over the degenerate copies; Tr ρ = Σ_j Tr ρ^j.
//
//   dρ^j/dt = −i(H_eff ρ^j − ρ^j H_eff†) + Σ_c Γ_c L_c ρ^j L_c† + Σ_k r_k M_k ρ^j M_k†
//             + Σ_local γ Σ_{j'} (local transfer j → j' on the spin index, any n),
//   H_eff = H_spin + H_mode − (i/2)(Σ_c Γ_c L_c†L_c + Σ_local γ Σ_i A_i†A_i + Σ_k r_k M_k†M_k),
// H_mode = Model::mode_hamiltonian (δ a†a + i g (a† J^- − a J^+) of the built-in coupling and
// every term with mode operators, e.g. (a + a†)Jx: the counter-rotating terms couple n to
// n ± 1 and m to m ± 1 independently, so a j block holds every n), M_k the mode jumps
// (Model::mode_jumps: κ(n̄_b+1)·a, κn̄_b·a†, custom spin–mode jumps). The spin parts act as
// 1_mode ⊗ (spin-j matrix), the spin–mode terms as mode_block_matrix (normal-ordered
// monomials truncated to 0 … n_max). M†M is the product of the truncated matrices, so the
// truncated generator preserves the trace exactly; the truncation error shows as the
// population of |n_max⟩. The local transfer coefficients are those of the dicke method
// (local_transitions.hpp): A_i acts on the spins only, so the mode index rides along.
//
// Stored blocks: only the local spin channels move weight between j blocks. Without them a
// block that starts empty stays empty, and the layout may leave it out (`stored`, chosen by
// cavity_run.cpp from the initial state): all spins up or down is the one block j = N/2, so
// the dissipative N = 40 Dicke model holds 451² instead of Σ_j D_j² ≈ 1.4·10⁶ elements.
//
// Parity blocks: when H keeps Π = (−1)^{n+k}, every jump keeps or flips it and ρ(0) has no coherence between
// Π = ±1 (cavity_parity.hpp; decided by cavity_run.cpp), ρ keeps only the entries of equal row and column
// parity, and the layout packs only those (CavityLayout's packed blocks 2b + s, s the parity): about half the
// reals. The complex blocks (observables, pulses, checkpoints) stay whole, with zeros between the parities.
//
// Integration (cavity_kernel.hpp): the integrator holds the Hermitian packing of the stored
// blocks (D_b² reals per block, CavityLayout::pack), and apply() is the fused banded kernel on
// it; apply_sparse() is the same generator as sparse × dense products on the complex blocks,
// kept as the reference the kernel is tested against.
//
// Limits: dense blocks, apply cost ~ Σ_j D_j² × (bands of H_eff and the jumps) over the stored
// blocks; meant for N ≲ 20 with every block, N ≲ 60 with the symmetric block alone, n_max ≲ 20.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <vector>

#include "openspins/method/dicke/dicke_basis.hpp"
#include "openspins/method/dicke/cavity_kernel.hpp"
#include "openspins/method/dicke/dicke_generator.hpp"
#include "openspins/method/exact/block_layout.hpp"
#include "openspins/method/exact/hermitian_packing.hpp"
#include "openspins/model/model.hpp"
#include "openspins/model/spin_mode_polynomial.hpp"

namespace openspins::dicke {

class CavityLayout {
public:
    // `stored`: one flag per block (empty: every block); a block left out takes no storage.
    // `parity`: the packing keeps only the entries of equal parity Π = (−1)^{n+k} of row and column
    // (the header's "Parity blocks"); the caller has checked that the generator and the state allow it.
    CavityLayout(const DickeBasis& basis, int n_max, std::vector<bool> stored = {}, bool parity = false);
    CavityLayout(const CavityLayout&) = delete;  // packing_ points into blocks_
    CavityLayout& operator=(const CavityLayout&) = delete;

    [[nodiscard]] const DickeBasis& spins() const { return basis_; }
    [[nodiscard]] int n_max() const { return n_max_; }
    [[nodiscard]] int blocks() const { return basis_.blocks(); }
    [[nodiscard]] bool stored(int b) const { return stored_[static_cast<std::size_t>(b)]; }
    // Size of block b and the offset of its first element (complex elements; a block that is
    // not stored has its next block's offset).
    [[nodiscard]] int dim(int b) const { return (n_max_ + 1) * basis_.dim(b); }
    [[nodiscard]] std::size_t offset(int b) const { return offset_[static_cast<std::size_t>(b)]; }
    [[nodiscard]] std::size_t size() const { return offset_.back(); }  // complex elements
    // Row/column index of |n⟩ ⊗ |j, j − k⟩ in block b.
    [[nodiscard]] int index(int b, int n, int k) const { return n * basis_.dim(b) + k; }

    // The packing the integrator holds (cavity_kernel.hpp): "packed blocks" q = 2b + s, s = 0, 1.
    // Without parity, packed block 2b is the whole block b (its Hermitian packing, D_b² reals) and 2b + 1 is
    // empty. With parity, packed block 2b + s holds the rows and columns of block b whose parity
    // (n + k) mod 2 is s, in increasing order of their index (sector_rows), as one Hermitian D_s × D_s
    // packing: D_0² + D_1² ≈ D_b²/2 reals, the coherences between the parities (zero for such states) not stored.
    [[nodiscard]] bool parity() const { return parity_; }
    [[nodiscard]] int packed_blocks() const { return 2 * blocks(); }
    [[nodiscard]] int packed_dim(int q) const { return static_cast<int>(sector_rows_[static_cast<std::size_t>(q)].size()); }
    [[nodiscard]] std::size_t packed_offset(int q) const { return packed_offset_[static_cast<std::size_t>(q)]; }
    [[nodiscard]] std::size_t packed_size() const { return packed_offset_.back(); }  // reals
    // Indices (in block q/2) of packed block q's rows, increasing; and where index i of block b sits in its packed block.
    [[nodiscard]] const std::vector<int>& sector_rows(int q) const { return sector_rows_[static_cast<std::size_t>(q)]; }
    [[nodiscard]] int sector(int b, int i) const;  // 0 or 1: the packed block 2b + sector holds row i
    [[nodiscard]] int sector_position(int b, int i) const {
        return sector_position_[static_cast<std::size_t>(b)][static_cast<std::size_t>(i)];
    }
    // `full` holds size() complex elements as two reals each, `packed` packed_size() reals. Packing reads the
    // diagonals and upper triangles only (and, with parity, only the entries of equal parity); unpacking
    // writes zeros where the parities differ.
    void pack(const double* full, double* packed) const;
    void unpack(const double* packed, double* full) const;
    // Where Re ρ^b[i][i] sits in the packing.
    [[nodiscard]] std::size_t diagonal(int b, int i) const {
        const int q = 2 * b + sector(b, i);
        const auto pos = static_cast<std::size_t>(sector_position(b, i));
        return packed_offset(q) + pos * static_cast<std::size_t>(packed_dim(q) + 1);
    }

private:
    const DickeBasis& basis_;
    int n_max_;
    std::vector<bool> stored_;
    bool parity_;
    std::vector<std::size_t> offset_;
    std::vector<std::vector<int>> sector_rows_;      // per packed block
    std::vector<std::vector<int>> sector_position_;  // per block, per index
    std::vector<std::size_t> packed_offset_;         // per packed block, and the total
    exact::BlockLayout blocks_;  // the stored blocks as diagonal blocks (size 0 when not stored)
    exact::HermitianPacking packing_;
};

class CavityGenerator {
public:
    CavityGenerator(const CavityLayout& layout, const GeneratorTerms& spin_terms,
                    const SpinModePolynomial& mode_hamiltonian, const std::vector<ModeJump>& mode_jumps);

    // ydot = L(y) on the layout's packing (size() reals; cavity_kernel.hpp).
    void apply(const double* packed, double* packed_dot) const { kernel_->apply(packed, packed_dot); }
    // ydot = L(y) on the complex blocks (2 × size() reals) by sparse × dense products: the
    // straightforward form of the same generator, the tests' reference for apply().
    void apply_sparse(const double* y, double* ydot) const;
    // out = −i H_eff ψ for a state vector ψ of block b (D_b complex numbers, index n·(2j+1) + k):
    // the Schrödinger equation of the pure-state path, where nothing dissipates and H_eff = H.
    void apply_to_vector(int b, const std::complex<double>* psi, std::complex<double>* out) const;
    // Quanta emitted per unit time by the spins: {Σ Γ⟨J^+J^-⟩ over collective emission
    // channels, Σ γ⟨Σσ^+σ^-⟩ over local emission channels} (as DickeGenerator::emission_rates).
    // These three read the packing (only its diagonal).
    [[nodiscard]] std::array<double, 2> emission_rates(const double* y) const;
    // ⟨a†a⟩ = Σ_j Σ_{n,k} n ρ^j[(n,k),(n,k)]: times κ(n̄_b + 1) the rate at which the mode's loss
    // channel takes photons out (the `emitted_mode` counter).
    [[nodiscard]] double photon_number(const double* y) const;
    // Σ_j Σ_k ρ^j[(n_max,k),(n_max,k)]: the population of the top Fock level (the truncation watch).
    [[nodiscard]] double top_population(const double* y) const;

    // Where L's spectrum lies, for the Chebyshev propagator (integrate/chebyshev_propagator.hpp): with
    // H_eff = H − iΓ per stored block (H, Γ Hermitian, Γ = ½Σ r L†L ≥ 0) the eigenvalues of
    // ρ ↦ −i(H_eff ρ − ρH_eff†) are −i(ε_a − ε̄_b), ε in the numerical range of H_eff, so
    // |Im λ| ≤ spread(H) = E_max − E_min and −Re λ ≤ 2λ_max(Γ), both bounded by Gershgorin discs on the
    // bands of H and Γ (a row r's centre and the sum of |off-diagonal| entries); the jumps' L ρ L† add at
    // most Σ r‖L‖² to the decay (‖L‖² ≤ ‖L‖₁‖L‖_∞; the local channels γN), and shift the imaginary parts
    // little (the bound is not proved for the non-normal L; the propagator widens an underestimate when a
    // step fails, and measures its convergence).
    struct SpectrumExtent {
        double decay = 0.0;        // 2 max_b λ_max(Γ_b), by Gershgorin
        double oscillation = 0.0;  // max_b (E_max − E_min)(H_b), by Gershgorin
    };
    [[nodiscard]] SpectrumExtent spectrum_extent() const;

private:
    using Sparse = BlockMatrix;  // complex, row-major
    struct Jump {
        double rate;
        Sparse op, adjoint;
    };
    const CavityLayout& layout_;
    std::vector<Sparse> effective_, effective_adjoint_;  // H_eff and H_eff† per block
    std::vector<std::vector<Jump>> jumps_;               // collective spin jumps and mode jumps, per block
    std::vector<std::pair<double, LocalTransition>> transfers_;
    double local_rates_ = 0.0;  // Σ γ over the local spin channels (spectrum_extent)
    std::vector<std::vector<double>> collective_flux_, local_flux_;  // per block, diagonal in k
    std::unique_ptr<CavityKernel> kernel_;
};

}  // namespace openspins::dicke
