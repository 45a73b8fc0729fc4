// Method "resonance": seed 000's resonance-theory predictions (Merkli, Berman, Redondo) for the
// model (2.1)–(2.3) — N spins with distinct frequencies (or species with small spreads), local
// and collective, energy-exchanging (S^x) and energy-conserving (S^z) couplings to bosonic baths —
// evaluated in closed form: the single-spin states of Theorem 2.1 (resonance_theory.hpp) give every
// observable that is a sum of single-spin operators (Jx, Jy, Jz, sx(j), …) at each output time.
// After the requested observables, per species A three more columns: C_abs[A] = |C_j(N, t)| of its
// first spin (2.25), Gamma[A] = Γ_A(t) = 1/T2,A(t) (3.23) and B[A] = B_A(t) (3.24), with
// d⟨S_A^−⟩/dt = (−Γ_A + iB_A)⟨S_A^−⟩ (docs/methods/resonance.md, D2).
// Same run file as `redfield` ([spins], [hamiltonian] zeeman = "-", [[bath]], [[coupling]],
// [initial], [time]); models outside the form are refused by resonance_model.hpp.
// Accuracy: the theory is second order; it equals the Davies generator with Lamb shift exactly on
// the single-spin marginals when the frequencies are distinct (tests), and differs from
// Bloch–Redfield by the non-secular terms, O(rate/Δ) (docs/validation/seed000_resonance.md).
// Cost per output time: one factor per class of identical other spins, per spin (≤ N²).
#pragma once

#include "openspins/method/method.hpp"

namespace openspins {

class ResonanceMethod final : public Method {
public:
    [[nodiscard]] std::string name() const override { return "resonance"; }
    void validate(const RunSpec& spec) const override;
    [[nodiscard]] std::size_t memory_estimate(const RunSpec& spec) const override;
    [[nodiscard]] std::string storage_description(const RunSpec& spec) const override;
    RunResult run(const RunSpec& spec, const RunControl& control) const override;
};

}  // namespace openspins
