// Method "analytic": the exact solution of the pure-dephasing model (seed 000's exactly
// solvable case λ = μ = 0, eqs. 2.35–2.37), generalised to N spins, several baths and
// correlated local copies.
//
// Model: H = H_S + Σ_baths H_B + Σ_k A_k ⊗ B_k with H_S and every A_k diagonal in the z
// basis (zeeman, zz, custom functions of S^z_i; couplings of kind "conserving"/"Sz" or
// diagonal operator expressions), baths Gaussian (bosonic fields φ(h) in their thermal
// states, uncorrelated with the spins at t = 0), optional Lindblad channels with diagonal
// jumps. Then, for basis states a, b,
//   ρ_ab(t) = ρ_ab(0) e^{−i(E_a − E_b)t} exp(−Σ_k w_k[(A_a − A_b)² Re G(t) + i(A_a² − A_b²) Im G(t)]) · (channels)
// (dephasing_factors.hpp), with G(t) = Γ(t) + iS(t) of the bath by GSL quadrature
// (decoherence_function.hpp). For one spin coupled through ϰS^z, (A_a − A_b)² = ϰ² and the
// coherence decays as e^{−ϰ²Γ(t)}; for a collective bath A = Σ ϰ_n S^z_n, A_a − A_b is the
// difference of Σ ϰ_n s_n between the two configurations and A_a² − A_b² gives the
// spin–spin phases of (2.35) (with the sign of the derivation, docs/methods/redfield.md).
//
// Conventions (docs/conventions.md): ħ = k_B = 1; γ(ω) = ∫dt e^{iωt}⟨B(t)B⟩ with ω the energy
// the system loses; for the `bose` treatment γ(ω) = J(ω)(1 + n(ω)), so J is seed 000's
// J_h = πω²∫|h|²dΣ of φ(h) = 2^{−1/2}∫(h a* + h̄ a), and a coupling g S^z ⊗ B has rate g²J.
// The thermal treatment ([method] thermal) selects γ: the result is exact for a Gaussian
// bath with that spectrum (classical: real Gaussian noise, no phase).
//
// Pulses: π rotations about axes in the xy plane (flip_pulse.hpp) map z-basis states to z-basis
// states, so elements stay separate; the bath's memory across them is kept exactly (each element's
// history of A values, dephasing_factors.hpp: Hahn echoes, CPMG trains). Other pulses would mix
// elements after the bath has correlated with the spins and are refused.
// Refused (with the offending term named): non-diagonal Hamiltonian terms, couplings or jumps,
// non-flip pulses, and steady states (pure dephasing has many). Protocol steps may scale
// Hamiltonian terms and channels; couplings stay on. Cost per output time: G at the pulse-time
// differences per bath (a few adaptive quadratures each, cached) and one pass over the stored
// elements (C(2N, N), or 4^N with pulses or coherent initial states) × (pulses + 1)².
#pragma once

#include "openspins/method/method.hpp"

namespace openspins {

class AnalyticMethod final : public Method {
public:
    [[nodiscard]] std::string name() const override { return "analytic"; }
    // With a [cavity]: seed 004's formulas (seed004_run.hpp), which read collective forms only.
    [[nodiscard]] bool reads_spin_operators_with_mode() const override { return false; }
    void validate(const RunSpec& spec) const override;
    [[nodiscard]] std::size_t memory_estimate(const RunSpec& spec) const override;
    [[nodiscard]] std::string storage_description(const RunSpec& spec) const override;
    RunResult run(const RunSpec& spec, const RunControl& control) const override;
};

}  // namespace openspins
