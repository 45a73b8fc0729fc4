// Seed 004 eq. (2.9) for ONE mode: the N → ∞ mean number of field excitations to order λ²,
//   𝒩(t) = λ² |g|² [ p (1 − cos(ω₀ − ω)t)/(ω₀ − ω)² + (1 − p)(1 − cos(ω₀ + ω)t)/(ω₀ + ω)² ] + O(λ⁴),
// for spins ½ with h = (ω₀/2)σ^z, G = σ^x, μ_S = p|↑⟩⟨↑| + (1 − p)|↓⟩⟨↓| (2.7) and the mode in the
// vacuum; the seed's ∫|g(k)|²(…)d³k becomes |g|² at the one frequency ω, both resonant
// denominators kept (ω₀ − ω: emission by an excited spin, ω₀ + ω: the counter-rotating term).
// The seed states the remainder uniform for |t| < (2|λ|‖g‖)⁻¹ (second_order_window).
//
// Derivation (checked, docs/validation/seed004_mean_field.md): to first order in λ the state
// gains one photon, amplitude −i(λ/√N)(g/√2)Σ_j Ĩ_j|ψ⟩ with Ĩ = ∫_0^t G(s)e^{iωs}ds; states with
// different j flipped are orthogonal and (A0) removes the j ≠ k cross terms, so for any h, G,
// μ_S and every N (no 1/N correction at this order)
//   𝒩(t) = ½ λ² |g|² μ_S(Ĩ†Ĩ),   Ĩ_ab = G_ab ∫_0^t e^{i(E_a − E_b + ω)s} ds  (h's eigenbasis),
// equal to the second-order term of Lemma 1.6 (1.26)–(1.27). With G = σ^x this is (2.9) as printed.
//
// A coherent initial field |α⟩ (not in the seed; derived here, docs/methods/analytic.md "Run files"):
// the Heisenberg equation da/dt = −iωa − i(λ/√N)(g/√2)Σ_j G_j(t) gives
//   a(t) = e^{−iωt}[a − i(λ/√N)(g/√2)∫_0^t e^{iωs} Σ_j G_j(s) ds]   (G_j(s) the full Heisenberg operators),
// and Σ_j ⟨G_j(s)⟩ = N μ_S(G(s)) + √N F(G, s) + O(λ²/√N), with μ_S(G(s)) = 0 under (A0) and F the
// fluctuation (1.29) to first order (fluctuation_observable.hpp). So the spins' fluctuation, not their
// mean, drives the mode coherently:
//   ⟨a(t)⟩ = e^{−iωt}[α − iλ(g/√2) D(t)] + O(λ³),   D(t) = ∫_0^t e^{iωs} F(G, s) ds,
//   𝒩(t) = |α|² + 2 Re[ᾱ(e^{iωt}⟨a(t)⟩ − α)] + ½λ²|g|² μ_S(Ĩ†Ĩ) + O(λ³),
// exact in N at order λ² (only the first-order change of G_j by its own coupling enters, k = j). In h's
// eigenbasis, with ν_ab = E_a − E_b, β₊ = gᾱ, β₋ = ḡα and J(x, y) = ∫_0^t ds e^{ixs} ∫_0^s e^{iyu} du,
//   D(t) = (iλ/√2) Σ_abc G_ab Σ_± β_± [G_bc ρ_ca J(ω + ν_bc, ν_ab ± ω) − ρ_bc G_ca J(ω + ν_ca, ν_ab ± ω)],
// J evaluated as the (0, 2) entry of exp(t [[0, 1, 0], [0, ix, 1], [0, 0, i(x + y)]]) (no 1/y cancellation at
// resonances).
#pragma once

#include "openspins/method/analytic/mean_field_mode_model.hpp"

namespace openspins::analytic {

// ½λ²|g|² μ_S(Ĩ†Ĩ): any d-level h, G, μ_S; the mode must start in the vacuum (alpha = 0,
// otherwise ModelError: the seed's (2.9) is for μ_R = |Ω⟩⟨Ω|).
[[nodiscard]] double mode_excitation_second_order(const MeanFieldModeModel& model, double t);

// ½λ²|g|² μ_S(Ĩ†Ĩ) whatever α: the photons the spins emit at order λ² (the vacuum's 𝒩(t)).
[[nodiscard]] double spin_emission_second_order(const MeanFieldModeModel& model, double t);

// D(t) = ∫_0^t e^{iωs} F(G, s) ds in closed form (above).
[[nodiscard]] std::complex<double> fluctuation_drive_integral(const MeanFieldModeModel& model, double t);

// ⟨a(t)⟩ = e^{−iωt}[α − iλ(g/√2) D(t)] to order λ² (any α; 0 for the vacuum).
[[nodiscard]] std::complex<double> mode_field_second_order(const MeanFieldModeModel& model, double t);

// 𝒩(t) to order λ² for a coherent (or vacuum) initial field: |α|² + the drive's cross term + emission.
[[nodiscard]] double mode_excitation_coherent_second_order(const MeanFieldModeModel& model, double t);

// (2.9) as printed, one mode: λ²|g|²[p K(ω₀ − ω) + (1 − p) K(ω₀ + ω)], K(ν) = (1 − cos νt)/ν².
[[nodiscard]] double mode_excitation_dicke_2_9(double p_up, double omega0, double omega, std::complex<double> g,
                                               double lambda, double t);

// The seed's window for (2.9): |t| < (2|λ|‖g‖)⁻¹ (infinite at λ = 0).
[[nodiscard]] double second_order_window(double lambda, std::complex<double> g);

}  // namespace openspins::analytic
