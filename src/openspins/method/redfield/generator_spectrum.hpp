// Eigenvalues of a Lindblad-form generator (a model's H and channels, e.g. after
// RedfieldMethod::derived_spec), each labelled by what its mode relaxes, and the named
// single-spin rates T1, T2 and the pure-dephasing rate.
//
// The Liouvillian is built densely in column-major vectorisation,
//   vec(AρB) = (Bᵀ ⊗ A) vec(ρ),
//   𝓛 = −i(1 ⊗ H − Hᵀ ⊗ 1) + Σ_k γ_k [L̄_k ⊗ L_k − ½ 1 ⊗ L_k†L_k − ½ (L_k†L_k)ᵀ ⊗ 1],
// and diagonalised with Eigen's ComplexEigenSolver: 4^N × 4^N, so N ≤ 5 (1024², about a
// second); larger N needs an iterative eigensolver for the slowest modes (not yet).
// Basis and coherence order as in docs/conventions.md (q = number of down spins).
#pragma once

#include <Eigen/Dense>
#include <complex>
#include <string>
#include <vector>

#include "openspins/model/model.hpp"

namespace openspins::redfield {

inline constexpr int max_dense_spectrum_spins = 5;

struct GeneratorMode {
    std::complex<double> eigenvalue;  // the mode evolves as e^{λt}; rate = −Re λ
    int coherence_order = 0;          // dominant q(r) − q(c) of its eigenmatrix
    double population_weight = 0.0;   // share of the eigenmatrix on the diagonal
    std::string label;                // "steady state", "populations", "coherence order k", …
};

// 𝓛 as a dense 4^N × 4^N matrix acting on vec(ρ) (column-major).
Eigen::MatrixXcd dense_liouvillian(const Model& model);

// All 4^N modes sorted by decay rate (slowest first). Throws ModelError for N > 5.
std::vector<GeneratorMode> generator_modes(const Model& model);

struct SingleSpinRates {
    int spin = 0;
    double omega = 0.0;           // transition frequency e(↓) − e(↑) (with Lamb shift if any: from the mode)
    double t1 = 0.0;              // 1/T1: population relaxation rate
    double t2 = 0.0;              // 1/T2: coherence decay rate
    double pure_dephasing = 0.0;  // 1/T2 − 1/(2T1)
};

// For each spin j: the one-spin model made of its Zeeman levels and every coupling term,
// channel and Hamiltonian term acting on spin j alone, passed through the same derivation
// (seed 000 §3.1: the collective bath relaxes a single spin like a local one). Empty when
// H_S is not a sum of single-spin terms.
std::vector<SingleSpinRates> single_spin_rates(const Model& model);

}  // namespace openspins::redfield
