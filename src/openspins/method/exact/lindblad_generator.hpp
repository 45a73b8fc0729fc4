// The Lindblad generator applied matrix-free to ρ stored in a BlockLayout.
//
//   dρ/dt = −i[H, ρ] + Σ_k γ_k (L_k ρ L_k† − ½{L_k†L_k, ρ})
//         = Z + Z† + Σ_k γ_k L_k ρ L_k†,   Z = −i H_eff ρ,  H_eff = H − (i/2) Σ γ_k L_k†L_k
//
// Z + Z† uses the hermiticity of ρ: ρH_eff† is never computed separately. The
// terms are sorted by structure so that each costs as few passes over ρ as possible:
//   elementwise      everything diagonal in the basis: the diagonal of H_eff, jumps
//                    that are diagonal (dephasing: one 2×2 table per spin, folded
//                    into two lookup tables over the low and high halves of the bits;
//                    collective dephasing: a per-state value) — one pass over ρ
//   single jumps     L = one monomial (σ^-_i, σ^+_i, …): γ|c|² ρ[pre(r), pre(c)],
//                    a gather over the quarter of ρ it touches; L†L is diagonal
//   multi jumps      L = several monomials (J^-, custom sums): Y = Lρ by row
//                    updates, out += Y L† by in-row gathers, Z −= ½ L†Y by rows
//                    (only the rows of Y that L reaches)
//   Hamiltonian      off-diagonal monomials of H: Z += −i H_off ρ by row updates
//   source           optional inhomogeneous term Tr(ρ)·C (model/source_term.hpp), C given in
//                    the layout: one pass over the diagonal for Tr ρ and one over C's non-zero
//                    elements; absent (no cost) unless a source is passed
// The 4^N × 4^N superoperator is never formed.
#pragma once

#include <vector>

#include "openspins/method/exact/block_layout.hpp"
#include "openspins/method/exact/monomial_map.hpp"
#include "openspins/method/exact/row_operator.hpp"
#include "openspins/model/channel.hpp"

namespace openspins::exact {

// True when H and every jump keep the coherence order q(r) − q(c) of each element
// (H monomials conserve the down count; each L changes it by one definite amount).
bool conserves_coherence_order(const SpinOperator& hamiltonian, const std::vector<Jump>& jumps);

class LindbladGenerator {
public:
    // `source`: C in `layout` (layout.size() elements), or empty for none.
    LindbladGenerator(const SectorBasis& basis, const BlockLayout& layout, const SpinOperator& hamiltonian,
                      const std::vector<Jump>& jumps, const std::vector<complex>& source = {});

    // out = L(ρ); both arrays hold layout.size() complex numbers.
    void apply(const complex* rho, complex* out) const;
    // Bytes of scratch memory held (for the memory estimate's check).
    [[nodiscard]] std::size_t scratch_bytes() const;
    // Bytes one apply() reads and writes if nothing stayed in cache: every pass
    // counted with its loads and stores (read-modify-write = 2 accesses), index
    // tables excluded. Divided by the time per apply it gives a lower bound on the
    // achieved bandwidth of the kernel.
    [[nodiscard]] std::size_t streamed_bytes() const { return streamed_bytes_; }

private:
    struct DiagonalJump {
        double rate;
        std::vector<complex> value;  // ⟨b|L|b⟩ per basis state
    };
    struct SingleJump {
        double weight;  // γ |coeff|²
        MonomialMap map;
        std::vector<std::vector<std::int32_t>> source_row;  // per sector: source index of each row, −1 if none
    };
    struct MultiJump {
        double rate;
        std::vector<MonomialMap> l;  // for the in-row gathers of Y L†
        RowOperator l_rows;          // Y = L ρ
        RowOperator l_dagger_rows;   // Z −= ½γ L† Y
        BlockLayout y_layout;
        // Per sector: the rows of Y = Lρ that L reaches. Only these are cleared and gathered, so a
        // jump that is a few matrix units (the Davies jumps in the eigenbasis of H_S,
        // model/basis_frame.hpp) costs O(its units · d), not O(d²).
        std::vector<std::vector<std::uint32_t>> y_rows;
    };

    void apply_elementwise(const complex* rho, complex* out) const;
    void apply_single_jumps(const complex* rho, complex* out) const;
    void apply_multi_jump(const MultiJump& jump, const complex* rho, complex* out, complex* z) const;
    void add_hermitian_part(const complex* z, complex* out) const;  // out += Z + Z†
    void add_source(const complex* rho, complex* out) const;        // out += Tr(ρ) C

    const SectorBasis& basis_;
    const BlockLayout& layout_;
    int low_bits_ = 0;
    std::vector<complex> row_factor_;                    // −i ⟨b|H_eff|b⟩ per basis state
    std::vector<complex> table_low_, table_high_;        // local diagonal jumps, split by bit halves
    std::vector<DiagonalJump> diagonal_jumps_;           // non-local diagonal jumps (cross term only)
    std::vector<SingleJump> single_jumps_;
    std::vector<MultiJump> multi_jumps_;
    std::vector<RowOperator> hamiltonian_off_diagonal_;  // −i H_off, at most one
    std::vector<std::pair<std::size_t, complex>> source_;  // non-zero elements of C (layout index, value)
    std::vector<std::size_t> diagonal_;                    // layout indices of ρ's diagonal (with a source)
    mutable std::vector<complex> z_, y_;
    std::size_t streamed_bytes_ = 0;
    void count_streamed_bytes();
};

}  // namespace openspins::exact
