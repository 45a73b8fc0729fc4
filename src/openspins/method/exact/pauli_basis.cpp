#include "openspins/method/exact/pauli_basis.hpp"

#include <cmath>
#include <stdexcept>

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
