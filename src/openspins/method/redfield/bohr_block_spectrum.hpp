// Every eigenvalue of a generator written in the eigenbasis of H_S (model.frame set: the redfield
// method's Davies / partial-secular path for coupled spins, derived_generator.hpp), found block
// by block instead of by an iterative eigensolver on the whole 4^N space.
//
// Why it splits: with H̃ = diag(E) (plus Lamb-shift terms inside degenerate levels), a secular
// generator commutes with −i[H̃, ·], so it maps the matrix unit |a⟩⟨b| only onto units |c⟩⟨e| of
// the same Bohr frequency E_a − E_b = E_c − E_e: populations and the coherences of degenerate
// levels form one block (Pauli's rate matrix and its degenerate partners), every other frequency
// its own. A partial-secular window links neighbouring frequencies; their blocks merge.
//
// How: 𝓛 is assembled as a sparse complex matrix on vec(ρ̃) (column-major, index a + d·b,
// d = 2^N), directly from the sparse H̃ and jumps L_k (rates γ_k):
//   𝓛 = −i(1 ⊗ H̃ − H̃ᵀ ⊗ 1) + Σ_k γ_k L̄_k ⊗ L_k − ½(1 ⊗ K + Kᵀ ⊗ 1),  K = Σ_k γ_k L_k†L_k,
// its blocks are the connected components of its non-zero pattern (entries below 1e-14 of the
// largest are rounding and are dropped), and each block is diagonalised densely. The blocks of
// |a⟩⟨b| and |b⟩⟨a| are mirror images (𝓛 preserves Hermiticity): only one of each pair is
// diagonalised, the other's eigenvalues are the conjugates. Nothing assumes the secular
// structure — a generator without it is one block, refused beyond max_bohr_block elements.
// Source terms Tr(ρ)·C (Abragam, Hubbard) change no eigenvalue (C is traceless: they act on the
// trace only, i.e. on the steady state's eigenvector) and are left out.
//
// Mode labels: the coherence order of |a⟩⟨b| is q̄_a − q̄_b rounded, q̄ the mean number of down
// spins of eigenstate a (exact when H_S conserves it, as Zeeman + flip-flop couplings do);
// `detail` gives the block's Bohr frequency. Cost: the assembly is O(Σ_k nnz(L_k)² + d²·nnz per
// row), the eigensolves O(Σ block³) — N = 7 (16 384 eigenvalues) in seconds for a chain.
#pragma once

#include <cstddef>

#include "openspins/method/generator_modes.hpp"
#include "openspins/model/model.hpp"

namespace openspins::redfield {

inline constexpr std::size_t max_bohr_block = 2048;  // elements of one dense block (~3 min, 0.3 GB)

// Requires model.frame (throws ModelError otherwise) and N ≤ 8.
GeneratorSpectrum bohr_block_spectrum(const Model& model, const SpectrumOptions& options = {});

}  // namespace openspins::redfield
