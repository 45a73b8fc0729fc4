// The slowest eigenvalues of a generator that does not conserve coherence order (Bloch–Redfield's
// non-secular terms, drives), one block of 4^N reals, by complex shift-invert per coherence band.
//
// Why: 𝓛's spectrum is a set of bands, one per coherence order k (|k| ≤ N), centred near
// Im λ ≈ −k·ω̄ (ω̄ the mean Zeeman frequency) and only as wide in Re λ as the rates (~1e-3 of ω̄).
// Arnoldi on 𝓛 sees the extreme points of that wide, flat set first and does not converge behind
// them (N = 6: unconverged after 2·10⁵ products). Shift-invert at each band's centre turns the
// band's eigenvalues into (𝓛 − σ_k)⁻¹'s dominant ones.
//
// How: 𝓛 is the sparse vec-form Liouvillian (sparse_liouvillian.hpp, index a + d·b for |a⟩⟨b|).
// Band centres come from its diagonal 𝓛_{x,x} = −i(H_aa − H_bb) − ½(K_aa + K_bb) + …: for order
// k = q(a) − q(b) (q = popcount, docs/conventions.md) σ_k = i·mean(Im 𝓛_xx over order k) + ε,
// ε = 1e-3 · (mean of −Re 𝓛_xx) > 0 so that 𝓛 − σ_0 is regular at the steady state (λ = 0).
// For k = 0 … N the options.modes eigenvalues nearest σ_k (integrate/complex_eigensolver.hpp,
// one sparse LU each); 𝓛 preserves Hermiticity, so band −k holds the conjugates (eigenvector
// V ↦ V†) and is not solved. The pairs are merged (an eigenvalue found from two shifts within
// 1e-8·max(1, |λ|) is kept once), sorted slowest first and labelled from the vec-form vector:
// dominant coherence order and weight on the diagonal.
// "Slowest" here means: per band, the modes nearest its centre — not the globally slowest
// eigenvalues of 𝓛 (a band's slow modes lie near its centre, but a mode far from every centre
// is not sought).
// Limits: one LU of 𝓛 − σ_k at a time; its fill grows fast with N (refused by
// check_memory_budget beyond the budget). N ≤ max_shift_invert_spins: N = 7 took 29 min and
// 1.8 GB; N = 8 (est. 23 GB of LU, many hours) is refused up front.
#pragma once

#include "openspins/method/generator_modes.hpp"
#include "openspins/model/model.hpp"

namespace openspins::redfield {

inline constexpr int max_lu_shift_invert_spins = 7;  // automatic: sparse LU up to here, GMRES beyond
inline constexpr int max_shift_invert_spins = 8;

// How each (𝓛 − σ_k)⁻¹ is applied: a sparse LU of the whole 𝓛 − σ_k, or GMRES preconditioned by
// the LU of the rows nearest σ_k (integrate/near_shift_solver.hpp).
enum class ShiftInvertInner { automatic, lu, gmres };

// The block report ("all orders", solver "shift-invert, N+1 bands[, GMRES (iterations)]", products
// = solves); the modes are appended to `modes` (unsorted). options.progress, if set, hears the
// fraction of bands done.
SpectrumBlock shift_invert_spectrum(const Model& model, const SpectrumOptions& options,
                                    std::vector<GeneratorMode>& modes,
                                    ShiftInvertInner inner = ShiftInvertInner::automatic);

}  // namespace openspins::redfield
