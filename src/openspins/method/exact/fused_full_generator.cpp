#include "openspins/method/exact/fused_full_generator.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <string>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "openspins/integrate/blocking_workers.hpp"
#include "openspins/method/exact/hermitian_packing.hpp"
#include "openspins/method/exact/recurrence_step_out.hpp"
#include "openspins/method/exact/simd_vector.hpp"
#include "openspins/method/exact/tiled_loop.hpp"


namespace openspins::exact {

namespace {

// The split: with more spins than this, the terms on spins ≥ split_bits_limit run in a second
// pass (see split_bits() in the header).
constexpr int split_bits_limit = 7;

// Planes above this size are written by the unpack with non-temporal stores (Ising chain, one
// core, bench/exact_kernel_speed.cpp: N = 10 11.4 → 10.7 ms, N = 12 on two 124 → 119 ms): they
// do not stay in the caches until the passes read them, and a normal store first reads its line.
constexpr std::size_t stream_threshold_bytes = std::size_t{8} << 20;

// States of fewer reals run on one thread: a call then takes ~0.1 ms, less than waking the
// helper threads is worth (and the errors reproducers' 7-spin runs must stay fast on a loaded machine).
constexpr std::size_t parallel_size = std::size_t{1} << 16;

// The generator pass computes chunks of 64 columns of an output row (8 blocks of 8 lanes),
// accumulated in registers over all of the row's entries and stored once: the AVX-512 variant
// in one sweep of the entries with 8 accumulators, the others in two halves of 4.
constexpr int chunk_bits = FusedFullGenerator::min_band_bits;
constexpr std::size_t chunk_columns = std::size_t{1} << chunk_bits;
constexpr unsigned chunk_blocks = 8;

// Column bands: all columns by default. A row's chunks then run one after the other, so that
// the entries of ρ Z† (row r itself at c ^ flip, flips on any bit) read row r from L2, and each
// source row streams through its D columns in order (the hardware prefetcher follows it).
// Measured on the Ising chain, one thread, ms per call (load ~3, ±20 %): N = 10: 14, 9, 8, 7.8
// with bands of 2^6, 2^8, 2^9, 2^10 columns; N = 12: 400, 330, 290, 270, 245 with 2^6 … 2^9, 2^12.
// (Narrow bands keep the rows src(r) of the row side in cache, but then the column side's
// high flips read other bands of row r from memory.)
// With a split, pass A's bands are 2^split_bits columns (its sources lie in the row's block).
int default_band_bits(int spins, int split_bits) { return split_bits > 0 ? split_bits : spins; }

// The pass itself works on the processor's native vectors V of L = 2, 4 or 8 doubles
// (simd_vector.hpp); a block of 8 lanes is Q = 8 / L of them, and lane t ^ F of a block is lane
// (t ^ F) % L of vector q ^ (F / L).
using namespace simd;

// 8 doubles (a row of the unpack's 8 × 8 pieces) as Q = 8 / L native vectors. (The unpack was
// first written on 8-double vectors: under AVX2 GCC then loaded them by scalar loads and
// transposed them through the stack — callgrind, N = 9: ~750 instructions per 8 × 8 piece.)
template <class V>
struct Row8 {
    V q[8 / lanes_of<V>];
};
template <class V>
OPENSPINS_HOT Row8<V> load_row8(const double* p) {
    Row8<V> x;
#pragma GCC unroll 8
    for (unsigned q = 0; q < 8 / lanes_of<V>; ++q) x.q[q] = load_v<V>(p + lanes_of<V> * q);
    return x;
}
// One native vector to p (streamed or not) and with Cached also to `cached`, from the same register.
template <class V, bool Stream, bool Cached>
OPENSPINS_HOT void put_v(double* p, const V& x, double* cached) {
    if constexpr (Cached) store_v<V>(cached, x);
    if constexpr (Stream) {
        stream_v<V>(p, x);
    } else {
        store_v<V>(p, x);
    }
}
// A row, likewise.
template <class V, bool Stream, bool Cached>
OPENSPINS_HOT void put8(double* p, const Row8<V>& x, double* cached) {
    constexpr unsigned L = lanes_of<V>;
#pragma GCC unroll 8
    for (unsigned q = 0; q < 8 / L; ++q)
        put_v<V, Stream, Cached>(p + L * q, x.q[q], Cached ? cached + L * q : nullptr);
}

using Entry = FusedFullGenerator::Entry;
using EntryKind = FusedFullGenerator::EntryKind;

// Which planes an entry reads in one form: 0 Re ρ only (ci = 0), 1 Im ρ only (cr = 0), 2 both.
std::uint8_t planes_of(double cr, double ci) {
    return static_cast<std::uint8_t>(ci == 0.0 ? 0U : cr == 0.0 ? 1U : 2U);
}

// A plain kind: no permutation inside a block, every block, one plane in both forms — the kinds
// of Z ρ's rows (all columns) and of most column flips; one loop body serves them all.
bool plain_kind(const EntryKind& e) {
    return e.lane_flip == 0 && e.blocks == 0xFF && e.planes[0] != 2 && e.planes[1] != 2;
}

// The group a kind's entries are stored and run in (chunk()): 0 plain in place, 1 plain with a
// block flip, 2 permuted in place, 3 other one-plane, 4 two-plane.
int entry_group(const EntryKind& e) {
    const bool one_plane = e.planes[0] != 2 && e.planes[1] != 2;
    const bool in_place = e.blocks == 0xFF && e.flip_block == 0;
    if (plain_kind(e)) return e.flip_block == 0 ? 0 : 1;
    if (one_plane) return in_place ? 2 : 3;
    return 4;
}

struct PassData {
    const double* re;
    const double* im;
    std::size_t ld, dim;
    int band_bits;
    const double* col_re;
    const double* col_im;
    const Entry* entries;
    const EntryKind* kinds;
    const double* diag_row;
    const std::size_t* row_begin;
    const std::size_t* row_direct_end;  // row r: plain in place [row_begin[r], row_direct_end[r]),
    const std::size_t* row_plain_end;   // other plain [.., row_plain_end[r]),
    const std::size_t* row_permuted_end;  // permuted, every block in place [.., row_permuted_end[r]),
    const std::size_t* row_one_end;    // other one-plane [.., row_one_end[r]), two-plane [.., row_begin[r + 1])
    const std::uint32_t* row_order;  // item i → row row_order[i] (nullptr: row i)
    double* out;
    bool stream_out;  // the pass writes `out` with non-temporal stores (64-byte aligned rows, large planes)
    // Where row r, column c of ρ sit in re / im: row r & row_mask, column c & col_mask (all ones:
    // the whole planes; tile − 1: a tile's scratch copy, see tile_items()).
    std::size_t row_mask = ~std::size_t{0}, col_mask = ~std::size_t{0};
    // The last pass of apply_step(): each chunk's values of L go into the recurrence's term
    // (step_out()) instead of `out`.
    const RecurrenceStep* step = nullptr;
    double* largest = nullptr;  // with step: max |term| of each work item
    // The tiled pass A's resolved lists (FusedFullGenerator::resolved_bounds_): the groups of local row
    // ℓ, chunk h, form f at bounds[6 ((ℓ · chunks + h) · 2 + f) …], entries[...].src the whole offset.
    const Entry* resolved = nullptr;
    const std::uint32_t* resolved_bounds = nullptr;
};

// What the chunks of row r need from the pass's tables, looked up once per row (per chunk with
// resolved lists): the entry groups of each form (see chunk(): begin, then the ends of the plain
// in place, plain, permuted, other one-plane and two-plane groups), Z's diagonal d(r) = a + ib
// and the row in both planes.
struct RowView {
    std::size_t r;
    const Entry* group[2][6];
    double a, b;
    const double *re, *im;
};

OPENSPINS_HOT RowView row_view(const PassData& g, std::size_t r) {
    const Entry* e = g.entries;
    RowView v{r, {}, g.diag_row[2 * r], g.diag_row[2 * r + 1], g.re + (r & g.row_mask) * g.ld,
              g.im + (r & g.row_mask) * g.ld};
    const std::size_t at[6] = {g.row_begin[r],         g.row_direct_end[r], g.row_plain_end[r],
                               g.row_permuted_end[r], g.row_one_end[r],    g.row_begin[r + 1]};
    for (int form = 0; form < 2; ++form)
        for (int k = 0; k < 6; ++k) v.group[form][k] = e + at[k];
    return v;
}

// Row r's view for chunk h of a tile (tile_items()): the resolved lists of its local row.
OPENSPINS_HOT RowView resolved_row_view(const PassData& g, std::size_t r, std::size_t h) {
    const std::size_t chunks = (g.col_mask + 1) / chunk_columns;
    RowView v{r, {}, g.diag_row[2 * r], g.diag_row[2 * r + 1], g.re + (r & g.row_mask) * g.ld,
              g.im + (r & g.row_mask) * g.ld};
    const std::uint32_t* b = g.resolved_bounds + 12 * ((r & g.row_mask) * chunks + h);
    for (int form = 0; form < 2; ++form)
        for (int k = 0; k < 6; ++k) v.group[form][k] = g.resolved + b[6 * form + k];
    return v;
}

// Lane t of the result is lane t ^ f of x, f known at run time (< L): one vpermps (AVX2, on the
// doubles as pairs of floats, the index built once per entry) or vpermpd (AVX-512).
template <class V>
struct LanePermutation;
#if defined(__clang__)
// clang has no run-time __builtin_shuffle: one constant shuffle per case (the sanitizer build).
template <>
struct LanePermutation<v4d> {
    unsigned f;
    explicit LanePermutation(unsigned flip) : f(flip) {}
    OPENSPINS_HOT v4d operator()(const v4d& x) const {
        switch (f) {
            case 1: return __builtin_shufflevector(x, x, 1, 0, 3, 2);
            case 2: return __builtin_shufflevector(x, x, 2, 3, 0, 1);
            case 3: return __builtin_shufflevector(x, x, 3, 2, 1, 0);
            default: return x;
        }
    }
};
template <>
struct LanePermutation<v8d> {
    unsigned f;
    explicit LanePermutation(unsigned flip) : f(flip) {}
    OPENSPINS_HOT v8d operator()(const v8d& x) const {
        switch (f) {
            case 1: return __builtin_shufflevector(x, x, 1, 0, 3, 2, 5, 4, 7, 6);
            case 2: return __builtin_shufflevector(x, x, 2, 3, 0, 1, 6, 7, 4, 5);
            case 3: return __builtin_shufflevector(x, x, 3, 2, 1, 0, 7, 6, 5, 4);
            case 4: return __builtin_shufflevector(x, x, 4, 5, 6, 7, 0, 1, 2, 3);
            case 5: return __builtin_shufflevector(x, x, 5, 4, 7, 6, 1, 0, 3, 2);
            case 6: return __builtin_shufflevector(x, x, 6, 7, 4, 5, 2, 3, 0, 1);
            case 7: return __builtin_shufflevector(x, x, 7, 6, 5, 4, 3, 2, 1, 0);
            default: return x;
        }
    }
};
#else
template <>
struct LanePermutation<v4d> {
    using f8 = float __attribute__((vector_size(32)));
    using i8 = int __attribute__((vector_size(32)));
    // Lane t ^ f of 4 doubles as 8 floats: floats 2(t ^ f), 2(t ^ f) + 1.
    alignas(32) static constexpr int table[4][8] = {
        {0, 1, 2, 3, 4, 5, 6, 7}, {2, 3, 0, 1, 6, 7, 4, 5}, {4, 5, 6, 7, 0, 1, 2, 3}, {6, 7, 4, 5, 2, 3, 0, 1}};
    i8 index;
    explicit LanePermutation(unsigned f) { std::memcpy(&index, table[f], sizeof index); }
    OPENSPINS_HOT v4d operator()(const v4d& x) const {
        return std::bit_cast<v4d>(__builtin_shuffle(std::bit_cast<f8>(x), index));
    }
};
template <>
struct LanePermutation<v8d> {
    alignas(64) static constexpr long long table[8][8] = {
        {0, 1, 2, 3, 4, 5, 6, 7}, {1, 0, 3, 2, 5, 4, 7, 6}, {2, 3, 0, 1, 6, 7, 4, 5}, {3, 2, 1, 0, 7, 6, 5, 4},
        {4, 5, 6, 7, 0, 1, 2, 3}, {5, 4, 7, 6, 1, 0, 3, 2}, {6, 7, 4, 5, 2, 3, 0, 1}, {7, 6, 5, 4, 3, 2, 1, 0}};
    v8l index;
    explicit LanePermutation(unsigned f) { std::memcpy(&index, table[f], sizeof index); }
    OPENSPINS_HOT v8d operator()(const v8d& x) const { return __builtin_shuffle(x, index); }
};
#endif
template <>
struct LanePermutation<v2d> {
    bool swap;
    explicit LanePermutation(unsigned f) : swap(f != 0) {}
    OPENSPINS_HOT v2d operator()(const v2d& x) const { return swap ? __builtin_shufflevector(x, x, 1, 0) : x; }
};

// One entry on the blocks v0 … v0 + NV − 1 of a chunk, in the general form: a[v] += w0·x0
// (+ w1·x1 with Two), x the source block (v0 + v) ^ flip_block of the plane(s) s0 (s1), its lane
// t read from lane t ^ F (F = Fin + L·fout: perm inside a native vector, fout across the block's
// Q vectors), only the blocks `blocks` names. w0, w1: the Q vectors of per-lane weights (zero on
// the lanes the pattern skips). a holds Q native vectors per block.
template <class V, unsigned NV, bool Two, bool AllBlocks = false>
OPENSPINS_HOT void masked_entry(V* a, unsigned v0, const double* s0, const double* s1, const V* w0, const V* w1,
                                const EntryKind& e) {
    constexpr unsigned L = lanes_of<V>, Q = 8 / L;
    const LanePermutation<V> perm(e.lane_flip % L);
    const unsigned fout = e.lane_flip / L, blocks = e.blocks;
#pragma GCC unroll 16
    for (unsigned v = 0; v < NV; ++v) {
        if (!AllBlocks && ((blocks >> (v0 + v)) & 1U) == 0) continue;
        const std::size_t off = e.block_at[v0 + v];
#pragma GCC unroll 16
        for (unsigned q = 0; q < Q; ++q) {
            const std::size_t at = off + L * (q ^ fout);
            a[Q * v + q] += w0[q] * perm(load_v<V>(s0 + at));
            if constexpr (Two) a[Q * v + q] += w1[q] * perm(load_v<V>(s1 + at));
        }
    }
}

OPENSPINS_HOT const EntryKind* kind_of(const PassData& g, const Entry& entry) {
    return reinterpret_cast<const EntryKind*>(reinterpret_cast<const char*>(g.kinds) + entry.kind_at);
}

// The one plane a one-plane entry reads in form Form at chunk j0: false when the chunk is not
// among those it reads; else p is its source row and chunk, w its per-lane weights.
// Resolved: the entry is known to read the chunk and holds the whole offset.
template <class V, int Form, bool Resolved>
OPENSPINS_HOT bool one_plane_source(const PassData& g, const Entry& entry, std::size_t j0, const EntryKind*& e,
                                    V* w, const double*& p) {
    constexpr unsigned L = lanes_of<V>, Q = 8 / L;
    e = kind_of(g, entry);
    if (!Resolved && (j0 & e->mask_hi) != e->out_hi) return false;
#pragma GCC unroll 16
    for (unsigned q = 0; q < Q; ++q) w[q] = load_v<V>(e->one_weight[Form] + L * q);
    p = g.re + (Resolved ? std::size_t{entry.src} : std::size_t{entry.src} + e->plane_at[Form] + (j0 ^ e->flip_hi));
    return true;
}

// p, with the compiler no longer knowing how it was computed: the loads p + constant then
// address by displacement. (Otherwise GCC hoists the chunk's offsets 8·v0 + constant out of the
// entry loop into registers, which spill: measured one reload per two FMAs.)
OPENSPINS_HOT const double* opaque(const double* p) {
    asm("" : "+r"(p));
    return p;
}

// The blocks v0 … v0 + NV − 1 of the chunk at column j0 of row r, all of them left of the
// diagonal (Lower: the reals Re(i·w·x), i.e. −Im L) or all on or right of it (Re(w·x)): the
// diagonal entry sets acc, the others add in the row's order.
template <class V, unsigned NV, bool Lower, bool Accumulate, bool Resolved>
OPENSPINS_HOT void chunk(const PassData& g, const RowView& row, std::size_t j0, unsigned v0, V* acc) {
    constexpr int form = Lower ? 1 : 0;
    constexpr unsigned L = lanes_of<V>, Q = 8 / L;
    const std::size_t jp = j0 & g.col_mask;  // the chunk's column in the planes
    if constexpr (Accumulate) {  // a later pass: start from what the earlier one wrote
        const double* o = g.out + row.r * g.dim + j0 + 8 * v0;
#pragma GCC unroll 16
        for (unsigned k = 0; k < 8 * NV / L; ++k) acc[k] = load_v<V>(o + L * k);
    } else {
        // Per-column weight w_j = (a + ca_j) + i(b + cb_j): Z's diagonal d(r) on the rows plus
        // conj d(c) on the columns.
        const double a = row.a, b = row.b;
        const std::size_t j = j0 + 8 * v0;
        const double* xr = row.re + (j & g.col_mask);
        const double* xi = row.im + (j & g.col_mask);
        #pragma GCC unroll 16
        for (unsigned k = 0; k < 8 * NV / L; ++k) {
            const V wa = a + load_v<V>(g.col_re + j + L * k);
            const V wb = b + load_v<V>(g.col_im + j + L * k);
            const V x = load_v<V>(xr + L * k), y = load_v<V>(xi + L * k);
            if constexpr (Lower) {
                acc[k] = -wb * x - wa * y;
            } else {
                acc[k] = wa * x - wb * y;
            }
        }
    }
    // A row's entries come in groups (build_rows): plain in place, plain with a block flip,
    // permuted in place, other one-plane, two-plane. All run on a register copy of acc, each
    // group in a loop of identical bodies. (With a switch over the variants inside one loop the
    // compiler kept acc on the stack and every FMA waited on a reload: measured ~30 cycles per
    // entry and 32 columns with the data in L1.)
    const Entry* const* const groups = row.group[form];
    const Entry* const plain_end = groups[2];
    const Entry* const one_end = groups[4];
    const Entry* const end = groups[5];
    constexpr unsigned K = 8 * NV / L;
    V a[K];
#pragma GCC unroll 16
    for (unsigned k = 0; k < K; ++k) a[k] = acc[k];
    // Two-plane entries (complex weights: general models).
    for (const Entry* entry = one_end; entry != end; ++entry) {
        const EntryKind* e = kind_of(g, *entry);
        if (!Resolved && (jp & e->mask_hi) != e->out_hi) continue;
        const std::size_t s = Resolved ? std::size_t{entry->src} : std::size_t{entry->src} + (jp ^ e->flip_hi);
        V w0[Q], w1[Q];
#pragma GCC unroll 16
        for (unsigned q = 0; q < Q; ++q) {
            w0[q] = load_v<V>(e->lane_weight[form][0] + L * q);
            w1[q] = load_v<V>(e->lane_weight[form][1] + L * q);
        }
        masked_entry<V, NV, true>(a, v0, g.re + s, g.im + s, w0, w1, *e);
    }
    // Permuted entries on every block in place (the column flips and decays on spins 0–2):
    // constant offsets, the two halves of a block read through their own pointers.
    const Entry* const permuted_end = groups[3];
    for (const Entry* entry = plain_end; entry != permuted_end; ++entry) {
        const EntryKind* e;
        V w[Q];
        const double* p;
        if (!one_plane_source<V, form, Resolved>(g, *entry, jp, e, w, p)) continue;
        const double* pq[Q];
        const unsigned fout = e->lane_flip / L;
#pragma GCC unroll 16
        for (unsigned q = 0; q < Q; ++q) pq[q] = p + 8 * v0 + L * (q ^ fout);
        const LanePermutation<V> perm(e->lane_flip % L);
#pragma GCC unroll 16
        for (unsigned v = 0; v < NV; ++v)
#pragma GCC unroll 16
            for (unsigned q = 0; q < Q; ++q) a[Q * v + q] += w[q] * perm(load_v<V>(pq[q] + 8 * v));
    }
    for (const Entry* entry = permuted_end; entry != one_end; ++entry) {
        const EntryKind* e;
        V w[Q];
        const double* p;
        if (!one_plane_source<V, form, Resolved>(g, *entry, jp, e, w, p)) continue;
        // The blocks this entry writes among v0 … v0 + NV − 1: none (a decay on a high block
        // bit skips half the chunk), all (no test per block), or some.
        constexpr unsigned all = NV >= 8 ? 0xFFU : (1U << NV) - 1;
        const unsigned here = (e->blocks >> v0) & all;
        if (here == 0) continue;
        if (here == all) {
            masked_entry<V, NV, false, true>(a, v0, p, nullptr, w, nullptr, *e);
        } else {
            masked_entry<V, NV, false>(a, v0, p, nullptr, w, nullptr, *e);
        }
    }
    // Plain entries reading the blocks in place (no block flip: Z ρ's rows, high column flips):
    // constant offsets.
    const Entry* const direct_end = groups[1];
    for (const Entry* entry = groups[0]; entry != direct_end; ++entry) {
        const EntryKind* e;
        V w[Q];
        const double* p;
        if (!one_plane_source<V, form, Resolved>(g, *entry, jp, e, w, p)) continue;
        p = opaque(p + 8 * v0);
#pragma GCC unroll 16
        for (unsigned v = 0; v < NV; ++v)
#pragma GCC unroll 16
            for (unsigned q = 0; q < Q; ++q) a[Q * v + q] += w[q] * load_v<V>(p + 8 * v + L * q);
    }
    std::size_t off[NV];
    for (const Entry* entry = direct_end; entry != plain_end; ++entry) {
        const EntryKind* e;
        V w[Q];
        const double* p;
        if (!one_plane_source<V, form, Resolved>(g, *entry, jp, e, w, p)) continue;
#pragma GCC unroll 16
        for (unsigned v = 0; v < NV; ++v) off[v] = e->block_at[v0 + v];
#pragma GCC unroll 16
        for (unsigned v = 0; v < NV; ++v)
#pragma GCC unroll 16
            for (unsigned q = 0; q < Q; ++q) a[Q * v + q] += w[q] * load_v<V>(p + off[v] + L * q);
    }
#pragma GCC unroll 16
    for (unsigned k = 0; k < K; ++k) acc[k] = a[k];
}

// Blocks v0 … v0 + NV − 1 of row r's chunk j0 holding column r: both forms, blended by lane
// (columns c < r take the lower one), in halves of NV / 2 blocks so that the two sets of
// accumulators stay in registers; a half on one side computes its form only.
template <class V, unsigned NV, bool Accumulate, bool Resolved>
OPENSPINS_HOT void straddling_blocks(const PassData& g, const RowView& row, std::size_t j0, unsigned v0, V* acc) {
    const std::size_t r = row.r;
    constexpr unsigned L = lanes_of<V>;
    if constexpr (NV == 1) {
        constexpr unsigned K = 8 / L;
        using I = lane_index_t<V>;
        const std::size_t j = j0 + 8 * v0;
        V lower[K];
        chunk<V, 1, true, Accumulate, Resolved>(g, row, j0, v0, lower);
        chunk<V, 1, false, Accumulate, Resolved>(g, row, j0, v0, acc);
        I lane{};
        #pragma GCC unroll 16
        for (unsigned t = 0; t < L; ++t) lane[t] = t;
        #pragma GCC unroll 16
        for (unsigned q = 0; q < K; ++q) {
            const I below = (lane + static_cast<long long>(j + L * q)) < static_cast<long long>(r);
            acc[q] = std::bit_cast<V>((std::bit_cast<I>(lower[q]) & below) | (std::bit_cast<I>(acc[q]) & ~below));
        }
    } else {
        constexpr unsigned H = NV / 2, KH = 8 * H / L;
        for (unsigned h = 0; h < 2; ++h) {
            const unsigned u0 = v0 + h * H;
            const std::size_t j = j0 + 8 * u0;
            if (j + 8 * H <= r) {
                chunk<V, H, true, Accumulate, Resolved>(g, row, j0, u0, acc + h * KH);
            } else if (j >= r) {
                chunk<V, H, false, Accumulate, Resolved>(g, row, j0, u0, acc + h * KH);
            } else {
                straddling_blocks<V, H, Accumulate, Resolved>(g, row, j0, u0, acc + h * KH);
            }
        }
    }
}

// The blocks v0 … v0 + NV − 1 of row r's chunk j0, computed in registers and written straight
// into the packed derivative (left of the diagonal, right of it, or the blocks that hold it).
// (A function, not a lambda: a lambda would not inherit its caller's target attribute.)
template <class V, unsigned NV, bool Accumulate, bool Resolved = false>
OPENSPINS_HOT void blocks_at(const PassData& g, const RowView& row, std::size_t j0, unsigned v0, V* largest = nullptr) {
    constexpr unsigned L = lanes_of<V>, K = 8 * NV / L;  // K native vectors: NV blocks
    constexpr std::size_t columns = 8 * NV;
    const std::size_t d = g.dim, r = row.r;
    const std::size_t j = j0 + 8 * v0;  // first column of these blocks
    V acc[K];
    if (j + columns <= r) {
        chunk<V, NV, true, Accumulate, Resolved>(g, row, j0, v0, acc);
    } else if (j >= r) {
        chunk<V, NV, false, Accumulate, Resolved>(g, row, j0, v0, acc);
    } else {
        straddling_blocks<V, NV, Accumulate, Resolved>(g, row, j0, v0, acc);
    }
    if (g.step != nullptr) {  // apply_step(): into the recurrence's term, max |term| into *largest
        if (d >= j + columns) {
            step_out<V, K>(*g.step, r * d + j, acc, *largest);
        } else {  // the end of a row shorter than the blocks (N < 6): on copies padded with zeros
            const std::size_t n = d - j, at = r * d + j;
            double x[columns] = {}, current[columns] = {}, previous[columns] = {}, sum[columns] = {};
#pragma GCC unroll 16
            for (unsigned q = 0; q < K; ++q) store_v<V>(x + L * q, acc[q]);
            std::fill(x + n, x + columns, 0.0);
            std::copy_n(g.step->current + at, n, current);
            std::copy_n(g.step->previous + at, n, previous);
            std::copy_n(g.step->sum + at, n, sum);
            RecurrenceStep part = *g.step;
            part.current = current;
            part.previous = previous;
            part.sum = sum;
#pragma GCC unroll 16
            for (unsigned q = 0; q < K; ++q) acc[q] = load_v<V>(x + L * q);
            step_out<V, K>(part, 0, acc, *largest);
            std::copy_n(previous, n, g.step->previous + at);
            std::copy_n(sum, n, g.step->sum + at);
        }
        return;
    }
    double* o = g.out + r * d + j;
    if (g.stream_out) {
        #pragma GCC unroll 16
        for (unsigned q = 0; q < K; ++q) stream_v<V>(o + L * q, acc[q]);
    } else if (d >= j + columns) {
        #pragma GCC unroll 16
        for (unsigned q = 0; q < K; ++q) store_v<V>(o + L * q, acc[q]);
    } else {  // the end of a row shorter than the blocks
        double part[columns];
        #pragma GCC unroll 16
        for (unsigned q = 0; q < K; ++q) store_v<V>(part + L * q, acc[q]);
        std::memcpy(o, part, (d - j) * sizeof(double));
    }
}

// Work items k = band · D + r: the chunks of row r in column band `band`, NV blocks at a time.
template <class V, unsigned NV, bool Accumulate>
OPENSPINS_HOT void pass_items(const PassData& g, std::ptrdiff_t begin, std::ptrdiff_t end) {
    const std::size_t d = g.dim;
    const std::size_t width = std::size_t{1} << g.band_bits;
    for (std::ptrdiff_t k = begin; k < end; ++k) {
        const std::size_t band = static_cast<std::size_t>(k) / d, i = static_cast<std::size_t>(k) % d;
        const std::size_t r = g.row_order != nullptr ? g.row_order[i] : i;
        const RowView row = row_view(g, r);
        const std::size_t c0 = band * width;
        V largest{};
        for (std::size_t j0 = c0; j0 < c0 + width; j0 += chunk_columns)
            for (unsigned v0 = 0; v0 < chunk_blocks && j0 + 8 * v0 < d; v0 += NV)  // N < 6: chunks longer than a row
                blocks_at<V, NV, Accumulate>(g, row, j0, v0, &largest);
        if (g.step != nullptr) {
            double m = 0.0;
            for (unsigned t = 0; t < lanes_of<V>; ++t) m = std::max(m, largest[t]);
            g.largest[k] = m;
        }
    }
}

// An 8 × 8 piece transposed in registers, by L × L sub-blocks: the sub-block (a, b) (rows
// L·a …, vector b) goes to (b, a), transposed — 8-double vectors: 24 shuffles; AVX2: 4 × 8
// (unpcklpd/unpckhpd, then vperm2f128); SSE2: 16 × 2.
template <class V>
OPENSPINS_HOT void transpose_sub(const V* a, V* o);  // L rows in, L rows out
template <>
OPENSPINS_HOT void transpose_sub<v8d>(const v8d* m, v8d* o) {
    v8d t[8], u[8];
    for (int k = 0; k < 8; k += 2) {
        t[k] = __builtin_shufflevector(m[k], m[k + 1], 0, 8, 2, 10, 4, 12, 6, 14);
        t[k + 1] = __builtin_shufflevector(m[k], m[k + 1], 1, 9, 3, 11, 5, 13, 7, 15);
    }
    for (int k = 0; k < 8; k += 4) {
        u[k] = __builtin_shufflevector(t[k], t[k + 2], 0, 1, 8, 9, 4, 5, 12, 13);
        u[k + 1] = __builtin_shufflevector(t[k + 1], t[k + 3], 0, 1, 8, 9, 4, 5, 12, 13);
        u[k + 2] = __builtin_shufflevector(t[k], t[k + 2], 2, 3, 10, 11, 6, 7, 14, 15);
        u[k + 3] = __builtin_shufflevector(t[k + 1], t[k + 3], 2, 3, 10, 11, 6, 7, 14, 15);
    }
    for (int k = 0; k < 4; ++k) {
        o[k] = __builtin_shufflevector(u[k], u[k + 4], 0, 1, 2, 3, 8, 9, 10, 11);
        o[k + 4] = __builtin_shufflevector(u[k], u[k + 4], 4, 5, 6, 7, 12, 13, 14, 15);
    }
}
template <>
OPENSPINS_HOT void transpose_sub<v4d>(const v4d* a, v4d* o) {
    const v4d t0 = __builtin_shufflevector(a[0], a[1], 0, 4, 2, 6);
    const v4d t1 = __builtin_shufflevector(a[0], a[1], 1, 5, 3, 7);
    const v4d t2 = __builtin_shufflevector(a[2], a[3], 0, 4, 2, 6);
    const v4d t3 = __builtin_shufflevector(a[2], a[3], 1, 5, 3, 7);
    o[0] = __builtin_shufflevector(t0, t2, 0, 1, 4, 5);
    o[1] = __builtin_shufflevector(t1, t3, 0, 1, 4, 5);
    o[2] = __builtin_shufflevector(t0, t2, 2, 3, 6, 7);
    o[3] = __builtin_shufflevector(t1, t3, 2, 3, 6, 7);
}
template <>
OPENSPINS_HOT void transpose_sub<v2d>(const v2d* a, v2d* o) {
    o[0] = __builtin_shufflevector(a[0], a[1], 0, 2);
    o[1] = __builtin_shufflevector(a[0], a[1], 1, 3);
}
// The 8 × 8 piece of P at `from` (rows d apart) to `to` (rows ld apart; Cached: also to `cached`,
// rows ldc apart), as it is (Negate: negated) or transposed, one native vector at a time: no
// piece needs more registers than the instruction set has (whole 8 × 8 pieces in registers went
// through the stack under AVX2).
template <class V, bool Stream, bool Cached, bool Negate>
OPENSPINS_HOT void copy_piece(const double* from, std::size_t d, double* to, std::size_t ld, double* cached,
                              std::size_t ldc) {
    constexpr unsigned L = lanes_of<V>, Q = 8 / L;
    asm("" : "+r"(d), "+r"(ld), "+r"(ldc));  // (see opaque(): row offsets computed here, not hoisted and spilled)
    for (std::size_t k = 0; k < 8; ++k)
#pragma GCC unroll 8
        for (unsigned q = 0; q < Q; ++q) {
            V x = load_v<V>(from + k * d + L * q);
            if constexpr (Negate) x = -x;
            put_v<V, Stream, Cached>(to + k * ld + L * q, x, Cached ? cached + k * ldc + L * q : nullptr);
        }
}
template <class V, bool Stream, bool Cached>
OPENSPINS_HOT void transpose_piece(const double* from, std::size_t d, double* to, std::size_t ld, double* cached,
                                   std::size_t ldc) {
    constexpr unsigned L = lanes_of<V>, Q = 8 / L;
    asm("" : "+r"(d), "+r"(ld), "+r"(ldc));
#pragma GCC unroll 4
    for (unsigned a = 0; a < Q; ++a)
#pragma GCC unroll 4
        for (unsigned b = 0; b < Q; ++b) {
            V in[L], out[L];
#pragma GCC unroll 8
            for (unsigned i = 0; i < L; ++i) in[i] = load_v<V>(from + (L * a + i) * d + L * b);
            transpose_sub<V>(in, out);
#pragma GCC unroll 8
            for (unsigned i = 0; i < L; ++i) {
                const std::size_t k = L * b + i;
                put_v<V, Stream, Cached>(to + k * ld + L * a, out[i], Cached ? cached + k * ldc + L * a : nullptr);
            }
        }
}
// A piece held as 8 rows (the diagonal pieces, blended by lane afterwards), transposed.
template <class V>
OPENSPINS_HOT void transpose8(const Row8<V>* m, Row8<V>* o) {
    transpose_piece<V, false, false>(reinterpret_cast<const double*>(m), 8, reinterpret_cast<double*>(o), 8,
                                     nullptr, 0);
}

// A piece on the diagonal (P's rows b, their transpose t): Re and Im of its row k, blended by lane
// (Re = P[r][c] on and above the diagonal, P[c][r] below; Im = P[c][r] above, −P[r][c] below, 0 on it).
template <class V>
OPENSPINS_HOT void diagonal_piece_row(const Row8<V>* b, const Row8<V>* t, int k, Row8<V>& x, Row8<V>& y) {
    using I = lane_index_t<V>;
    constexpr unsigned L = lanes_of<V>;
#pragma GCC unroll 8
    for (unsigned q = 0; q < 8 / L; ++q) {
        I lane{};
#pragma GCC unroll 8
        for (unsigned i = 0; i < L; ++i) lane[i] = static_cast<long long>(L * q + i);
        const I upper = lane > k, lower = lane < k, diagonal = lane == k;
        const I bk = std::bit_cast<I>(b[k].q[q]), tk = std::bit_cast<I>(t[k].q[q]);
        const I nb = std::bit_cast<I>(-b[k].q[q]);
        x.q[q] = std::bit_cast<V>(((upper | diagonal) & bk) | (lower & tk));
        y.q[q] = std::bit_cast<V>((upper & tk) | (lower & nb));
    }
}
// The diagonal 8 × 8 piece of P at `from` (rows d apart) as Re and Im to re, im (rows ld apart;
// Cached: also to cre, cim, rows ldc apart), blended by lane.
template <class V, bool Stream, bool Cached>
OPENSPINS_HOT void unpack_diagonal_piece(const double* from, std::size_t d, double* re, double* im, std::size_t ld,
                                         double* cre, double* cim, std::size_t ldc) {
    Row8<V> b[8], t[8];
    for (std::size_t k = 0; k < 8; ++k) b[k] = load_row8<V>(from + k * d);
    transpose8(b, t);
    for (std::size_t k = 0; k < 8; ++k) {
        Row8<V> x, y;
        diagonal_piece_row(b, t, static_cast<int>(k), x, y);
        put8<V, Stream, Cached>(re + k * ld, x, Cached ? cre + k * ldc : nullptr);
        put8<V, Stream, Cached>(im + k * ld, y, Cached ? cim + k * ldc : nullptr);
    }
}

// Unpack, in strips of 8 rows (I = 8·strip): for each tile pair (I, J ≥ I) of 8 × 8, the
// tiles B1 = P[I.., J..] and B2 = P[J.., I..] and their transposes give
//   re[I..][J..] = B1, im[I..][J..] = B2ᵀ, re[J..][I..] = B1ᵀ, im[J..][I..] = −B2
// (Re ρ[i][j] = P[min][max], Im ρ[i][j] = P[j][i] for i < j, −P[i][j] for i > j); on the
// diagonal tile the lanes are blended by position.
// Work item: a strip of S = min(64, D) rows I0 …; its tiles (I, J ≥ I) go by S × S blocks
// (I0, J0 ≥ I0), so that each row of the block is read and written in runs of S reals, not of 8
// (the transposed side reads P[J..][I..] down the rows: 64-byte runs per row cost a page walk
// and a cache line each).
template <class V, bool Stream>
OPENSPINS_HOT void unpack_strips_to(const double* packed, double* re, double* im, std::size_t d, std::size_t ld,
                                    std::ptrdiff_t begin, std::ptrdiff_t end) {
    const std::size_t block = std::min<std::size_t>(64, d);
    for (std::ptrdiff_t strip = begin; strip < end; ++strip) {
        const std::size_t b0 = block * static_cast<std::size_t>(strip);
        for (std::size_t c0 = b0; c0 < d; c0 += block) {
            for (std::size_t i0 = b0; i0 < b0 + block; i0 += 8) {
                std::size_t j0 = c0;
                if (c0 == b0) {  // the diagonal tile
                    unpack_diagonal_piece<V, Stream, false>(packed + i0 * d + i0, d, re + i0 * ld + i0,
                                                            im + i0 * ld + i0, ld, nullptr, nullptr, 0);
                    j0 = i0 + 8;
                }
                for (; j0 < c0 + block; j0 += 8) {
                    const double* b1 = packed + i0 * d + j0;
                    const double* b2 = packed + j0 * d + i0;
                    copy_piece<V, Stream, false, false>(b1, d, re + i0 * ld + j0, ld, nullptr, 0);
                    transpose_piece<V, Stream, false>(b2, d, im + i0 * ld + j0, ld, nullptr, 0);
                    transpose_piece<V, Stream, false>(b1, d, re + j0 * ld + i0, ld, nullptr, 0);
                    copy_piece<V, Stream, false, true>(b2, d, im + j0 * ld + i0, ld, nullptr, 0);
                }
            }
        }
    }
}

template <class V>
OPENSPINS_HOT void unpack_strips(const double* packed, double* re, double* im, std::size_t d, std::size_t ld,
                                 std::ptrdiff_t begin, std::ptrdiff_t end, bool stream) {
    if (stream) {
        unpack_strips_to<V, true>(packed, re, im, d, ld, begin, end);
    } else {
        unpack_strips_to<V, false>(packed, re, im, d, ld, begin, end);
    }
}

// The tiled pass A (from 8 spins, when A's bands are the split's 2^k columns): work item = a pair
// of tiles (R, C), (C, R) of T = 2^k rows and columns (one tile on the diagonal). Each tile is
// unpacked from the packed state into the thread's scratch planes (T rows of ldt reals, Im after
// Re), which pass A then reads instead of the full planes: its sources lie in the tile; the same
// values go to the full planes (streamed when large) for pass B, from the same registers. The tile's 8 × 8 pieces:
//   above the diagonal: Re = P[r][c], Im = P[c][r] (a transpose); below: Re = P[c][r], Im = −P[r][c].
template <class V, bool Stream>
OPENSPINS_HOT void unpack_tile_into(const double* packed, std::size_t d, std::size_t r0, std::size_t c0,
                                    std::size_t t, double* tre, double* tim, std::size_t ldt, double* re, double* im,
                                    std::size_t ld) {
    for (std::size_t i0 = 0; i0 < t; i0 += 8) {
        const std::size_t r = r0 + i0;
        for (std::size_t j0 = 0; j0 < t; j0 += 8) {
            const std::size_t c = c0 + j0;
            double* x = tre + i0 * ldt + j0;
            double* y = tim + i0 * ldt + j0;
            double* u = re + r * ld + c;
            double* w = im + r * ld + c;
            // To the full planes (u, w: streamed or not) and to the scratch (x, y: kept in cache).
            if (r == c) {  // on the diagonal: blended by lane
                unpack_diagonal_piece<V, Stream, true>(packed + r * d + c, d, u, w, ld, x, y, ldt);
                continue;
            }
            // P[r..][c..] as it is (Re above the diagonal, −Im below), P[c..][r..] transposed (Im
            // above, Re below).
            const double* direct = packed + r * d + c;
            const double* turned = packed + c * d + r;
            if (r < c) {
                copy_piece<V, Stream, true, false>(direct, d, u, ld, x, ldt);
                transpose_piece<V, Stream, true>(turned, d, w, ld, y, ldt);
            } else {
                copy_piece<V, Stream, true, true>(direct, d, w, ld, y, ldt);
                transpose_piece<V, Stream, true>(turned, d, u, ld, x, ldt);
            }
        }
    }
}

template <class V>
OPENSPINS_HOT void unpack_tile(const double* packed, std::size_t d, std::size_t r0, std::size_t c0, std::size_t t,
                               double* tre, double* tim, std::size_t ldt, double* re, double* im, std::size_t ld,
                               bool stream) {
    if (stream) {
        unpack_tile_into<V, true>(packed, d, r0, c0, t, tre, tim, ldt, re, im, ld);
    } else {
        unpack_tile_into<V, false>(packed, d, r0, c0, t, tre, tim, ldt, re, im, ld);
    }
}

// Pass A on tile pairs (see unpack_tile): g addresses rows and columns modulo the tile
// (row_mask = col_mask = T − 1, entries' sources and kinds' plane offsets in the scratch's
// layout); pairs[k] = (R, C), R ≤ C, in units of T.
template <class V, unsigned NV>
OPENSPINS_HOT void tile_items(const PassData& g, const double* packed, double* re, double* im, std::size_t ld,
                              bool stream, const std::uint32_t* pairs, std::ptrdiff_t begin, std::ptrdiff_t end) {
    const std::size_t t = g.col_mask + 1, d = g.dim;
    // The thread's scratch planes (a tile's Re and Im: ~280 KB at T = 128, kept in the core's L2 while pass A
    // reads it).
    double* tre = thread_scratch<FusedFullGenerator>(2 * t * g.ld);
    double* tim = tre + t * g.ld;
    PassData tile = g;
    tile.re = tre;
    tile.im = tim;
    for (std::ptrdiff_t k = begin; k < end; ++k) {
        const std::size_t a = pairs[2 * k], b = pairs[2 * k + 1];
        for (int side = 0; side < (a == b ? 1 : 2); ++side) {
            const std::size_t r0 = t * (side == 0 ? a : b), c0 = t * (side == 0 ? b : a);
            unpack_tile<V>(packed, d, r0, c0, t, tre, tim, g.ld, re, im, ld, stream);
            for (std::size_t r = r0; r < r0 + t; ++r) {
                if (g.resolved != nullptr) {
                    for (std::size_t j0 = c0, h = 0; j0 < c0 + t; j0 += chunk_columns, ++h) {
                        const RowView row = resolved_row_view(tile, r, h);
                        for (unsigned v0 = 0; v0 < chunk_blocks; v0 += NV)
                            blocks_at<V, NV, false, true>(tile, row, j0, v0);
                    }
                } else {
                    const RowView row = row_view(tile, r);
                    for (std::size_t j0 = c0; j0 < c0 + t; j0 += chunk_columns)
                        for (unsigned v0 = 0; v0 < chunk_blocks; v0 += NV) blocks_at<V, NV, false>(tile, row, j0, v0);
                }
            }
        }
    }
}

// One copy of the pass per instruction set; apply() calls the one isa() names.
void unpack_generic(const double* packed, double* re, double* im, std::size_t d, std::size_t ld,
                    std::ptrdiff_t begin, std::ptrdiff_t end, bool stream) {
    unpack_strips<v2d>(packed, re, im, d, ld, begin, end, stream);
}
void tiles_generic(const PassData& g, const double* packed, double* re, double* im, std::size_t ld, bool stream,
                   const std::uint32_t* pairs, std::ptrdiff_t begin, std::ptrdiff_t end) {
    tile_items<v2d, 2>(g, packed, re, im, ld, stream, pairs, begin, end);
}
void pass_generic(const PassData& g, bool accumulate, std::ptrdiff_t begin, std::ptrdiff_t end) {
    if (accumulate) {
        pass_items<v2d, 2, true>(g, begin, end);
    } else {
        pass_items<v2d, 2, false>(g, begin, end);
    }
}
#if defined(__x86_64__)
#define OPENSPINS_X86_VARIANTS 1
__attribute__((target("avx2,fma"))) void unpack_avx2(const double* packed, double* re, double* im, std::size_t d,
                                                      std::size_t ld, std::ptrdiff_t begin, std::ptrdiff_t end,
                                                      bool stream) {
    unpack_strips<v4d>(packed, re, im, d, ld, begin, end, stream);
}
__attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))) void unpack_avx512(const double* packed, double* re,
                                                                                   double* im, std::size_t d,
                                                                                   std::size_t ld,
                                                                                   std::ptrdiff_t begin,
                                                                                   std::ptrdiff_t end, bool stream) {
    unpack_strips<v8d>(packed, re, im, d, ld, begin, end, stream);
}
__attribute__((target("avx2,fma"))) void tiles_avx2(const PassData& g, const double* packed, double* re, double* im,
                                                     std::size_t ld, bool stream, const std::uint32_t* pairs,
                                                     std::ptrdiff_t begin, std::ptrdiff_t end) {
    tile_items<v4d, 4>(g, packed, re, im, ld, stream, pairs, begin, end);
}
__attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))) void tiles_avx512(
    const PassData& g, const double* packed, double* re, double* im, std::size_t ld, bool stream,
    const std::uint32_t* pairs, std::ptrdiff_t begin, std::ptrdiff_t end) {
    tile_items<v8d, 8>(g, packed, re, im, ld, stream, pairs, begin, end);
}
__attribute__((target("avx2,fma"))) void pass_avx2(const PassData& g, bool accumulate, std::ptrdiff_t begin,
                                                    std::ptrdiff_t end) {
    if (accumulate) {
        pass_items<v4d, 4, true>(g, begin, end);
    } else {
        pass_items<v4d, 4, false>(g, begin, end);
    }
}
__attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))) void pass_avx512(const PassData& g, bool accumulate,
                                                                                 std::ptrdiff_t begin,
                                                                                 std::ptrdiff_t end) {
    if (accumulate) {
        pass_items<v8d, 8, true>(g, begin, end);
    } else {
        pass_items<v8d, 8, false>(g, begin, end);
    }
}
#define OPENSPINS_VARIANTS(name) name##_generic, name##_avx2, name##_avx512
#else
#define OPENSPINS_VARIANTS(name) name##_generic, name##_generic, name##_generic
#endif

// The copy of a pass (unpack, tiles, pass) for instruction set isa: variant(isa, OPENSPINS_VARIANTS(name)).
template <class F>
F variant(FusedFullGenerator::Isa isa, F generic, F avx2, F avx512) {
    return isa == FusedFullGenerator::Isa::avx512 ? avx512 : isa == FusedFullGenerator::Isa::avx2 ? avx2 : generic;
}

// A term before it is expanded into row entries: rows r with (r & mask) == out read row
// r ^ flip, through the column pattern `column` (index into the pattern list).
struct Term {
    BasisState mask = 0, out = 0, flip = 0;
    std::uint32_t column = 0;
    complex weight;
};

}  // namespace


FusedFullGenerator::Isa FusedFullGenerator::best_isa() {
#if defined(OPENSPINS_X86_VARIANTS)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl"))
        return Isa::avx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return Isa::avx2;
#endif
    return Isa::generic;
}

const char* FusedFullGenerator::isa_name(Isa isa) {
    switch (isa) {
        case Isa::avx2: return "avx2";
        case Isa::avx512: return "avx512";
        default: return "generic";
    }
}

void FusedFullGenerator::set_isa(Isa isa) {
    if (static_cast<int>(isa) > static_cast<int>(best_isa()))
        throw std::invalid_argument(std::string("FusedFullGenerator: this processor lacks ") + isa_name(isa));
    isa_ = isa;
}

FusedFullGenerator::FusedFullGenerator(int spins, const SpinOperator& hamiltonian, const std::vector<Jump>& jumps,
                                       int band_bits)
    : dim_(std::size_t{1} << spins) {
    // Rows of the scratch planes hold at least one chunk, and are padded by one cache line when
    // longer: with a power-of-two row length the rows a chunk reads would share a few cache sets.
    ld_ = dim_ < chunk_columns ? chunk_columns : dim_ >= 64 ? dim_ + 8 : dim_;
    // Entries address the planes by 32-bit offsets (Entry::src, EntryKind::plane_at): up to 15
    // spins (the planes alone are 16 GiB there).
    if (2 * dim_ * ld_ > std::numeric_limits<std::uint32_t>::max())
        throw std::invalid_argument("FusedFullGenerator: at most 15 spins (" + std::to_string(spins) + " given)");
    isa_ = best_isa();
    const auto pattern_index = [&](BasisState mask, BasisState out, BasisState flip) {
        for (std::size_t k = 0; k < patterns_.size(); ++k)
            if (patterns_[k].mask == mask && patterns_[k].out == out && patterns_[k].flip == flip)
                return static_cast<std::uint32_t>(k);
        patterns_.push_back({mask, out, flip});
        return static_cast<std::uint32_t>(patterns_.size() - 1);
    };
    pattern_index(0, 0, 0);  // pattern 0: every column

    const complex minus_i{0.0, -1.0};
    // Z = −i H_eff = −i H − ½ Σ γ L†L: its diagonal d(r) and off-diagonal units.
    SpinOperator z_op = hamiltonian * minus_i;
    for (const auto& j : jumps) z_op += (j.op.adjoint() * j.op) * complex{-0.5 * j.rate};
    std::vector<complex> diag(dim_, 0.0);
    std::vector<Term> terms;
    const SpinOperator z_simple = z_op.simplified();
    std::vector<const Monomial*> off_diagonal;
    for (const auto& m : z_simple.terms()) {
        if (m.is_diagonal()) {
            for (std::size_t r = 0; r < dim_; ++r)
                if ((r & m.mask) == m.out) diag[r] += m.coeff;
        } else {
            terms.push_back({m.mask, m.out, m.out ^ m.in, 0, m.coeff});  // Z ρ: row r reads row src(r)
            off_diagonal.push_back(&m);
        }
    }
    // ρ Z†: (ρ Z†)[r][c] = Σ_M m* ρ[r][c ^ flip_M] over the units M = m|out⟩⟨in| with
    // (c & mask_M) = out_M, an entry of row r on itself. The units of one (mask, flip) that
    // cover every out with one weight (σ^x_iσ^x_j's four) read all columns: one pattern
    // (mask 0, flip), whose runs are 2^(lowest flip bit) long instead of 2^(lowest mask bit).
    std::vector<bool> merged(off_diagonal.size(), false);
    for (std::size_t a = 0; a < off_diagonal.size(); ++a) {
        if (merged[a]) continue;
        const auto& m = *off_diagonal[a];
        const BasisState flip = m.out ^ m.in;
        std::vector<std::size_t> same;
        for (std::size_t b = a; b < off_diagonal.size(); ++b) {
            const auto& o = *off_diagonal[b];
            if (!merged[b] && o.mask == m.mask && (o.out ^ o.in) == flip && o.coeff == m.coeff) same.push_back(b);
        }
        std::vector<BasisState> outs;
        for (std::size_t b : same) outs.push_back(off_diagonal[b]->out);
        std::sort(outs.begin(), outs.end());
        const bool distinct = std::adjacent_find(outs.begin(), outs.end()) == outs.end();
        if (distinct && same.size() == (std::size_t{1} << std::popcount(m.mask))) {
            for (std::size_t b : same) merged[b] = true;
            terms.push_back({0, 0, 0, pattern_index(0, 0, flip), std::conj(m.coeff)});
        } else {
            merged[a] = true;
            terms.push_back({0, 0, 0, pattern_index(m.mask, m.out, flip), std::conj(m.coeff)});
        }
    }
    // γ m m'* for every pair of units of each L (L ρ L† in full, the pass computes all of L).
    for (const auto& j : jumps) {
        const auto units = j.op.simplified().terms();
        for (const auto& a : units)
            for (const auto& b : units)
                terms.push_back({a.mask, a.out, a.out ^ a.in, pattern_index(b.mask, b.out, b.out ^ b.in),
                                 j.rate * a.coeff * std::conj(b.coeff)});
    }
    // The diagonal's column part conj d(c) (ρ Z† on the diagonal units).
    diag_col_re_.assign(std::max(dim_, chunk_columns), 0.0);
    diag_col_im_.assign(std::max(dim_, chunk_columns), 0.0);
    for (std::size_t c = 0; c < dim_; ++c) {
        diag_col_re_[c] = diag[c].real();
        diag_col_im_[c] = -diag[c].imag();
    }

    // Row entries: the diagonal first, then one entry per distinct (source row, pattern) in
    // the order the terms first reach it, weights summed; entries that cancel are dropped.
    std::vector<std::pair<std::size_t, std::uint32_t>> keys;
    std::vector<complex> weights;
    // The kinds of entry: one per distinct (pattern, weight).
    std::map<std::tuple<std::uint32_t, double, double>, std::uint32_t> kind_index;
    const auto entry_kind = [&](std::uint32_t pattern, complex w) {
        const ColumnPattern& p = patterns_[pattern];
        EntryKind e;
        const BasisState hi = ~BasisState{chunk_columns - 1};
        e.mask_hi = static_cast<std::uint32_t>(p.mask & hi);
        e.out_hi = static_cast<std::uint32_t>(p.out & hi);
        e.flip_hi = static_cast<std::uint32_t>(p.flip & hi);
        for (BasisState v = 0; v < chunk_blocks; ++v)
            if (((v << 3) & p.mask & 0x38) == (p.out & 0x38)) e.blocks |= static_cast<std::uint8_t>(1U << v);
        e.flip_block = static_cast<std::uint8_t>((p.flip >> 3) & 7);
        for (unsigned v = 0; v < chunk_blocks; ++v) e.block_at[v] = static_cast<std::uint8_t>(8 * (v ^ e.flip_block));
        e.lane_flip = static_cast<std::uint8_t>(p.flip & 7);
        const double weight[2][2] = {{w.real(), -w.imag()}, {-w.imag(), -w.real()}};
        for (int form = 0; form < 2; ++form) {
            e.planes[form] = planes_of(weight[form][0], weight[form][1]);
            for (int plane = 0; plane < 2; ++plane)
                for (BasisState t = 0; t < 8; ++t)
                    e.lane_weight[form][plane][t] = (t & p.mask & 7) == (p.out & 7) ? weight[form][plane] : 0.0;
            const int one = e.planes[form] == 1 ? 1 : 0;
            e.plane_at[form] = static_cast<std::uint32_t>(one * dim_ * ld_);
            std::copy_n(e.lane_weight[form][one], 8, e.one_weight[form]);
        }
        return e;
    };
    // The split (split_bits() in the header): the terms that touch only spins < k go to pass A,
    // the others to pass B; B's rows run with the bits its row flips touch varying fastest.
    std::vector<Term> terms_b;
    if (spins > split_bits_limit) {
        std::vector<Term> terms_a;
        BasisState flips_b = 0;
        const BasisState low = (BasisState{1} << split_bits_limit) - 1;
        for (const Term& t : terms) {
            const ColumnPattern& p = patterns_[t.column];
            if (((t.mask | t.flip | p.mask | p.flip) & ~low) == 0) {
                terms_a.push_back(t);
            } else {
                terms_b.push_back(t);
                flips_b |= t.flip;
            }
        }
        if (!terms_b.empty()) {
            split_bits_ = split_bits_limit;
            terms.swap(terms_a);
            // Row order of pass B: item i's bits fill the bits of flips_b first, then the others.
            std::vector<int> order;
            for (int b = 0; b < spins; ++b)
                if ((flips_b >> b) & 1U) order.push_back(b);
            for (int b = 0; b < spins; ++b)
                if (((flips_b >> b) & 1U) == 0) order.push_back(b);
            row_order_b_.resize(dim_);
            for (std::size_t i = 0; i < dim_; ++i) {
                BasisState r = 0;
                for (int k = 0; k < spins; ++k)
                    if ((i >> k) & 1U) r |= BasisState{1} << order[static_cast<std::size_t>(k)];
                row_order_b_[i] = static_cast<std::uint32_t>(r);
            }
        }
    }
    diag_row_.resize(2 * dim_);
    for (std::size_t r = 0; r < dim_; ++r) {
        diag_row_[2 * r] = diag[r].real();
        diag_row_[2 * r + 1] = diag[r].imag();
    }
    std::vector<std::pair<int, Entry>> ranked;  // a row's entries with their order key
    const auto build_rows = [&](const std::vector<Term>& list, std::vector<std::size_t>& row_begin,
                                std::vector<std::size_t>& direct_end, std::vector<std::size_t>& plain_end,
                                std::vector<std::size_t>& permuted_end, std::vector<std::size_t>& one_end,
                                std::vector<Entry>& entries) {
        row_begin.assign(dim_ + 1, 0);
        permuted_end.assign(dim_, 0);
        direct_end.assign(dim_, 0);
        plain_end.assign(dim_, 0);
        one_end.assign(dim_, 0);
        for (std::size_t r = 0; r < dim_; ++r) {
            keys.clear();
            weights.clear();
            for (const Term& t : list) {
                if ((r & t.mask) != t.out) continue;
                const std::pair<std::size_t, std::uint32_t> key{r ^ t.flip, t.column};
                const auto it = std::find(keys.begin(), keys.end(), key);
                if (it == keys.end()) {
                    keys.push_back(key);
                    weights.push_back(t.weight);
                } else {
                    weights[static_cast<std::size_t>(it - keys.begin())] += t.weight;
                }
            }
            // One entry per key with a nonzero weight, stored by group (entry_group, see chunk()),
            // full-row ones first within a group, else in the order the terms reached them.
            ranked.clear();
            for (std::size_t k = 0; k < keys.size(); ++k) {
                if (weights[k] == complex{0.0}) continue;
                const auto [it, inserted] = kind_index.try_emplace(
                    std::make_tuple(keys[k].second, weights[k].real(), weights[k].imag()),
                    static_cast<std::uint32_t>(kinds_.size()));
                if (inserted) kinds_.push_back(entry_kind(keys[k].second, weights[k]));
                const int rank = 2 * entry_group(kinds_[it->second]) + (keys[k].second == 0 ? 0 : 1);
                ranked.push_back({rank, {static_cast<std::uint32_t>(keys[k].first * ld_),
                                         static_cast<std::uint32_t>(it->second * sizeof(EntryKind))}});
            }
            std::stable_sort(ranked.begin(), ranked.end(),
                             [](const auto& x, const auto& y) { return x.first < y.first; });
            std::size_t* const ends[4] = {&direct_end[r], &plain_end[r], &permuted_end[r], &one_end[r]};
            for (int group = 0; group < 4; ++group)
                *ends[group] = entries.size() + static_cast<std::size_t>(std::count_if(
                                                    ranked.begin(), ranked.end(),
                                                    [group](const auto& x) { return x.first / 2 <= group; }));
            for (const auto& x : ranked) entries.push_back(x.second);
            row_begin[r + 1] = entries.size();
        }
    };
    build_rows(terms, row_begin_, row_direct_end_, row_plain_end_, row_permuted_end_, row_one_end_, entries_);
    if (split_bits_ > 0)
        build_rows(terms_b, row_begin_b_, row_direct_end_b_, row_plain_end_b_, row_permuted_end_b_, row_one_end_b_,
                   entries_b_);
    band_bits_ = spins < chunk_bits ? spins
                                    : std::clamp(band_bits >= 0 ? band_bits : default_band_bits(spins, split_bits_),
                                                 chunk_bits, spins);
    planes_.assign(2 * dim_ * ld_, 0.0);
    if (split_bits_ > 0 && band_bits_ == split_bits_) make_tiled();
}

void FusedFullGenerator::make_tiled() {
    tiled_ = true;
    const std::size_t t = std::size_t{1} << split_bits_;
    tile_ld_ = t + 8;  // padded by a cache line, as the planes
    // Pass A's entries and kinds re-addressed to the scratch (Im after Re, rows of tile_ld_);
    // pass B keeps kinds_ and the full planes.
    kinds_a_ = kinds_;
    for (EntryKind& e : kinds_a_)
        for (int form = 0; form < 2; ++form)
            e.plane_at[form] = e.planes[form] == 1 ? static_cast<std::uint32_t>(t * tile_ld_) : 0U;
    for (Entry& e : entries_) e.src = static_cast<std::uint32_t>(((e.src / ld_) & (t - 1)) * tile_ld_);
    resolve_tile_entries();
    for (std::uint32_t a = 0; a < dim_ / t; ++a)
        for (std::uint32_t b = a; b < dim_ / t; ++b) {
            tile_pairs_.push_back(a);
            tile_pairs_.push_back(b);
        }
}

// Pass A's entries on a tile depend on the row's bits < split_bits() only (its terms touch no
// others), so rows r and r mod T share their lists; for each local row, chunk of the tile and
// form, the entries that read that chunk are listed with their whole offset in the scratch
// (source row, plane, chunk): the pass then tests no column pattern and adds no offsets per entry
// (N = 10 Ising chain, callgrind: the tile pass 32.0 → 28.1 M instructions per call). Same entries, same order:
// the same bits. Rows whose lists differ from their local row's (not expected) keep the general path.
void FusedFullGenerator::resolve_tile_entries() {
    const std::size_t t = std::size_t{1} << split_bits_, chunks = t / chunk_columns;
    for (std::size_t r = t; r < dim_; ++r) {
        const std::size_t l = r & (t - 1);
        const std::size_t n = row_begin_[r + 1] - row_begin_[r];
        const std::size_t ends[4][2] = {{row_direct_end_[r], row_direct_end_[l]},
                                        {row_plain_end_[r], row_plain_end_[l]},
                                        {row_permuted_end_[r], row_permuted_end_[l]},
                                        {row_one_end_[r], row_one_end_[l]}};
        if (n != row_begin_[l + 1] - row_begin_[l]) return;
        for (const auto& e : ends)
            if (e[0] - row_begin_[r] != e[1] - row_begin_[l]) return;
        for (std::size_t k = 0; k < n; ++k) {
            const Entry& x = entries_[row_begin_[r] + k];
            const Entry& y = entries_[row_begin_[l] + k];
            if (x.src != y.src || x.kind_at != y.kind_at) return;
        }
    }
    resolved_entries_.clear();
    resolved_bounds_.clear();
    for (std::size_t l = 0; l < t; ++l) {
        const std::size_t at[6] = {row_begin_[l],         row_direct_end_[l], row_plain_end_[l],
                                   row_permuted_end_[l], row_one_end_[l],    row_begin_[l + 1]};
        for (std::size_t h = 0; h < chunks; ++h) {
            const std::uint32_t jp = static_cast<std::uint32_t>(h * chunk_columns);
            for (int form = 0; form < 2; ++form) {
                resolved_bounds_.push_back(static_cast<std::uint32_t>(resolved_entries_.size()));
                for (int group = 0; group < 5; ++group) {
                    for (std::size_t k = at[group]; k < at[group + 1]; ++k) {
                        const Entry& x = entries_[k];
                        const EntryKind& e = kinds_a_[x.kind_at / sizeof(EntryKind)];
                        if ((jp & e.mask_hi) != e.out_hi) continue;
                        const std::uint32_t plane = group < 4 ? e.plane_at[form] : 0U;
                        resolved_entries_.push_back({x.src + plane + (jp ^ e.flip_hi), x.kind_at});
                    }
                    resolved_bounds_.push_back(static_cast<std::uint32_t>(resolved_entries_.size()));
                }
            }
        }
    }
}

void FusedFullGenerator::unpack(const double* packed, std::size_t dim, complex* rho) {
    for_each_tiled(dim, dim, true, [&](std::size_t i, std::size_t j) { unpack_hermitian_pair(packed, dim, i, j, rho); });
}

void FusedFullGenerator::pack(const complex* rho, std::size_t dim, double* packed) {
    for (std::size_t r = 0; r < dim; ++r) {
        for (std::size_t c = 0; c < dim; ++c)
            packed[r * dim + c] = c >= r ? rho[r * dim + c].real() : -rho[r * dim + c].imag();
    }
}

namespace {

// Where the product states sit in a block layout: state c in sector sector[c] at index index[c]; block (a, b)
// at blocks[a · (N + 1) + b]. Looked up once per conversion instead of per element.
struct LayoutMap {
    std::vector<int> sector;
    std::vector<std::size_t> index;
    std::vector<const Block*> blocks;
    std::size_t sectors;
    LayoutMap(const SectorBasis& basis, const BlockLayout& layout)
        : sector(basis.dimension()), index(basis.dimension()), blocks(static_cast<std::size_t>(basis.spins() + 1) *
                                                                      static_cast<std::size_t>(basis.spins() + 1)),
          sectors(static_cast<std::size_t>(basis.spins() + 1)) {
        for (std::size_t c = 0; c < sector.size(); ++c) {
            sector[c] = SectorBasis::sector_of(c);
            index[c] = basis.index_of(c);
        }
        for (int a = 0; a <= basis.spins(); ++a)
            for (int b = 0; b <= basis.spins(); ++b)
                blocks[static_cast<std::size_t>(a) * sectors + static_cast<std::size_t>(b)] = layout.block(a, b);
    }
    // Where ρ[r][c] sits in the layout's array.
    [[nodiscard]] std::size_t at(std::size_t r, std::size_t c) const {
        const Block* blk = blocks[static_cast<std::size_t>(sector[r]) * sectors + static_cast<std::size_t>(sector[c])];
        return blk->offset + index[r] * blk->cols + index[c];
    }
};

}  // namespace

void FusedFullGenerator::pack_from_layout(const complex* rho, const SectorBasis& basis, const BlockLayout& layout,
                                          double* packed) {
    const std::size_t dim = basis.dimension();
    const LayoutMap map(basis, layout);
    for_each_tiled_on_threads(dim, [&](std::size_t r, std::size_t c) {
        const complex v = rho[map.at(r, c)];
        packed[r * dim + c] = c >= r ? v.real() : -v.imag();
    });
}

void FusedFullGenerator::unpack_to_layout(const double* packed, const SectorBasis& basis, const BlockLayout& layout,
                                          complex* rho) {
    const std::size_t dim = basis.dimension();
    const LayoutMap map(basis, layout);
    for_each_tiled_on_threads(dim, [&](std::size_t r, std::size_t c) {
        complex v = packed[r * dim + r];
        if (c > r) v = complex(packed[r * dim + c], packed[c * dim + r]);
        if (c < r) v = complex(packed[c * dim + r], -packed[r * dim + c]);
        rho[map.at(r, c)] = v;
    });
}

bool FusedFullGenerator::streams_planes() const {
    return 2 * dim_ * ld_ * sizeof(double) > stream_threshold_bytes && ld_ % 8 == 0 && dim_ >= 8;
}

bool FusedFullGenerator::streams_output(const double* out) const {
    return split_bits_ > 0 && streams_planes() && reinterpret_cast<std::uintptr_t>(out) % 64 == 0;
}

void FusedFullGenerator::apply(const double* packed_rho, double* packed_out) const {
    if (!tiled_) unpack_planes(packed_rho);  // (the tiled pass A unpacks as it goes)
    generator_pass(packed_rho, packed_out, nullptr);
}

double FusedFullGenerator::apply_step(const RecurrenceStep& step) const {
    if (!tiled_) unpack_planes(step.current);
    return generator_pass(step.current, step.scratch, &step);
}

// Re ρ[i][j] = P[min][max], Im ρ[i][j] = ±P[max][min], by square tiles (parallel over tile rows;
// tile (I, J ≥ I) writes both (I, J) and (J, I)).
void FusedFullGenerator::unpack_planes(const double* packed) const {
    const std::size_t d = dim_, ld = ld_;
    double* re = planes_.data();
    double* im = re + d * ld;
    if (d < 8) {  // N < 3: element by element
        for (std::size_t i = 0; i < d; ++i)
            for (std::size_t j = i; j < d; ++j) {
                const double upper = packed[i * d + j];
                const double lower = j == i ? 0.0 : packed[j * d + i];
                re[i * ld + j] = upper;
                im[i * ld + j] = lower;
                re[j * ld + i] = upper;
                im[j * ld + i] = -lower;
            }
        return;
    }
    const auto unpack_pass = variant(isa_, OPENSPINS_VARIANTS(unpack));
    const auto strips = static_cast<std::ptrdiff_t>(d / std::min<std::size_t>(64, d));
    // Planes larger than the last-level cache go around it (stream_v); the rows must then start on
    // cache lines (ld a multiple of 8, the planes 64-byte aligned: they are).
    const bool stream = streams_planes();
    if (d * d < parallel_size) {
        unpack_pass(packed, re, im, d, ld, 0, strips, stream);
        return;
    }
    // Strips shrink towards the bottom (upper triangle): one strip per claim.
    BlockingWorkers& workers = BlockingWorkers::shared();
    workers.run(strips, 1,
                [&](std::ptrdiff_t begin, std::ptrdiff_t end) { unpack_pass(packed, re, im, d, ld, begin, end, stream); });
}

// The output chunks of every (band, row) pair; each is written by one thread with the row's
// entry order, so the bits do not depend on the thread count.
double FusedFullGenerator::generator_pass(const double* packed_rho, double* packed_out,
                                          const RecurrenceStep* step) const {
    const std::size_t d = dim_;
    const auto pass = variant(isa_, OPENSPINS_VARIANTS(pass));
    // The last pass: with a step, its items' max |term| in largest_, their max returned.
    const auto run = [&](PassData g, bool accumulate, std::ptrdiff_t items, bool last) {
        if (last && step != nullptr) {
            largest_.assign(static_cast<std::size_t>(items), 0.0);
            g.step = step;
            g.largest = largest_.data();
        }
        if (d * d < parallel_size) {
            pass(g, accumulate, 0, items);
        } else {
            BlockingWorkers& workers = BlockingWorkers::shared();
            const std::ptrdiff_t chunk = std::max<std::ptrdiff_t>(1, items / (16 * workers.threads()));
            workers.run(items, chunk,
                        [&](std::ptrdiff_t begin, std::ptrdiff_t end) { pass(g, accumulate, begin, end); });
        }
        double m = 0.0;
        if (last && step != nullptr)
            for (const double x : largest_) m = std::max(m, x);
        return m;
    };
    // Pass A (or the only pass): (band, row) items, each written by one thread. With a split and
    // planes larger than the caches, A's output goes around them: pass B reads it back from
    // memory anyway, and a normal store would first read each line (8 MB at 10 spins).
    // (Ising chain, N = 10, two threads, interleaved: 6.5–7.3 against 6.7–7.4 ms per call, faster in 6 of 6 pairs.)
    const bool stream_a = streams_output(packed_out);
    if (tiled_) {
        const auto tiles = variant(isa_, OPENSPINS_VARIANTS(tiles));
        const std::size_t t = std::size_t{1} << split_bits_;
        PassData a{nullptr, nullptr, tile_ld_, d, split_bits_, diag_col_re_.data(), diag_col_im_.data(),
                         entries_.data(), kinds_a_.data(), diag_row_.data(), row_begin_.data(), row_direct_end_.data(),
                         row_plain_end_.data(), row_permuted_end_.data(), row_one_end_.data(), nullptr, packed_out,
                         stream_a, t - 1, t - 1};
        if (!resolved_bounds_.empty()) {
            a.resolved = resolved_entries_.data();
            a.resolved_bounds = resolved_bounds_.data();
        }
        double* re = planes_.data();
        double* im = re + d * ld_;
        const bool stream = streams_planes();
        const auto items = static_cast<std::ptrdiff_t>(tile_pairs_.size() / 2);
        const auto tile_run = [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
            tiles(a, packed_rho, re, im, ld_, stream, tile_pairs_.data(), begin, end);
        };
        if (d * d < parallel_size) {
            tile_run(0, items);
        } else {
            BlockingWorkers::shared().run(items, 1, tile_run);  // pairs differ in size: one per claim
        }
    } else {
        const PassData a{planes_.data(), planes_.data() + d * ld_, ld_, d, band_bits_, diag_col_re_.data(),
                         diag_col_im_.data(), entries_.data(), kinds_.data(), diag_row_.data(), row_begin_.data(),
                         row_direct_end_.data(), row_plain_end_.data(), row_permuted_end_.data(), row_one_end_.data(),
                         nullptr, packed_out, stream_a};
        const double m = run(a, false, static_cast<std::ptrdiff_t>((d >> band_bits_) * d), split_bits_ == 0);
        if (split_bits_ == 0) return m;
    }
    // Pass B: whole rows in row_order_b_, adding to what pass A wrote (after it: run() returns
    // when every item is done), so each element is still summed in one fixed order.
    const PassData b{planes_.data(), planes_.data() + d * ld_, ld_, d, static_cast<int>(std::countr_zero(d)),
                     diag_col_re_.data(), diag_col_im_.data(), entries_b_.data(), kinds_.data(), diag_row_.data(),
                     row_begin_b_.data(), row_direct_end_b_.data(), row_plain_end_b_.data(),
                     row_permuted_end_b_.data(), row_one_end_b_.data(), row_order_b_.data(), packed_out, false};
    return run(b, true, static_cast<std::ptrdiff_t>(d), true);
}

}  // namespace openspins::exact
