#include "openspins/method/exact/fused_full_generator.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <type_traits>
#include <utility>

#include "openspins/method/exact/tiled_loop.hpp"

namespace openspins::exact {

namespace {

// States of fewer reals run on one thread: a call then takes ~0.1 ms, and on a machine with
// more busy processes than cores OpenMP's spinning idle threads made such small runs many
// times slower (the errors reproducers' 7-spin runs missed their 30 s budget).
constexpr std::size_t parallel_size = std::size_t{1} << 16;

// The kernels below accumulate one real per output element: Re(w·x) = a·xr − b·xi for the
// weight w = a + ib and the source element x = xr + i·xi (the upper half of the packed output
// holds Re L, the lower half −Im L = Re(i·L), i.e. the same kernel with w → i·w). A weight
// with b = 0 or a = 0 reads one plane only. __restrict: sources and destination differ.
inline void re_axpy(double a, double b, const double* __restrict xr, const double* __restrict xi,
                    double* __restrict acc, std::size_t n) {
    if (b == 0.0) {
        for (std::size_t j = 0; j < n; ++j) acc[j] += a * xr[j];
    } else if (a == 0.0) {
        for (std::size_t j = 0; j < n; ++j) acc[j] -= b * xi[j];
    } else {
        for (std::size_t j = 0; j < n; ++j) acc[j] += a * xr[j] - b * xi[j];
    }
}
// acc += Σ_k Re(w_k · x_k) for K full-row sources at once: the destination is read and
// written once for K entries. Mode: 0 all b_k = 0, 1 all a_k = 0, 2 general.
template <int K, int Mode>
inline void re_group(const double* a, const double* b, const double* const* xr, const double* const* xi,
                     double* __restrict acc, std::size_t n) {
    for (std::size_t j = 0; j < n; ++j) {
        double s = acc[j];
        for (int k = 0; k < K; ++k) {
            if constexpr (Mode == 0) {
                s += a[k] * xr[k][j];
            } else if constexpr (Mode == 1) {
                s -= b[k] * xi[k][j];
            } else {
                s += a[k] * xr[k][j] - b[k] * xi[k][j];
            }
        }
        acc[j] = s;
    }
}
template <int K>
inline void re_group_any(const double* a, const double* b, const double* const* xr, const double* const* xi,
                         double* __restrict acc, std::size_t n) {
    if (n == 0) return;
    bool real = true, imaginary = true;
    for (int k = 0; k < K; ++k) {
        real = real && b[k] == 0.0;
        imaginary = imaginary && a[k] == 0.0;
    }
    if (real) {
        re_group<K, 0>(a, b, xr, xi, acc, n);
    } else if (imaginary) {
        re_group<K, 1>(a, b, xr, xi, acc, n);
    } else {
        re_group<K, 2>(a, b, xr, xi, acc, n);
    }
}
// Patterns whose runs are shorter than 8 (a mask or flip bit below 3): blocks of 8 columns
// j0 … j0 + 7 with (j0 & mask) == out on the bits ≥ 3, inside which the source is a fixed
// permutation (t → t ^ F, F = flip & 7) of a contiguous block, and the columns the mask's low
// bits exclude get the weight 0 — one loop of 8 instead of loops of 1, 2 or 4 elements.
// Per block the weights are those of the lower half, of the upper half, or (the block
// holding the diagonal split) mixed: w8[mode] selects how many planes are read.
struct BlockWeights {
    double a[8], b[8];
    int mode = 2;  // 0: all b = 0 (reads Re ρ only), 1: all a = 0 (Im ρ only), 2: both
};
inline void finish_mode(BlockWeights& w) {
    bool real = true, imaginary = true;
    for (int t = 0; t < 8; ++t) {
        real = real && w.b[t] == 0.0;
        imaginary = imaginary && w.a[t] == 0.0;
    }
    w.mode = real ? 0 : imaginary ? 1 : 2;
}
template <int F>
inline void re_block8(const BlockWeights& w, const double* __restrict sr, const double* __restrict si,
                      double* __restrict out) {
    switch (w.mode) {
        case 0:
            for (int t = 0; t < 8; ++t) out[t] += w.a[t] * sr[t ^ F];
            break;
        case 1:
            for (int t = 0; t < 8; ++t) out[t] -= w.b[t] * si[t ^ F];
            break;
        default:
            for (int t = 0; t < 8; ++t) out[t] += w.a[t] * sr[t ^ F] - w.b[t] * si[t ^ F];
            break;
    }
}
// The blocks from j (a block start with the pattern's out bits) on, counting up in free_bits.
template <int F>
void re_blocks(const BlockWeights& lower, const BlockWeights& mixed, const BlockWeights& upper, std::size_t split,
               const double* xr, const double* xi, double* acc, std::size_t j, std::size_t free_bits,
               std::size_t out_bits, std::size_t flip_high) {
    for (;;) {
        const std::size_t s = j ^ flip_high;
        const BlockWeights& w = j + 8 <= split ? lower : j >= split ? upper : mixed;
        re_block8<F>(w, xr + s, xi + s, acc + j);
        const std::size_t next = ((j | ~free_bits) + 8) & free_bits;
        if (next == 0) break;
        j = next | out_bits;
    }
}

// The diagonal entry, first in every row: acc = Re(w_j x_j) with the per-column weight
// w_j = (a + ca_j) + i(b + cb_j) (row part d(r) plus column part conj d(c)); `lower` uses i·w_j.
inline void re_diagonal(bool lower, double a, double b, const double* __restrict ca, const double* __restrict cb,
                        const double* __restrict xr, const double* __restrict xi, double* __restrict acc,
                        std::size_t n) {
    if (lower) {
        for (std::size_t j = 0; j < n; ++j) acc[j] = -(b + cb[j]) * xr[j] - (a + ca[j]) * xi[j];
    } else {
        for (std::size_t j = 0; j < n; ++j) acc[j] = (a + ca[j]) * xr[j] - (b + cb[j]) * xi[j];
    }
}

// A term before it is expanded into row entries: rows r with (r & mask) == out read row
// r ^ flip, through the column pattern `column` (index into the pattern list).
struct Term {
    BasisState mask = 0, out = 0, flip = 0;
    std::uint32_t column = 0;
    complex weight;
};

}  // namespace

FusedFullGenerator::FusedFullGenerator(int spins, const SpinOperator& hamiltonian, const std::vector<Jump>& jumps,
                                       int band_bits)
    : dim_(std::size_t{1} << spins) {
    // Bands of up to 2^10 columns: the rows r ^ flip that a row reads lie in the same band, and
    // each entry's inner loop is long enough that the per-entry work does not count. Measured
    // single-threaded on the Ising chain at N = 10 (ms per call): 67, 40, 28, 25, 21 with 2^3,
    // 2^4, 2^6, 2^7, 2^10 columns (shorter bands would keep the band in L2, but at N ≤ 12 the
    // rows come from L3 fast enough).
    band_bits_ = band_bits >= 0 ? std::min(band_bits, spins) : std::min(spins, 10);
    const BasisState low = (BasisState{1} << band_bits_) - 1;
    const auto pattern_index = [&](BasisState mask, BasisState out, BasisState flip) {
        for (std::size_t k = 0; k < patterns_.size(); ++k)
            if (patterns_[k].mask == mask && patterns_[k].out == out && patterns_[k].flip == flip)
                return static_cast<std::uint32_t>(k);
        patterns_.push_back({mask, out, flip, mask & low, out & low, flip & low, mask & ~low, out & ~low,
                             flip & ~low});
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
    diag_col_re_.resize(dim_);
    diag_col_im_.resize(dim_);
    for (std::size_t c = 0; c < dim_; ++c) {
        diag_col_re_[c] = diag[c].real();
        diag_col_im_[c] = -diag[c].imag();
    }

    // Row entries: the diagonal first, then one entry per distinct (source row, pattern) in
    // the order the terms first reach it, weights summed; entries that cancel are dropped.
    row_begin_.assign(dim_ + 1, 0);
    std::vector<std::pair<std::size_t, std::uint32_t>> keys;
    std::vector<complex> weights;
    for (std::size_t r = 0; r < dim_; ++r) {
        keys.clear();
        weights.clear();
        for (const Term& t : terms) {
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
        entries_.push_back({r, 0, diag[r].real(), diag[r].imag()});
        for (const bool full_row : {true, false})  // full-row entries first (the pass groups them)
            for (std::size_t k = 0; k < keys.size(); ++k) {
                if (weights[k] == complex{0.0} || (keys[k].second == 0) != full_row) continue;
                entries_.push_back(
                    {keys[k].first, keys[k].second, weights[k].real(), weights[k].imag()});
            }
        row_begin_[r + 1] = entries_.size();
    }
    // Rows of the scratch planes are padded by one cache line: with a power-of-two row length
    // the segments of a band would all map onto the same few cache sets.
    ld_ = dim_ >= 64 ? dim_ + 8 : dim_;
    rho_re_.resize(dim_ * ld_);
    rho_im_.resize(dim_ * ld_);
}

void FusedFullGenerator::unpack(const double* packed, std::size_t dim, complex* rho) {
    for_each_tiled(dim, dim, true, [&](std::size_t i, std::size_t j) {
        if (j == i) {
            rho[i * dim + i] = packed[i * dim + i];
        } else {
            const complex v(packed[i * dim + j], packed[j * dim + i]);
            rho[i * dim + j] = v;
            rho[j * dim + i] = std::conj(v);
        }
    });
}

void FusedFullGenerator::pack(const complex* rho, std::size_t dim, double* packed) {
    for (std::size_t r = 0; r < dim; ++r) {
        for (std::size_t c = 0; c < dim; ++c)
            packed[r * dim + c] = c >= r ? rho[r * dim + c].real() : -rho[r * dim + c].imag();
    }
}

void FusedFullGenerator::pack_from_layout(const complex* rho, const SectorBasis& basis, const BlockLayout& layout,
                                          double* packed) {
    const std::size_t dim = basis.dimension();
    for (std::size_t r = 0; r < dim; ++r) {
        const int a = SectorBasis::sector_of(r);
        const std::size_t i = basis.index_of(r);
        for (std::size_t c = 0; c < dim; ++c) {
            const Block* blk = layout.block(a, SectorBasis::sector_of(c));
            const complex v = rho[blk->offset + i * blk->cols + basis.index_of(c)];
            packed[r * dim + c] = c >= r ? v.real() : -v.imag();
        }
    }
}

void FusedFullGenerator::unpack_to_layout(const double* packed, const SectorBasis& basis, const BlockLayout& layout,
                                          complex* rho) {
    const std::size_t dim = basis.dimension();
    for (std::size_t r = 0; r < dim; ++r) {
        const int a = SectorBasis::sector_of(r);
        const std::size_t i = basis.index_of(r);
        for (std::size_t c = 0; c < dim; ++c) {
            const Block* blk = layout.block(a, SectorBasis::sector_of(c));
            complex v = packed[r * dim + r];
            if (c > r) v = complex(packed[r * dim + c], packed[c * dim + r]);
            if (c < r) v = complex(packed[c * dim + r], -packed[r * dim + c]);
            rho[blk->offset + i * blk->cols + basis.index_of(c)] = v;
        }
    }
}

void FusedFullGenerator::apply(const double* packed_rho, double* packed_out) const {
    unpack_planes(packed_rho);
    generator_pass(packed_out);
}

// Re ρ[i][j] = P[min][max], Im ρ[i][j] = ±P[max][min], by square tiles (parallel over tile rows;
// tile (I, J ≥ I) writes both (I, J) and (J, I)).
void FusedFullGenerator::unpack_planes(const double* packed) const {
    const std::size_t d = dim_, ld = ld_;
    double* re = rho_re_.data();
    double* im = rho_im_.data();
    const auto tiles = static_cast<std::ptrdiff_t>((d + transpose_tile - 1) / transpose_tile);
#pragma omp parallel for schedule(static, 1) if (d * d >= parallel_size)
    for (std::ptrdiff_t ti = 0; ti < tiles; ++ti) {
        const std::size_t i0 = static_cast<std::size_t>(ti) * transpose_tile;
        const std::size_t i1 = std::min(d, i0 + transpose_tile);
        for (std::size_t j0 = i0; j0 < d; j0 += transpose_tile) {
            const std::size_t j1 = std::min(d, j0 + transpose_tile);
            for (std::size_t i = i0; i < i1; ++i)
                for (std::size_t j = std::max(i, j0); j < j1; ++j) {
                    const double upper = packed[i * d + j];
                    const double lower = j == i ? 0.0 : packed[j * d + i];
                    re[i * ld + j] = upper;
                    im[i * ld + j] = lower;
                    re[j * ld + i] = upper;
                    im[j * ld + i] = -lower;
                }
        }
    }
}

// One output row segment per (band, row): the entries of row r in order, each adding Re(w·x)
// (columns c ≥ r) or Re(i·w·x) (c < r) of its source elements, written straight into the
// packed derivative.
void FusedFullGenerator::generator_pass(double* packed_out) const {
    const std::size_t d = dim_, ld = ld_;
    const std::size_t width = std::size_t{1} << band_bits_;
    const auto bands = static_cast<std::ptrdiff_t>(d >> band_bits_);
    const auto rows = static_cast<std::ptrdiff_t>(d);
    const double* sre = rho_re_.data();
    const double* sim = rho_im_.data();
    const double* col_re = diag_col_re_.data();
    const double* col_im = diag_col_im_.data();
    const Entry* entries = entries_.data();
    const std::size_t* row_begin = row_begin_.data();
    const ColumnPattern* patterns = patterns_.data();
    // (band, row) pairs in parallel: at N ≤ 10 there is a single band.
#pragma omp parallel for collapse(2) schedule(static) if (d * d >= parallel_size)
    for (std::ptrdiff_t band = 0; band < bands; ++band) {
        for (std::ptrdiff_t row = 0; row < rows; ++row) {
            const auto r = static_cast<std::size_t>(row);
            const std::size_t c0 = static_cast<std::size_t>(band) << band_bits_;
            // Columns j < split of the band lie left of the diagonal (c < r): they get −Im L.
            const std::size_t split = r <= c0 ? 0 : std::min(width, r - c0);
            double* acc = packed_out + r * d + c0;
            const Entry* e = entries + row_begin[r];
            const Entry* end = entries + row_begin[r + 1];
            {
                const double* xr = sre + r * ld + c0;
                const double* xi = sim + r * ld + c0;
                re_diagonal(true, e->re, e->im, col_re + c0, col_im + c0, xr, xi, acc, split);
                re_diagonal(false, e->re, e->im, col_re + c0 + split, col_im + c0 + split, xr + split, xi + split,
                            acc + split, width - split);
            }
            ++e;
            // Leading full-row entries (pattern 0; the constructor puts them first), up to four at a time.
            const auto group = [&](auto k_constant) {
                constexpr int K = decltype(k_constant)::value;
                double a[K], b[K], la[K], lb[K];
                const double* xr[K];
                const double* xi[K];
                for (int k = 0; k < K; ++k) {
                    a[k] = e[k].re;
                    b[k] = e[k].im;
                    la[k] = -e[k].im;  // i·w
                    lb[k] = e[k].re;
                    xr[k] = sre + e[k].src_row * ld + c0;
                    xi[k] = sim + e[k].src_row * ld + c0;
                }
                re_group_any<K>(la, lb, xr, xi, acc, split);
                for (int k = 0; k < K; ++k) {
                    xr[k] += split;
                    xi[k] += split;
                }
                re_group_any<K>(a, b, xr, xi, acc + split, width - split);
                e += K;
            };
            std::ptrdiff_t full = 0;
            while (e + full != end && e[full].pattern == 0) ++full;
            for (; full >= 4; full -= 4) group(std::integral_constant<int, 4>{});
            if (full == 3) group(std::integral_constant<int, 3>{});
            if (full == 2) group(std::integral_constant<int, 2>{});
            if (full == 1) group(std::integral_constant<int, 1>{});
            for (; e != end; ++e) {
                const ColumnPattern& p = patterns[e->pattern];
                if ((c0 & p.mask_hi) != p.out_hi) continue;
                const std::size_t src = e->src_row * ld + (c0 ^ p.flip_hi);
                const double* sr = sre + src;
                const double* si = sim + src;
                if (((p.mask_lo | p.flip_lo) & 7) != 0 && width >= 8) {
                    BlockWeights lower, mixed, upper;
                    const std::size_t in_block = split & 7;
                    for (std::size_t t = 0; t < 8; ++t) {
                        const bool on = (t & p.mask_lo & 7) == (p.out_lo & 7);
                        lower.a[t] = on ? -e->im : 0.0;
                        lower.b[t] = on ? e->re : 0.0;
                        upper.a[t] = on ? e->re : 0.0;
                        upper.b[t] = on ? e->im : 0.0;
                        mixed.a[t] = t < in_block ? lower.a[t] : upper.a[t];
                        mixed.b[t] = t < in_block ? lower.b[t] : upper.b[t];
                    }
                    finish_mode(lower);
                    finish_mode(mixed);
                    finish_mode(upper);
                    const std::size_t free8 = ~static_cast<std::size_t>(p.mask_lo) & ~std::size_t{7} & (width - 1);
                    const std::size_t out8 = p.out_lo & ~BasisState{7};
                    const std::size_t high = p.flip_lo & ~BasisState{7};
                    switch (p.flip_lo & 7) {
                        case 0: re_blocks<0>(lower, mixed, upper, split, sr, si, acc, out8, free8, out8, high); break;
                        case 1: re_blocks<1>(lower, mixed, upper, split, sr, si, acc, out8, free8, out8, high); break;
                        case 2: re_blocks<2>(lower, mixed, upper, split, sr, si, acc, out8, free8, out8, high); break;
                        case 3: re_blocks<3>(lower, mixed, upper, split, sr, si, acc, out8, free8, out8, high); break;
                        case 4: re_blocks<4>(lower, mixed, upper, split, sr, si, acc, out8, free8, out8, high); break;
                        case 5: re_blocks<5>(lower, mixed, upper, split, sr, si, acc, out8, free8, out8, high); break;
                        case 6: re_blocks<6>(lower, mixed, upper, split, sr, si, acc, out8, free8, out8, high); break;
                        default: re_blocks<7>(lower, mixed, upper, split, sr, si, acc, out8, free8, out8, high); break;
                    }
                    continue;
                }
                // The columns j < width with (j & mask_lo) == out_lo, in runs of 2^(lowest bit of
                // mask_lo | flip_lo): within a run, j ^ flip_lo is contiguous too.
                const BasisState low_bits = p.mask_lo | p.flip_lo;
                const std::size_t run = low_bits == 0 ? width : std::size_t{1} << std::countr_zero(low_bits);
                const std::size_t free_bits = ~static_cast<std::size_t>(p.mask_lo) & ~(run - 1) & (width - 1);
                std::size_t j = p.out_lo;
                for (;;) {
                    const std::size_t s = j ^ p.flip_lo;
                    if (j + run <= split) {
                        re_axpy(-e->im, e->re, sr + s, si + s, acc + j, run);
                    } else if (j >= split) {
                        re_axpy(e->re, e->im, sr + s, si + s, acc + j, run);
                    } else {
                        const std::size_t left = split - j;
                        re_axpy(-e->im, e->re, sr + s, si + s, acc + j, left);
                        re_axpy(e->re, e->im, sr + s + left, si + s + left, acc + split, run - left);
                    }
                    // Next run start: count up in the free bits below the band width.
                    const std::size_t next = ((j | ~free_bits) + run) & free_bits;
                    if (next == 0) break;
                    j = next | p.out_lo;
                }
            }
        }
    }
}

}  // namespace openspins::exact
