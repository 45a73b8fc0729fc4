// The Lindblad generator for full storage (all coherence orders) in one cache-blocked pass
// over ρ, on the product basis in its natural bit order.
//
//   dρ/dt = Z ρ + ρ Z† + Σ_k γ_k L_k ρ L_k†,   Z = −i H_eff,   H_eff = H − (i/2) Σ_k γ_k L_k†L_k
//
// Element by element, with every operator written in matrix units M = m |out⟩⟨in| on its
// spins (model/spin_operator.hpp), applying where (b & mask_M) = out_M and reading
// src_M(b) = b ^ (out ⊕ in):
//   L[r][c] = Σ_{M of Z, r ⊇ out_M} m ρ[src_M(r)][c] + Σ_{M of Z, c ⊇ out_M} m* ρ[r][src_M(c)]
//           + Σ_k Σ_{M, M' of L_k, r ⊇ out_M, c ⊇ out_M'} γ_k m m'* ρ[src_M(r)][src_M'(c)]
// Basis: bit i of a label is spin i, 1 = |↓⟩ (sector_basis.hpp); ρ row-major, D = 2^N.
//
// Every term is a row entry: "row r reads row s, all columns or the columns c with
// (c & mask') = out', at c ^ flip', times a weight" (Z ρ: s = src(r), all columns; ρ Z†: s = r
// with Z's unit as the column pattern; the jumps: both). The constructor lists, for each row r,
// its entries with the weights of equal (s, column pattern) summed (σ^x_iσ^x_j's four units
// become one entry per row on each side), the diagonal first (weight d(r) + conj d(c), Z's
// diagonal on both sides). The column side of a pattern is a set of contiguous runs, so the
// inner loops are contiguous, vectorisable real axpys on split planes; patterns with a bit
// below 3 go in blocks of 8 columns with a fixed permutation inside the block.
// L(ρ) is Hermitian, so each element of the packed derivative is one real of row r of L:
// Re L[r][c] for c ≥ r, −Im L[r][c] = Im L[c][r] for c < r — the pass computes that real
// only (Re(w x) or Re(i w x) per entry) and writes it in place: no W + W† transpose.
// Passes: unpack (packed state → the planes Re ρ, Im ρ, a tiled transpose); the generator
// pass in column bands of 2^b columns × all rows (b = band_bits(): the band of ρ that the rows
// src(r) read stays in cache), writing the packed derivative.
// The state is the Hermitian matrix packed in D² reals in product-basis order:
//   P[r][c] = Re ρ[r][c] (r ≤ c),  P[r][c] = Im ρ[c][r] (r > c).
// Threads (OpenMP, over (band, row) pairs): every output element is written by one thread with
// a fixed order of operations (the row's entry order), so the result is bit-identical for any
// thread count and any band width.
// LindbladGenerator (lindblad_generator.hpp) and the dense reference stay the slow
// references the tests compare against.
#pragma once

#include <cstdint>
#include <vector>

#include "openspins/method/exact/block_layout.hpp"
#include "openspins/model/channel.hpp"

namespace openspins::exact {

class FusedFullGenerator {
public:
    // band_bits < 0: chosen from the dimension (bands of about 2^15 elements of ρ).
    FusedFullGenerator(int spins, const SpinOperator& hamiltonian, const std::vector<Jump>& jumps,
                       int band_bits = -1);

    // out = L(ρ) for ρ and out packed as above (D² reals each).
    void apply(const double* packed_rho, double* packed_out) const;
    [[nodiscard]] std::size_t size() const { return dim_ * dim_; }  // reals of the packed state
    [[nodiscard]] int band_bits() const { return band_bits_; }
    [[nodiscard]] std::size_t entries() const { return entries_.size(); }  // row entries, all rows
    // Bytes one apply() moves if only what the passes must read and write went to memory
    // (unpack: 8 read + 16 written; generator pass: 16 read + 8 written per element).
    [[nodiscard]] std::size_t streamed_bytes() const { return 48 * dim_ * dim_; }
    [[nodiscard]] std::size_t scratch_bytes() const { return 2 * dim_ * ld_ * sizeof(double); }

    // Conversions between the packed product-order state and ρ in a block layout.
    static void pack_from_layout(const complex* rho, const SectorBasis& basis, const BlockLayout& layout,
                                 double* packed);
    static void unpack_to_layout(const double* packed, const SectorBasis& basis, const BlockLayout& layout,
                                 complex* rho);
    // The complex product-order ρ (D × D, row-major) of a packed state, and back.
    static void unpack(const double* packed, std::size_t dim, complex* rho);
    static void pack(const complex* rho, std::size_t dim, double* packed);

private:
    // The columns an entry reads: c with (c & mask) == out, at c ^ flip; split at the band
    // bit into the bits inside a band (lo) and the bits naming the band (hi).
    struct ColumnPattern {
        BasisState mask = 0, out = 0, flip = 0;
        BasisState mask_lo = 0, out_lo = 0, flip_lo = 0, mask_hi = 0, out_hi = 0, flip_hi = 0;
    };
    struct Entry {
        std::size_t src_row = 0;
        std::uint32_t pattern = 0;  // index into patterns_; 0 = every column, no flip
        double re = 0.0, im = 0.0;
    };

    void unpack_planes(const double* packed) const;
    void generator_pass(double* packed_out) const;

    std::size_t dim_;
    std::size_t ld_ = 0;  // row stride of the scratch planes (padded)
    int band_bits_ = 0;
    std::vector<ColumnPattern> patterns_;
    std::vector<std::size_t> row_begin_;  // entries of row r: [row_begin_[r], row_begin_[r + 1])
    std::vector<Entry> entries_;
    std::vector<double> diag_col_re_, diag_col_im_;  // conj d(c): the diagonal of ρ Z†
    mutable std::vector<double> rho_re_, rho_im_;
};

}  // namespace openspins::exact
