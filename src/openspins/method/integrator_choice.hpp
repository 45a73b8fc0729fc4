// The integrator a run uses when its file says `integrator = "auto"` (the default):
// "bdf" when the model is stiff over its evolve steps, "adams" otherwise. A name given
// in the run file ("adams", "bdf") always wins. The rule reads only the RunSpec, so a
// resumed run makes the same choice as the run it resumes.
//
// Per evolve step s of length Δt_s (the integrator restarts at every step, so a step is
// the longest stretch it can integrate in one go), with the step's scale factors applied:
//   λ_s  fastest decay rate of the generator, from the channel rates:
//          emission, absorption        Σ_i γ_i               (all spins excited: N γ)
//          dephasing                   2 Σ_i γ_i             (coherences decay at 2γ per spin)
//          collective_emission/abs.    Γ (n/2 + ½)²          (max over m of (j+m)(j−m+1), j = n/2)
//          collective_dephasing        Γ n²/2                (coherence between m = ±n/2)
//          any other jump L (custom,   γ ‖L‖²,  ‖L‖ ≤ Σ_monomials |c|  (matrix units have norm 1);
//          derived from baths)         a collective polynomial by ‖J±,Jα‖ ≤ n/2 + ½, ‖J²‖ ≤ (n/2+½)²
//          cavity κ D[a]               κ n_max               (the top Fock level decays at κ n_max)
//   ω_s  fastest oscillation the solution must resolve: Σ_terms |strength| ‖H_term‖ (same
//        norm bounds) + cavity |δ| + g √N (the collective vacuum Rabi frequency).
// Adams (fixed-point iteration) is stable only for h λ below about 1/3, so it needs about
// n_stab = 3 Σ_s λ_s Δt_s steps whatever the tolerance; accuracy alone needs about
// n_acc = Σ_s (a0 + a1 ω_s Δt_s + a2 ln(1 + λ_s Δt_s)) + a3 min(restarts, outputs) steps (a
// start-up per step and a shorter one per restart of the protocol walk, in up to `restarts`
// bins of the duration; a number per radian of oscillation; a few per e-fold of decaying
// transients).
// The stiffness number σ = n_stab / n_acc says how many times more steps stability costs
// Adams than accuracy; BDF's steps cost more right-hand sides each (Newton + GMRES) and it
// needs more of them where accuracy binds, so it pays once σ exceeds a threshold
// (integrator_choice.cpp: the constants and how they were measured).
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "openspins/model/protocol.hpp"
#include "openspins/model/run_spec.hpp"

namespace openspins {

struct IntegratorChoice {
    std::string name;        // "adams" or "bdf"
    bool automatic = false;  // false: named in the run file
    std::string forced_by;   // automatic but not by stiffness (e.g. max_order above BDF's 5), else empty
    double stiffness = 0.0;  // σ = n_stab / n_acc
    double threshold = 0.0;  // "bdf" when σ ≥ threshold
    // The evolve step with the largest λ Δt (the stiffest stretch), for the explanation.
    std::string stiffest_step;
    double fastest_decay = 0.0;  // λ of that step
    double step_length = 0.0;    // its Δt
    // Rough counts for the run-time estimate: right-hand-side evaluations of the chosen integrator.
    double estimated_rhs = 0.0;
    std::size_t estimated_steps = 0;  // evolve steps the estimate covers (the integrator's)
};

// True for the evolve steps the integrator takes (a method may propagate some otherwise,
// e.g. dicke's rational propagator); empty: all of them.
using IntegratedStep = std::function<bool(const Evolve&)>;

IntegratorChoice choose_integrator(const RunSpec& spec, const IntegratedStep& integrated = {});

// spec.solver with `integrator` replaced by the choice's name.
SolverOptions with_integrator(const SolverOptions& solver, const IntegratorChoice& choice);

// One line for the run's notes and `openspins check`: what was chosen and why.
std::string explain(const IntegratorChoice& choice);

// A rough wall-time estimate in seconds: the estimated right-hand-side evaluations times a
// cost per evaluation proportional to the method's memory estimate (calibrated on this
// project's examples; docs/config.md gives the comparison with measured times).
double rough_run_seconds(const IntegratorChoice& choice, std::size_t memory_bytes);

}  // namespace openspins
