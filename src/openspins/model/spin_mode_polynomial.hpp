// Operators on N permutation-symmetric spins ⊗ one bosonic mode: the symbolic form of a
// spin–mode Hamiltonian term or jump operator such as (a + a†)·Jx, a†J^- + a J^+, a†a·Jz.
//
// Representation: a sum of products
//     O = Σ_t  (a†)^{p_t} a^{q_t} ⊗ S_t,
// each mode factor a normal-ordered monomial (all a† left of all a; p_t creations, q_t
// annihilations) and each S_t a CollectivePolynomial in Jx Jy Jz Jp Jm J2
// (collective_polynomial.hpp). The mode and the spins commute, so every product of mode
// and spin letters can be brought to this form; products of mode monomials are normal
// ordered with a^q (a†)^r = Σ_k C(q,k) C(r,k) k! (a†)^{r−k} a^{q−k}. The term with
// p = q = 0 is the spins-only part (1_mode ⊗ S).
//
// Mode letters (the names in operator expressions): a (annihilation, a|n⟩ = √n |n−1⟩),
// ad = a†, n = a†a. The collective letters keep their meaning (J^± = Σ_i σ^±_i, J^α = Σ S^α_i).
//
// Matrices (mode_block_matrix): on the Fock states 0 … n_max ⊗ the spin-j irrep, row and
// column index n·(2j+1) + k with k = j − m (the layout of method/dicke/cavity_generator.hpp).
// (a†)^p a^q|n⟩ = √(n!/(n−q)!) √((n−q+p)!/(n−q)!) |n−q+p⟩, dropped when n−q+p > n_max:
// the truncation of a normal-ordered monomial, so the matrix of O† is the adjoint of the
// matrix of O at every n_max (Hermiticity survives truncation).
//
// Excitation number: a monomial (a†)^p a^q ⊗ (letters) changes a†a + Jz by p − q + (number
// of Jp − number of Jm); Jx, Jy change it by ±1 each. A polynomial "conserves excitations"
// when every monomial changes it by 0 with no Jx/Jy letters (the rotating-wave form).
#pragma once

#include <complex>
#include <string>
#include <vector>

#include "openspins/model/collective_polynomial.hpp"

namespace openspins {

struct SpinModeTerm {
    int creations = 0;      // p in (a†)^p a^q
    int annihilations = 0;  // q
    CollectivePolynomial spin;
};

class SpinModePolynomial {
public:
    SpinModePolynomial() = default;
    // 1_mode ⊗ s.
    static SpinModePolynomial spins_only(const CollectivePolynomial& s);
    // c (a†)^p a^q ⊗ 1_spin.
    static SpinModePolynomial mode(int creations, int annihilations, std::complex<double> c = 1.0);

    [[nodiscard]] const std::vector<SpinModeTerm>& terms() const { return terms_; }
    [[nodiscard]] bool empty() const { return terms_.empty(); }
    // True when some term has a mode factor other than the identity.
    [[nodiscard]] bool has_mode() const;
    // The p = q = 0 part (the spins alone), simplified.
    [[nodiscard]] CollectivePolynomial spin_part() const;
    // Largest p and largest q over the terms.
    [[nodiscard]] int max_creations() const;
    [[nodiscard]] int max_annihilations() const;
    // Rotating-wave form: every monomial keeps a†a + Jz (see the header comment).
    [[nodiscard]] bool conserves_excitations() const;

    SpinModePolynomial& operator+=(const SpinModePolynomial& other);
    SpinModePolynomial& operator*=(std::complex<double> factor);
    friend SpinModePolynomial operator+(SpinModePolynomial a, const SpinModePolynomial& b) { return a += b; }
    friend SpinModePolynomial operator*(SpinModePolynomial a, std::complex<double> f) { return a *= f; }
    // The operator product (normal ordered).
    friend SpinModePolynomial operator*(const SpinModePolynomial& a, const SpinModePolynomial& b);

    [[nodiscard]] SpinModePolynomial adjoint() const;
    // One term per (p, q), spin polynomials simplified, zero terms dropped.
    [[nodiscard]] SpinModePolynomial simplified(double tolerance = 1e-14) const;

private:
    std::vector<SpinModeTerm> terms_;
};

std::string to_string(const SpinModePolynomial& p);

// The matrix of p on |n⟩ ⊗ |j, m⟩, n = 0 … n_max, index n·(2j+1) + (j − m).
BlockMatrix mode_block_matrix(const SpinModePolynomial& p, int two_j, int n_max);

// O = O† for N spins ⊗ the mode: (p, q) and (q, p) terms compared on the largest j blocks
// (as is_hermitian_collective does for spins alone).
bool is_hermitian_spin_mode(const SpinModePolynomial& p, int n_spins);

// Parses an operator expression that may contain the mode letters a, ad, n besides the
// collective ones (grammar of operator_expression.hpp; single-spin operators are refused).
// Throws ExpressionError.
SpinModePolynomial parse_spin_mode(const std::string& text, const SpinSystem& spins);

}  // namespace openspins
