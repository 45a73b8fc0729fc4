// Every eigenvalue of a generator whose 𝓛 falls apart into small blocks, found block by block
// instead of by an iterative eigensolver on the whole 4^N space. Two kinds of model reach here:
// generators written in the eigenbasis of H_S (model.frame set: the redfield method's Davies /
// partial-secular path for coupled spins, derived_generator.hpp) and, in the product basis,
// secular generators of uncoupled spins whose coherence-order blocks are beyond the dense limit
// (N ≥ 6) but whose Zeeman frequencies differ, so the Bohr frequencies split those blocks further.
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
// `detail` gives the block's Bohr frequency (from H's diagonal when there is no frame). Cost: the
// assembly is O(Σ_k nnz(L_k)² + d²·nnz per row), the eigensolves O(Σ block³) — N = 7 (16 384
// eigenvalues) in seconds for a chain.
#pragma once

#include <cstddef>
#include <optional>

#include "openspins/method/generator_modes.hpp"
#include "openspins/model/model.hpp"

namespace openspins::redfield {

inline constexpr std::size_t max_bohr_block = 2048;  // elements of one dense block (~3 min, 0.3 GB)
inline constexpr int max_bohr_block_spins = 8;          // 65 536 eigenvalues

// Whether N ≤ max_bohr_block_spins and no block of 𝓛's non-zero pattern exceeds `limit` elements
// (cheap: no assembly, one union-find pass over the entries).
bool splits_into_bohr_blocks(const Model& model, std::size_t limit = max_bohr_block);

// Throws ModelError for N > max_bohr_block_spins or a block beyond max_bohr_block.
GeneratorSpectrum bohr_block_spectrum(const Model& model, const SpectrumOptions& options = {});

// The same, or nothing when N > max_bohr_block_spins or a block exceeds `limit` elements — decided
// by the pre-pass on the terms the spectrum is then built from (one assembly of them, not two).
std::optional<GeneratorSpectrum> bohr_block_spectrum_within(const Model& model, std::size_t limit,
                                                            const SpectrumOptions& options = {});

}  // namespace openspins::redfield
