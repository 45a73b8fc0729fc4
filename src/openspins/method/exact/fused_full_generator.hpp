// The Lindblad generator for full storage (all coherence orders) in two cache-blocked
// passes over ρ, on the product basis in its natural bit order.
//
//   dρ/dt = Z + Z† + Σ_k γ_k L_k ρ L_k†,   Z = −i H_eff ρ,  H_eff = H − (i/2) Σ_k γ_k L_k†L_k
//
// Element by element, with d(r) = −i⟨r|H_eff|r⟩ and every operator written in matrix units
// M = m |out⟩⟨in| on its spins (model/spin_operator.hpp), src_M(b) = b with the bits of `in`:
//   out[r][c] = (d(r) + d(c)*) ρ[r][c]
//             + Σ_{off-diagonal M of −iH_eff, r ⊇ out_M}  m      ρ[src_M(r)][c]          (row side)
//             + Σ_{off-diagonal M of −iH_eff, c ⊇ out_M}  m*     ρ[r][src_M(c)]          (column side)
//             + Σ_k Σ_{M, M' of L_k}                    γ_k m m'* ρ[src_M(r)][src_M'(c)]
// Basis: bit i of a label is spin i, 1 = |↓⟩ (sector_basis.hpp); ρ row-major, D = 2^N.
//
// Passes (w = the split bit, chosen near N/2):
//   A  column bands of 2^w columns (column bits < w vary, all row bits): the diagonal, every
//      row-side term and every jump term whose column unit acts on spins < w. A band of all
//      rows (2^N × 2^w elements) stays in cache while every row flip reads it.
//   B  row sets with fixed row bits < w (row bits ≥ w vary, all column bits): every
//      column-side term and the jump terms whose row unit acts on spins ≥ w; it writes the
//      packed output row by row (the packing of a Hermitian matrix is row-local on the
//      output side: P[r][c] = Re out[r][c] for c ≥ r, −Im out[r][c] for c < r).
//   C  jump terms covered by neither (a two-spin jump straddling w): a plain gather pass,
//      only when such a term exists.
// The state is the Hermitian matrix packed in D² reals in product-basis order:
//   P[r][c] = Re ρ[r][c] (r ≤ c),  P[r][c] = Im ρ[c][r] (r > c),
// unpacked into complex ρ by a tiled transpose before pass A.
// Threads (OpenMP): every output element is written by one thread with a fixed order of
// operations, so the result is bit-identical for any thread count.
// LindbladGenerator (lindblad_generator.hpp) stays the reference the tests compare against.
#pragma once

#include <cstdint>
#include <vector>

#include "openspins/method/exact/block_layout.hpp"
#include "openspins/model/channel.hpp"

namespace openspins::exact {

class FusedFullGenerator {
public:
    FusedFullGenerator(int spins, const SpinOperator& hamiltonian, const std::vector<Jump>& jumps);

    // out = L(ρ) for ρ and out packed as above (D² reals each).
    void apply(const double* packed_rho, double* packed_out) const;
    [[nodiscard]] std::size_t size() const { return dim_ * dim_; }  // reals of the packed state
    [[nodiscard]] int split_bit() const { return w_; }
    // Bytes one apply() moves if only what the passes must read and write went to memory
    // (unpack: 8 read + 16 written; A: 16 + 16; B: 32 + 8; C: 32 + 16 per element when present).
    [[nodiscard]] std::size_t streamed_bytes() const;
    [[nodiscard]] std::size_t scratch_bytes() const { return 2 * dim_ * ld_ * sizeof(complex); }

    // Conversions between the packed product-order state and ρ in a block layout.
    static void pack_from_layout(const complex* rho, const SectorBasis& basis, const BlockLayout& layout,
                                 double* packed);
    static void unpack_to_layout(const double* packed, const SectorBasis& basis, const BlockLayout& layout,
                                 complex* rho);
    // The complex product-order ρ (D × D, row-major) of a packed state, and back.
    static void unpack(const double* packed, std::size_t dim, complex* rho);
    // The same with rows `ld` ≥ dim complex numbers apart.
    static void unpack(const double* packed, std::size_t dim, complex* rho, std::size_t ld);
    static void pack(const complex* rho, std::size_t dim, double* packed);

private:
    // A matrix unit with its weight: applies where (b & mask) == out, reading b ^ flip.
    struct Unit {
        BasisState mask = 0, out = 0, flip = 0;
        complex weight;
    };
    // The column side of the units sharing one mask and flip (the four units of σ^x_iσ^x_j):
    // out[r][c] += table[bits of c on the mask] · ρ[r][c ^ flip], one loop over c.
    struct ColumnGroup {
        BasisState flip = 0;
        std::vector<int> bits;       // the mask's bit positions, lowest first
        std::vector<complex> table;  // m* of the unit whose `out` has these bits, else 0
    };
    struct JumpPair {
        Unit row, col;  // weight γ m m'* on `row`; `col` carries only its pattern
    };

    void pass_a(const complex* rho, complex* out) const;
    void pass_b(const complex* rho, complex* out, double* packed_out) const;
    void pass_c(const complex* rho, complex* out) const;

    int spins_;
    std::size_t dim_;
    std::size_t ld_ = 0;  // row stride of the complex scratch (padded)
    int w_ = 0;
    std::vector<complex> diag_;        // d(r)
    std::vector<Unit> row_terms_;      // off-diagonal units of −i H_eff (the column side uses m*)
    std::vector<ColumnGroup> column_groups_;  // the same units grouped for the column side (pass B)
    std::vector<JumpPair> jumps_a_, jumps_b_, jumps_c_;
    mutable std::vector<complex> rho_, out_;
};

}  // namespace openspins::exact
