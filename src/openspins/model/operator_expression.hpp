// Operator expressions: text such as "0.5*sx(0)*sx(1) - sz(2) + 2*Jz" or
// "Jp[A]*Jm[A]" turned into a SpinOperator on the spins of a model.
//
// Grammar (whitespace is ignored between tokens):
//   expression := product (('+' | '-') product)*
//   product    := factor ('*' factor)*
//   factor     := ('+' | '-') factor | primary
//   primary    := number | 'pi' | '(' expression ')'
//               | single '(' index ')'          single spin i ∈ [0, N)
//               | collective ('[' species ']')?  sum over all spins or one species
//   number     := decimal literal with optional exponent, optionally followed by
//                 'j' for an imaginary number (2j, 0.5e-3j)
//
// Normalisation (docs/conventions.md: S = σ/2, σ^± = (σ^x ± iσ^y)/2, |↑⟩ has σ^z = +1):
//   sx sy sz       Pauli σ^α_i (eigenvalues ±1)
//   sp sm          σ^+_i = |↑⟩⟨↓|, σ^-_i = |↓⟩⟨↑|
//   nup ndown      |↑⟩⟨↑|_i, |↓⟩⟨↓|_i
//   Sx Sy Sz       S^α_i = σ^α_i / 2
//   Jx Jy Jz       Σ_i S^α_i
//   Jp Jm          Σ_i σ^±_i
//   J2             Jx² + Jy² + Jz²
// A bare number is that multiple of the identity.
#pragma once

#include <string>

#include "openspins/errors.hpp"
#include "openspins/model/spin_operator.hpp"
#include "openspins/model/spin_system.hpp"

namespace openspins {

// A malformed expression. what() reads "column C: <what was expected>"; column is
// 1-based and points at the offending character of the expression text.
class ExpressionError : public ModelError {
public:
    ExpressionError(int column, const std::string& detail);
    [[nodiscard]] int column() const { return column_; }
    [[nodiscard]] const std::string& detail() const { return detail_; }

private:
    int column_;
    std::string detail_;
};

// Parses `text` for the spins of `spins`; throws ExpressionError (a ModelError) for
// malformed text, unknown names, unknown species and spin indices outside [0, N).
[[nodiscard]] SpinOperator parse_operator(const std::string& text, const SpinSystem& spins);

}  // namespace openspins
