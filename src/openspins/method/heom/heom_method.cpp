#include "openspins/method/heom/heom_method.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <variant>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/chebyshev_propagator.hpp"
#include "openspins/integrate/ode_integrator.hpp"
#include "openspins/method/exact/dense_conversion.hpp"
#include "openspins/method/exact/initial_density.hpp"
#include "openspins/method/exact/observable_evaluator.hpp"
#include "openspins/method/exact/pulse_rotation.hpp"
#include "openspins/method/heom/ado_index.hpp"
#include "openspins/method/heom/hierarchy_exponents.hpp"
#include "openspins/method/heom/hierarchy_generator.hpp"
#include "openspins/method/heom/hierarchy_steady_state.hpp"
#include "openspins/method/memory_budget.hpp"
#include "openspins/method/protocol_walk.hpp"
#include "openspins/method/redfield/dense_operator.hpp"
#include "openspins/method/stopwatch.hpp"
#include "openspins/number_text.hpp"

namespace openspins {

namespace {

using exact::BlockLayout;
using exact::SectorBasis;
using heom::AdoIndex;
using heom::HierarchyBaths;
using heom::HierarchyGenerator;

// One hierarchy's shape: depth and exponent count (the second run of the check differs in one).
struct Shape {
    int depth = 0;
    int exponents = 0;
    int extra_terms = 0;
};

Shape main_shape(const RunSpec& spec) {
    return {spec.heom.depth, heom::count_exponents(spec.model.environment, spec.heom), 0};
}

std::optional<Shape> check_shape(const RunSpec& spec) {
    const std::string& kind = spec.heom.convergence_check;
    if (kind == "depth") return Shape{spec.heom.depth + 1, heom::count_exponents(spec.model.environment, spec.heom), 0};
    if (kind == "terms")
        return Shape{spec.heom.depth, heom::count_exponents(spec.model.environment, spec.heom, 1), 1};
    return std::nullopt;
}

std::size_t bytes_for(const RunSpec& spec, const Shape& shape, const std::string& integrator) {
    const int n = spec.model.spins.size();
    const std::size_t d2 = std::size_t{1} << (2 * n);
    const std::size_t m = AdoIndex::count(shape.exponents, shape.depth);
    const std::size_t per_ado = d2 * 2 * sizeof(double);
    const std::size_t vectors = OdeIntegrator::vectors_needed(integrator) + 3;  // + state, dρ/dt, scratch
    if (m > SIZE_MAX / (per_ado * vectors)) return SIZE_MAX;
    return m * per_ado * vectors + AdoIndex::table_bytes(shape.exponents, shape.depth) + 64 * d2 * sizeof(double);
}

std::string gib(std::size_t bytes) {
    return number_text("%.3g", static_cast<double>(bytes) / static_cast<double>(std::size_t{1} << 30)) + " GiB";
}

// The hierarchy options with the run's length (fitted baths' automatic window covers it).
HeomOptions bath_options(const RunSpec& spec) {
    HeomOptions o = spec.heom;
    o.run_duration = spec.protocol.total_duration();
    // The Bohr frequencies the baths probe: E_a − E_b > 0 of the model's Hamiltonian with a non-zero element of a
    // channel's coupling operator between the eigenstates (N ≤ 6: at most 64 levels), distinct to 1e-9.
    const int n = spec.model.spins.size();
    if (n >= 1 && n <= HeomMethod::max_spins) {
        const Eigen::MatrixXcd h = redfield::dense_matrix(spec.model.hamiltonian_operator(), n);
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eig(h);
        const Eigen::VectorXd& e = eig.eigenvalues();
        for (const auto& ch : spec.model.environment.noise_channels()) {
            const Eigen::MatrixXcd q = eig.eigenvectors().adjoint() * redfield::dense_matrix(ch.op, n) * eig.eigenvectors();
            const double scale = q.cwiseAbs().maxCoeff();
            for (Eigen::Index a = 0; a < e.size(); ++a)
                for (Eigen::Index b = 0; b < e.size(); ++b) {
                    const double w = e(a) - e(b);
                    if (w > 1e-9 && std::abs(q(a, b)) > 1e-12 * scale &&
                        std::none_of(o.bohr_frequencies.begin(), o.bohr_frequencies.end(),
                                     [&](double x) { return std::abs(x - w) <= 1e-9 * (1.0 + w); }))
                        o.bohr_frequencies.push_back(w);
                }
        }
    }
    return o;
}

// Largest |Re ν| and |Im ν| of the exponents, and ‖H‖ (max row sum) — for the integrator rule.
struct RateScale {
    double decay = 0.0, oscillation = 0.0;
    double dissipation = 0.0;  // a bound on the decay the model's channels and the terminators add to each ADO
};

// `extra_terms`, `depth`: the hierarchy's shape (the convergence check's differs from the run file's).
RateScale rate_scale(const RunSpec& spec, int depth, int extra_terms) {
    RateScale s;
    if (spec.model.spins.size() > HeomMethod::max_spins) return s;  // refused by validate; no dense matrices
    const HierarchyBaths baths =
        heom::hierarchy_baths(spec.model.environment, spec.model.spins.size(), bath_options(spec), extra_terms);
    for (const auto& e : baths.exponents) {
        s.decay = std::max(s.decay, std::abs(e.rate.real()));
        s.oscillation = std::max(s.oscillation, std::abs(e.rate.imag()));
    }
    s.decay *= depth;
    s.oscillation *= depth;
    const Eigen::MatrixXcd h = redfield::dense_matrix(spec.model.hamiltonian_operator(), spec.model.spins.size());
    s.oscillation += h.cwiseAbs().rowwise().sum().maxCoeff();
    for (const auto& q : baths.couplings) s.oscillation += 2.0 * q.cwiseAbs().rowwise().sum().maxCoeff();
    // ‖r(LρL† − ½{L†L, ρ})‖ ≤ 2r‖L‖² and ‖δ(2QρQ − {Q², ρ})‖ ≤ 4|δ|‖Q‖² (row-sum norms).
    const auto norm2 = [](const Eigen::MatrixXcd& m) {
        const double n = m.cwiseAbs().rowwise().sum().maxCoeff();
        return n * n;
    };
    for (const auto& j : spec.model.jumps())
        s.dissipation += 2.0 * j.rate * norm2(redfield::dense_matrix(j.op, spec.model.spins.size()));
    for (std::size_t c = 0; c < baths.couplings.size(); ++c)
        s.dissipation += 4.0 * std::abs(baths.terminators[c]) * norm2(baths.couplings[c]);
    return s;
}

// R = Π exp(−iθ n·S_i) applied to one ADO through the exact kernel's pulse (all-orders layout).
void rotate_ado(const Pulse& pulse, const SectorBasis& basis, const BlockLayout& layout, std::complex<double>* ado,
                std::vector<std::complex<double>>& scratch) {
    const auto dim = static_cast<Eigen::Index>(basis.dimension());
    Eigen::Map<Eigen::MatrixXcd> m(ado, dim, dim);
    (void)exact::pack_dense(m, basis, layout, scratch.data());
    exact::apply_pulse(pulse, basis, layout, scratch.data());
    m = exact::unpack_dense(scratch.data(), basis, layout);
}

class HeomState final : public SteppedState {
public:
    HeomState(const RunSpec& spec, const Shape& shape, const SectorBasis& basis, const BlockLayout& layout,
              const IntegratorChoice& choice)
        : spec_(spec), basis_(basis), layout_(layout),
          baths_(heom::hierarchy_baths(spec.model.environment, spec.model.spins.size(), bath_options(spec), shape.extra_terms)),
          index_(static_cast<int>(baths_.exponents.size()), shape.depth),
          dim_(static_cast<Eigen::Index>(basis.dimension())), evaluator_(basis, layout, spec.observables),
          layout_scratch_(layout.size()), choice_(choice) {
        const std::size_t d2 = static_cast<std::size_t>(dim_ * dim_);
        y_.assign(2 * d2 * index_.size(), 0.0);
        const auto rho0 = exact::initial_density(spec.model, basis, layout);
        const Eigen::MatrixXcd dense = exact::unpack_dense(rho0.data(), basis, layout);
        std::copy(dense.data(), dense.data() + d2, ados());
        RhsFunction rhs = [this](double, const double* in, double* out) {
            const auto t0 = Clock::now();
            generator_->apply(reinterpret_cast<const std::complex<double>*>(in), reinterpret_cast<std::complex<double>*>(out));
            rhs_seconds_ += seconds_since(t0);
            ++rhs_calls_;
        };
        if (choice_.name == "chebyshev") {
            // The spectrum of every ADO's generator lies within −(depth·max Re ν + the channels' decay) ≤ Re λ ≤ 0
            // (measured on QuTiP's hierarchy Liouvillian: the extreme real part is −depth·max Re ν; docs/methods/heom.md).
            const RateScale s = rate_scale(spec, shape.depth, shape.extra_terms);
            // The propagator's steps end where the protocol walk restarts (restart_rule).
            integrator_ = make_chebyshev_propagator(y_.size(), std::move(rhs), s.decay + s.dissipation,
                                                    with_integrator(spec.solver, choice_), restart_rule(spec));
            return;
        }
        integrator_ = make_integrator(
            y_.size(), std::move(rhs), with_integrator(spec.solver, choice_), true,
            [this](double gamma, const double* r, double* z) {
                generator_->precondition(gamma, reinterpret_cast<const std::complex<double>*>(r),
                                         reinterpret_cast<std::complex<double>*>(z));
            });
    }

    void apply_pulse(const Pulse& pulse) override {
        const std::size_t d2 = static_cast<std::size_t>(dim_ * dim_);
        for (std::size_t a = 0; a < index_.size(); ++a) rotate_ado(pulse, basis_, layout_, ados() + a * d2, layout_scratch_);
    }
    void start_evolution(const Evolve& evolve, double t0, double t_end) override {
        const int n = spec_.model.spins.size();
        const Eigen::MatrixXcd h = redfield::dense_matrix(spec_.model.hamiltonian_operator(evolve.scale), n);
        std::vector<std::pair<double, Eigen::MatrixXcd>> jumps;
        for (const auto& j : spec_.model.jumps(evolve.scale)) jumps.emplace_back(j.rate, redfield::dense_matrix(j.op, n));
        generator_ = std::make_unique<HierarchyGenerator>(h, jumps, baths_, index_);
        integrator_->reset(t0, y_.data(), t_end);
    }
    void restart(const Evolve&, double t0, double t_end) override { integrator_->reset(t0, y_.data(), t_end, true); }
    void advance(double t) override { integrator_->advance(t, y_.data()); }
    std::vector<double> observe(double t) override {
        const Eigen::Map<const Eigen::MatrixXcd> rho(ados(), dim_, dim_);
        (void)exact::pack_dense(rho, basis_, layout_, layout_scratch_.data());
        auto row = evaluator_.evaluate(layout_scratch_.data());
        check_recorded_state(t, rho.trace().real(), spec_.solver.trace_tolerance, row);
        return row;
    }
    // Observables of a density matrix (column-major D × D), without the trace check.
    std::vector<double> observe_density(const Eigen::MatrixXcd& rho) {
        (void)exact::pack_dense(rho, basis_, layout_, layout_scratch_.data());
        return evaluator_.evaluate(layout_scratch_.data());
    }
    [[nodiscard]] heom::HierarchySteadyState steady_state(const std::map<std::string, double>& scale, double tolerance) const {
        const int n = spec_.model.spins.size();
        const Eigen::MatrixXcd h = redfield::dense_matrix(spec_.model.hamiltonian_operator(scale), n);
        std::vector<std::pair<double, Eigen::MatrixXcd>> jumps;
        for (const auto& j : spec_.model.jumps(scale)) jumps.emplace_back(j.rate, redfield::dense_matrix(j.op, n));
        return heom::hierarchy_steady_state(h, jumps, baths_, index_, tolerance);
    }
    [[nodiscard]] std::vector<double> save() const override { return y_; }
    void restore(std::vector<double> state) override { restore_state_vector(y_, std::move(state)); }

    [[nodiscard]] const exact::ObservableEvaluator& evaluator() const { return evaluator_; }
    [[nodiscard]] const HierarchyBaths& baths() const { return baths_; }
    [[nodiscard]] std::size_t ados_count() const { return index_.size(); }
    [[nodiscard]] Eigen::MatrixXcd density() const {
        return Eigen::Map<const Eigen::MatrixXcd>(reinterpret_cast<const std::complex<double>*>(y_.data()), dim_, dim_);
    }
    void add_statistics(RunResult& result) const {
        record_integration(*integrator_, choice_.name, rhs_seconds_, rhs_calls_, result);
        result.notes["integrator_choice"] = explain(choice_);
        result.stats.state_size = y_.size();
    }

private:
    std::complex<double>* ados() { return reinterpret_cast<std::complex<double>*>(y_.data()); }
    [[nodiscard]] const std::complex<double>* ados() const {
        return reinterpret_cast<const std::complex<double>*>(y_.data());
    }

    const RunSpec& spec_;
    const SectorBasis& basis_;
    const BlockLayout& layout_;
    HierarchyBaths baths_;
    AdoIndex index_;
    Eigen::Index dim_;
    exact::ObservableEvaluator evaluator_;
    std::vector<double> y_;  // the ADOs, complex column-major D×D each, as reals
    std::vector<std::complex<double>> layout_scratch_;  // one ADO in the exact layout (pulses, observables)
    IntegratorChoice choice_;
    std::unique_ptr<HierarchyGenerator> generator_;
    std::unique_ptr<OdeIntegrator> integrator_;
    double rhs_seconds_ = 0.0;
    long rhs_calls_ = 0;
};

// One pass of the protocol with a hierarchy of the given shape.
RunResult run_hierarchy(const RunSpec& spec, const Shape& shape, const RunControl& control,
                        const IntegratorChoice& choice, std::map<std::string, std::string>* bath_notes) {
    const SectorBasis basis(spec.model.spins.size());
    const BlockLayout layout = BlockLayout::all_orders(basis);
    HeomState state(spec, shape, basis, layout, choice);
    RunResult result;
    result.series.columns = state.evaluator().columns();
    const auto last_scale = walk_protocol(spec, control, state, result);
    if (spec.steady_state && bath_notes) {
        // The hierarchy's steady state under the last evolve step's Hamiltonian and channels (as the exact method).
        const auto steady = state.steady_state(last_scale, spec.solver.steady_state_tolerance);
        if (!steady.converged) throw NumericalError(messages::steady_state_gmres(steady.residual, steady.iterations));
        result.notes["steady_state_gmres_iterations"] = std::to_string(steady.iterations);
        result.notes["steady_state_residual"] = number_text("%.3e", steady.residual);
        result.steady_state = state.observe_density(steady.rho);
        if (spec.keep_steady_state_density) {
            DensityBlocks density;
            density.spins = spec.model.spins.size();
            density.blocks.push_back(steady.rho);
            result.steady_state_density = std::move(density);
        }
    }
    if (spec.keep_final_state) {
        DensityBlocks final_state;
        final_state.spins = spec.model.spins.size();
        final_state.blocks.push_back(state.density());
        result.final_state = std::move(final_state);
    }
    state.add_statistics(result);
    result.notes["heom.ados"] = std::to_string(state.ados_count());
    if (bath_notes) {
        const auto& b = state.baths();
        for (std::size_t c = 0; c < b.descriptions.size(); ++c) {
            (*bath_notes)["heom.channel" + std::to_string(c + 1)] = b.descriptions[c];
            // The channel's exponents to full precision, "Re ν Im ν Re c^R Im c^R Re c^I Im c^I" joined by "; ":
            // enough to rebuild the hierarchy elsewhere (tests/reference/make_heom_references.py feeds a fitted
            // bath's to QuTiP's BosonicBath).
            std::string list;
            for (const auto& e : b.exponents) {
                if (e.channel != static_cast<int>(c)) continue;
                if (!list.empty()) list += "; ";
                for (const double v : {e.rate.real(), e.rate.imag(), e.real_coefficient.real(), e.real_coefficient.imag(),
                                       e.imaginary_coefficient.real(), e.imaginary_coefficient.imag()})
                    list += number_text("%.17g", v) + " ";
                list.pop_back();
            }
            (*bath_notes)["heom.channel" + std::to_string(c + 1) + "_exponents"] = list;
        }
        if (b.fit_error > 0.0) (*bath_notes)["heom.fit_error"] = number_text("%.3e", b.fit_error);
        if (b.fit_spectrum_error >= 0.0)
            (*bath_notes)["heom.fit_spectrum_error"] = number_text("%.3e", b.fit_spectrum_error);
        if (b.fit_spectrum_error_zero >= 0.0)
            (*bath_notes)["heom.fit_spectrum_error_zero"] = number_text("%.3e", b.fit_spectrum_error_zero);
    }
    return result;
}

}  // namespace

void HeomMethod::validate(const RunSpec& spec) const {
    const int n = spec.model.spins.size();
    if (n < 1) throw ModelError(messages::model_has_no_spins());
    if (n > max_spins)
        throw ResourceError(messages::beyond_method_limit(n, "heom", max_spins,
                                                          "every auxiliary density operator is a dense 2^N × 2^N matrix"));
    if (spec.protocol.steps.empty()) throw ModelError(messages::protocol_has_no_steps());
    for (const auto& term : spec.model.environment.couplings)
        if (term.op.highest_spin() >= n)
            throw ModelError(messages::format_message(
                "operator_beyond_spins",
                {"coupling " + messages::quoted(term.name), std::to_string(term.op.highest_spin()), std::to_string(n)}));
    for (const auto& t : spec.model.hamiltonian)
        if (t.op.highest_spin() >= n)
            throw ModelError(messages::format_message(
                "operator_beyond_spins",
                {"Hamiltonian term " + messages::quoted(t.name), std::to_string(t.op.highest_spin()), std::to_string(n)}));
    if (spec.model.cavity || spec.model.has_mode_terms()) throw ModelError(messages::cavity_needs_dicke("heom"));
    if (!spec.method_observables.empty())
        throw ModelError(messages::observable_needs_symbolic_method(spec.method_observables.front()));
    for (const auto& c : spec.model.channels)
        for (const auto& j : c.jumps)
            if (!(j.rate >= 0.0) || !std::isfinite(j.rate))
                throw ModelError(messages::format_message("channel_rate_negative",
                                                          {messages::quoted(c.name), number_text("%.6g", j.rate)}));
    validate_initial_state(spec.model.initial, n);
    (void)heom::count_exponents(spec.model.environment, spec.heom);  // bath kinds and temperatures
    const std::size_t limit = spec.solver.memory_limit_bytes ? spec.solver.memory_limit_bytes : available_memory_bytes();
    const std::size_t needed = memory_estimate(spec);
    if (needed > limit) {
        // The largest depth whose run (with its check) fits, for the message.
        RunSpec smaller = spec;
        int fits = -1;
        for (int d = spec.heom.depth - 1; d >= 0; --d) {
            smaller.heom.depth = d;
            if (memory_estimate(smaller) <= limit) {
                fits = d;
                break;
            }
        }
        const Shape s = main_shape(spec);
        throw ResourceError(messages::heom_memory(spec.heom.depth, std::to_string(AdoIndex::count(s.exponents, s.depth)),
                                                  gib(needed), gib(limit), fits));
    }
}

std::size_t HeomMethod::memory_estimate(const RunSpec& spec) const {
    const std::string integrator = integrator_choice(spec).name;
    std::size_t bytes = bytes_for(spec, main_shape(spec), integrator);
    if (spec.steady_state) {
        // GMRES's Krylov basis (80 vectors + work) and the preconditioner's scratch, on top of the run's.
        const Shape s = main_shape(spec);
        const std::size_t state = AdoIndex::count(s.exponents, s.depth) * (std::size_t{1} << (2 * spec.model.spins.size())) *
                                  2 * sizeof(double);
        bytes += state > SIZE_MAX / 90 ? SIZE_MAX - bytes : 90 * state;
    }
    if (const auto c = check_shape(spec)) bytes = std::max(bytes, bytes_for(spec, *c, integrator));
    return bytes;
}

std::string HeomMethod::storage_description(const RunSpec& spec) const {
    const Shape s = main_shape(spec);
    return std::to_string(AdoIndex::count(s.exponents, s.depth)) + " auxiliary density operators (depth " +
           std::to_string(s.depth) + ", " + std::to_string(s.exponents) + " exponents), full 2^N × 2^N each";
}

IntegratorChoice HeomMethod::integrator_choice(const RunSpec& spec) const {
    // The stiffness rule of integrator_choice.hpp on the hierarchy's own rates: the fastest
    // decay depth·max Re ν, the fastest oscillation ‖H‖ + 2‖Q‖ + depth·max |Im ν|.
    IntegratorChoice choice;
    const RateScale s = rate_scale(spec, spec.heom.depth, 0);
    const double duration = spec.protocol.total_duration();
    const double n_stab = 3.0 * s.decay * duration;
    const double n_acc = 30.0 + 8.0 * s.oscillation * duration + 5.0 * std::log1p(s.decay * duration);
    choice.stiffness = n_stab / n_acc;
    choice.threshold = 2.5 * 2.5 * 1.4 / 1.5 - 1.0;
    choice.stiffest_step = "hierarchy";
    choice.fastest_decay = s.decay;
    choice.step_length = duration;
    for (const auto& step : spec.protocol.steps) choice.estimated_steps += std::holds_alternative<Evolve>(step.action);
    if (spec.solver.integrator != "auto") {
        choice.name = spec.solver.integrator;
    } else {
        choice.automatic = true;
        choice.name = choice.stiffness >= choice.threshold ? "bdf" : "adams";
        if (spec.solver.max_order > 5) {
            choice.name = "adams";
            choice.forced_by = "max_order above 5";
        } else if (spec.solver.max_order == 0 && s.oscillation <= 8.0 * (s.decay + s.dissipation)) {
            // The hierarchy is linear and time-independent between pulses and its spectrum lies near the segment
            // [−decay, 0]: its exponential as a Chebyshev series takes several output intervals per step with
            // ~√(decay·Δt) right-hand sides, where Adams is held to h·decay ≲ 0.7 by stability and BDF's steps by
            // accuracy (docs/methods/heom.md, "Integrators"). The oscillation bound (row-sum norms) overestimates
            // the spectrum's imaginary extent several times; measured: chebyshev wins at oscillation/decay up to
            // 5.4 (seed 000's fitted baths, docs/validation/heom_second_order.md) — beyond 8× (a sharp underdamped
            // mode) the spectrum is a disc, not a sliver, and Adams is the better basis.
            choice.name = "chebyshev";
            choice.forced_by = "linear hierarchy, oscillation " + number_text("%.3g", s.oscillation) +
                               " ≤ 8 × decay " + number_text("%.3g", s.decay + s.dissipation) +
                               ": Chebyshev exponential";
        }
    }
    if (choice.name == "chebyshev")
        choice.estimated_rhs = 0.5 * (s.decay + s.dissipation) * duration + 20.0 * static_cast<double>(spec.output_times.size());
    else
        choice.estimated_rhs = choice.name == "bdf" ? 2.5 * 2.5 * n_acc : 1.5 * (n_acc + n_stab);
    return choice;
}

RunResult HeomMethod::run(const RunSpec& spec, const RunControl& control) const {
    validate(spec);
    const auto start = Clock::now();
    const IntegratorChoice choice = integrator_choice(spec);
    std::map<std::string, std::string> bath_notes;
    RunResult result = run_hierarchy(spec, main_shape(spec), control, choice, &bath_notes);
    result.method = name();
    const Shape s = main_shape(spec);
    result.stats.storage = storage_description(spec);
    result.stats.peak_memory_estimate = memory_estimate(spec);
    for (const auto& [k, v] : bath_notes) result.notes[k] = v;
    result.notes["heom.depth"] = std::to_string(s.depth);
    result.notes["heom.exponents"] = std::to_string(s.exponents);
    result.notes["heom.terms"] = std::to_string(spec.heom.terms);
    result.notes["heom.expansion"] = spec.heom.expansion;
    result.notes["heom.terminator"] = spec.heom.terminator ? "true" : "false";

    if (const auto c = check_shape(spec)) {
        const RunControl quiet;  // no checkpoints or progress: the check is rerun in full on resumption
        const RunResult other = run_hierarchy(spec, *c, quiet, choice, nullptr);
        double difference = 0.0;
        const auto& a = result.series.values;
        const auto& b = other.series.values;
        for (std::size_t r = 0; r < std::min(a.size(), b.size()); ++r)
            for (std::size_t k = 0; k < std::min(a[r].size(), b[r].size()); ++k)
                difference = std::max(difference, std::abs(a[r][k] - b[r][k]));
        const std::string what = spec.heom.convergence_check == "depth"
                                     ? "depth " + std::to_string(s.depth) + " vs " + std::to_string(c->depth)
                                     : "terms " + std::to_string(spec.heom.terms) + " vs " +
                                           std::to_string(spec.heom.terms + 1);
        result.notes["heom.convergence_check"] = what;
        result.notes["heom.convergence_difference"] = number_text("%.3e", difference);
        result.notes["heom.convergence_tolerance"] = number_text("%.3e", spec.heom.convergence_tolerance);
        result.notes["heom.convergence_ados"] = other.notes.at("heom.ados");
        const bool converged = difference <= spec.heom.convergence_tolerance;
        result.notes["heom.converged"] = converged ? "true" : "false";
        if (!converged)
            result.notes["heom.warning"] = messages::heom_unconverged(what, difference, spec.heom.convergence_tolerance);
    } else {
        result.notes["heom.convergence_check"] = "none";
    }
    result.stats.wall_seconds = seconds_since(start);
    return result;
}

}  // namespace openspins
