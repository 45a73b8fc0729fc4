#include "openspins/method/exact/fused_full_generator.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>

#include "openspins/method/exact/tiled_loop.hpp"

namespace openspins::exact {

namespace {

// f(c) for every c < dim with (c & mask) == out, in increasing c: runs of 2^(lowest bit of
// mask) consecutive labels, so the inner loop is contiguous (and vectorisable) except on spin 0.
template <typename F>
inline void for_matching(BasisState mask, BasisState out, std::size_t dim, F&& f) {
    if (mask == 0) {
        for (std::size_t c = 0; c < dim; ++c) f(c);
        return;
    }
    const std::size_t run = std::size_t{1} << std::countr_zero(mask);
    for (std::size_t base = out & ~(static_cast<BasisState>(run) - 1) & mask; base < dim;) {
        for (std::size_t j = 0; j < run; ++j) f(base + j);
        // Next base with (base & mask) == out: increment the bits outside the mask (and
        // below dim) as a counter, keeping the mask bits at `out`.
        const std::size_t free_bits = ~static_cast<std::size_t>(mask) & ~(run - 1);
        const std::size_t next = ((base | ~free_bits) + run) & free_bits;
        if (next == 0) break;  // counter wrapped: every base visited
        base = next | out;
    }
}

// Which pass takes a jump term: A when its column unit acts on spins < w, else B when its
// row unit acts on spins ≥ w, else C.
int pass_of(BasisState row_mask, BasisState col_mask, int w) {
    const BasisState low = (BasisState{1} << w) - 1;
    if ((col_mask & ~low) == 0) return 0;
    if ((row_mask & low) == 0) return 1;
    return 2;
}

}  // namespace

FusedFullGenerator::FusedFullGenerator(int spins, const SpinOperator& hamiltonian, const std::vector<Jump>& jumps)
    : spins_(spins), dim_(std::size_t{1} << spins), diag_(dim_, 0.0) {
    const complex minus_i{0.0, -1.0};
    // −i H_eff = −i H − ½ Σ γ L†L, split into its diagonal d(r) and off-diagonal units.
    SpinOperator z_op = hamiltonian * minus_i;
    for (const auto& j : jumps) z_op += (j.op.adjoint() * j.op) * complex{-0.5 * j.rate};
    const SpinOperator z_simple = z_op.simplified();
    for (const auto& m : z_simple.terms()) {
        if (m.is_diagonal()) {
            for (std::size_t r = 0; r < dim_; ++r)
                if ((r & m.mask) == m.out) diag_[r] += m.coeff;
        } else {
            row_terms_.push_back({m.mask, m.out, m.out ^ m.in, m.coeff});
        }
    }
    for (const Unit& u : row_terms_) {
        auto group = std::find_if(column_groups_.begin(), column_groups_.end(), [&](const ColumnGroup& g) {
            BasisState mask = 0;
            for (const int b : g.bits) mask |= BasisState{1} << b;
            return g.flip == u.flip && mask == u.mask;
        });
        if (group == column_groups_.end()) {
            ColumnGroup g{u.flip, {}, {}};
            for (int b = 0; b < spins; ++b)
                if ((u.mask >> b) & 1U) g.bits.push_back(b);
            g.table.assign(std::size_t{1} << g.bits.size(), 0.0);
            column_groups_.push_back(std::move(g));
            group = column_groups_.end() - 1;
        }
        std::size_t index = 0;
        for (std::size_t k = 0; k < group->bits.size(); ++k) index |= ((u.out >> group->bits[k]) & 1U) << k;
        group->table[index] += std::conj(u.weight);
    }
    // Jump terms γ m m'* for every pair of units of each L.
    std::vector<JumpPair> pairs;
    for (const auto& j : jumps) {
        const auto units = j.op.simplified().terms();
        for (const auto& a : units)
            for (const auto& b : units)
                pairs.push_back({{a.mask, a.out, a.out ^ a.in, j.rate * a.coeff * std::conj(b.coeff)},
                                 {b.mask, b.out, b.out ^ b.in, 1.0}});
    }
    // The split bit: within one of N/2 (so that both passes' blocks are about 2^(3N/2)
    // elements), the fewest terms left to pass C, then nearest N/2.
    std::size_t best_c = pairs.size() + 1;
    for (int w = std::max(0, spins / 2 - 1); w <= std::min(spins, (spins + 1) / 2 + 1); ++w) {
        std::size_t in_c = 0;
        for (const auto& p : pairs) in_c += pass_of(p.row.mask, p.col.mask, w) == 2 ? 1 : 0;
        if (in_c < best_c || (in_c == best_c && std::abs(2 * w - spins) < std::abs(2 * w_ - spins))) {
            best_c = in_c;
            w_ = w;
        }
    }
    for (const auto& p : pairs) {
        switch (pass_of(p.row.mask, p.col.mask, w_)) {
            case 0: jumps_a_.push_back(p); break;
            case 1: jumps_b_.push_back(p); break;
            default: jumps_c_.push_back(p);
        }
    }
    // Rows of the complex scratch are padded by one cache line: with a power-of-two row
    // length (16 KiB at N = 10) the segments of a pass-A band would all map onto the same few
    // cache sets and the band could not stay in cache. (Not measured separately: this VM
    // has no cache-miss counters.)
    ld_ = dim_ >= 64 ? dim_ + 4 : dim_;
    rho_.resize(dim_ * ld_);
    out_.resize(dim_ * ld_);
}

std::size_t FusedFullGenerator::streamed_bytes() const {
    const std::size_t per_element = 24 + 32 + 40 + (jumps_c_.empty() ? 0 : 48);
    return per_element * dim_ * dim_;
}

void FusedFullGenerator::unpack(const double* packed, std::size_t dim, complex* rho) { unpack(packed, dim, rho, dim); }

void FusedFullGenerator::unpack(const double* packed, std::size_t dim, complex* rho, std::size_t ld) {
    const auto tiles = static_cast<std::ptrdiff_t>((dim + transpose_tile - 1) / transpose_tile);
#pragma omp parallel for schedule(static, 1)
    for (std::ptrdiff_t ti = 0; ti < tiles; ++ti) {
        const std::size_t i0 = static_cast<std::size_t>(ti) * transpose_tile;
        const std::size_t i1 = std::min(dim, i0 + transpose_tile);
        for (std::size_t j0 = i0; j0 < dim; j0 += transpose_tile) {
            const std::size_t j1 = std::min(dim, j0 + transpose_tile);
            for (std::size_t i = i0; i < i1; ++i)
                for (std::size_t j = std::max(i, j0); j < j1; ++j) {
                    if (j == i) {
                        rho[i * ld + i] = packed[i * dim + i];
                    } else {
                        const complex v(packed[i * dim + j], packed[j * dim + i]);
                        rho[i * ld + j] = v;
                        rho[j * ld + i] = std::conj(v);
                    }
                }
        }
    }
}

void FusedFullGenerator::pack(const complex* rho, std::size_t dim, double* packed) {
    const auto rows = static_cast<std::ptrdiff_t>(dim);
#pragma omp parallel for schedule(static)
    for (std::ptrdiff_t ri = 0; ri < rows; ++ri) {
        const auto r = static_cast<std::size_t>(ri);
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
    unpack(packed_rho, dim_, rho_.data(), ld_);
    pass_a(rho_.data(), out_.data());
    if (!jumps_c_.empty()) pass_c(rho_.data(), out_.data());
    pass_b(rho_.data(), out_.data(), packed_out);
}

void FusedFullGenerator::pass_a(const complex* rho, complex* out) const {
    const std::size_t d = dim_, ld = ld_;
    const std::size_t width = std::size_t{1} << w_;
    const auto bands = static_cast<std::ptrdiff_t>(d >> w_);
    const complex* diag = diag_.data();
#pragma omp parallel for schedule(static)
    for (std::ptrdiff_t band = 0; band < bands; ++band) {
        const std::size_t c0 = static_cast<std::size_t>(band) << w_;
        for (std::size_t r = 0; r < d; ++r) {
            complex* dst = out + r * ld + c0;
            const complex* src = rho + r * ld + c0;
            const complex dr = diag[r];
            for (std::size_t j = 0; j < width; ++j) dst[j] = (dr + std::conj(diag[c0 + j])) * src[j];
            for (const Unit& u : row_terms_) {
                if ((r & u.mask) != u.out) continue;
                const complex* s = rho + (r ^ u.flip) * ld + c0;
                const complex wt = u.weight;
                for (std::size_t j = 0; j < width; ++j) dst[j] += wt * s[j];
            }
            for (const JumpPair& p : jumps_a_) {
                if ((r & p.row.mask) != p.row.out) continue;
                const complex* s = rho + (r ^ p.row.flip) * ld + c0;
                const complex wt = p.row.weight;
                const BasisState cf = p.col.flip;
                for_matching(p.col.mask, p.col.out, width, [&](std::size_t j) { dst[j] += wt * s[j ^ cf]; });
            }
        }
    }
}

void FusedFullGenerator::pass_c(const complex* rho, complex* out) const {
    const std::size_t d = dim_, ld = ld_;
    const auto rows = static_cast<std::ptrdiff_t>(d);
#pragma omp parallel for schedule(static)
    for (std::ptrdiff_t ri = 0; ri < rows; ++ri) {
        const auto r = static_cast<std::size_t>(ri);
        complex* dst = out + r * ld;
        for (const JumpPair& p : jumps_c_) {
            if ((r & p.row.mask) != p.row.out) continue;
            const complex* s = rho + (r ^ p.row.flip) * ld;
            const complex wt = p.row.weight;
            const BasisState cf = p.col.flip;
            for_matching(p.col.mask, p.col.out, d, [&](std::size_t c) { dst[c] += wt * s[c ^ cf]; });
        }
    }
}

void FusedFullGenerator::pass_b(const complex* rho, complex* out, double* packed_out) const {
    const std::size_t d = dim_, ld = ld_;
    const auto chunks = static_cast<std::ptrdiff_t>(std::size_t{1} << w_);
    const std::size_t rows_per_chunk = d >> w_;
#pragma omp parallel for schedule(static)
    for (std::ptrdiff_t chunk = 0; chunk < chunks; ++chunk) {
        for (std::size_t k = 0; k < rows_per_chunk; ++k) {
            const std::size_t r = static_cast<std::size_t>(chunk) + (k << w_);
            complex* dst = out + r * ld;
            const complex* srow = rho + r * ld;
            for (const ColumnGroup& g : column_groups_) {
                const complex* table = g.table.data();
                const BasisState cf = g.flip;
                if (g.bits.size() == 2) {  // two-spin terms: the common case, unrolled
                    const int b0 = g.bits[0], b1 = g.bits[1];
                    for (std::size_t c = 0; c < d; ++c)
                        dst[c] += table[((c >> b0) & 1U) | (((c >> b1) & 1U) << 1)] * srow[c ^ cf];
                } else {
                    for (std::size_t c = 0; c < d; ++c) {
                        std::size_t index = 0;
                        for (std::size_t q = 0; q < g.bits.size(); ++q) index |= ((c >> g.bits[q]) & 1U) << q;
                        dst[c] += table[index] * srow[c ^ cf];
                    }
                }
            }
            for (const JumpPair& p : jumps_b_) {
                if ((r & p.row.mask) != p.row.out) continue;
                const complex* s = rho + (r ^ p.row.flip) * ld;
                const complex wt = p.row.weight;
                const BasisState cf = p.col.flip;
                for_matching(p.col.mask, p.col.out, d, [&](std::size_t c) { dst[c] += wt * s[c ^ cf]; });
            }
            double* prow = packed_out + r * d;
            for (std::size_t c = 0; c < r; ++c) prow[c] = -dst[c].imag();
            for (std::size_t c = r; c < d; ++c) prow[c] = dst[c].real();
        }
    }
}

}  // namespace openspins::exact
