#include "openspins/method/exact/exact_method.hpp"

#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>

#include "openspins/errors.hpp"
#include "openspins/integrate/gmres_solver.hpp"
#include "openspins/method/checkpoint.hpp"
#include "openspins/integrate/ode_integrator.hpp"
#include "openspins/method/exact/hermitian_packing.hpp"
#include "openspins/method/exact/initial_density.hpp"
#include "openspins/method/exact/lindblad_generator.hpp"
#include "openspins/method/exact/observable_evaluator.hpp"
#include "openspins/method/exact/pulse_rotation.hpp"

namespace openspins {

namespace {

using exact::BlockLayout;
using exact::LindbladGenerator;
using exact::SectorBasis;
using Clock = std::chrono::steady_clock;

constexpr int max_spins = 16;  // 4^16 complex numbers is beyond any machine this targets

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::size_t available_memory_bytes() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    std::size_t kib = 0;
    std::string unit;
    while (meminfo >> key >> kib >> unit)
        if (key == "MemAvailable:") return kib * 1024;
    return std::size_t{8} << 30;
}

// Binomial C(2N, N) without overflow for N ≤ 16.
std::size_t zero_quantum_size(int n) {
    std::size_t c = 1;
    for (int k = 1; k <= n; ++k) c = c * static_cast<std::size_t>(n + k) / static_cast<std::size_t>(k);
    return c;
}

std::string format_gib(std::size_t bytes) {
    std::ostringstream s;
    s.precision(3);
    s << static_cast<double>(bytes) / static_cast<double>(std::size_t{1} << 30) << " GiB";
    return s.str();
}

}  // namespace

bool ExactMethod::uses_zero_quantum_storage(const RunSpec& spec) {
    const Model& model = spec.model;
    const int n = model.spins.size();
    if (spec.solver.storage == "full" || !exact::initial_is_zero_quantum(model)) return false;
    for (const auto& step : spec.protocol.steps) {
        if (const auto* e = std::get_if<Evolve>(&step.action)) {
            if (!exact::conserves_coherence_order(model.hamiltonian_operator(e->scale), model.jumps(e->scale)))
                return false;
        } else if (!exact::preserves_zero_quantum(std::get<Pulse>(step.action), n)) {
            return false;
        }
    }
    if (spec.steady_state && !exact::conserves_coherence_order(model.hamiltonian_operator(), model.jumps()))
        return false;
    return true;
}

std::string ExactMethod::storage_description(const RunSpec& spec) const {
    return uses_zero_quantum_storage(spec) ? "zero-quantum blocks (coherence order 0), Hermitian half"
                                           : "full density matrix (all coherence orders), Hermitian half";
}

std::size_t ExactMethod::memory_estimate(const RunSpec& spec) const {
    const int n = spec.model.spins.size();
    const std::size_t dim = std::size_t{1} << n;
    const bool zq = uses_zero_quantum_storage(spec);
    const std::size_t elements = zq ? zero_quantum_size(n) : dim * dim;
    // Integrator vectors hold the Hermitian half (one real per element); ρ, two
    // scratch copies and the generator's Z and Y are complex.
    const std::size_t real_vectors = OdeIntegrator::vectors_needed(spec.solver.integrator) +
                                     (spec.steady_state ? 85 : 0);  // GMRES Krylov basis
    std::size_t bytes = real_vectors * elements * sizeof(double) + 5 * elements * sizeof(complex);
    bool dense_needed = false;
    for (const auto& step : spec.protocol.steps) dense_needed |= std::holds_alternative<Pulse>(step.action);
    dense_needed |= spec.model.initial.kind == InitialState::Kind::file;
    if (dense_needed) bytes += 2 * dim * dim * sizeof(complex);
    if (spec.model.initial.kind == InitialState::Kind::thermal && !zq) bytes += 4 * dim * dim * sizeof(complex);
    // Monomial index tables: a few per spin pair for the largest operators.
    bytes += static_cast<std::size_t>(n * n + 8 * n) * dim * sizeof(exact::IndexPair);
    return bytes;
}

void ExactMethod::validate(const RunSpec& spec) const {
    const int n = spec.model.spins.size();
    if (n < 1) throw ModelError("the model has no spins (N ≥ 1 required)");
    if (n > max_spins)
        throw ResourceError("N = " + std::to_string(n) + " spins is beyond the exact method (at most " +
                            std::to_string(max_spins) + "; use a permutation-symmetric or cumulant method)");
    const auto check_op = [&](const SpinOperator& op, const std::string& what) {
        if (op.highest_spin() >= n)
            throw ModelError(what + " acts on spin " + std::to_string(op.highest_spin()) + " but N = " +
                             std::to_string(n));
    };
    for (const auto& t : spec.model.hamiltonian) check_op(t.op, "Hamiltonian term '" + t.name + "'");
    for (const auto& c : spec.model.channels)
        for (const auto& j : c.jumps) {
            check_op(j.op, "channel '" + c.name + "'");
            // Bloch–Redfield written in Lindblad form has a negative-rate channel, and seed 003's
            // inhomogeneous forms a source channel with signed rates (method/redfield/).
            const bool may_be_negative = c.kind == "bath_bloch_redfield" || c.kind == "bath_source";
            if (!(j.rate >= 0.0 || may_be_negative) || !std::isfinite(j.rate))
                throw ModelError("channel '" + c.name + "' has rate " + std::to_string(j.rate) + " (must be ≥ 0)");
        }
    for (const auto& o : spec.observables) check_op(o.op, "observable '" + o.name + "'");
    if (spec.model.initial.kind == InitialState::Kind::product &&
        spec.model.initial.bloch.size() != static_cast<std::size_t>(n))
        throw ModelError("product initial state needs one Bloch vector per spin");
    for (const auto& step : spec.protocol.steps)
        if (const auto* p = std::get_if<Pulse>(&step.action))
            for (int s : p->spins)
                if (s < 0 || s >= n) throw ModelError("pulse on spin " + std::to_string(s) + " but N = " + std::to_string(n));
    if (spec.protocol.steps.empty()) throw ModelError("the protocol has no steps");
    const std::size_t needed = memory_estimate(spec);
    const std::size_t limit = spec.solver.memory_limit_bytes ? spec.solver.memory_limit_bytes : available_memory_bytes();
    if (needed > limit)
        throw ResourceError("N = " + std::to_string(n) + " needs about " + format_gib(needed) + " (" +
                            (uses_zero_quantum_storage(spec) ? "zero-quantum blocks" : "full density matrix") +
                            ") but only " + format_gib(limit) + " is available");
}

namespace {

// Solve L(x) + Tr(x)·E = E with E = 1/D on the packed Hermitian state: the unique
// solution is the unit-trace steady state whenever L has a one-dimensional kernel.
std::vector<complex> steady_state(const LindbladGenerator& generator, const exact::HermitianPacking& packing,
                                  const SectorBasis& basis, const BlockLayout& layout,
                                  const exact::ObservableEvaluator& evaluator, double tolerance,
                                  std::map<std::string, std::string>& notes) {
    const double e = 1.0 / static_cast<double>(basis.dimension());
    std::vector<complex> identity(layout.size(), 0.0), x(layout.size()), y(layout.size());
    for (int a = 0; a < basis.sectors(); ++a) {
        const auto* blk = layout.block(a, a);
        for (std::size_t i = 0; i < blk->rows; ++i) identity[blk->offset + i * blk->cols + i] = e;
    }
    std::vector<double> rhs(packing.size()), solution(packing.size());
    packing.pack(identity.data(), rhs.data());
    const auto apply = [&](const double* in, double* out) {
        packing.unpack(in, x.data());
        generator.apply(x.data(), y.data());
        const double tr = evaluator.trace(x.data());
        for (std::size_t k = 0; k < layout.size(); ++k) y[k] += tr * identity[k];
        packing.pack(y.data(), out);
    };
    const double rhs_norm = std::sqrt(static_cast<double>(basis.dimension())) * e;
    const auto gmres = solve_gmres(packing.size(), apply, rhs.data(), solution.data(), tolerance * rhs_norm, 80, 200);
    if (!gmres.converged)
        throw NumericalError("steady state: GMRES did not converge (residual " + std::to_string(gmres.residual_norm) +
                             " after " + std::to_string(gmres.iterations) +
                             " iterations); the generator may have several steady states");
    notes["steady_state_gmres_iterations"] = std::to_string(gmres.iterations);
    notes["steady_state_residual"] = std::to_string(gmres.residual_norm);
    packing.unpack(solution.data(), x.data());
    return x;
}

}  // namespace

RunResult ExactMethod::run(const RunSpec& spec, const RunControl& control) const {
    validate(spec);
    const auto start = Clock::now();
    const Model& model = spec.model;
    const SectorBasis basis(model.spins.size());
    const bool zq = uses_zero_quantum_storage(spec);
    const BlockLayout layout = zq ? BlockLayout::zero_quantum(basis) : BlockLayout::all_orders(basis);
    const exact::HermitianPacking packing(layout);
    // rho: the full layout (complex), y: the integrator's packed Hermitian state.
    std::vector<complex> rho = exact::initial_density(model, basis, layout);
    std::vector<complex> rho_scratch(layout.size()), out_scratch(layout.size());
    std::vector<double> y(packing.size());
    packing.pack(rho.data(), y.data());
    const exact::ObservableEvaluator evaluator(basis, layout, spec.observables);

    RunResult result;
    result.method = name();
    result.series.columns = evaluator.columns();
    result.stats.state_size = packing.size();
    result.stats.storage = layout.description() + ", Hermitian half";
    result.stats.peak_memory_estimate = memory_estimate(spec);

    const LindbladGenerator* generator = nullptr;
    double rhs_seconds = 0.0;
    long rhs_calls = 0;
    const auto rhs = [&](double, const double* in, double* out) {
        const auto t0 = Clock::now();
        packing.unpack(in, rho_scratch.data());
        generator->apply(rho_scratch.data(), out_scratch.data());
        packing.pack(out_scratch.data(), out);
        rhs_seconds += seconds_since(t0);
        ++rhs_calls;
    };
    const auto integrator = make_integrator(packing.size(), rhs, spec.solver, true);

    const double total = spec.protocol.total_duration();
    const double eps = 1e-12 * std::max(1.0, total);
    const auto& times = spec.output_times;
    std::size_t next = 0;
    const auto record = [&](double t, int step) {
        packing.unpack(y.data(), rho.data());
        const double tr = evaluator.trace(rho.data());
        if (!std::isfinite(tr) || std::abs(tr - 1.0) > spec.solver.trace_tolerance)
            throw NumericalError("trace of ρ drifted to " + std::to_string(tr) + " at t = " + std::to_string(t) +
                                 " (tolerance " + std::to_string(spec.solver.trace_tolerance) +
                                 "); tighten rtol/atol or try integrator = \"bdf\"");
        auto row = evaluator.evaluate(rho.data());
        for (double v : row)
            if (!std::isfinite(v)) throw NumericalError("non-finite observable at t = " + std::to_string(t));
        result.series.add_row(t, step, std::move(row));
    };

    // Resume from a checkpoint of this very run, if one exists.
    double t = 0.0;
    std::size_t first_step = 0;
    bool resumed = false;
    if (!control.checkpoint_path.empty()) {
        if (auto c = read_checkpoint(control.checkpoint_path, control.fingerprint)) {
            if (c->state.size() != y.size() || c->series.columns != result.series.columns)
                throw ModelError(control.checkpoint_path + ": checkpoint does not match this run");
            y = std::move(c->state);
            t = c->time;
            first_step = c->step;
            next = c->next_output;
            result.series = std::move(c->series);
            resumed = true;
            result.notes["resumed_at_time"] = std::to_string(t);
        }
    }
    auto last_checkpoint = Clock::now();
    const auto checkpoint = [&](std::size_t step) {
        if (control.checkpoint_path.empty() || seconds_since(last_checkpoint) < control.checkpoint_seconds) return;
        write_checkpoint(control.checkpoint_path, {control.fingerprint, step, t, next, result.series, y});
        last_checkpoint = Clock::now();
    };

    std::vector<double> step_start(spec.protocol.steps.size() + 1, 0.0);
    for (std::size_t k = 0; k < spec.protocol.steps.size(); ++k) {
        const auto* e = std::get_if<Evolve>(&spec.protocol.steps[k].action);
        step_start[k + 1] = step_start[k] + (e != nullptr ? e->duration : 0.0);
    }

    std::unique_ptr<LindbladGenerator> current;
    std::map<std::string, double> last_scale;
    for (std::size_t k = first_step; k < spec.protocol.steps.size(); ++k) {
        const int step = static_cast<int>(k);
        const bool resuming_here = resumed && k == first_step;
        const auto& action = spec.protocol.steps[k].action;
        if (const auto* pulse = std::get_if<Pulse>(&action)) {
            if (spec.record_step_boundaries) record(t, step - 1);
            packing.unpack(y.data(), rho.data());
            exact::apply_pulse(*pulse, basis, layout, rho.data());
            packing.pack(rho.data(), y.data());
            if (spec.record_step_boundaries) record(t, step);
            continue;
        }
        const auto& evolve = std::get<Evolve>(action);
        const double t_end = step_start[k + 1];
        current = std::make_unique<LindbladGenerator>(basis, layout, model.hamiltonian_operator(evolve.scale),
                                                      model.jumps(evolve.scale));
        generator = current.get();
        last_scale = evolve.scale;
        if (spec.record_step_boundaries && !resuming_here) record(t, step);
        integrator->reset(t, y.data(), t_end);
        // Outputs at t_end belong to this step only if nothing follows it (a pulse
        // at t_end must act before they are recorded).
        const bool last_step = k + 1 == spec.protocol.steps.size();
        while (next < times.size() && (times[next] < t_end - eps || (last_step && times[next] <= t_end + eps))) {
            const double tau = std::min(times[next], t_end);
            ++next;
            if (tau >= t - eps) {
                integrator->advance(tau, y.data());
                t = std::max(t, tau);
                record(tau, step);
                checkpoint(k);
            }
            if (control.progress) control.progress(total > 0 ? tau / total : 1.0);
        }
        integrator->advance(t_end, y.data());
        t = t_end;
        if (spec.record_step_boundaries && !last_step) record(t, step);
    }
    // Output times at the very end after trailing pulses, or a protocol without evolution.
    while (next < times.size()) record(times[next++], static_cast<int>(spec.protocol.steps.size()) - 1);

    if (spec.steady_state) {
        const LindbladGenerator steady_generator(basis, layout, model.hamiltonian_operator(last_scale),
                                                 model.jumps(last_scale));
        const auto steady = steady_state(steady_generator, packing, basis, layout, evaluator,
                                         spec.solver.steady_state_tolerance, result.notes);
        result.steady_state = evaluator.evaluate(steady.data());
    }

    const auto stats = integrator->statistics();
    result.stats.rhs_evaluations = stats.rhs_evaluations;
    result.stats.steps = stats.steps;
    result.stats.failed_steps = stats.failed_steps;
    result.stats.wall_seconds = seconds_since(start);
    result.notes["integrator"] = spec.solver.integrator;
    result.notes["rhs_seconds"] = std::to_string(rhs_seconds);
    result.notes["rhs_calls"] = std::to_string(rhs_calls);
    // Per right-hand side: the generator's streamed bytes plus unpacking (read the
    // packed reals, write ρ) and packing (read dρ/dt, write the packed reals).
    const std::size_t packing_bytes = 2 * (packing.size() * sizeof(double) + layout.size() * sizeof(complex));
    if (current) result.notes["rhs_streamed_bytes"] = std::to_string(current->streamed_bytes() + packing_bytes);
    result.notes["stored_complex_elements"] = std::to_string(layout.size());
    result.notes["integrated_reals"] = std::to_string(packing.size());
    if (control.progress) control.progress(1.0);
    return result;
}

}  // namespace openspins
