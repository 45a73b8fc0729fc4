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

// Real axpys on split planes, dst (+)= w · src over n elements, for the three weight kinds.
// __restrict: source and destination are different planes.
inline void axpy_real(double a, const double* __restrict sr, const double* __restrict si, double* __restrict dr,
                      double* __restrict di, std::size_t n) {
    for (std::size_t j = 0; j < n; ++j) {
        dr[j] += a * sr[j];
        di[j] += a * si[j];
    }
}
inline void axpy_imaginary(double b, const double* __restrict sr, const double* __restrict si, double* __restrict dr,
                           double* __restrict di, std::size_t n) {
    for (std::size_t j = 0; j < n; ++j) {
        dr[j] -= b * si[j];
        di[j] += b * sr[j];
    }
}
inline void axpy_general(double a, double b, const double* __restrict sr, const double* __restrict si,
                         double* __restrict dr, double* __restrict di, std::size_t n) {
    for (std::size_t j = 0; j < n; ++j) {
        dr[j] += a * sr[j] - b * si[j];
        di[j] += a * si[j] + b * sr[j];
    }
}
// dst += Σ_k w_k · src_k for K sources read on all columns at once: the destination is read
// and written once for K entries (the row-side terms are mostly such full-row entries).
template <int K>
inline void axpy_group(const double* re, const double* im, const double* const* sr, const double* const* si,
                       double* __restrict dr, double* __restrict di, std::size_t n) {
    for (std::size_t j = 0; j < n; ++j) {
        double ar = dr[j], ai = di[j];
        for (int k = 0; k < K; ++k) {
            ar += re[k] * sr[k][j] - im[k] * si[k][j];
            ai += re[k] * si[k][j] + im[k] * sr[k][j];
        }
        dr[j] = ar;
        di[j] = ai;
    }
}

// dst = w · src (the diagonal entry, first in every row).
inline void scale_general(double a, double b, const double* __restrict sr, const double* __restrict si,
                          double* __restrict dr, double* __restrict di, std::size_t n) {
    for (std::size_t j = 0; j < n; ++j) {
        dr[j] = a * sr[j] - b * si[j];
        di[j] = a * si[j] + b * sr[j];
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
    : spins_(spins), dim_(std::size_t{1} << spins) {
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
    // −i H_eff = −i H − ½ Σ γ L†L: its diagonal d(r) and off-diagonal units.
    SpinOperator z_op = hamiltonian * minus_i;
    for (const auto& j : jumps) z_op += (j.op.adjoint() * j.op) * complex{-0.5 * j.rate};
    std::vector<complex> diag(dim_, 0.0);
    std::vector<Term> terms;
    const SpinOperator z_simple = z_op.simplified();
    for (const auto& m : z_simple.terms()) {
        if (m.is_diagonal()) {
            for (std::size_t r = 0; r < dim_; ++r)
                if ((r & m.mask) == m.out) diag[r] += m.coeff;
        } else {
            terms.push_back({m.mask, m.out, m.out ^ m.in, 0, m.coeff});
        }
    }
    // ½ γ m m'* for every pair of units of each L.
    for (const auto& j : jumps) {
        const auto units = j.op.simplified().terms();
        for (const auto& a : units)
            for (const auto& b : units)
                terms.push_back({a.mask, a.out, a.out ^ a.in, pattern_index(b.mask, b.out, b.out ^ b.in),
                                 0.5 * j.rate * a.coeff * std::conj(b.coeff)});
    }

    // Row entries: the diagonal first, then one entry per distinct (source row, pattern) in
    // the order the terms first reach it, weights summed; entries that cancel are dropped.
    row_begin_.assign(dim_ + 1, 0);
    std::vector<std::pair<std::size_t, std::uint32_t>> keys;
    std::vector<complex> weights;
    const auto kind_of = [](complex w) {
        if (w.imag() == 0.0) return Kind::real;
        if (w.real() == 0.0) return Kind::imaginary;
        return Kind::general;
    };
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
        entries_.push_back({r, 0, Kind::general, diag[r].real(), diag[r].imag()});
        for (const bool full_row : {true, false})  // full-row entries first (w_pass groups them)
            for (std::size_t k = 0; k < keys.size(); ++k) {
                if (weights[k] == complex{0.0} || (keys[k].second == 0) != full_row) continue;
                entries_.push_back(
                    {keys[k].first, keys[k].second, kind_of(weights[k]), weights[k].real(), weights[k].imag()});
            }
        row_begin_[r + 1] = entries_.size();
    }
    // Rows of the scratch planes are padded by one cache line: with a power-of-two row length
    // the segments of a band would all map onto the same few cache sets.
    ld_ = dim_ >= 64 ? dim_ + 8 : dim_;
    rho_re_.resize(dim_ * ld_);
    rho_im_.resize(dim_ * ld_);
    w_re_.resize(dim_ * ld_);
    w_im_.resize(dim_ * ld_);
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
    w_pass();
    pack_planes(packed_out);
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

void FusedFullGenerator::w_pass() const {
    const std::size_t d = dim_, ld = ld_;
    const std::size_t width = std::size_t{1} << band_bits_;
    const auto bands = static_cast<std::ptrdiff_t>(d >> band_bits_);
    const double* sre = rho_re_.data();
    const double* sim = rho_im_.data();
    double* wre = w_re_.data();
    double* wim = w_im_.data();
    const Entry* entries = entries_.data();
    const std::size_t* row_begin = row_begin_.data();
    const ColumnPattern* patterns = patterns_.data();
#pragma omp parallel for schedule(static) if (d * d >= parallel_size)
    for (std::ptrdiff_t band = 0; band < bands; ++band) {
        const std::size_t c0 = static_cast<std::size_t>(band) << band_bits_;
        for (std::size_t r = 0; r < d; ++r) {
            double* dr = wre + r * ld + c0;
            double* di = wim + r * ld + c0;
            const Entry* e = entries + row_begin[r];
            const Entry* end = entries + row_begin[r + 1];
            scale_general(e->re, e->im, sre + r * ld + c0, sim + r * ld + c0, dr, di, width);
            ++e;
            // Leading full-row entries (pattern 0; the constructor puts them first), up to four at a time.
            const auto group = [&](auto k_constant) {
                constexpr int K = decltype(k_constant)::value;
                double re[K], im[K];
                const double* sr[K];
                const double* si[K];
                for (int k = 0; k < K; ++k) {
                    re[k] = e[k].re;
                    im[k] = e[k].im;
                    sr[k] = sre + e[k].src_row * ld + c0;
                    si[k] = sim + e[k].src_row * ld + c0;
                }
                axpy_group<K>(re, im, sr, si, dr, di, width);
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
                // The columns j < width with (j & mask_lo) == out_lo, in runs of 2^(lowest mask
                // bit); within a run, j ^ flip_lo is contiguous too (flip_lo ⊆ mask_lo).
                std::size_t run = width;
                std::size_t step = width;
                std::size_t j = 0;
                if (p.mask_lo != 0) {
                    run = std::size_t{1} << std::countr_zero(p.mask_lo);
                    j = p.out_lo & ~(run - 1);
                    step = run;
                }
                const std::size_t free_bits = ~static_cast<std::size_t>(p.mask_lo) & ~(run - 1) & (width - 1);
                for (;;) {
                    const std::size_t s = j ^ p.flip_lo;
                    switch (e->kind) {
                        case Kind::real: axpy_real(e->re, sr + s, si + s, dr + j, di + j, run); break;
                        case Kind::imaginary: axpy_imaginary(e->im, sr + s, si + s, dr + j, di + j, run); break;
                        case Kind::general: axpy_general(e->re, e->im, sr + s, si + s, dr + j, di + j, run); break;
                    }
                    if (p.mask_lo == 0) break;
                    // Next run start: count up in the bits outside the mask, below the band width.
                    const std::size_t next = ((j | ~free_bits) + step) & free_bits;
                    if (next == 0) break;
                    j = next | p.out_lo;
                }
            }
        }
    }
}

// P'[r][c] = Re(W + W†)[r][c] = Re W[r][c] + Re W[c][r] (r ≤ c);
// P'[r][c] = Im(W + W†)[c][r] = Im W[c][r] − Im W[r][c] (r > c).
void FusedFullGenerator::pack_planes(double* packed_out) const {
    const std::size_t d = dim_, ld = ld_;
    const double* re = w_re_.data();
    const double* im = w_im_.data();
    const auto tiles = static_cast<std::ptrdiff_t>((d + transpose_tile - 1) / transpose_tile);
#pragma omp parallel for schedule(static, 1) if (d * d >= parallel_size)
    for (std::ptrdiff_t ti = 0; ti < tiles; ++ti) {
        const std::size_t i0 = static_cast<std::size_t>(ti) * transpose_tile;
        const std::size_t i1 = std::min(d, i0 + transpose_tile);
        for (std::size_t j0 = i0; j0 < d; j0 += transpose_tile) {
            const std::size_t j1 = std::min(d, j0 + transpose_tile);
            for (std::size_t i = i0; i < i1; ++i)
                for (std::size_t j = std::max(i, j0); j < j1; ++j) {
                    packed_out[i * d + j] = re[i * ld + j] + re[j * ld + i];
                    if (j != i) packed_out[j * d + i] = im[i * ld + j] - im[j * ld + i];
                }
        }
    }
}

}  // namespace openspins::exact
