#include "openspins/method/exact/pauli_basis.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "openspins/integrate/page_aligned_allocator.hpp"
#include "openspins/integrate/parallel_loop.hpp"

namespace openspins::exact {

namespace pauli {

complex matrix_element(unsigned e, unsigned row, unsigned column) {
    const complex i{0.0, 1.0};
    switch (e & 3U) {
        case 0: return row == column ? 1.0 : 0.0;
        case 1: return row != column ? 1.0 : 0.0;
        case 2: return row != column ? 0.0 : row == 0 ? 1.0 : -1.0;
        default: return row == column ? complex{0.0} : row == 0 ? -i : i;
    }
}

complex product_phase(unsigned p, unsigned q) {
    // The product's one nonzero in row 0 divided by σ_{p ^ q}'s there.
    const unsigned e = (p ^ q) & 3U;
    const unsigned column = (e == 0 || e == 2) ? 0U : 1U;
    complex m = 0.0;
    for (unsigned k = 0; k < 2; ++k) m += matrix_element(p, 0, k) * matrix_element(q, k, column);
    return m / matrix_element(e, 0, column);
}

complex product_phase(PauliCode p, PauliCode q) {
    complex phase = 1.0;
    for (; (p | q) != 0; p >>= 2, q >>= 2) phase *= product_phase(static_cast<unsigned>(p & 3), static_cast<unsigned>(q & 3));
    return phase;
}

PauliCode support(PauliCode code) {
    PauliCode s = 0;
    for (unsigned i = 0; 2 * i < 64; ++i)
        if (((code >> (2 * i)) & 3U) != 0) s |= PauliCode{3} << (2 * i);
    return s;
}

}  // namespace pauli

PauliSum pauli_expansion(const SpinOperator& op) {
    const complex i{0.0, 1.0};
    PauliSum sum;
    for (const auto& m : op.terms()) {
        std::vector<std::pair<PauliCode, complex>> strings{{0, m.coeff}};
        for (unsigned spin = 0; spin < 64; ++spin) {
            if (((m.mask >> spin) & 1U) == 0) continue;
            const unsigned o = (m.out >> spin) & 1U, n = (m.in >> spin) & 1U;
            // |o⟩⟨n| = ½ (u σ_e + v σ_f)
            const unsigned e = o == n ? 0U : 1U, f = o == n ? 2U : 3U;
            const complex v = o == n ? complex{o == 0 ? 1.0 : -1.0} : (o == 0 ? i : -i);
            std::vector<std::pair<PauliCode, complex>> next;
            next.reserve(2 * strings.size());
            for (const auto& [code, c] : strings) {
                next.emplace_back(code | (PauliCode{e} << (2 * spin)), 0.5 * c);
                next.emplace_back(code | (PauliCode{f} << (2 * spin)), 0.5 * v * c);
            }
            strings = std::move(next);
        }
        for (const auto& [code, c] : strings) sum[code] += c;
    }
    for (auto it = sum.begin(); it != sum.end();) it = std::abs(it->second) == 0.0 ? sum.erase(it) : std::next(it);
    return sum;
}

PauliSum multiply(const PauliSum& a, const PauliSum& b) {
    PauliSum sum;
    for (const auto& [p, x] : a)
        for (const auto& [q, y] : b) sum[p ^ q] += x * y * pauli::product_phase(p, q);
    return sum;
}

namespace {

// For every spin, the 4-vectors of `v` along that spin's two index bits (2i, 2i + 1) times t.
template <class T, class U>
std::vector<U> spin_by_spin(const std::vector<T>& v, int spins, const complex (&t)[4][4]) {
    std::vector<complex> w(v.begin(), v.end());
    const std::size_t n = w.size();
    for (int spin = 0; spin < spins; ++spin) {
        const std::size_t stride = std::size_t{1} << (2 * spin);
        for (std::size_t base = 0; base < n; ++base) {
            if ((base >> (2 * spin)) & 3U) continue;
            complex x[4];
            for (unsigned j = 0; j < 4; ++j) x[j] = w[base + j * stride];
            for (unsigned e = 0; e < 4; ++e) {
                complex s = 0.0;
                for (unsigned j = 0; j < 4; ++j) s += t[e][j] * x[j];
                w[base + e * stride] = s;
            }
        }
    }
    std::vector<U> out(n);
    for (std::size_t k = 0; k < n; ++k) {
        if constexpr (std::is_same_v<U, double>) {
            out[k] = w[k].real();
        } else {
            out[k] = w[k];
        }
    }
    return out;
}

// ρ's element (r, c) at the index with r_i at bit 2i and c_i at bit 2i + 1.
std::size_t interleaved(std::size_t r, std::size_t c, int spins) {
    std::size_t k = 0;
    for (int i = 0; i < spins; ++i) k |= (((r >> i) & 1U) << (2 * i)) | (((c >> i) & 1U) << (2 * i + 1));
    return k;
}

}  // namespace

std::vector<double> pauli_coordinates(const std::vector<complex>& rho, int spins) {
    const std::size_t d = std::size_t{1} << spins;
    if (rho.size() != d * d) throw std::invalid_argument("pauli_coordinates: ρ is not 2^N × 2^N");
    std::vector<complex> v(d * d);
    for (std::size_t r = 0; r < d; ++r)
        for (std::size_t c = 0; c < d; ++c) v[interleaved(r, c, spins)] = rho[r * d + c];
    // a_e = Σ_{r,c} σ_e[c][r] ρ[r][c] per spin, local index j = r + 2c.
    complex t[4][4];
    for (unsigned e = 0; e < 4; ++e)
        for (unsigned j = 0; j < 4; ++j) t[e][j] = pauli::matrix_element(e, j >> 1, j & 1U);
    return spin_by_spin<complex, double>(v, spins, t);
}

std::vector<complex> density_from_pauli(const std::vector<double>& a, int spins) {
    const std::size_t d = std::size_t{1} << spins;
    if (a.size() != d * d) throw std::invalid_argument("density_from_pauli: a is not 4^N reals");
    // ρ[r][c] = ½ Σ_e σ_e[r][c] a_e per spin.
    complex t[4][4];
    for (unsigned j = 0; j < 4; ++j)
        for (unsigned e = 0; e < 4; ++e) t[j][e] = 0.5 * pauli::matrix_element(e, j & 1U, j >> 1);
    const std::vector<complex> v = spin_by_spin<double, complex>(a, spins, t);
    std::vector<complex> rho(d * d);
    for (std::size_t r = 0; r < d; ++r)
        for (std::size_t c = 0; c < d; ++c) rho[r * d + c] = v[interleaved(r, c, spins)];
    return rho;
}

}  // namespace openspins::exact

namespace openspins::exact {

namespace {

// The blocks of the fast conversion: 2^k × 2^k elements of ρ, k ≤ 7.
constexpr int block_spins = 7;

// x with its bits moved to the even positions (bit b to bit 2b), x < 2^8: tabulated once, looked up per element.
constexpr auto spread_table = [] {
    std::array<std::uint16_t, 256> table{};
    for (unsigned x = 0; x < 256; ++x)
        for (unsigned b = 0; b < 8; ++b) table[x] = static_cast<std::uint16_t>(table[x] | (((x >> b) & 1U) << (2 * b)));
    return table;
}();
std::size_t spread(std::size_t x) { return spread_table[x]; }

// One spin's 4-point transform, ρ → a, at stride s in complex arrays held as re[], im[] of `length` reals
// (contiguous runs of s: the inner loop vectorises).
void forward_stage(double* re, double* im, std::size_t length, std::size_t s) {
    for (std::size_t base = 0; base < length; base += 4 * s)
        for (std::size_t t = base; t < base + s; ++t) {
            const double r0 = re[t], r1 = re[t + s], r2 = re[t + 2 * s], r3 = re[t + 3 * s];
            const double i0 = im[t], i1 = im[t + s], i2 = im[t + 2 * s], i3 = im[t + 3 * s];
            re[t] = r0 + r3;
            im[t] = i0 + i3;
            re[t + s] = r1 + r2;
            im[t + s] = i1 + i2;
            re[t + 2 * s] = r0 - r3;
            im[t + 2 * s] = i0 - i3;
            re[t + 3 * s] = i1 - i2;  // i(x_2 − x_1)
            im[t + 3 * s] = r2 - r1;
        }
}

// Its inverse, a → ρ.
void inverse_stage(double* re, double* im, std::size_t length, std::size_t s) {
    for (std::size_t base = 0; base < length; base += 4 * s)
        for (std::size_t t = base; t < base + s; ++t) {
            const double ri = re[t], rx = re[t + s], rz = re[t + 2 * s], ry = re[t + 3 * s];
            const double ii = im[t], ix = im[t + s], iz = im[t + 2 * s], iy = im[t + 3 * s];
            re[t] = 0.5 * (ri + rz);
            im[t] = 0.5 * (ii + iz);
            re[t + s] = 0.5 * (rx - iy);  // ½(X + iY)
            im[t + s] = 0.5 * (ix + ry);
            re[t + 2 * s] = 0.5 * (rx + iy);  // ½(X − iY)
            im[t + 2 * s] = 0.5 * (ix - ry);
            re[t + 3 * s] = 0.5 * (ri - rz);
            im[t + 3 * s] = 0.5 * (ii - iz);
        }
}

// The thread's complex work arrays (re then im, `length` reals each).
struct ConversionWork;
double* work(std::size_t length) { return thread_scratch<ConversionWork>(2 * length); }

struct Split {
    int k, n;            // spins in the blocks, above them
    std::size_t kk, hh;  // 2^k, 2^n
    std::size_t tile;    // 4^k
    std::size_t width;   // reals per column of the second pass
};

Split split_of(int spins) {
    Split s{};
    s.k = std::min(spins, block_spins);
    s.n = spins - s.k;
    s.kk = std::size_t{1} << s.k;
    s.hh = std::size_t{1} << s.n;
    s.tile = s.kk * s.kk;
    // The second pass's columns: 4^n of them in 16 Ki complex (256 KiB) at most.
    s.width = std::max<std::size_t>(1, std::min(s.tile, (std::size_t{1} << 14) / (s.hh * s.hh)));
    return s;
}

// The block pairs (R ≤ C) of the first pass.
std::vector<std::pair<std::size_t, std::size_t>> block_pairs(std::size_t hh) {
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t r = 0; r < hh; ++r)
        for (std::size_t c = r; c < hh; ++c) pairs.emplace_back(r, c);
    return pairs;
}

}  // namespace

void pauli_from_packed(const double* packed, int spins, double* a) {
    const Split sp = split_of(spins);
    const std::size_t d = std::size_t{1} << spins, kk = sp.kk, hh = sp.hh, tile = sp.tile;
    const auto pairs = block_pairs(hh);
    // Pass 1: block (R, C) of ρ and its mirror → B = Σ σ_lo[c][r] ρ[r][c]; Re B to tile (R, C), Im B to (C, R).
    for_each_index(d * d, pairs.size(), [&](std::size_t p) {
        const auto [rh, ch] = pairs[p];
        double* re = work(tile);
        double* im = re + tile;
        for (std::size_t rl = 0; rl < kk; ++rl) {
            const std::size_t r = rh * kk + rl;
            for (std::size_t cl = 0; cl < kk; ++cl) {
                const std::size_t c = ch * kk + cl, at = spread(rl) | (spread(cl) << 1);
                re[at] = (rh < ch || cl >= rl) ? packed[r * d + c] : packed[c * d + r];
            }
        }
        for (std::size_t cl = 0; cl < kk; ++cl) {
            const std::size_t c = ch * kk + cl;
            for (std::size_t rl = 0; rl < kk; ++rl) {
                const std::size_t r = rh * kk + rl, at = spread(rl) | (spread(cl) << 1);
                im[at] = (rh < ch || cl > rl) ? packed[c * d + r] : cl < rl ? -packed[r * d + c] : 0.0;
            }
        }
        for (std::size_t s = 1; s < tile; s *= 4) forward_stage(re, im, tile, s);
        std::copy(re, re + tile, a + (rh * hh + ch) * tile);
        if (rh < ch) std::copy(im, im + tile, a + (ch * hh + rh) * tile);
    });
    if (sp.n == 0) return;
    // Pass 2, in place: each column of the tiles, B(R, C) Hermitian in (R, C) → the high spins' coordinates.
    const std::size_t w = sp.width, length = hh * hh * w;
    for_each_index(d * d, tile / w, [&](std::size_t col) {
        const std::size_t c0 = col * w;
        double* re = work(length);
        double* im = re + length;
        for (std::size_t rh = 0; rh < hh; ++rh)
            for (std::size_t ch = 0; ch < hh; ++ch) {
                const std::size_t at = (spread(rh) | (spread(ch) << 1)) * w;
                const double* upper = a + (std::min(rh, ch) * hh + std::max(rh, ch)) * tile + c0;
                const double* lower = a + (std::max(rh, ch) * hh + std::min(rh, ch)) * tile + c0;
                for (std::size_t t = 0; t < w; ++t) {
                    re[at + t] = upper[t];
                    im[at + t] = rh < ch ? lower[t] : rh > ch ? -lower[t] : 0.0;
                }
            }
        for (std::size_t s = w; s < length; s *= 4) forward_stage(re, im, length, s);
        for (std::size_t e = 0; e < hh * hh; ++e) std::copy(re + e * w, re + (e + 1) * w, a + e * tile + c0);
    });
}

void packed_from_pauli(const double* a, int spins, double* packed, std::vector<double>& scratch) {
    const Split sp = split_of(spins);
    const std::size_t d = std::size_t{1} << spins, kk = sp.kk, hh = sp.hh, tile = sp.tile;
    const double* blocks = a;
    if (sp.n > 0) {
        // Pass 2 backwards: the high spins' coordinates of each column → B(R, C) for R ≤ C: Re B to tile (R, C),
        // Im B to (C, R).
        scratch.resize(d * d);
        double* t_out = scratch.data();
        const std::size_t w = sp.width, length = hh * hh * w;
        for_each_index(d * d, tile / w, [&](std::size_t col) {
            const std::size_t c0 = col * w;
            double* re = work(length);
            double* im = re + length;
            for (std::size_t e = 0; e < hh * hh; ++e) {
                std::copy(a + e * tile + c0, a + e * tile + c0 + w, re + e * w);
                std::fill(im + e * w, im + (e + 1) * w, 0.0);
            }
            for (std::size_t s = length / 4; s >= w; s /= 4) inverse_stage(re, im, length, s);
            for (std::size_t rh = 0; rh < hh; ++rh)
                for (std::size_t ch = rh; ch < hh; ++ch) {
                    const std::size_t at = (spread(rh) | (spread(ch) << 1)) * w;
                    std::copy(re + at, re + at + w, t_out + (rh * hh + ch) * tile + c0);
                    if (rh < ch) std::copy(im + at, im + at + w, t_out + (ch * hh + rh) * tile + c0);
                }
        });
        blocks = t_out;
    }
    // Pass 1 backwards: each block pair's B → ρ's block (R, C), written to P with its mirror.
    const auto pairs = block_pairs(hh);
    for_each_index(d * d, pairs.size(), [&](std::size_t p) {
        const auto [rh, ch] = pairs[p];
        double* re = work(tile);
        double* im = re + tile;
        std::copy(blocks + (rh * hh + ch) * tile, blocks + (rh * hh + ch + 1) * tile, re);
        if (rh < ch) {
            std::copy(blocks + (ch * hh + rh) * tile, blocks + (ch * hh + rh + 1) * tile, im);
        } else {
            std::fill(im, im + tile, 0.0);
        }
        for (std::size_t s = tile / 4; s >= 1; s /= 4) inverse_stage(re, im, tile, s);
        for (std::size_t rl = 0; rl < kk; ++rl) {
            const std::size_t r = rh * kk + rl;
            for (std::size_t cl = rh < ch ? 0 : rl; cl < kk; ++cl) {
                const std::size_t at = spread(rl) | (spread(cl) << 1);
                packed[r * d + ch * kk + cl] = re[at];
            }
        }
        for (std::size_t cl = 0; cl < kk; ++cl) {
            const std::size_t c = ch * kk + cl;
            for (std::size_t rl = 0; rl < (rh < ch ? kk : cl); ++rl) {
                const std::size_t at = spread(rl) | (spread(cl) << 1);
                packed[c * d + rh * kk + rl] = im[at];
            }
        }
    });
}

}  // namespace openspins::exact
