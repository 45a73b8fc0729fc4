#include "openspins/method/analytic/analytic_method.hpp"

#include <chrono>
#include <cmath>
#include <map>
#include <optional>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/analytic/decoherence_function.hpp"
#include "openspins/method/analytic/dephasing_factors.hpp"
#include "openspins/method/analytic/flip_pulse.hpp"
#include "openspins/method/analytic/pure_dephasing_model.hpp"
#include "openspins/method/analytic/seed004_run.hpp"
#include "openspins/method/exact/dense_conversion.hpp"
#include "openspins/method/exact/initial_density.hpp"
#include "openspins/method/exact/observable_evaluator.hpp"
#include "openspins/method/memory_budget.hpp"
#include "openspins/method/protocol_walk.hpp"
#include "openspins/model/initial_state.hpp"
#include "openspins/number_text.hpp"

namespace openspins {

namespace {

using exact::BlockLayout;
using exact::SectorBasis;
using Clock = std::chrono::steady_clock;

constexpr int max_spins = 16;

// Flips move elements between coherence orders: with pulses all orders are stored.
bool zero_quantum_storage(const RunSpec& spec) {
    for (const auto& step : spec.protocol.steps)
        if (std::holds_alternative<Pulse>(step.action)) return false;
    return spec.solver.storage != "full" && exact::initial_is_zero_quantum(spec.model);
}

std::size_t zero_quantum_size(int n) {
    std::size_t c = 1;
    for (int k = 1; k <= n; ++k) c = c * static_cast<std::size_t>(n + k) / static_cast<std::size_t>(k);
    return c;
}

double factor(const std::map<std::string, double>& scale, const std::string& name) {
    const auto it = scale.find(name);
    return it == scale.end() ? 1.0 : it->second;
}

std::string scientific(double x) { return openspins::number_text("%.10e", x); }

// ρ as ρ(0) times the factors of dephasing_factors.hpp; the walk's "integration" only
// accumulates how long each term and channel has been on in each interval between pulses.
class AnalyticState final : public SteppedState {
public:
    AnalyticState(const RunSpec& spec, const SectorBasis& basis, const BlockLayout& layout)
        : spec_(spec), model_(analytic::pure_dephasing_model(spec.model)), factors_(model_, basis, layout),
          rho0_(exact::initial_density(spec.model, basis, layout)), rho_(rho0_.size()),
          evaluator_(basis, layout, spec.observables), intervals_{fresh_interval(0.0)},
          term_scale_(model_.hamiltonian.size(), 1.0), channel_scale_(model_.channels.size(), 1.0),
          g_(spec.model.environment.baths.size(), 0.0), functions_(spec.model.environment.baths.size()),
          g_cache_(spec.model.environment.baths.size()) {
        const auto spectra = spec.model.environment.spectra();
        for (const auto& k : model_.noise) {
            auto& slot = functions_[static_cast<std::size_t>(k.bath)];
            if (!slot) slot.emplace(spectra[static_cast<std::size_t>(k.bath)]);
        }
    }

    void apply_pulse(const Pulse& pulse) override {
        pulses_.push_back(*analytic::flip_pulse(pulse));  // validate admits only flips
        intervals_.push_back(fresh_interval(now_));
    }
    void start_evolution(const Evolve& evolve, double t0, double) override {
        for (std::size_t i = 0; i < term_scale_.size(); ++i)
            term_scale_[i] = factor(evolve.scale, model_.hamiltonian[i].name);
        for (std::size_t i = 0; i < channel_scale_.size(); ++i)
            channel_scale_[i] = factor(evolve.scale, model_.channels[i].name);
        now_ = t0;
    }
    void advance(double t) override {
        const double dt = t - now_;
        auto& current = intervals_.back();
        for (std::size_t i = 0; i < term_scale_.size(); ++i) current.term_times[i] += term_scale_[i] * dt;
        for (std::size_t i = 0; i < channel_scale_.size(); ++i) current.channel_times[i] += channel_scale_[i] * dt;
        now_ = t;
    }
    // ρ(now) into rho_: the closed form is evaluated only when asked.
    void evaluate_density() {
        if (pulses_.empty()) {
            for (std::size_t b = 0; b < functions_.size(); ++b)
                if (functions_[b]) g_[b] = decoherence(b, now_);
            factors_.apply(rho0_, intervals_[0].term_times, intervals_[0].channel_times, g_, rho_);
        } else {
            factors_.apply(rho0_, intervals_, pulses_, kernels(), rho_);
        }
    }
    // ρ at the end of the walk (after trailing pulses), in its block layout.
    [[nodiscard]] const std::vector<complex>& final_density() {
        evaluate_density();
        return rho_;
    }
    std::vector<double> observe(double t) override {
        evaluate_density();
        auto row = evaluator_.evaluate(rho_.data());
        check_recorded_state(t, evaluator_.trace(rho_.data()), spec_.solver.trace_tolerance, row);
        return row;
    }
    // Checkpoint: the time, the number of pulses so far, each interval's start and on-times (the
    // pulses themselves are the protocol's first ones).
    [[nodiscard]] std::vector<double> save() const override {
        std::vector<double> out{now_, static_cast<double>(pulses_.size())};
        for (const auto& interval : intervals_) {
            out.push_back(interval.start);
            out.insert(out.end(), interval.term_times.begin(), interval.term_times.end());
            out.insert(out.end(), interval.channel_times.begin(), interval.channel_times.end());
        }
        return out;
    }
    void restore(std::vector<double> state) override {
        const std::size_t per_interval = 1 + term_scale_.size() + channel_scale_.size();
        if (state.size() < 2 || (state.size() - 2) % per_interval != 0 ||
            (state.size() - 2) / per_interval != static_cast<std::size_t>(state[1]) + 1)
            throw ModelError(messages::checkpoint_state_size());
        now_ = state[0];
        pulses_.clear();
        for (const auto& step : spec_.protocol.steps)
            if (const auto* p = std::get_if<Pulse>(&step.action); p && pulses_.size() < static_cast<std::size_t>(state[1]))
                pulses_.push_back(*analytic::flip_pulse(*p));
        intervals_.clear();
        for (auto it = state.begin() + 2; it != state.end(); it += static_cast<std::ptrdiff_t>(per_interval)) {
            Interval interval = fresh_interval(*it);
            std::copy(it + 1, it + 1 + static_cast<std::ptrdiff_t>(term_scale_.size()), interval.term_times.begin());
            std::copy(it + 1 + static_cast<std::ptrdiff_t>(term_scale_.size()), it + static_cast<std::ptrdiff_t>(per_interval),
                      interval.channel_times.begin());
            intervals_.push_back(std::move(interval));
        }
    }

    [[nodiscard]] const exact::ObservableEvaluator& evaluator() const { return evaluator_; }

    void add_notes(RunResult& result) const {
        const auto& env = spec_.model.environment;
        result.notes["analytic.quadrature_seconds"] = std::to_string(quadrature_seconds_);
        result.notes["analytic.noise_channels"] = std::to_string(model_.noise.size());
        result.notes["analytic.thermal_treatment"] = to_string(env.options.thermal);
        for (std::size_t b = 0; b < functions_.size(); ++b) {
            if (!functions_[b]) continue;
            const auto& bath = env.baths[b];
            result.notes["analytic.bath." + bath.name] = bath.density->describe() + ", T = " +
                                                         std::to_string(bath.temperature) +
                                                         (bath.local ? ", local" : ", shared");
            // The Markovian limits the redfield method uses: d Re G/dt → γ(0)/2, d Im G/dt → S(0).
            std::string rate;
            try {
                rate = scientific(functions_[b]->markov_decay_rate());
            } catch (const ModelError&) {  // e.g. sub-ohmic J at T > 0: Re G grows faster than t
                rate = "infinite (no Markovian limit)";
            }
            result.notes["analytic.bath." + bath.name + ".markov_decay_rate"] = rate;
        }
        result.notes["stored_complex_elements"] = std::to_string(rho_.size());
    }

private:
    using Interval = analytic::Interval;

    [[nodiscard]] Interval fresh_interval(double start) const {
        return {start, std::vector<double>(spec_.model.hamiltonian.size(), 0.0),
                std::vector<double>(spec_.model.channels.size(), 0.0)};
    }

    // G of bath b at τ ≥ 0, remembered: with pulses the same differences of pulse times recur.
    complex decoherence(std::size_t b, double tau) {
        if (tau <= 0.0) return 0.0;
        auto& cache = g_cache_[b];
        if (const auto it = cache.find(tau); it != cache.end()) return it->second;
        const auto start = Clock::now();
        const complex value = (*functions_[b])(tau);
        quadrature_seconds_ += std::chrono::duration<double>(Clock::now() - start).count();
        return cache.emplace(tau, value).first->second;
    }

    // K_ij of dephasing_factors.hpp for every bath with noise channels, boundaries t_0 … t_{m+1}.
    std::vector<std::vector<complex>> kernels() {
        const std::size_t m = pulses_.size();
        std::vector<double> t(m + 2);
        for (std::size_t i = 0; i <= m; ++i) t[i] = intervals_[i].start;
        t[m + 1] = now_;
        std::vector<std::vector<complex>> out(functions_.size());
        for (std::size_t b = 0; b < functions_.size(); ++b) {
            if (!functions_[b]) continue;
            auto& k = out[b];
            k.assign((m + 1) * (m + 1), 0.0);
            for (std::size_t i = 0; i <= m; ++i) {
                k[i * (m + 1) + i] = decoherence(b, t[i + 1] - t[i]);
                for (std::size_t j = 0; j < i; ++j)
                    k[i * (m + 1) + j] = decoherence(b, t[i + 1] - t[j]) - decoherence(b, t[i + 1] - t[j + 1]) -
                                         decoherence(b, t[i] - t[j]) + decoherence(b, t[i] - t[j + 1]);
            }
        }
        return out;
    }

    const RunSpec& spec_;
    analytic::PureDephasingModel model_;
    analytic::DephasingFactors factors_;
    std::vector<complex> rho0_, rho_;
    exact::ObservableEvaluator evaluator_;
    std::vector<Interval> intervals_;
    std::vector<analytic::FlipPulse> pulses_;
    std::vector<double> term_scale_, channel_scale_;
    std::vector<complex> g_;
    std::vector<std::optional<analytic::DecoherenceFunction>> functions_;
    std::vector<std::map<double, complex>> g_cache_;
    double now_ = 0.0;
    double quadrature_seconds_ = 0.0;
};

}  // namespace

std::string AnalyticMethod::storage_description(const RunSpec& spec) const {
    if (spec.model.cavity) return "closed forms of seed 004 (spins and one mode, no state)";
    return zero_quantum_storage(spec) ? "zero-quantum blocks (coherence order 0), ρ(0) and ρ(t)"
                                      : "full density matrix (all coherence orders), ρ(0) and ρ(t)";
}

std::size_t AnalyticMethod::memory_estimate(const RunSpec& spec) const {
    if (spec.model.cavity) return 1 << 16;  // a few 2×2 matrices and one output row
    const int n = spec.model.spins.size();
    const std::size_t dim = std::size_t{1} << n;
    const std::size_t elements = zero_quantum_storage(spec) ? zero_quantum_size(n) : dim * dim;
    std::size_t diagonals = spec.model.hamiltonian.size() + spec.model.environment.couplings.size() + 2;
    for (const auto& c : spec.model.channels) diagonals += c.jumps.size();
    std::size_t bytes = 2 * elements * sizeof(complex) + diagonals * dim * sizeof(complex);
    if (spec.model.initial.kind == InitialState::Kind::file) bytes += 2 * dim * dim * sizeof(complex);
    if (spec.model.initial.kind == InitialState::Kind::thermal && !zero_quantum_storage(spec))
        bytes += 4 * dim * dim * sizeof(complex);
    // Observable index tables (as for the exact method): a few per spin pair.
    bytes += static_cast<std::size_t>(n * n + 8 * n) * dim * 2 * sizeof(std::uint32_t);
    return bytes;
}

void AnalyticMethod::validate(const RunSpec& spec) const {
    if (spec.model.cavity) {
        analytic::validate_seed004_run(spec);
        return;
    }
    const Model& model = spec.model;
    const int n = model.spins.size();
    if (n < 1) throw ModelError(messages::model_has_no_spins());
    if (n > max_spins)
        throw ResourceError(messages::beyond_method_limit(n, "analytic", max_spins, "it stores ρ in the 2^N basis"));
    const auto check_spin = [&](const SpinOperator& op, const std::string& what) {
        if (op.highest_spin() >= n)
            throw ModelError(messages::format_message("operator_beyond_spins",
                                                      {what, std::to_string(op.highest_spin()), std::to_string(n)}));
    };
    for (const auto& t : model.hamiltonian) check_spin(t.op, "Hamiltonian term '" + t.name + "'");
    for (const auto& c : model.channels)
        for (const auto& j : c.jumps) {
            check_spin(j.op, "channel '" + c.name + "'");
            if (!(j.rate >= 0.0) || !std::isfinite(j.rate))
                throw ModelError(messages::format_message("channel_rate_negative",
                                                          {messages::quoted(c.name), number_text("%.6g", j.rate)}));
        }
    for (const auto& c : model.environment.couplings) check_spin(c.op, "coupling '" + c.name + "'");
    for (const auto& o : spec.observables) check_spin(o.op, "observable '" + o.name + "'");
    analytic::check_pure_dephasing(model);
    if (!model.environment.options.inhomogeneous.empty())
        throw ModelError(messages::format_message(
            "analytic_inhomogeneous_thermal", {"\"" + model.environment.options.inhomogeneous + "\""}));
    validate_initial_state(model.initial, n);
    if (spec.protocol.steps.empty()) throw ModelError(messages::protocol_has_no_steps());
    double at = 0.0;  // the time of each pulse, for the message
    for (const auto& step : spec.protocol.steps) {
        if (const auto* e = std::get_if<Evolve>(&step.action)) at += e->duration;
        if (const auto* p = std::get_if<Pulse>(&step.action)) {
            for (int s : p->spins)
                if (s < 0 || s >= n) throw ModelError(messages::spin_out_of_range(s, n));
            if (!analytic::flip_pulse(*p))
                throw ModelError(messages::format_message(
                    "analytic_pulse_not_flip",
                    {number_text("%.6g", at), step.label.empty() ? "" : " (" + messages::quoted(step.label) + ")"}));
        }
    }
    if (spec.steady_state)
        throw ModelError(messages::analytic_no_steady_state());
    if (!spec.method_observables.empty())
        throw ModelError(messages::observable_needs_symbolic_method(spec.method_observables.front()));
    check_memory_budget(n, memory_estimate(spec), spec.solver.memory_limit_bytes,
                        zero_quantum_storage(spec) ? "zero-quantum blocks" : "full density matrix");
}

RunResult AnalyticMethod::run(const RunSpec& spec, const RunControl& control) const {
    if (spec.model.cavity) return analytic::run_seed004(spec, control);
    validate(spec);
    const auto start = Clock::now();
    const SectorBasis basis(spec.model.spins.size());
    const BlockLayout layout = zero_quantum_storage(spec) ? BlockLayout::zero_quantum(basis) : BlockLayout::all_orders(basis);
    AnalyticState state(spec, basis, layout);

    RunResult result;
    result.method = name();
    result.series.columns = state.evaluator().columns();
    result.stats.storage = layout.description() + ", closed form";
    result.stats.peak_memory_estimate = memory_estimate(spec);
    result.stats.state_size = layout.size();
    walk_protocol(spec, control, state, result);
    if (spec.keep_final_state) {
        DensityBlocks final_state;
        final_state.spins = spec.model.spins.size();
        final_state.blocks.push_back(exact::unpack_dense(state.final_density().data(), basis, layout));
        result.final_state = std::move(final_state);
    }
    state.add_notes(result);
    result.stats.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
}

}  // namespace openspins
