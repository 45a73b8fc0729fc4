// Polynomials in the collective spin operators of all N spins: the symbolic form
// of a permutation-symmetric Hamiltonian term or observable.
//
// Letters (docs/conventions.md): Jx Jy Jz = Σ_i S^α_i (S = σ/2), Jp Jm = Σ_i σ^±_i
// (J^± = Jx ± iJy), J2 = Jx² + Jy² + Jz². A term is coeff · letter_1 · letter_2 ⋯
// (letter_1 leftmost, i.e. acting last); no letters is coeff times the identity.
//
// Unlike a SpinOperator, a polynomial does not grow with N, so the dicke method
// can read models with thousands of spins. In the Dicke basis |j, m⟩ each letter
// acts inside the j block (Jz|j,m⟩ = m|j,m⟩, J^±|j,m⟩ = √((j∓m)(j±m+1))|j,m±1⟩).
#pragma once

#include <Eigen/SparseCore>
#include <complex>
#include <string>
#include <vector>

#include "openspins/model/spin_system.hpp"

namespace openspins {

enum class CollectiveLetter { Jx, Jy, Jz, Jp, Jm, J2 };

struct CollectiveMonomial {
    std::complex<double> coeff{1.0, 0.0};
    std::vector<CollectiveLetter> letters;
};

class CollectivePolynomial {
public:
    CollectivePolynomial() = default;
    static CollectivePolynomial constant(std::complex<double> c);
    static CollectivePolynomial letter(CollectiveLetter l, std::complex<double> c = 1.0);

    [[nodiscard]] const std::vector<CollectiveMonomial>& terms() const { return terms_; }
    [[nodiscard]] bool empty() const { return terms_.empty(); }

    CollectivePolynomial& operator+=(const CollectivePolynomial& other);
    CollectivePolynomial& operator*=(std::complex<double> factor);
    friend CollectivePolynomial operator+(CollectivePolynomial a, const CollectivePolynomial& b) { return a += b; }
    friend CollectivePolynomial operator*(CollectivePolynomial a, std::complex<double> f) { return a *= f; }
    friend CollectivePolynomial operator*(const CollectivePolynomial& a, const CollectivePolynomial& b);

    [[nodiscard]] CollectivePolynomial adjoint() const;
    // True when every monomial keeps m (no Jx, Jy, and as many Jp as Jm): the
    // operator is diagonal in |j, m⟩.
    [[nodiscard]] bool is_diagonal_in_m() const;
    // Merges equal letter strings, drops |coeff| ≤ tolerance.
    [[nodiscard]] CollectivePolynomial simplified(double tolerance = 1e-14) const;

private:
    std::vector<CollectiveMonomial> terms_;
};

std::string to_string(const CollectivePolynomial& p);

// The polynomial in the spin-j irrep (two_j = 2j ≥ 0), rows and columns indexed by
// k = j − m (k = 0 is m = j, the state with all spins up in the symmetric block).
using BlockMatrix = Eigen::SparseMatrix<std::complex<double>, Eigen::RowMajor>;
BlockMatrix block_matrix(const CollectivePolynomial& p, int two_j);
BlockMatrix letter_matrix(CollectiveLetter l, int two_j);
// The real parts of the diagonal entries, e.g. the decay rates in an H_eff block.
std::vector<double> real_diagonal(const BlockMatrix& a);

// Symbolic forms of the built-in kinds when they act identically on all N spins
// (spins == 0 … N−1 in any order); see hamiltonian_term.hpp for the operators.
//   zeeman   sign · ω Jz (all ω equal)        drive  Ω_x Jx + Ω_y Jy
//   zz       J/2 (Jz² − N/4)                  xy     J/2 (J² − Jz² − N/2)
//   heisenberg J/2 (J² − 3N/4)                (Σ_{i<j} S^α_i S^α_j = ½((J^α)² − N/4))
bool covers_all_spins(const std::vector<int>& spins, int n);

// Parses an operator expression (grammar of operator_expression.hpp) into a
// polynomial. Collective operators must sum over all spins (a species that is not
// all of them breaks the symmetry). With `symmetrize_single_spin`, a product of a
// number and ONE single-spin operator is replaced by its average over the spins,
// e.g. sz(3) → (2/N) Jz — exact for expectation values of permutation-invariant
// states; otherwise single-spin operators are refused. Throws ExpressionError.
CollectivePolynomial parse_collective(const std::string& text, const SpinSystem& spins, bool symmetrize_single_spin);

}  // namespace openspins
