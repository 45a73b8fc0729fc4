// The protocol walk shared by every time-stepping method: pulses, evolution steps,
// output rows at the requested times (and at step boundaries when asked), progress,
// checkpoints and resumption. A method supplies only what depends on its storage.
//
// Output-time rule: an output at time τ shows the state after everything that
// happens at τ — pulses at τ act before the row is recorded; an evolution step
// [t0, t1) owns the outputs τ ∈ [t0, t1), the last step also τ = t1.
//
// Restart points: the integrator restarts (a fresh multistep history) at the start
// of every evolution step and at the first output time inside each of
// SolverOptions::restarts equal bins of the protocol's duration — points fixed in
// simulated time by the run file alone. Checkpoints are written only there (at most every
// checkpoint_seconds of wall time), and a resumed run restarts where the
// uninterrupted one restarted: its rows are the same bit for bit.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "openspins/method/method.hpp"

namespace openspins {

class OdeIntegrator;

class SteppedState {
public:
    virtual ~SteppedState() = default;
    virtual void apply_pulse(const Pulse& pulse) = 0;
    // A new evolution step on [t0, t_end]: build its generator, restart the integrator.
    virtual void start_evolution(const Evolve& evolve, double t0, double t_end) = 0;
    // A restart point inside the current step: the state must continue exactly as
    // start_evolution(evolve, t0, t_end) on the saved state would (what a resumed
    // run does), counting the same protocol step. By default it is that call.
    virtual void restart(const Evolve& evolve, double t0, double t_end) { start_evolution(evolve, t0, t_end); }
    // Integrate to t ≤ t_end of the current step.
    virtual void advance(double t) = 0;
    // The observables now (series column order); throws NumericalError for a state
    // that left its physical bounds.
    virtual std::vector<double> observe(double t) = 0;
    // The integrated state, for checkpoints.
    [[nodiscard]] virtual std::vector<double> save() const = 0;
    virtual void restore(std::vector<double> state) = 0;
};

// SteppedState::restore for a state kept as one vector: the checkpoint must have its size.
void restore_state_vector(std::vector<double>& y, std::vector<double> state);

// The integrator's step and right-hand-side counts into result.stats, and the notes
// "integrator", "rhs_seconds" and "rhs_calls" (the method's own timing of its generator).
void record_integration(const OdeIntegrator& integrator, const std::string& name, double rhs_seconds, long rhs_calls,
                        RunResult& result);

// The walk's restart points between consecutive outputs: rule(before, at) is true when output time `at` lies in a
// later restart bin than the previous output `before` (with solver.restarts > 0). A propagator that steps over
// several outputs (integrate/chebyshev_propagator.hpp, RestartRule) must end its steps there, so that a run
// resumed from a checkpoint repeats the uninterrupted arithmetic.
std::function<bool(double before, double at)> restart_rule(const RunSpec& spec);

// Throws NumericalError when a recorded state left its physical bounds: its trace
// drifted from 1 by more than the tolerance, or an observable is not finite.
void check_recorded_state(double t, double trace, double trace_tolerance, const std::vector<double>& row);

// Fills result.series (its columns must be set) and notes; returns the scale of the
// last evolution step (the generator a steady state refers to). Throws Interrupted
// at an output time when a stop was requested (interrupt.hpp); ModelError when the
// checkpoint to resume from does not fit the protocol.
std::map<std::string, double> walk_protocol(const RunSpec& spec, const RunControl& control, SteppedState& state,
                                            RunResult& result);

}  // namespace openspins
