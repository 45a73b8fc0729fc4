// The analytic method on a run file with a bosonic mode ([cavity]): seed 004's (Merkli & Rafiyi)
// large-N formulas for N spins ½ and one mode, evaluated at the output times.
//
// Accepted model, seed 004 eq. (1.2) with one mode (the mapping of docs/methods/analytic.md):
//   H = ω₀ Jz + ω a†a + c (a† + a)·S, S = Jx (Dicke form, G = σ^x) or Jz (energy conserving, G = σ^z),
// with c complex allowed as c a†S + c̄ aS. Since Jα = ½Σσ^α, c a†S = (c/2)Σ G_j a† = (λ/√N)(g/√2)Σ G_j a†,
// so λ = |c|√(N/2) and g = c/|c| (‖g‖ = 1); ω₀ is h = (ω₀/2)σ^z. The spins start in an identical
// product state (product with equal Bloch vectors, all_up, all_down, thermal of ω₀Jz) — μ_S — and
// the mode in the vacuum or a coherent state |α⟩. No channels, mode loss, baths, pulses or
// protocol scaling (the formulas are for constant λ); the odd-moment condition (A0) must hold
// (odd_moment_residual ≤ 1e-10 over the run).
//
// Columns (the dicke method's names): spin observables whose collective form is c·Jα (Jx, Jy, Jz,
// Sα_i averaged) from (1.28), ⟨c·Jα⟩ = c (N/2) μ_S(σ^α(t)) (the N → ∞ limit of the intensive
// average, scaled back to N spins); trace = 1; then the mode:
//   G = σ^z: `photons` = (2.18) corrected, exact at every N; a_re/a_im, x/x_var and the Fock
//            columns from the single-oscillator picture (1.25) corrected (energy_conserving_mode.hpp).
//   G = σ^x: `photons` = (2.9) for one mode, and ⟨a⟩, both to order λ² (mode_excitation_second_order.hpp:
//            in the vacuum ⟨a⟩ = 0 exactly — the parity e^{iπ(a†a + Jz + N/2)} commutes with H and ρ(0)
//            under (A0); a coherent field adds |α|² and the drive by the spins' fluctuation, derived there,
//            not in the seed); x, x_var and Fock columns are refused (no formula).
// Method-only columns fluctuation_x|y|z (symmetric_forms.hpp): Re fluctuation_first_order(model, σ^α, t),
// seed 004's (1.29) to first order in λ, the N → ∞ limit of √N(⟨σ^α⟩ per spin − μ_S(σ^α(t))), after the
// spin columns and before the mode's.
// Anything else is refused with `analytic_mode_model` naming it, (A0) failing with
// `analytic_mode_odd_moment`.
#pragma once

#include "openspins/method/method.hpp"

namespace openspins::analytic {

// Throws ModelError (located by the caller at [method] name) when the model is not of seed 004's form.
void validate_seed004_run(const RunSpec& spec);
RunResult run_seed004(const RunSpec& spec, const RunControl& control);

}  // namespace openspins::analytic
