// The Lindblad generator of N permutation-symmetric spins and one truncated bosonic mode
// (model/cavity.hpp, seed 002 eqs. (3)–(4)) on the Dicke blocks.
//
// Storage (CavityLayout): for every Dicke block b (2j = N − 2b, dicke_basis.hpp) a dense
// row-major complex matrix ρ^j of size D_j = (n_max + 1)(2j + 1) over |n⟩ ⊗ |j, m⟩, index
// r = n·(2j + 1) + k (k = j − m, n the photon number), two reals per element (real part
// first). As in the dicke method, ρ = ⊕_j ρ^j ⊗ 1_{d_j}/d_j: the mode ⊗ spin-j blocks are
// reduced over the degenerate copies; Tr ρ = Σ_j Tr ρ^j.
//
//   dρ^j/dt = −i(H_eff ρ^j − ρ^j H_eff†) + Σ_c Γ_c L_c ρ^j L_c† + κ a ρ^j a†
//             + Σ_local γ Σ_{j'} (local transfer j → j' on the spin index, any n),
//   H_eff = H_spin + δ a†a + i g (a† J^- − a J^+)
//           − (i/2)(Σ_c Γ_c L_c†L_c + Σ_local γ Σ_i A_i†A_i + κ a†a),
// where the spin parts act as 1_mode ⊗ (spin-j matrix) and the mode parts as
// (truncated matrix) ⊗ 1_spin. The local transfer coefficients are those of the
// dicke method (local_transitions.hpp): A_i acts on the spins only, so the mode index
// rides along. a and a† are the truncated matrices (a|n⟩ = √n |n−1⟩ on 0 … n_max), so
// a† a has no n_max + 1 and the truncation error is the population of |n_max⟩.
//
// Limits: dense blocks, apply cost ~ Σ_j D_j² × (non-zeros per row); meant for small N
// (≲ 20) and n_max ≲ 20.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "openspins/method/dicke/dicke_basis.hpp"
#include "openspins/method/dicke/dicke_generator.hpp"
#include "openspins/model/cavity.hpp"

namespace openspins::dicke {

class CavityLayout {
public:
    CavityLayout(const DickeBasis& basis, int n_max);

    [[nodiscard]] const DickeBasis& spins() const { return basis_; }
    [[nodiscard]] int n_max() const { return n_max_; }
    [[nodiscard]] int blocks() const { return basis_.blocks(); }
    // Size of block b and the offset of its first element (complex elements).
    [[nodiscard]] int dim(int b) const { return (n_max_ + 1) * basis_.dim(b); }
    [[nodiscard]] std::size_t offset(int b) const { return offset_[static_cast<std::size_t>(b)]; }
    [[nodiscard]] std::size_t size() const { return offset_.back(); }  // complex elements
    // Row/column index of |n⟩ ⊗ |j, j − k⟩ in block b.
    [[nodiscard]] int index(int b, int n, int k) const { return n * basis_.dim(b) + k; }

private:
    const DickeBasis& basis_;
    int n_max_;
    std::vector<std::size_t> offset_;
};

class CavityGenerator {
public:
    CavityGenerator(const CavityLayout& layout, const GeneratorTerms& spin_terms, const Cavity& cavity);

    // ydot = L(y) on the layout's storage (2 × size() reals).
    void apply(const double* y, double* ydot) const;
    // Quanta emitted per unit time by the spins: {Σ Γ⟨J^+J^-⟩ over collective emission
    // channels, Σ γ⟨Σσ^+σ^-⟩ over local emission channels} (as DickeGenerator::emission_rates).
    [[nodiscard]] std::array<double, 2> emission_rates(const double* y) const;

private:
    using Sparse = BlockMatrix;  // complex, row-major
    struct Jump {
        double rate;
        Sparse op, adjoint;
    };
    const CavityLayout& layout_;
    std::vector<Sparse> effective_, effective_adjoint_;  // H_eff and H_eff† per block
    std::vector<std::vector<Jump>> jumps_;               // collective spin jumps and √κ a, per block
    std::vector<std::pair<double, LocalTransition>> transfers_;
    std::vector<std::vector<double>> collective_flux_, local_flux_;  // per block, diagonal in k
};

}  // namespace openspins::dicke
