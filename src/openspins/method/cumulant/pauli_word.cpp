#include "openspins/method/cumulant/pauli_word.hpp"

#include <algorithm>

namespace openspins::cumulant {

namespace {

using Complex = std::complex<double>;

// The product of two letters on one site, as Σ_ℓ c_ℓ ℓ (index = Letter value):
//   σ⁺σ⁻ = (1 + σᶻ)/2   σ⁻σ⁺ = (1 − σᶻ)/2   σ⁺σ⁺ = σ⁻σ⁻ = 0   σᶻσᶻ = 1
//   σᶻσ⁺ = σ⁺   σ⁺σᶻ = −σ⁺   σᶻσ⁻ = −σ⁻   σ⁻σᶻ = σ⁻
SiteOperator letter_product(Letter a, Letter b) {
    SiteOperator r;
    const auto set = [&r](Letter l, Complex c) { r.c[static_cast<std::size_t>(l)] += c; };
    if (a == Letter::one) {
        set(b, 1.0);
        return r;
    }
    if (b == Letter::one) {
        set(a, 1.0);
        return r;
    }
    switch (a) {
        case Letter::plus:
            if (b == Letter::minus) set(Letter::one, 0.5), set(Letter::z, 0.5);
            if (b == Letter::z) set(Letter::plus, -1.0);
            break;
        case Letter::minus:
            if (b == Letter::plus) set(Letter::one, 0.5), set(Letter::z, -0.5);
            if (b == Letter::z) set(Letter::minus, 1.0);
            break;
        case Letter::z:
            if (b == Letter::plus) set(Letter::plus, 1.0);
            if (b == Letter::minus) set(Letter::minus, -1.0);
            if (b == Letter::z) set(Letter::one, 1.0);
            break;
        case Letter::one:
            break;
    }
    return r;
}

constexpr std::size_t idx(Letter l) { return static_cast<std::size_t>(l); }

}  // namespace

SiteOperator SiteOperator::adjoint() const {
    SiteOperator a;
    a.c[idx(Letter::one)] = std::conj(c[idx(Letter::one)]);
    a.c[idx(Letter::z)] = std::conj(c[idx(Letter::z)]);
    a.c[idx(Letter::plus)] = std::conj(c[idx(Letter::minus)]);
    a.c[idx(Letter::minus)] = std::conj(c[idx(Letter::plus)]);
    return a;
}

bool SiteOperator::is_zero() const {
    for (const auto& x : c)
        if (x != 0.0) return false;
    return true;
}

SiteOperator letter_operator(Letter l, std::complex<double> coefficient) {
    SiteOperator s;
    s.c[idx(l)] = coefficient;
    return s;
}

SiteOperator operator*(const SiteOperator& a, const SiteOperator& b) {
    SiteOperator r;
    for (std::size_t i = 0; i < 4; ++i) {
        if (a.c[i] == 0.0) continue;
        for (std::size_t j = 0; j < 4; ++j) {
            if (b.c[j] == 0.0) continue;
            const SiteOperator p = letter_product(static_cast<Letter>(i), static_cast<Letter>(j));
            for (std::size_t k = 0; k < 4; ++k) r.c[k] += a.c[i] * b.c[j] * p.c[k];
        }
    }
    return r;
}

SiteOperator adjoint_dissipator(const SiteOperator& l, const SiteOperator& x) {
    const SiteOperator ld = l.adjoint();
    const SiteOperator ldl = ld * l;
    const SiteOperator a = ld * x * l, b = ldl * x, c = x * ldl;
    SiteOperator r;
    for (std::size_t k = 0; k < 4; ++k) r.c[k] = a.c[k] - 0.5 * (b.c[k] + c.c[k]);
    return r;
}

WordSum WordSum::word(PauliWord w, NPolynomial coefficient) {
    return word(Word{0, 0, std::move(w)}, std::move(coefficient));
}

WordSum WordSum::word(Word w, NPolynomial coefficient) {
    WordSum s;
    s.add(w, coefficient);
    return s;
}

void WordSum::add(const Word& w, const NPolynomial& coefficient) {
    if (coefficient.is_zero(0.0)) return;
    auto [it, inserted] = terms_.try_emplace(w, coefficient);
    if (!inserted) {
        it->second += coefficient;
        if (it->second.is_zero(0.0)) terms_.erase(it);
    }
}

WordSum& WordSum::operator+=(const WordSum& other) {
    for (const auto& [w, c] : other.terms_) add(w, c);
    return *this;
}

WordSum& WordSum::operator*=(std::complex<double> factor) {
    for (auto& [w, c] : terms_) c *= factor;
    return *this;
}

namespace {

// Σ_i s_i multiplied onto every word from the left (left = true) or the right.
WordSum collective_product(const std::map<Word, NPolynomial>& terms, const SiteOperator& s, bool left) {
    WordSum out;
    const Complex identity_part = s.c[idx(Letter::one)];
    for (const auto& [w, c] : terms) {
        // The identity part of s summed over all spins is N times the word.
        if (identity_part != 0.0) out.add(w, c * NPolynomial::n_minus(0) * identity_part);
        for (std::size_t l = 1; l < 4; ++l) {
            if (s.c[l] == 0.0) continue;
            const SiteOperator single = letter_operator(static_cast<Letter>(l), s.c[l]);
            // i = a labelled site k: the product reduced on that site.
            for (std::size_t k = 0; k < w.spins.size(); ++k) {
                const SiteOperator here = letter_operator(w.spins[k]);
                const SiteOperator p = left ? single * here : here * single;
                for (std::size_t r = 0; r < 4; ++r) {
                    if (p.c[r] == 0.0) continue;
                    Word v = w;
                    v.spins[k] = static_cast<Letter>(r);
                    out.add(v, c * p.c[r]);
                }
            }
            // i = one of the N − m spins not labelled yet: a new site.
            Word v = w;
            v.spins.push_back(static_cast<Letter>(l));
            out.add(v, c * NPolynomial::n_minus(static_cast<int>(w.spins.size())) * s.c[l]);
        }
    }
    return out;
}

// C(n, k) k! C(m, k) as a double (small arguments).
double ordering_weight(int n, int m, int k) {
    double w = 1.0;
    for (int i = 0; i < k; ++i) w *= static_cast<double>(n - i) * static_cast<double>(m - i) / static_cast<double>(i + 1);
    return w;
}

// (a†)^p a^q · (a†)^r a^s = Σ_k C(q,k) C(r,k) k! (a†)^{p+r−k} a^{q+s−k}; calls add(creations,
// annihilations, weight) for each k.
template <class Add>
void normal_product(int p, int q, int r, int s, const Add& add) {
    for (int k = 0; k <= std::min(q, r); ++k) add(p + r - k, q + s - k, ordering_weight(q, r, k));
}

}  // namespace

WordSum WordSum::mode_left(int p, int q, std::complex<double> c) const {
    WordSum out;
    for (const auto& term : terms_) {  // no structured bindings: clang 14 cannot capture them
        const Word& w = term.first;
        const NPolynomial& x = term.second;
        normal_product(p, q, w.creations, w.annihilations, [&](int cr, int an, double weight) {
            out.add(Word{cr, an, w.spins}, x * (c * weight));
        });
    }
    return out;
}

WordSum WordSum::mode_right(int p, int q, std::complex<double> c) const {
    WordSum out;
    for (const auto& term : terms_) {
        const Word& w = term.first;
        const NPolynomial& x = term.second;
        normal_product(w.creations, w.annihilations, p, q, [&](int cr, int an, double weight) {
            out.add(Word{cr, an, w.spins}, x * (c * weight));
        });
    }
    return out;
}

WordSum WordSum::collective_left(const SiteOperator& s) const { return collective_product(terms_, s, true); }
WordSum WordSum::collective_right(const SiteOperator& s) const { return collective_product(terms_, s, false); }

}  // namespace openspins::cumulant
