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
// diagonal on both sides).
// L(ρ) is Hermitian, so each element of the packed derivative is one real of row r of L:
// Re L[r][c] for c ≥ r, −Im L[r][c] = Im L[c][r] for c < r — the pass computes that real
// only (Re(w x) or Re(i w x) per entry) and writes it in place: no W + W† transpose.
// Passes: unpack (packed state → the planes Re ρ, Im ρ: 8 × 8 tiles transposed in registers by
// sub-blocks of native vectors, visited by 64 × 64 blocks); the generator pass, register-blocked: for each row r and each
// chunk of 64 columns it runs through the row's entries with the chunk's 8 blocks of 8 lanes in
// registers and stores the chunk once (the entry's column bits ≥ 6 pick the chunks it reads,
// bits 3–5 the blocks, bits 0–2 a fixed permutation and lane mask inside a block). A weight
// with a zero real or imaginary part reads one plane only; lane masks are folded into per-lane
// weights. The blocks holding the diagonal are computed in both forms and blended by lane.
// From 8 spins on the generator pass is split (split_bits()): pass A takes the terms on spins
// < 7 in column bands of 2^7 (a row's sources then lie in its block of 128 rows), pass B the
// others, whole rows in an order that keeps the rows its flips join together, adding to A's
// output; each element is still summed in one fixed order. With A's default bands, A runs on
// tiles of 128 rows × 128 columns (tiled()): each tile is unpacked from the packed state into a
// per-thread scratch copy that A then reads from the cache (its sources lie in the tile), the
// same registers also writing the planes for pass B — the planes are written once and read
// once, not twice.
// Instruction sets: the pass and the unpack are compiled for generic x86-64, AVX2 + FMA and
// AVX-512 in the one build; best_isa() picks the widest the processor has at run time.
// The state is the Hermitian matrix packed in D² reals in product-basis order:
//   P[r][c] = Re ρ[r][c] (r ≤ c),  P[r][c] = Im ρ[c][r] (r > c).
// Threads (BlockingWorkers::shared(), the pool the integrators' vector loops use, over (band, row)
// pairs, tile pairs and unpack strips): every output element is written by one thread with a
// fixed order of operations (the row's entry order), so the result is bit-identical for any thread count and
// any band width (the split does not depend on it). Between instruction sets the bits differ
// (FMA contraction): to rounding.
// LindbladGenerator (lindblad_generator.hpp) and the dense reference stay the slow
// references the tests compare against.
#pragma once

#include <cstdint>
#include <vector>

#include "openspins/integrate/page_aligned_allocator.hpp"
#include "openspins/integrate/recurrence_step.hpp"
#include "openspins/method/exact/block_layout.hpp"
#include "openspins/model/channel.hpp"

namespace openspins::exact {

class FusedFullGenerator {
public:
    // The instruction sets the generator pass is compiled for (one build runs anywhere and
    // picks the widest the processor has): generic x86-64 (SSE2), AVX2 + FMA, AVX-512.
    enum class Isa { generic, avx2, avx512 };
    static Isa best_isa();
    static const char* isa_name(Isa isa);

    // The band width's lower bound (one chunk) when N ≥ 6.
    static constexpr int min_band_bits = 6;
    // band_bits < 0: all columns, or 2^split_bits() columns for pass A of a split; otherwise
    // clamped to [min_band_bits, N] (N < 6: N).
    FusedFullGenerator(int spins, const SpinOperator& hamiltonian, const std::vector<Jump>& jumps,
                       int band_bits = -1);

    // out = L(ρ) for ρ and out packed as above (D² reals each).
    void apply(const double* packed_rho, double* packed_out) const;
    // One term of the Chebyshev recurrence with ρ = step.current (recurrence_step.hpp): the last pass
    // writes previous ← 2(s·L(ρ) + q·ρ) + sign·previous and sum += beta·previous in place of L(ρ), with the
    // propagator's own bits; step.scratch holds pass A's output. Returns max |previous|.
    double apply_step(const RecurrenceStep& step) const;
    [[nodiscard]] std::size_t size() const { return dim_ * dim_; }  // reals of the packed state
    [[nodiscard]] int band_bits() const { return band_bits_; }
    [[nodiscard]] std::size_t entries() const { return entries_.size() + entries_b_.size() + dim_; }  // row entries, all rows, diagonals included
    // k > 0: the pass runs in two, A with the terms on spins < k only (column bands of 2^k, so
    // that a row block's sources stay in cache) and B with the others (whole rows, the rows
    // its flips join running one after another), B adding to A's output. 0: one pass.
    [[nodiscard]] int split_bits() const { return split_bits_; }
    // Whether the unpack writes the planes with non-temporal stores (planes above 8 MiB: 10 spins on).
    [[nodiscard]] bool streams_planes() const;
    // Whether pass A writes its output to `out` with non-temporal stores: with a split, planes
    // streamed and `out` on a cache line (pass B reads it back from memory anyway).
    [[nodiscard]] bool streams_output(const double* out) const;
    // Bytes one apply() moves if only what the passes must read and write went to memory
    // (unpack: 8 read + 16 written; generator pass: 16 read + 8 written per element; the
    // second pass of a split also reads the first one's output: 8 more).
    // Tiled (tiled()): the unpack and pass A in one, pass A reading the tile it just unpacked from
    // the cache instead of the planes: 8 read + 16 written, 8 written, then pass B's 32.
    [[nodiscard]] std::size_t streamed_bytes() const {
        return (tiled_ ? 64 : split_bits_ > 0 ? 80 : 48) * dim_ * dim_;
    }
    // Whether pass A runs on tiles of 2^split_bits() rows and columns, each unpacked into a
    // per-thread scratch copy right before A reads it (with a split and A's default bands).
    [[nodiscard]] bool tiled() const { return tiled_; }
    // Whether the tiled pass A runs on per-chunk lists of the entries that read the chunk, with
    // their offsets resolved (resolve_tile_entries()); otherwise on the rows' general lists.
    [[nodiscard]] bool resolved_tiles() const { return !resolved_bounds_.empty(); }
    [[nodiscard]] std::size_t scratch_bytes() const { return planes_.size() * sizeof(double); }
    // The variant apply() runs: best_isa() unless set (tests run every variant the processor has;
    // a variant it lacks is refused with std::invalid_argument).
    [[nodiscard]] Isa isa() const { return isa_; }
    void set_isa(Isa isa);

    // Conversions between the packed product-order state and ρ in a block layout.
    static void pack_from_layout(const complex* rho, const SectorBasis& basis, const BlockLayout& layout,
                                 double* packed);
    static void unpack_to_layout(const double* packed, const SectorBasis& basis, const BlockLayout& layout,
                                 complex* rho);
    // The complex product-order ρ (D × D, row-major) of a packed state, and back.
    static void unpack(const double* packed, std::size_t dim, complex* rho);
    static void pack(const complex* rho, std::size_t dim, double* packed);

    // The columns an entry reads: c with (c & mask) == out, at c ^ flip.
    struct ColumnPattern {
        BasisState mask = 0, out = 0, flip = 0;
    };
    // A kind of row entry, a (column pattern, weight) pair, as the pass reads it. The pass
    // computes chunks of 64 columns of an output row, 8 blocks of 8 lanes; the pattern's column
    // bits split into the bits ≥ 6 (the chunks it reads: (j0 & mask_hi) == out_hi, at
    // j0 ^ flip_hi), the bits 3–5 (the blocks of a chunk it reads, bit v of `blocks`, block v
    // from source block v ^ flip_block) and the bits 0–2 (inside a block: lane t from lane
    // t ^ lane_flip, on the lanes the pattern's bits 0–2 admit). The weight w = a + ib enters as
    // cr·Re x + ci·Im x: (a, −b) on or above the diagonal (Re(w x)), (−b, −a) below it
    // (Re(i w x)); lane_weight[form][plane] holds cr (plane 0) or ci (plane 1) on the admitted
    // lanes and 0 on the others, so that the pass multiplies by a loaded vector and needs no
    // lane mask; planes[form] says which planes a form reads (0 Re only, 1 Im only, 2 both).
    // For the pass's inner loops, a form that reads one plane also has that plane's offset from
    // Re ρ's (plane_at: 0 or D·ld, the planes being one block) and its weights (one_weight).
    struct EntryKind {
        std::uint32_t mask_hi = 0, out_hi = 0, flip_hi = 0;
        std::uint32_t plane_at[2] = {0, 0};
        std::uint8_t lane_flip = 0;
        std::uint8_t planes[2] = {0, 0};  // [0] on/above the diagonal, [1] below
        std::uint8_t blocks = 0, flip_block = 0;
        std::uint8_t block_at[8] = {};  // 8 · (v ^ flip_block): where block v's source starts in its chunk
        alignas(64) double one_weight[2][8] = {};
        double lane_weight[2][2][8] = {};
    };
    // A row entry (8 bytes, so that the ~25 entries of a row stay in L1 while its chunks are
    // computed and the list streams cheaply once per band): where the source row starts in a
    // plane (src_row · ld) and where its kind sits in the table (kind index · sizeof(EntryKind)):
    // adds in the loop, not multiplies.
    struct Entry {
        std::uint32_t src = 0, kind_at = 0;
    };

private:
    void unpack_planes(const double* packed) const;
    double generator_pass(const double* packed_rho, double* packed_out, const RecurrenceStep* step) const;
    void make_tiled();
    void resolve_tile_entries();

    std::size_t dim_;
    std::size_t ld_ = 0;  // row stride of the scratch planes (padded, at least one chunk)
    int band_bits_ = 0;
    Isa isa_ = Isa::generic;
    std::vector<ColumnPattern> patterns_;
    std::vector<std::size_t> row_begin_;  // entries of row r: [row_begin_[r], row_begin_[r + 1])
    std::vector<std::size_t> row_direct_end_, row_plain_end_, row_permuted_end_, row_one_end_;  // groups of row r's entries (see the .cpp)
    std::vector<Entry> entries_;  // the off-diagonal entries of each row (pass A)
    int split_bits_ = 0;
    std::vector<std::size_t> row_begin_b_, row_direct_end_b_, row_plain_end_b_, row_permuted_end_b_, row_one_end_b_;  // pass B's entries, as row_begin_ / entries_
    std::vector<Entry> entries_b_;
    std::vector<std::uint32_t> row_order_b_;  // pass B's rows in the order they run
    std::vector<EntryKind> kinds_;  // (64-byte aligned: C++17 aligned new)
    std::vector<double> diag_row_;  // d(r) = a + ib per row: (a, b)
    std::vector<double> diag_col_re_, diag_col_im_;  // conj d(c): the diagonal of ρ Z† (padded like a row)
    // Scratch planes Re ρ, then Im ρ, in one block (rows of ld_ reals, zeroed: the padding
    // columns are read, never used), on 2 MiB boundaries with transparent huge pages asked for
    // (page_aligned_allocator.hpp): the pass reads ~15 rows per chunk, each on its own 4 KiB page
    // otherwise, and the TLB misses cost more than the loads. Written by the const apply():
    // scratch, not state.
    mutable StateVector planes_;
    mutable std::vector<double> largest_;  // apply_step(): max |term| of each work item of the last pass
    // The tiled pass A (tiled()): its entries address a tile's scratch planes (rows of tile_ld_
    // reals, source rows modulo the tile), through kinds_a_ (kinds_ with the scratch's plane
    // offsets); tile_pairs_ lists its work items (R, C), R ≤ C, in tiles.
    bool tiled_ = false;
    std::size_t tile_ld_ = 0;
    std::vector<EntryKind> kinds_a_;
    std::vector<std::uint32_t> tile_pairs_;
    // Pass A's entries per local row (r mod T), chunk of the tile and form, only those that read
    // the chunk, src holding the whole offset in the scratch (resolve_tile_entries()); the groups of
    // (ℓ, h, form) start at resolved_bounds_[6 ((ℓ · T/64 + h) · 2 + form)] (6 bounds: begin and the
    // groups' ends). Empty: the general path.
    std::vector<Entry> resolved_entries_;
    std::vector<std::uint32_t> resolved_bounds_;
};

}  // namespace openspins::exact
