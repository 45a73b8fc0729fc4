// The operator algebra of N identical, exchangeable spins-1/2 that the cumulant method
// derives its equations in: sums of products of single-site operators on distinct,
// anonymous sites, with coefficients that are polynomials in N.
//
// Letters (docs/conventions.md; |↑⟩ = (1,0)ᵀ first):
//   1 the identity, σ⁺ = |↑⟩⟨↓|, σ⁻ = |↓⟩⟨↑|, σᶻ = |↑⟩⟨↑| − |↓⟩⟨↓|.
// Reduction of products on one site (σᶻσ⁺ = σ⁺, σ⁺σᶻ = −σ⁺, σ⁺σ⁻ = (1 + σᶻ)/2, …) is
// the only ordering rule: operators on different sites commute, so a word is
// "normal ordered" by listing its sites in any fixed order.
//
// A PauliWord is a list of letters on labelled sites 0, 1, …, m−1 (all different spins).
// Multiplying a word by a collective sum Σ_i s_i (s a single-site operator) enumerates
// i = each labelled site (reduce the product there) and i = a new site, which stands
// for the N − m spins not yet labelled: the new word gets the factor (N − m). Expanding
// J-polynomials this way produces the combinatorial factors N, N(N−1), … exactly, as
// polynomials in N. Expectation values of words are reduced by permutation symmetry
// (moment_key.hpp): only the counts of σ⁺, σ⁻, σᶻ matter.
//
// One bosonic mode (a model with a [cavity]): every word carries the mode's normal-ordered
// monomial (a†)^p a^q besides its letters. The mode commutes with every spin, so a product of
// words multiplies the spin letters site by site as above and the mode monomials by
// [a, a†] = 1 in normal order: a^q (a†)^r = Σ_k C(q,k) C(r,k) k! (a†)^{r−k} a^{q−k}.
#pragma once

#include <array>
#include <complex>
#include <map>
#include <vector>

#include "openspins/method/cumulant/n_polynomial.hpp"

namespace openspins::cumulant {

enum class Letter : unsigned char { one = 0, plus = 1, minus = 2, z = 3 };

// A single-site operator Σ_ℓ c_ℓ ℓ over the four letters (index = Letter value).
struct SiteOperator {
    std::array<std::complex<double>, 4> c{};
    [[nodiscard]] SiteOperator adjoint() const;
    [[nodiscard]] bool is_zero() const;
};
SiteOperator letter_operator(Letter l, std::complex<double> coefficient = 1.0);
SiteOperator operator*(const SiteOperator& a, const SiteOperator& b);  // product on one site

using PauliWord = std::vector<Letter>;

// (a†)^creations a^annihilations ⊗ the letters `spins` on labelled sites 0 … m−1.
struct Word {
    int creations = 0;
    int annihilations = 0;
    PauliWord spins;
    friend bool operator<(const Word& a, const Word& b) {
        if (a.creations != b.creations) return a.creations < b.creations;
        if (a.annihilations != b.annihilations) return a.annihilations < b.annihilations;
        return a.spins < b.spins;
    }
    friend bool operator==(const Word& a, const Word& b) {
        return a.creations == b.creations && a.annihilations == b.annihilations && a.spins == b.spins;
    }
};

// Σ_words coefficient(N) · word, the words on labelled distinct sites.
class WordSum {
public:
    WordSum() = default;
    static WordSum word(PauliWord w, NPolynomial coefficient = NPolynomial::constant(1.0));
    static WordSum word(Word w, NPolynomial coefficient = NPolynomial::constant(1.0));

    [[nodiscard]] const std::map<Word, NPolynomial>& terms() const { return terms_; }
    void add(const Word& w, const NPolynomial& coefficient);
    WordSum& operator+=(const WordSum& other);
    WordSum& operator*=(std::complex<double> factor);

    // (Σ_i s_i) · this and this · (Σ_i s_i), the sum over all N spins.
    [[nodiscard]] WordSum collective_left(const SiteOperator& s) const;
    [[nodiscard]] WordSum collective_right(const SiteOperator& s) const;
    // c (a†)^p a^q · this and this · c (a†)^p a^q, normal ordered (the header's rule).
    [[nodiscard]] WordSum mode_left(int p, int q, std::complex<double> c) const;
    [[nodiscard]] WordSum mode_right(int p, int q, std::complex<double> c) const;
    // Σ_{labelled sites k} f(word at k): the single-site map applied on each labelled
    // site in turn (spins not in a word are left alone, as a local channel's adjoint
    // dissipator does: D†[ℓ_i](O) = 0 for a site i where O is the identity).
    template <class SiteMap>
    [[nodiscard]] WordSum on_each_site(const SiteMap& f) const;

private:
    std::map<Word, NPolynomial> terms_;
};

// The adjoint (Heisenberg-picture) dissipator D†[ℓ](x) = ℓ†xℓ − ½{ℓ†ℓ, x} on one site.
SiteOperator adjoint_dissipator(const SiteOperator& l, const SiteOperator& x);

template <class SiteMap>
WordSum WordSum::on_each_site(const SiteMap& f) const {
    WordSum out;
    for (const auto& [w, c] : terms_)
        for (std::size_t k = 0; k < w.spins.size(); ++k) {
            const SiteOperator image = f(letter_operator(w.spins[k]));
            for (int l = 0; l < 4; ++l) {
                if (image.c[static_cast<std::size_t>(l)] == 0.0) continue;
                Word v = w;
                v.spins[k] = static_cast<Letter>(l);
                out.add(v, c * image.c[static_cast<std::size_t>(l)]);
            }
        }
    return out;
}

}  // namespace openspins::cumulant
