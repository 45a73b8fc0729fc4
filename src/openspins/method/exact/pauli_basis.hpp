// Pauli-string coordinates of a Hermitian ρ on N spins: 4^N reals, no packing.
//
//   a_Q = Tr(σ_Q ρ),   ρ = 2^−N Σ_Q a_Q σ_Q,   σ_Q = ⊗_i σ_{Q_i},  Q_i ∈ {I, X, Z, Y}
//
// (σ_Q Hermitian and Tr(σ_Q σ_P) = 2^N δ_QP, so a is real and a_Q = ⟨σ_Q⟩: a_0 = Tr ρ = 1, and
// ⟨O⟩ = Σ_Q o_Q a_Q for O = Σ_Q o_Q σ_Q.) A string is coded by two bits per spin, x at bit 2i and
// z at bit 2i + 1: I = 00, X = 01, Z = 10, Y = 11 (Y ∝ XZ), so that a product of strings is the
// XOR of their codes up to a phase, and spin 0's four Paulis are the four lowest reals.
// Matrices in the basis of spin_operator.hpp (bit 0 = |↑⟩, σ^z|↑⟩ = |↑⟩):
//   X = [[0, 1], [1, 0]], Y = [[0, −i], [i, 0]], Z = [[1, 0], [0, −1]].
#pragma once

#include <complex>
#include <cstdint>
#include <map>
#include <vector>

#include "openspins/model/spin_operator.hpp"

namespace openspins::exact {

using PauliCode = std::uint64_t;

namespace pauli {

// The single-spin Pauli of code e (0 I, 1 X, 2 Z, 3 Y), entry [row][column].
complex matrix_element(unsigned e, unsigned row, unsigned column);
// σ_p σ_q = phase · σ_{p ^ q}, for single-spin codes.
complex product_phase(unsigned p, unsigned q);
// σ_P σ_Q = phase · σ_{P ^ Q}, for strings.
complex product_phase(PauliCode p, PauliCode q);
// The bits of spin i's code (3 << 2i) for every spin a string acts on: the string's support.
PauliCode support(PauliCode code);

}  // namespace pauli

// An operator as a sum of Pauli strings, Σ c_Q σ_Q (exact expansion of its matrix units:
// |↑⟩⟨↑| = (I + Z)/2, |↓⟩⟨↓| = (I − Z)/2, σ^+ = |↑⟩⟨↓| = (X + iY)/2, σ^- = (X − iY)/2).
using PauliSum = std::map<PauliCode, complex>;
PauliSum pauli_expansion(const SpinOperator& op);
// Σ_{P,Q} a_P b_Q σ_P σ_Q as a Pauli sum.
PauliSum multiply(const PauliSum& a, const PauliSum& b);

// ρ (row-major D × D, complex) → a (4^N reals), and back; N stages of 4 × 4 per spin, element by element
// (the reference the fast conversions below are tested against).
std::vector<double> pauli_coordinates(const std::vector<complex>& rho, int spins);
std::vector<complex> density_from_pauli(const std::vector<double>& a, int spins);

// The same between the packed product-order state of fused_full_generator.hpp (P[r][c] = Re ρ_rc for r ≤ c,
// Im ρ_cr for r > c; D² reals) and a, fast. Per spin, with x_j = ρ's element at (r_i, c_i) = (j & 1, j >> 1):
//   a_I = x_0 + x_3,  a_X = x_1 + x_2,  a_Z = x_0 − x_3,  a_Y = i(x_2 − x_1),
//   x_0 = ½(I + Z),  x_3 = ½(I − Z),  x_1 = ½(X + iY),  x_2 = ½(X − iY).
// In two passes that stay in cache: the k = min(N, 7) lowest spins on 2^k × 2^k blocks of ρ (a block and its
// mirror image give B = Σ σ_lo[c][r] ρ_block and its conjugate: Re B and Im B, stored like P on the high
// indices), then the high spins on columns of that, B(r_hi, c_hi) being Hermitian. On the helper threads.
// `scratch` (resized to D² reals) holds the intermediate of packed_from_pauli.
void pauli_from_packed(const double* packed, int spins, double* a);
void packed_from_pauli(const double* a, int spins, double* packed, std::vector<double>& scratch);

}  // namespace openspins::exact
