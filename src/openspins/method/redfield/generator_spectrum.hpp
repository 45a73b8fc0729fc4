// Eigenvalues of a Lindblad-form generator (a model's H and channels, e.g. after
// RedfieldMethod::derived_spec), each labelled by what its mode relaxes, and the named
// single-spin rates T1, T2 and the pure-dephasing rate.
//
// The generator is the exact method's matrix-free kernel (exact/lindblad_generator.hpp) on
// the packed Hermitian coordinates (exact/hermitian_packing.hpp), a real linear operator.
// When H and every jump conserve coherence order (exact::conserves_coherence_order) it is
// block diagonal: order 0 (C(2N, N) reals) and each pair ±k (2·C(2N, N+k) reals) are
// diagonalised separately and their modes carry the block's order; otherwise the whole
// 4^N-dimensional space is one block. A block of real dimension ≤ options.dense_limit is
// diagonalised densely (all its eigenvalues), a larger one for its options.modes slowest
// eigenvalues by Arnoldi (integrate/real_eigensolver.hpp; options.solver): when 𝓛 commutes with
// the commutator 𝓗₀ of H's one-body diagonal part (secular generators, diagonal interactions)
// on 𝓛 − 𝓗₀ — the same slowest modes without the band of Zeeman frequencies — then
// Rayleigh–Ritz with 𝓛; otherwise on 𝓛 itself, or on e^{𝓛τ} (integrate/propagator_eigensolver.hpp).
// A non-conserving generator (one block) that does not commute with 𝓗₀ gets complex shift-invert
// per coherence band by default (shift_invert_spectrum.hpp).
// With the default limit 1024: every eigenvalue for N ≤ 5 (non-conserving generators too); N = 6 … 10 get every eigenvalue of
// the high orders and the slowest of the others (docs/methods/redfield.md, "Rates").
// A generator written in the eigenbasis of H_S (model.frame: coupled spins, Davies / partial
// secular, N = 4 … 8) is split by Bohr frequency instead and every eigenvalue is computed
// (bohr_block_spectrum.hpp); so is, with solver "auto", a product-basis generator up to N = 8
// whose order blocks exceed the dense limit but whose Bohr-frequency blocks do not (secular
// generators of spins with different Zeeman frequencies).
// Basis and coherence order as in docs/conventions.md (q = number of down spins).
#pragma once

#include <Eigen/Dense>
#include <complex>
#include <string>
#include <vector>

#include "openspins/method/generator_modes.hpp"
#include "openspins/model/model.hpp"

namespace openspins::redfield {

using openspins::GeneratorMode;  // method/generator_modes.hpp, shared with the dicke method
using openspins::SingleSpinRates;

// 𝓛 as a dense 4^N × 4^N matrix acting on vec(ρ) (column-major), built independently of the
// kernel by Kronecker products — the reference for tests and for the positivity check:
//   vec(AρB) = (Bᵀ ⊗ A) vec(ρ),
//   𝓛 = −i(1 ⊗ H − Hᵀ ⊗ 1) + Σ_k γ_k [L̄_k ⊗ L_k − ½ 1 ⊗ L_k†L_k − ½ (L_k†L_k)ᵀ ⊗ 1].
Eigen::MatrixXcd dense_liouvillian(const Model& model);

// The spectrum by blocks (above), slowest first.
GeneratorSpectrum generator_spectrum(const Model& model, const SpectrumOptions& options = {});

// Every mode (4^N of them), slowest first. Throws ModelError when an order block exceeds
// options.dense_limit and a Bohr-frequency block max_bohr_block.
std::vector<GeneratorMode> generator_modes(const Model& model, const SpectrumOptions& options = {});


// For each spin j: the one-spin model made of its Zeeman levels and every coupling term,
// channel and Hamiltonian term acting on spin j alone, passed through the same derivation
// (seed 000 §3.1: the collective bath relaxes a single spin like a local one). Empty when
// H_S is not a sum of single-spin terms.
std::vector<SingleSpinRates> single_spin_rates(const Model& model);

}  // namespace openspins::redfield
