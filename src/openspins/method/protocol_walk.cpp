#include "openspins/method/protocol_walk.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/ode_integrator.hpp"
#include "openspins/interrupt.hpp"
#include "openspins/number_text.hpp"
#include "openspins/method/checkpoint.hpp"
#include "openspins/method/stopwatch.hpp"

namespace openspins {

void check_recorded_state(double t, double trace, double trace_tolerance, const std::vector<double>& row) {
    if (!std::isfinite(trace) || std::abs(trace - 1.0) > trace_tolerance)
        throw NumericalError(messages::trace_drift(trace, t, trace_tolerance));
    for (double v : row)
        if (!std::isfinite(v)) throw NumericalError(messages::non_finite_observable(t));
}

void restore_state_vector(std::vector<double>& y, std::vector<double> state) {
    if (state.size() != y.size()) throw ModelError(messages::checkpoint_state_size());
    y = std::move(state);
}

void record_integration(const OdeIntegrator& integrator, const std::string& name, double rhs_seconds, long rhs_calls,
                        RunResult& result) {
    const auto stats = integrator.statistics();
    result.stats.rhs_evaluations = stats.rhs_evaluations;
    result.stats.steps = stats.steps;
    result.stats.failed_steps = stats.failed_steps;
    result.notes["integrator"] = name;
    result.notes["rhs_seconds"] = std::to_string(rhs_seconds);
    result.notes["rhs_calls"] = std::to_string(rhs_calls);
}

namespace {

// Which of `bins` equal bins of [0, total] the time falls in.
int restart_bin(double t, double total, int bins) {
    if (!(total > 0.0)) return 0;
    return static_cast<int>(std::floor(t / total * bins));
}

}  // namespace

std::function<bool(double before, double at)> restart_rule(const RunSpec& spec) {
    const double total = spec.protocol.total_duration();
    const int bins = spec.solver.restarts;
    return [total, bins](double before, double at) {
        return bins > 0 && restart_bin(at, total, bins) > restart_bin(before, total, bins);
    };
}

std::map<std::string, double> walk_protocol(const RunSpec& spec, const RunControl& control, SteppedState& state,
                                            RunResult& result) {
    const auto& steps = spec.protocol.steps;
    const auto& times = spec.output_times;
    const double total = spec.protocol.total_duration();
    const double eps = 1e-12 * std::max(1.0, total);
    double t = 0.0;
    std::size_t next = 0;
    const auto record = [&](double at, int step) { result.series.add_row(at, step, state.observe(at)); };

    // Resume from a checkpoint of this very run, if one exists.
    std::size_t first_step = 0;
    bool resumed = false;
    if (!control.checkpoint_path.empty()) {
        if (auto c = read_checkpoint(control.checkpoint_path, control.fingerprint)) {
            if (c->series.columns != result.series.columns || c->step >= steps.size() ||
                !std::holds_alternative<Evolve>(steps[c->step].action) || c->next_output > times.size())
                throw ModelError(messages::checkpoint_corrupt(control.checkpoint_path, "does not fit this protocol"));
            state.restore(std::move(c->state));
            t = c->time;
            first_step = c->step;
            next = c->next_output;
            result.series = std::move(c->series);
            resumed = true;
            result.notes["resumed_at_time"] = number_text("%.17g", t);
        }
    }
    auto last_checkpoint = Clock::now();
    // Only at restart points, where the uninterrupted run restarts too (see the header).
    const auto checkpoint = [&](std::size_t step) {
        if (control.checkpoint_path.empty() || seconds_since(last_checkpoint) < control.checkpoint_seconds) return;
        write_checkpoint(control.checkpoint_path, {control.fingerprint, step, t, next, result.series, state.save()});
        last_checkpoint = Clock::now();
    };

    std::vector<double> step_start(steps.size() + 1, 0.0);
    for (std::size_t k = 0; k < steps.size(); ++k) {
        const auto* e = std::get_if<Evolve>(&steps[k].action);
        step_start[k + 1] = step_start[k] + (e != nullptr ? e->duration : 0.0);
    }

    std::map<std::string, double> last_scale;
    for (std::size_t k = first_step; k < steps.size(); ++k) {
        const int step = static_cast<int>(k);
        const bool resuming_here = resumed && k == first_step;
        if (const auto* pulse = std::get_if<Pulse>(&steps[k].action)) {
            if (spec.record_step_boundaries) record(t, step - 1);
            state.apply_pulse(*pulse);
            if (spec.record_step_boundaries) record(t, step);
            continue;
        }
        const auto& evolve = std::get<Evolve>(steps[k].action);
        const double t_end = step_start[k + 1];
        last_scale = evolve.scale;
        state.start_evolution(evolve, t, t_end);
        if (spec.record_step_boundaries && !resuming_here) record(t, step);
        if (!resuming_here) checkpoint(k);
        // Outputs at t_end belong to this step only if nothing follows it (a pulse at
        // t_end must act before they are recorded).
        const bool last_step = k + 1 == steps.size();
        while (next < times.size() && (times[next] < t_end - eps || (last_step && times[next] <= t_end + eps))) {
            const double tau = std::min(times[next], t_end);
            const bool restart_here =
                spec.solver.restarts > 0 && tau > t + eps && tau < t_end - eps &&
                (next == 0 || restart_bin(tau, total, spec.solver.restarts) >
                                  restart_bin(times[next - 1], total, spec.solver.restarts));
            ++next;
            if (tau >= t - eps) {
                // An output on the step's start (within rounding) needs no integration;
                // CVODE refuses a target that close to its starting point.
                if (tau > t + eps) state.advance(tau);
                t = std::max(t, tau);
                record(tau, step);
                if (restart_here) {
                    state.restart(evolve, t, t_end);
                    checkpoint(k);
                }
            }
            if (control.progress) control.progress(total > 0 ? tau / total : 1.0);
            throw_if_interrupted();
        }
        state.advance(t_end);
        t = t_end;
        if (spec.record_step_boundaries && !last_step) record(t, step);
        throw_if_interrupted();
    }
    // Output times at the very end after trailing pulses, or a protocol without evolution.
    while (next < times.size()) record(times[next++], static_cast<int>(steps.size()) - 1);
    if (control.progress) control.progress(1.0);
    return last_scale;
}

}  // namespace openspins
