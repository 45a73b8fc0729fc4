// Moments of the states the cumulant method starts from and the pulses it applies. Both are
// exact: a moment of order ≤ n after a pulse needs only moments of order ≤ n before it.
//
// Initial states (all permutation-symmetric):
//   product ⊗(1 + r·σ)/2 (all_up: r = ẑ, all_down: −ẑ, identical r on every spin):
//       M(a, b, c) = e₊^a e₋^b e_z^c,  e₊ = ⟨σ⁺⟩ = (r_x + i r_y)/2, e₋ = e₊*, e_z = r_z
//   thermal for H = c·Jz (+ constant): the product state with r_z = −tanh(c / 2T)
//   dicke j = N/2 (the symmetric Dicke state with k = N/2 + m spins up):
//       M(a, a, c) = Σ_u C(c, u) (−1)^{c−u} C(N − 2a − c, k − a − u) / C(N, k), zero for a ≠ b
//   mixture  Σ_k w_k M_k (moments are linear in ρ)
// With a mode (ρ(0) = ρ_spins ⊗ ρ_mode, model/cavity.hpp, not truncated):
//   M(a, b, c; p, q) = ⟨(a†)^p a^q⟩ M(a, b, c), ⟨(a†)^p a^q⟩ = δ_p0 δ_q0 (vacuum), α*^p α^q (coherent |α⟩),
//   δ_pq p! n̄^p (thermal), δ_pq n!/(n − p)! (Fock |n⟩, 0 for p > n) — exact for every state;
//   only the closure assumes the higher cumulants vanish (docs/methods/cumulant.md, "Mode").
// Pulse: ρ → R ρ R†, R = Π_i exp(−iθ n·σ_i/2), so ⟨O⟩ → ⟨R†OR⟩ with every σ^ℓ_i → Σ T_{ℓℓ'} σ^{ℓ'}_i.
#pragma once

#include <complex>
#include <map>
#include <optional>
#include <string>

#include "openspins/method/cumulant/moment_key.hpp"
#include "openspins/model/initial_state.hpp"
#include "openspins/model/model.hpp"
#include "openspins/model/protocol.hpp"

namespace openspins::cumulant {

using MomentValues = std::map<MomentKey, std::complex<double>>;

// Why the cumulant method cannot start from this state (empty when it can).
std::string unsupported_initial_state(const InitialState& state, const Model& model);

// Every moment of order ≤ order (both orientations, and the constant) of the state.
MomentValues initial_moments(const InitialState& state, const Model& model, int order);

// ⟨(a†)^p a^q⟩ of the initial mode state.
std::complex<double> mode_moment(const Cavity& cavity, int p, int q);

// Every moment of `keys` (both orientations, and the constant) of ρ_spins ⊗ ρ_mode.
MomentValues initial_moments_with_mode(const InitialState& state, const Model& model, const std::vector<MomentKey>& keys,
                                       int order);

// The moments after the pulse (`m` holds every moment of order ≤ order, both orientations).
MomentValues pulsed_moments(const Pulse& pulse, const MomentValues& m);

// c in H(t = 0) = c·Jz + constant, when the model's Hamiltonian is that (thermal states).
std::optional<double> zeeman_only_hamiltonian(const Model& model);

}  // namespace openspins::cumulant
