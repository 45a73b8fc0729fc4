#include "openspins/model/spin_mode_polynomial.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <utility>

namespace openspins {

using cplx = std::complex<double>;

namespace {

double binomial(int n, int k) {
    double b = 1.0;
    for (int i = 1; i <= k; ++i) b = b * (n - k + i) / i;
    return b;
}

double factorial(int n) {
    double f = 1.0;
    for (int i = 2; i <= n; ++i) f *= i;
    return f;
}

// √(n!/(n−q)!) √((n−q+p)!/(n−q)!): the amplitude of (a†)^p a^q |n⟩ on |n−q+p⟩ (n ≥ q).
double monomial_amplitude(int n, int p, int q) {
    double a = 1.0;
    for (int i = n - q + 1; i <= n; ++i) a *= i;          // n!/(n−q)!
    for (int i = n - q + 1; i <= n - q + p; ++i) a *= i;  // (n−q+p)!/(n−q)!
    return std::sqrt(a);
}

// Net change of m by a letter string, and whether it contains Jx or Jy (which change m by ±1).
std::pair<int, bool> m_shift(const std::vector<CollectiveLetter>& letters) {
    int shift = 0;
    bool mixed = false;
    for (auto l : letters) {
        if (l == CollectiveLetter::Jp) ++shift;
        if (l == CollectiveLetter::Jm) --shift;
        if (l == CollectiveLetter::Jx || l == CollectiveLetter::Jy) mixed = true;
    }
    return {shift, mixed};
}

}  // namespace

SpinModePolynomial SpinModePolynomial::spins_only(const CollectivePolynomial& s) {
    SpinModePolynomial p;
    if (!s.empty()) p.terms_.push_back({0, 0, s});
    return p;
}

SpinModePolynomial SpinModePolynomial::mode(int creations, int annihilations, cplx c) {
    SpinModePolynomial p;
    p.terms_.push_back({creations, annihilations, CollectivePolynomial::constant(c)});
    return p;
}

bool SpinModePolynomial::has_mode() const {
    return std::any_of(terms_.begin(), terms_.end(),
                       [](const auto& t) { return (t.creations != 0 || t.annihilations != 0) && !t.spin.empty(); });
}

CollectivePolynomial SpinModePolynomial::spin_part() const {
    CollectivePolynomial s;
    for (const auto& t : terms_)
        if (t.creations == 0 && t.annihilations == 0) s += t.spin;
    return s.simplified();
}

int SpinModePolynomial::max_creations() const {
    int m = 0;
    for (const auto& t : terms_) m = std::max(m, t.creations);
    return m;
}

int SpinModePolynomial::max_annihilations() const {
    int m = 0;
    for (const auto& t : terms_) m = std::max(m, t.annihilations);
    return m;
}

bool SpinModePolynomial::conserves_excitations() const {
    const SpinModePolynomial merged = simplified();
    for (const auto& t : merged.terms())
        for (const auto& s : t.spin.terms()) {
            const auto [shift, mixed] = m_shift(s.letters);
            if (mixed || t.creations - t.annihilations + shift != 0) return false;
        }
    return true;
}

SpinModePolynomial& SpinModePolynomial::operator+=(const SpinModePolynomial& other) {
    terms_.insert(terms_.end(), other.terms_.begin(), other.terms_.end());
    return *this;
}

SpinModePolynomial& SpinModePolynomial::operator*=(cplx factor) {
    for (auto& t : terms_) t.spin *= factor;
    return *this;
}

SpinModePolynomial operator*(const SpinModePolynomial& a, const SpinModePolynomial& b) {
    SpinModePolynomial product;
    for (const auto& x : a.terms())
        for (const auto& y : b.terms()) {
            const CollectivePolynomial spin = x.spin * y.spin;
            // (a†)^p a^q (a†)^r a^s = Σ_k C(q,k) C(r,k) k! (a†)^{p+r−k} a^{q+s−k}
            for (int k = 0; k <= std::min(x.annihilations, y.creations); ++k) {
                const double c = binomial(x.annihilations, k) * binomial(y.creations, k) * factorial(k);
                product.terms_.push_back(
                    {x.creations + y.creations - k, x.annihilations + y.annihilations - k, spin * cplx{c}});
            }
        }
    return product;
}

SpinModePolynomial SpinModePolynomial::adjoint() const {
    SpinModePolynomial p;
    for (const auto& t : terms_) p.terms_.push_back({t.annihilations, t.creations, t.spin.adjoint()});
    return p;
}

SpinModePolynomial SpinModePolynomial::simplified(double tolerance) const {
    std::map<std::pair<int, int>, CollectivePolynomial> merged;
    for (const auto& t : terms_) merged[{t.creations, t.annihilations}] += t.spin;
    SpinModePolynomial p;
    for (const auto& [pq, spin] : merged) {
        CollectivePolynomial s = spin.simplified(tolerance);
        if (!s.empty()) p.terms_.push_back({pq.first, pq.second, std::move(s)});
    }
    return p;
}

std::string to_string(const SpinModePolynomial& p) {
    if (p.empty()) return "0";
    std::ostringstream out;
    bool first = true;
    for (const auto& t : p.terms()) {
        if (!first) out << " + ";
        first = false;
        out << "[" << to_string(t.spin) << "]";
        for (int i = 0; i < t.creations; ++i) out << "*ad";
        for (int i = 0; i < t.annihilations; ++i) out << "*a";
    }
    return out.str();
}

BlockMatrix mode_block_matrix(const SpinModePolynomial& p, int two_j, int n_max) {
    const int d = two_j + 1, size = (n_max + 1) * d;
    std::vector<Eigen::Triplet<cplx>> entries;
    for (const auto& t : p.terms()) {
        const BlockMatrix s = block_matrix(t.spin, two_j);
        for (int n = t.annihilations; n <= n_max; ++n) {
            const int target = n - t.annihilations + t.creations;
            if (target > n_max) continue;
            const double amplitude = monomial_amplitude(n, t.creations, t.annihilations);
            for (int r = 0; r < s.outerSize(); ++r)
                for (BlockMatrix::InnerIterator it(s, r); it; ++it)
                    entries.emplace_back(target * d + static_cast<int>(it.row()), n * d + static_cast<int>(it.col()),
                                         amplitude * it.value());
        }
    }
    BlockMatrix m(size, size);
    m.setFromTriplets(entries.begin(), entries.end());  // duplicates are summed
    m.prune(cplx{0.0}, 1e-300);
    m.makeCompressed();
    return m;
}

bool is_hermitian_spin_mode(const SpinModePolynomial& p, int n_spins) {
    const SpinModePolynomial difference = (p + p.adjoint() * -1.0).simplified();
    if (difference.empty()) return true;
    // Normal-ordered monomials with different (p, q) are independent operators, so each
    // (p, q) spin factor must vanish; letter strings can name one operator differently
    // (Jp*Jm vs J2 − Jz² + Jz), hence the matrices on the largest j blocks.
    for (const auto& t : difference.terms())
        for (int two_j = n_spins, blocks = 0; two_j >= 0 && blocks < 3; two_j -= 2, ++blocks) {
            const BlockMatrix a = block_matrix(t.spin, two_j);
            for (int k = 0; k < a.outerSize(); ++k)
                for (BlockMatrix::InnerIterator it(a, k); it; ++it)
                    if (std::abs(it.value()) > 1e-10 * (1.0 + static_cast<double>(n_spins) * n_spins)) return false;
        }
    return true;
}

}  // namespace openspins
