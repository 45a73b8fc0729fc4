#include "openspins/method/dicke/cavity_kernel.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "openspins/integrate/blocking_workers.hpp"
#include "openspins/method/dicke/cavity_generator.hpp"

namespace openspins::dicke {

namespace {

// Tiles of the unpacking (P and its transpose are read tile by tile, so both stay in cache).
constexpr int tile = 32;

// The loops below add one term to a stretch [begin, end) of an output row. "lower" stretches
// (columns left of the diagonal) take −Im of the term, "upper" ones (the diagonal and right of
// it) Re; the source planes are Re ρ (sr) and Im ρ (si) at the row/column the term reads.
// __restrict: the output row is never one of the source planes.

// Row term w = −i h (h = hr + i hi one number for the row): Re(wρ) = hi·Re ρ + hr·Im ρ,
// −Im(wρ) = hr·Re ρ − hi·Im ρ.
inline void row_term(double hr, double hi, bool real, const double* __restrict sr, const double* __restrict si,
                     double* __restrict out, int r, int d) {
    if (real) {
        for (int c = 0; c < r; ++c) out[c] += hr * sr[c];
        for (int c = r; c < d; ++c) out[c] += hr * si[c];
        return;
    }
    for (int c = 0; c < r; ++c) out[c] += hr * sr[c] - hi * si[c];
    for (int c = r; c < d; ++c) out[c] += hi * sr[c] + hr * si[c];
}

// Column term v[c] = i conj(h[c]) reading ρ[r][c + δ] (sr, si already shifted by δ):
// Re(vρ) = hi·Re ρ − hr·Im ρ, −Im(vρ) = −hr·Re ρ − hi·Im ρ.
inline void column_term(const Band& band, const double* __restrict sr, const double* __restrict si,
                        double* __restrict out, int r) {
    const double* __restrict hr = band.re.data();
    const double* __restrict hi = band.im.data();
    for (const auto& [begin, end] : band.runs) {
        const int split = std::clamp(r, begin, end);
        if (band.real) {
            for (int c = begin; c < split; ++c) out[c] -= hr[c] * sr[c];
            for (int c = split; c < end; ++c) out[c] -= hr[c] * si[c];
            continue;
        }
        for (int c = begin; c < split; ++c) out[c] -= hr[c] * sr[c] + hi[c] * si[c];
        for (int c = split; c < end; ++c) out[c] += hi[c] * sr[c] - hr[c] * si[c];
    }
}

// Sandwich term s · conj(l[c]) ρ[r + δ1][c + δ2] with s = rate · l_δ1[r] (sr, si shifted by δ2):
// w = s conj(l): Re(wρ) = wr Re ρ − wi Im ρ, −Im(wρ) = −wr Im ρ − wi Re ρ.
inline void sandwich_term(double s_re, double s_im, bool real, const Band& band, const double* __restrict sr,
                          const double* __restrict si, double* __restrict out, int r) {
    const double* __restrict lr = band.re.data();
    const double* __restrict li = band.im.data();
    for (const auto& [begin, end] : band.runs) {
        const int split = std::clamp(r, begin, end);
        if (real) {
            for (int c = begin; c < split; ++c) out[c] -= s_re * lr[c] * si[c];
            for (int c = split; c < end; ++c) out[c] += s_re * lr[c] * sr[c];
            continue;
        }
        for (int c = begin; c < split; ++c) {
            const double wr = s_re * lr[c] + s_im * li[c], wi = s_im * lr[c] - s_re * li[c];
            out[c] -= wr * si[c] + wi * sr[c];
        }
        for (int c = split; c < end; ++c) {
            const double wr = s_re * lr[c] + s_im * li[c], wi = s_im * lr[c] - s_re * li[c];
            out[c] += wr * sr[c] - wi * si[c];
        }
    }
}

// A band's runs: its nonzero coefficients in stretches, a gap of fewer than `min_gap` zeros kept inside a run
// (a band of a whole j block, e.g. Jx's with its one zero per photon number, stays one run).
constexpr int min_gap = 4;

void find_runs(Band& band) {
    int begin = -1, last_nonzero = -1;
    for (int r = band.first; r < band.last; ++r) {
        const auto ur = static_cast<std::size_t>(r);
        if (band.re[ur] == 0.0 && band.im[ur] == 0.0) continue;
        if (begin < 0) {
            begin = r;
        } else if (r - last_nonzero > min_gap) {
            band.runs.emplace_back(begin, last_nonzero + 1);
            begin = r;
        }
        last_nonzero = r;
    }
    if (begin >= 0) band.runs.emplace_back(begin, last_nonzero + 1);
}

}  // namespace

std::vector<Band> matrix_bands(const BlockMatrix& m) {
    const int d = static_cast<int>(m.rows());
    std::map<int, Band> bands;
    for (int r = 0; r < m.outerSize(); ++r)
        for (BlockMatrix::InnerIterator it(m, r); it; ++it) {
            if (it.value() == std::complex<double>{0.0}) continue;
            const int offset = static_cast<int>(it.col()) - r;
            auto [pos, fresh] = bands.try_emplace(offset);
            Band& band = pos->second;
            if (fresh) {
                band.offset = offset;
                band.re.assign(static_cast<std::size_t>(d), 0.0);
                band.im.assign(static_cast<std::size_t>(d), 0.0);
                band.first = r;
            }
            band.last = r + 1;
            band.re[static_cast<std::size_t>(r)] = it.value().real();
            band.im[static_cast<std::size_t>(r)] = it.value().imag();
            if (it.value().imag() != 0.0) band.real = false;
        }
    std::vector<Band> out;
    for (auto& [offset, band] : bands) {
        find_runs(band);
        out.push_back(std::move(band));
    }
    return out;
}

CavityKernel::CavityKernel(const CavityLayout& layout, std::vector<BandedBlock> blocks,
                           std::vector<std::pair<double, LocalTransition>> transfers)
    : layout_(layout), blocks_(std::move(blocks)), transfers_(std::move(transfers)) {
    if (layout.parity() && !transfers_.empty())
        throw std::logic_error("cavity kernel: local transfers with parity blocks");  // cavity_parity.hpp excludes them
    transfers_into_.resize(static_cast<std::size_t>(layout.blocks()));
    for (const auto& [rate, t] : transfers_) transfers_into_[static_cast<std::size_t>(t.target)].emplace_back(rate, &t);
    for (int q = 0; q < layout.packed_blocks(); ++q) {
        const int d = layout.packed_dim(q);
        for (int r = 0; r < d; ++r) rows_.push_back({q, r});
        for (int i0 = 0; i0 < d; i0 += tile)
            for (int k0 = 0; k0 < d; k0 += tile) tiles_.push_back({q, i0, k0});
    }
}

// Re ρ and Im ρ on the tile [i0, i0 + tile) × [k0, k0 + tile) of packed block q from the packing.
void CavityKernel::unpack_tile(int q, int i0, int k0, const double* packed) const {
    const auto d = static_cast<std::size_t>(layout_.packed_dim(q));
    const std::size_t off = layout_.packed_offset(q);
    const double* p = packed + off;
    double* re = re_.data() + off;
    double* im = im_.data() + off;
    const std::size_t i_end = std::min(d, static_cast<std::size_t>(i0 + tile));
    const std::size_t k_end = std::min(d, static_cast<std::size_t>(k0 + tile));
    for (auto i = static_cast<std::size_t>(i0); i < i_end; ++i) {
        const std::size_t below = std::clamp(i, static_cast<std::size_t>(k0), k_end);  // columns k < i end here
        for (auto k = static_cast<std::size_t>(k0); k < below; ++k) {  // k < i: Im ρ_ik = −P[i][k]
            re[i * d + k] = p[k * d + i];
            im[i * d + k] = -p[i * d + k];
        }
        std::size_t k = below;
        if (k == i && k < k_end) {
            re[i * d + i] = p[i * d + i];
            im[i * d + i] = 0.0;
            ++k;
        }
        for (; k < k_end; ++k) {  // k > i
            re[i * d + k] = p[i * d + k];
            im[i * d + k] = p[k * d + i];
        }
    }
}

void CavityKernel::apply_row(int q, int r, const double* packed, double* packed_dot) const {
    const BandedBlock& ops = blocks_[static_cast<std::size_t>(q)];
    const int d = layout_.packed_dim(q);
    const auto ud = static_cast<std::size_t>(d);
    const std::size_t off = layout_.packed_offset(q);
    const double* re = re_.data() + off;
    const double* im = im_.data() + off;
    const double* re_r = re + static_cast<std::size_t>(r) * ud;
    const double* im_r = im + static_cast<std::size_t>(r) * ud;
    double* __restrict out = packed_dot + off + static_cast<std::size_t>(r) * ud;

    // The diagonal of H_eff from both sides: f = −i(h_0[r] − conj h_0[c]) = (hi_r + hi_c) + i(hr_c − hr_r).
    {
        const double* __restrict hr = ops.diagonal_re.data();
        const double* __restrict hi = ops.diagonal_im.data();
        const double hr_r = hr[r], hi_r = hi[r];
        for (int c = 0; c < r; ++c) out[c] = -((hi_r + hi[c]) * im_r[c] + (hr[c] - hr_r) * re_r[c]);
        for (int c = r; c < d; ++c) out[c] = (hi_r + hi[c]) * re_r[c] - (hr[c] - hr_r) * im_r[c];
    }
    const auto row_of = [&](const double* plane, int row) { return plane + static_cast<std::size_t>(row) * ud; };
    for (const Band& band : ops.hamiltonian) {
        if (r < band.first || r >= band.last) continue;
        const double hr = band.re[static_cast<std::size_t>(r)], hi = band.im[static_cast<std::size_t>(r)];
        if (hr == 0.0 && hi == 0.0) continue;
        row_term(hr, hi, band.real, row_of(re, r + band.offset), row_of(im, r + band.offset), out, r, d);
    }
    for (const Band& band : ops.hamiltonian) column_term(band, re_r + band.offset, im_r + band.offset, out, r);
    for (const auto& jump : ops.jumps) {
        // The source block's planes (this block's, or the other parity's for a jump that flips Π).
        const std::size_t source_off = layout_.packed_offset(jump.source);
        const auto source_d = static_cast<std::size_t>(layout_.packed_dim(jump.source));
        for (const Band& left : jump.bands) {
            if (r < left.first || r >= left.last) continue;
            const double s_re = jump.rate * left.re[static_cast<std::size_t>(r)];
            const double s_im = jump.rate * left.im[static_cast<std::size_t>(r)];
            if (s_re == 0.0 && s_im == 0.0) continue;
            const std::size_t row = source_off + static_cast<std::size_t>(r + left.offset) * source_d;
            const double* sr = re_.data() + row;
            const double* si = im_.data() + row;
            for (const Band& right : jump.bands)
                sandwich_term(s_re, s_im, left.real && right.real, right, sr + right.offset, si + right.offset, out, r);
        }
    }

    // Local transfers into this row from the packing of the source blocks: the weights are real
    // and symmetric and the transfer keeps the order of row and column indices (n and k ride
    // along), so packed entries map to packed entries whichever triangle they sit in. (Never with
    // parity blocks: packed block q is then j block b = q/2 whole.)
    if (transfers_.empty()) return;
    const int b = q / 2;
    const DickeBasis& basis = layout_.spins();
    const int dt = basis.dim(b);
    const int n1 = r / dt, kt = r % dt;
    for (const auto& [rate, t] : transfers_into_[static_cast<std::size_t>(b)]) {
        const int ds = basis.dim(t->source);
        const int k1 = kt - t->shift;
        if (k1 < 0 || k1 >= ds) continue;
        const double a0 = rate * t->c[0][static_cast<std::size_t>(k1)];
        const double a1 = rate * t->c[1][static_cast<std::size_t>(k1)];
        if (a0 == 0.0 && a1 == 0.0) continue;
        const auto size_s = static_cast<std::size_t>(layout_.dim(t->source));
        const double* source = packed + layout_.offset(t->source) + static_cast<std::size_t>(n1 * ds + k1) * size_s;
        const double* __restrict c0 = t->c[0].data();
        const double* __restrict c1 = t->c[1].data();
        const int k_begin = std::max(0, -t->shift), k_end = std::min(ds, dt - t->shift);
        for (int n2 = 0; n2 <= layout_.n_max(); ++n2) {
            const double* __restrict s = source + n2 * ds;
            double* __restrict o = out + n2 * dt + t->shift;
            for (int k2 = k_begin; k2 < k_end; ++k2) o[k2] += (a0 * c0[k2] + a1 * c1[k2]) * s[k2];
        }
    }
}

void CavityKernel::apply(const double* packed, double* packed_dot) const {
    // The planes on the first call, not in the constructor: the pure-state path builds the same
    // generator over every j block but never applies the density kernel (N = 200: 2.7 GB of
    // zeroed planes took 1.5 s of page faults in a 0.6 s run). Called by one thread at a time.
    if (re_.empty()) {
        re_.assign(layout_.packed_size(), 0.0);
        im_.assign(layout_.packed_size(), 0.0);
    }
    const auto tile_body = [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
        for (std::ptrdiff_t i = begin; i < end; ++i) {
            const TileTask& t = tiles_[static_cast<std::size_t>(i)];
            unpack_tile(t.block, t.i0, t.k0, packed);
        }
    };
    const auto row_body = [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
        for (std::ptrdiff_t i = begin; i < end; ++i) {
            const RowTask& t = rows_[static_cast<std::size_t>(i)];
            apply_row(t.block, t.row, packed, packed_dot);
        }
    };
    const auto tiles = static_cast<std::ptrdiff_t>(tiles_.size());
    const auto rows = static_cast<std::ptrdiff_t>(rows_.size());
    if (layout_.packed_size() < parallel_reals) {
        tile_body(0, tiles);
        row_body(0, rows);
        return;
    }
    // The same helper threads as the propagator's and CVODE's vector loops (one pool that sleeps
    // between loops; see the header). Two loops: every row reads other rows of the planes, so the
    // unpacking must be complete first (run() returns when every chunk is done).
    BlockingWorkers& workers = BlockingWorkers::shared();
    workers.run(tiles, 8, tile_body);
    workers.run(rows, 8, row_body);
}

}  // namespace openspins::dicke
