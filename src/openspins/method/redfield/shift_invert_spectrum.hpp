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
// Inner solves: up to N = 5 a sparse LU of the whole 𝓛 − σ_k. From N = 6 GMRES preconditioned by
// the sparse LU of the rows whose diagonal is nearest σ_k (4096, a quarter of 𝓛 at N = 6) (integrate/near_shift_solver.hpp):
// the rest of 𝓛 − σ_k is dominated by its diagonal, ≥ W away from σ_k. The whole LU's fill grows
// as ≈ 40·n^1.8 bytes (N = 7: 1.6 GB and 29 min; N = 8: ~23 GB); the near block's does not grow
// with N. Measured (docs/methods/redfield.md, "Rates"): N = 6 in 19 s and 44 MB instead of 63 s
// and 237 MB, ~8 GMRES iterations per solve. N ≤ max_shift_invert_spins.
#pragma once

#include "openspins/method/generator_modes.hpp"
#include "openspins/model/model.hpp"

namespace openspins::redfield {

inline constexpr int max_lu_shift_invert_spins = 5;  // automatic: sparse LU up to here, GMRES beyond
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
