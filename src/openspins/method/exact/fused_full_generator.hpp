// The Lindblad generator for full storage (all coherence orders) in one cache-blocked pass
// over ρ, on the product basis in its natural bit order.
//
//   dρ/dt = W + W†,   W = −i H_eff ρ + ½ Σ_k γ_k L_k ρ L_k†,   H_eff = H − (i/2) Σ_k γ_k L_k†L_k
//
// (the jump part is Hermitian, so half of it in W gives all of it in W + W†). Element by
// element, with every operator written in matrix units M = m |out⟩⟨in| on its spins
// (model/spin_operator.hpp), applying where (b & mask_M) = out_M and reading src_M(b) = b ^ (out ⊕ in):
//   W[r][c] = Σ_{M of −iH_eff, r ⊇ out_M} m ρ[src_M(r)][c]
//           + Σ_k Σ_{M, M' of L_k, r ⊇ out_M, c ⊇ out_M'} ½ γ_k m m'* ρ[src_M(r)][src_M'(c)]
// Basis: bit i of a label is spin i, 1 = |↓⟩ (sector_basis.hpp); ρ row-major, D = 2^N.
//
// Every term is a row entry: "row r reads row s = src(r), all columns or the columns c with
// (c & mask') = out', at c ^ flip', times a weight". The constructor lists, for each row r,
// its entries with the weights of equal (s, column pattern) summed (σ^x_iσ^x_j's four units
// become one entry per row), the diagonal −i⟨r|H_eff|r⟩ first. The column side of a pattern
// is a set of contiguous runs (2^(lowest bit of mask') long), so every inner loop is a
// contiguous, vectorisable real axpy on split real and imaginary planes, specialised for real,
// imaginary and general weights.
// Passes: unpack (packed state → the planes Re ρ, Im ρ, a tiled transpose); the W pass in
// column bands of 2^b columns × all rows (b = band_bits(): the band of ρ that the rows r ^ flip
// read stays in cache); pack (W + W† → packed derivative, a tiled transpose).
// The state is the Hermitian matrix packed in D² reals in product-basis order:
//   P[r][c] = Re ρ[r][c] (r ≤ c),  P[r][c] = Im ρ[c][r] (r > c).
// Threads (OpenMP): every output element is written by one thread with a fixed order of
// operations (the row's entry order), so the result is bit-identical for any thread count
// and any band width.
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
    // (unpack: 8 read + 16 written; W: 16 + 16; pack: 16 + 8 per element).
    [[nodiscard]] std::size_t streamed_bytes() const { return 80 * dim_ * dim_; }
    [[nodiscard]] std::size_t scratch_bytes() const { return 4 * dim_ * ld_ * sizeof(double); }

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
    enum class Kind : std::uint8_t { real, imaginary, general };
    struct Entry {
        std::size_t src_row = 0;
        std::uint32_t pattern = 0;  // index into patterns_; 0 = every column, no flip
        Kind kind = Kind::general;
        double re = 0.0, im = 0.0;
    };

    void unpack_planes(const double* packed) const;
    void w_pass() const;
    void pack_planes(double* packed_out) const;

    int spins_;
    std::size_t dim_;
    std::size_t ld_ = 0;  // row stride of the scratch planes (padded)
    int band_bits_ = 0;
    std::vector<ColumnPattern> patterns_;
    std::vector<std::size_t> row_begin_;  // entries of row r: [row_begin_[r], row_begin_[r + 1])
    std::vector<Entry> entries_;
    mutable std::vector<double> rho_re_, rho_im_, w_re_, w_im_;
};

}  // namespace openspins::exact
