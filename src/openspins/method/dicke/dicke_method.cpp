#include "openspins/method/dicke/dicke_method.hpp"

#include <Eigen/SparseLU>
#include <algorithm>
#include <chrono>
#include <cmath>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/gmres_solver.hpp"
#include "openspins/integrate/ode_integrator.hpp"
#include "openspins/method/dicke/cavity_run.hpp"
#include "openspins/method/dicke/dicke_basis.hpp"
#include "openspins/method/dicke/dicke_generator.hpp"
#include "openspins/method/dicke/battery_power.hpp"
#include "openspins/method/dicke/dicke_observables.hpp"
#include "openspins/method/dicke/dicke_state.hpp"
#include "openspins/method/dicke/hermitian_packing.hpp"
#include "openspins/method/dicke/model_terms.hpp"
#include "openspins/method/dicke/triangular_propagator.hpp"
#include "openspins/method/integrator_choice.hpp"
#include "openspins/method/memory_budget.hpp"
#include "openspins/method/protocol_walk.hpp"
#include "openspins/method/stopwatch.hpp"
#include "openspins/model/symmetric_forms.hpp"
#include "openspins/number_text.hpp"

namespace openspins {

namespace {

using namespace dicke;

[[noreturn]] void refuse(const std::string& what) {
    throw ModelError(messages::dicke_not_symmetric(what));
}

// The steady state of `generator`: L(x) = 0 with Tr x = 1. Populations: a sparse LU of A with
// one row replaced by the trace; full blocks: GMRES on L(x) + Tr(x)·E = E (E a unit-trace
// state), whose unique solution is the steady state when L has a one-dimensional kernel.
std::vector<double> steady_state(const DickeBasis& basis, const DickeGenerator& generator, bool populations,
                                 double tolerance, std::map<std::string, std::string>& notes) {
    if (populations) {
        const Eigen::SparseMatrix<double> a = generator.population_matrix();
        const auto n = a.rows();
        // Replace row 0 by Σ_k p_k = 1 (row 0 is redundant: the columns of A sum to zero).
        const Eigen::SparseMatrix<double, Eigen::RowMajor> rows(a);
        std::vector<Eigen::Triplet<double>> entries;
        for (Eigen::Index r = 1; r < n; ++r)
            for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(rows, r); it; ++it)
                entries.emplace_back(static_cast<int>(r), static_cast<int>(it.col()), it.value());
        for (Eigen::Index c = 0; c < n; ++c) entries.emplace_back(0, static_cast<int>(c), 1.0);
        Eigen::SparseMatrix<double> m(n, n);
        m.setFromTriplets(entries.begin(), entries.end());
        Eigen::SparseLU<Eigen::SparseMatrix<double>> lu(m);
        if (lu.info() != Eigen::Success)
            throw NumericalError(messages::steady_state_singular());
        Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
        rhs[0] = 1.0;
        const Eigen::VectorXd x = lu.solve(rhs);
        notes["steady_state_solver"] = "sparse LU (populations)";
        notes["steady_state_residual"] = std::to_string((a * x).norm());
        return {x.data(), x.data() + n};
    }
    const std::size_t size = generator.size();
    std::vector<double> e(size, 0.0), x(size, 0.0);
    e[0] = 1.0;  // |N/2, N/2⟩⟨N/2, N/2|: unit trace
    const auto trace = [&](const double* v) {
        double t = 0.0;
        for (int b = 0; b < basis.blocks(); ++b)
            for (int k = 0; k < basis.dim(b); ++k)
                t += v[2 * (basis.full_offset(b) + static_cast<std::size_t>(k * basis.dim(b) + k))];
        return t;
    };
    const auto apply = [&](const double* in, double* out) {
        generator.apply(in, out);
        const double tr = trace(in);
        for (std::size_t k = 0; k < size; ++k) out[k] += tr * e[k];
    };
    const auto gmres = solve_gmres(size, apply, e.data(), x.data(), tolerance, 80, 200);
    if (!gmres.converged)
        throw NumericalError(messages::steady_state_gmres(gmres.residual_norm, gmres.iterations));
    notes["steady_state_solver"] = "GMRES (full blocks)";
    notes["steady_state_gmres_iterations"] = std::to_string(gmres.iterations);
    notes["steady_state_residual"] = std::to_string(gmres.residual_norm);
    return x;
}

bool all_pulses_keep_diagonal(const Protocol& protocol) {
    for (const auto& step : protocol.steps)
        if (const auto* p = std::get_if<Pulse>(&step.action))
            if (!pulse_keeps_diagonal(*p)) return false;
    return true;
}

// The rational propagator takes an evolve step when the run is on the population path,
// the user did not ask for the integrator, and the step's generator never raises m.
bool rational_step(const RunSpec& spec, bool populations, const std::map<std::string, double>& scale) {
    return populations && spec.solver.propagator == "auto" &&
           TriangularPropagator::applies(generator_terms(spec.model, scale));
}

IntegratorChoice dicke_integrator_choice(const RunSpec& spec) {
    if (spec.model.cavity) return cavity_integrator_choice(spec);
    const bool populations = !spec.model.cavity && DickeMethod::uses_population_storage(spec);
    return choose_integrator(spec, [&](const Evolve& e) { return !rational_step(spec, populations, e.scale); });
}

std::size_t state_reals(const RunSpec& spec) {
    if (spec.model.cavity) return cavity_state_reals(spec);
    const DickeBasis basis(spec.model.spins.size());
    return (DickeMethod::uses_population_storage(spec) ? basis.population_size() : 2 * basis.full_size()) + 2;
}

}  // namespace

IntegratorChoice DickeMethod::integrator_choice(const RunSpec& spec) const { return dicke_integrator_choice(spec); }

bool DickeMethod::uses_population_storage(const RunSpec& spec) {
    const Model& model = spec.model;
    if (model.cavity) return false;  // the mode couples neighbouring m: full blocks
    for (const auto& t : model.hamiltonian)
        if (t.collective && !t.collective->is_diagonal_in_m()) return false;
    return initial_is_diagonal(model.initial, initial_hamiltonian(model)) && all_pulses_keep_diagonal(spec.protocol);
}

void DickeMethod::validate(const RunSpec& spec) const {
    const Model& model = spec.model;
    const int n = model.spins.size();
    if (n < 1) throw ModelError(messages::model_has_no_spins());
    for (const auto& t : model.hamiltonian)
        if (!t.collective && !(t.mode && model.cavity))
            refuse("Hamiltonian term '" + t.name + "' (" + t.kind +
                   ") does not act identically on all spins (different frequencies, a subset of spins or pairs, "
                   "or single-spin operators)");
    for (const auto& c : model.channels) {
        if (c.kind == "custom" && !(c.mode && model.cavity))
            refuse("channel '" + c.name + "' is a custom jump operator");
        if (c.mode) continue;  // a spin–mode jump (cavity path): collective by construction
        if (!covers_all_spins(c.spins, n)) refuse("channel '" + c.name + "' acts on a subset of the spins");
        for (const auto& j : c.jumps) {
            if (!(j.rate >= 0.0) || !std::isfinite(j.rate))
                throw ModelError(messages::format_message("channel_rate_negative",
                                                          {messages::quoted(c.name), number_text("%.6g", j.rate)}));
            if (j.rate != c.jumps.front().rate)
                refuse("channel '" + c.name + "' has different rates on different spins");
        }
    }
    for (const auto& o : spec.observables)
        if (o.kind == Observable::Kind::expectation && !o.collective)
            refuse("observable '" + o.name + "' is not a collective operator over all spins");
    refuse_fluctuation_observables(spec.method_observables);
    if (spec.solver.integrator == "chebyshev" && !model.cavity)  // the exponential propagator is the mode's density path's
        throw ModelError(messages::key_only_for("integrator = \"chebyshev\"",
                                                "a [cavity] (the dicke method's density path with a mode) or name = \"heom\""));
    const auto& known = symmetric_method_observables();
    for (const auto& name : spec.method_observables) {
        if (std::find(known.begin(), known.end(), name) == known.end())
            throw ModelError(messages::unknown_observable(name, known));
        const bool power = name.starts_with("power_");
        if ((name == "energy" || name == "ergotropy" || name == "ergotropy_symmetric" || power) && !zeeman_scale(model))
            throw ModelError(messages::format_message("energy_needs_zeeman", {messages::quoted(name)}));
        if (power && model.cavity) throw ModelError(messages::format_message("power_no_cavity", {messages::quoted(name)}));
    }
    validate_initial_state(model.initial, n);
    // A state file must be a Dicke-basis one (an earlier dicke run's final_state.dicke.txt).
    if (model.initial.kind == InitialState::Kind::file) (void)checked_state_file(model.initial.path, n);
    for (const auto& c : model.initial.components)
        if (c.kind == InitialState::Kind::file) (void)checked_state_file(c.path, n);
    if (any_part(model.initial, [](const InitialState& s) {
            return s.kind == InitialState::Kind::product &&
                   std::any_of(s.bloch.begin(), s.bloch.end(), [&](const auto& r) { return r != s.bloch.front(); });
        }))
        refuse("the initial product state has different Bloch vectors");
    for (const auto& step : spec.protocol.steps)
        if (const auto* p = std::get_if<Pulse>(&step.action))
            if (!covers_all_spins(p->spins, n))
                refuse("a pulse (step '" + step.label + "') acts on a subset of the spins");
    if (spec.protocol.steps.empty()) throw ModelError(messages::protocol_has_no_steps());
    if (model.cavity) validate_cavity_run(spec);
    const std::size_t needed = memory_estimate(spec);
    check_memory_budget(n, needed, spec.solver.memory_limit_bytes, storage_description(spec));
}

std::size_t DickeMethod::memory_estimate(const RunSpec& spec) const {
    const std::size_t reals = state_reals(spec);
    // Integrator vectors and the state, plus the generator's tables, which scale with the
    // number of populations Σ_j (2j+1): per |j, m⟩ a loss, gains, the tridiagonal
    // preconditioner, emission fluxes and per local channel three transfers × two
    // coefficients — about 40 doubles (counted generously).
    const std::size_t vectors = OdeIntegrator::vectors_needed(dicke_integrator_choice(spec).name) + 3;
    const DickeBasis basis(std::max(spec.model.spins.size(), 1));
    const std::size_t tables = (16 + 12 * spec.model.channels.size()) * basis.population_size() * sizeof(double);
    // Steady state of the full blocks: GMRES keeps 80 Krylov vectors.
    const std::size_t krylov = spec.steady_state ? 82 * reals * sizeof(double) : 0;
    return vectors * reals * sizeof(double) + tables + krylov;
}

std::string DickeMethod::storage_description(const RunSpec& spec) const {
    if (spec.model.cavity) return cavity_storage_description(spec);
    const DickeBasis basis(spec.model.spins.size());
    if (!uses_population_storage(spec))
        return "Dicke blocks (" + std::to_string(basis.full_size()) + " complex, integrated as " +
               std::to_string(basis.full_size()) + " reals by Hermiticity)";
    std::size_t evolve = 0, rational = 0;
    for (const auto& step : spec.protocol.steps)
        if (const auto* e = std::get_if<Evolve>(&step.action)) {
            ++evolve;
            rational += rational_step(spec, true, e->scale) ? 1 : 0;
        }
    return "Dicke populations (" + std::to_string(basis.population_size()) + " reals); " + std::to_string(rational) +
           " of " + std::to_string(evolve) + " evolve steps by the rational propagator (generator triangular in m), " +
           std::to_string(evolve - rational) + " by " + dicke_integrator_choice(spec).name;
}

namespace {

// The Dicke-basis state (populations or full blocks) and two extra components, the
// quanta emitted through the collective and the local emission channels, stepped through a
// protocol by walk_protocol. An evolve step goes either to the rational propagator (its
// population generator is triangular in m: triangular_propagator.hpp) or to CVODE, which
// is created only when a step needs it.
class DickeSteppedState final : public SteppedState {
public:
    DickeSteppedState(const RunSpec& spec, const DickeBasis& basis, bool populations, const DickeObservables& observables)
        : spec_(spec), basis_(basis), populations_(populations), observables_(observables),
          choice_(dicke_integrator_choice(spec)) {
        const std::vector<double> rho0 =
            initial_state(basis, spec.model.initial, initial_hamiltonian(spec.model), populations);
        storage_ = rho0.size();
        y_.assign(storage_ + 2, 0.0);  // ρ, then the emitted quanta (collective, local)
        std::copy(rho0.begin(), rho0.end(), y_.begin());
    }

    void apply_pulse(const Pulse& pulse) override { dicke::apply_pulse(basis_, pulse, populations_, y_.data()); }
    void start_evolution(const Evolve& evolve, double t0, double t_end) override {
        // Generators are cached by their scale map: protocols repeat a few distinct steps many times.
        auto& cached = steps_[evolve.scale];
        if (!cached.generator && !cached.propagator) {
            const GeneratorTerms terms = generator_terms(spec_.model, evolve.scale);
            DickeGenerator generator(basis_, terms, populations_);
            if (rational_step(spec_, populations_, evolve.scale))
                cached.propagator =
                    std::make_unique<TriangularPropagator>(basis_, generator, terms, spec_.solver.rtol,
                                                           spec_.solver.atol);
            else
                cached.generator = std::make_unique<DickeGenerator>(std::move(generator));
        }
        current_ = &cached;
        current_scale_ = &evolve.scale;
        t_ = t0;
        t_end_ = t_end;
        integrating_ = !cached.propagator;
        if (cached.propagator) {
            cached.propagator->start_step();
            ++rational_steps_;
            return;
        }
        ++integrator_steps_;
        generator_ = cached.generator.get();
        reset_integrator(t0, t_end);
    }
    // As start_evolution (what a resumed run calls), without counting a new step.
    void restart(const Evolve& evolve, double t0, double t_end) override {
        const auto rational = rational_steps_, integrated = integrator_steps_;
        continues_step_ = true;
        start_evolution(evolve, t0, t_end);
        continues_step_ = false;
        rational_steps_ = rational;
        integrator_steps_ = integrated;
    }
    void advance(double t) override {
        if (!integrating_) {
            if (!(t > t_)) return;
            const auto start = Clock::now();
            const bool done = current_->propagator->propagate(t - t_, y_.data());
            propagator_seconds_ += seconds_since(start);
            if (done) {
                t_ = t;
                return;
            }
            // The check found no sub-step that reaches the tolerance (triangular_propagator.hpp):
            // CVODE takes the rest of this step; the next step tries the propagator again.
            ++rational_fallbacks_;
            integrating_ = true;
            if (!current_->generator)
                current_->generator = std::make_unique<DickeGenerator>(
                    basis_, generator_terms(spec_.model, *current_scale_), populations_);
            generator_ = current_->generator.get();
            reset_integrator(t_, t_end_);
        }
        if (populations_) {
            integrator_->advance(t, y_.data());
            return;
        }
        integrator_->advance(t, packed_.data());
        generator_->packing().unpack(packed_.data(), y_.data());
        y_[storage_] = packed_[packed_.size() - 2];
        y_[storage_ + 1] = packed_[packed_.size() - 1];
    }
    std::vector<double> observe(double t) override {
        auto row = observables_.evaluate(y_.data(), {y_[storage_], y_[storage_ + 1]},
                                         observables_.needs_power() ? power() : std::array<double, 3>{});
        check_recorded_state(t, observables_.trace(y_.data()), spec_.solver.trace_tolerance, row);
        return row;
    }
    [[nodiscard]] std::vector<double> save() const override { return y_; }
    void restore(std::vector<double> state) override { restore_state_vector(y_, std::move(state)); }

    [[nodiscard]] std::size_t size() const { return y_.size(); }
    // ρ now (populations or full blocks; the emitted-quanta counters follow it in y_).
    [[nodiscard]] const double* density() const { return y_.data(); }
    void add_statistics(RunResult& result) const {
        if (integrator_) record_integration(*integrator_, choice_.name, rhs_seconds_, rhs_calls_, result);
        result.notes["integrator"] = choice_.name;  // also when only the propagator ran
        result.notes["integrator_choice"] = explain(choice_);
        result.notes["propagator"] =
            (rational_steps_ == 0   ? "integrator (CVODE " + choice_.name + ")"
             : integrator_steps_ == 0 ? std::string("rational (CRAM 16, m-ordered sweeps)")
                                      : "rational (CRAM 16) for " + std::to_string(rational_steps_) +
                                            " evolve steps, CVODE " + choice_.name + " for " +
                                            std::to_string(integrator_steps_)) +
            (rational_fallbacks_ > 0 ? "; the rational check failed in " + std::to_string(rational_fallbacks_) +
                                           " of them, integrated from there by CVODE " + choice_.name
                                     : "");
        if (rational_steps_ > 0 || rational_fallbacks_ > 0) {
            TriangularPropagator::Statistics total;
            for (const auto& [scale, step] : steps_)
                if (step.propagator) {
                    const auto& s = step.propagator->statistics();
                    total.applications += s.applications;
                    total.checks += s.checks;
                    total.largest_estimate = std::max(total.largest_estimate, s.largest_estimate);
                }
            result.notes["rational_applications"] = std::to_string(total.applications);
            result.notes["rational_checks"] = std::to_string(total.checks);
            result.notes["rational_largest_check_difference"] = std::to_string(total.largest_estimate);
            result.notes["rational_seconds"] = std::to_string(propagator_seconds_);
            result.notes["rational_fallbacks"] = std::to_string(rational_fallbacks_);
        }
    }

private:
    // The battery's energy flows (battery_power.hpp) under the generator of the evolve step in
    // progress — at the rows around a pulse the last evolve step's, before the first evolve step
    // the model's at unit scale. A step the rational propagator runs gets its DickeGenerator
    // here (kept, as after a failed check).
    std::array<double, 3> power() {
        const DickeGenerator* generator = nullptr;
        if (current_ == nullptr) {
            if (!unscaled_) unscaled_ = std::make_unique<DickeGenerator>(basis_, generator_terms(spec_.model, {}), populations_);
            generator = unscaled_.get();
        } else {
            if (!current_->generator)
                current_->generator = std::make_unique<DickeGenerator>(
                    basis_, generator_terms(spec_.model, *current_scale_), populations_);
            generator = current_->generator.get();
        }
        return battery_power(basis_, *generator, populations_, zeeman_scale(spec_.model).value_or(0.0), y_.data(),
                             power_scratch_);
    }

    // CVODE holds the populations as they are, or the full blocks by their Hermitian
    // packing (hermitian_packing.hpp: half the reals), each followed by the two counters.
    void reset_integrator(double t0, double t_end) {
        if (populations_) {
            integrator().reset(t0, y_.data(), t_end, continues_step_);
            return;
        }
        const PackedBlocks& packing = generator_->packing();
        packed_.assign(packing.size() + 2, 0.0);
        packing.pack(y_.data(), packed_.data());
        packed_[packed_.size() - 2] = y_[storage_];
        packed_[packed_.size() - 1] = y_[storage_ + 1];
        integrator().reset(t0, packed_.data(), t_end, continues_step_);
    }

    OdeIntegrator& integrator() {
        if (integrator_) return *integrator_;
        const std::size_t counters = populations_ ? storage_ : generator_->packing().size();
        const auto rhs = [this, counters](double, const double* in, double* out) {
            const auto t0 = Clock::now();
            std::array<double, 2> rates{};
            if (populations_) {
                generator_->apply(in, out);
                rates = generator_->emission_rates(in);
            } else {
                generator_->apply_packed(in, out);
                rates = generator_->emission_rates_packed(in);
            }
            out[counters] = rates[0];
            out[counters + 1] = rates[1];
            rhs_seconds_ += seconds_since(t0);
            ++rhs_calls_;
        };
        // Population storage: the stiff collective decay inside each j block is solved exactly
        // in the preconditioner of "bdf"'s GMRES (dicke_generator.hpp).
        const auto preconditioner = [this](double gamma, const double* r, double* z) {
            generator_->precondition(gamma, r, z);
            z[storage_] = r[storage_];
            z[storage_ + 1] = r[storage_ + 1];
        };
        const SolverOptions solver = with_integrator(spec_.solver, choice_);
        integrator_ = populations_ ? make_integrator(y_.size(), rhs, solver, true, preconditioner)
                                   : make_integrator(counters + 2, rhs, solver, true);
        return *integrator_;
    }

    struct Step {
        std::unique_ptr<TriangularPropagator> propagator;  // propagated in closed form, or
        std::unique_ptr<DickeGenerator> generator;         // integrated by CVODE (also after a failed check)
    };

    const RunSpec& spec_;
    const DickeBasis& basis_;
    bool populations_;
    const DickeObservables& observables_;
    IntegratorChoice choice_;
    std::size_t storage_ = 0;
    bool continues_step_ = false;  // a restart inside a protocol step (its max_steps budget goes on)
    std::vector<double> y_;
    std::vector<double> packed_;  // full storage: the integrator's copy of y_ (reset_integrator)
    std::unique_ptr<DickeGenerator> unscaled_;  // power() before the first evolve step
    std::vector<double> power_scratch_;
    std::map<std::map<std::string, double>, Step> steps_;
    const DickeGenerator* generator_ = nullptr;  // the one CVODE integrates
    Step* current_ = nullptr;
    const std::map<std::string, double>* current_scale_ = nullptr;
    double t_ = 0.0, t_end_ = 0.0;  // the state's time within a rational step, the step's end
    bool integrating_ = false;      // CVODE has the current step
    std::unique_ptr<OdeIntegrator> integrator_;
    double rhs_seconds_ = 0.0, propagator_seconds_ = 0.0;
    long rhs_calls_ = 0, rational_steps_ = 0, integrator_steps_ = 0, rational_fallbacks_ = 0;
};

}  // namespace

RunResult DickeMethod::run(const RunSpec& spec, const RunControl& control) const {
    validate(spec);
    if (spec.model.cavity) return run_with_cavity(spec, control);
    const auto start = Clock::now();
    const Model& model = spec.model;
    const DickeBasis basis(model.spins.size());
    const bool populations = uses_population_storage(spec);
    const DickeObservables observables(basis, spec, populations, zeeman_scale(model));
    DickeSteppedState state(spec, basis, populations, observables);

    RunResult result;
    result.method = name();
    result.series.columns = observables.columns();
    result.stats.state_size = state.size();
    result.stats.storage = storage_description(spec);
    result.stats.peak_memory_estimate = memory_estimate(spec);
    const auto last_scale = walk_protocol(spec, control, state, result);
    if (spec.keep_final_state) result.final_state = stored_blocks(basis, state.density(), populations);

    if (spec.steady_state) {
        const DickeGenerator last(basis, generator_terms(model, last_scale), populations);
        const auto x = steady_state(basis, last, populations, spec.solver.steady_state_tolerance, result.notes);
        // The emitted-quanta columns are time integrals; in the steady state they are reported as 0.
        result.steady_state = observables.evaluate(x.data(), {0.0, 0.0});
        if (spec.keep_steady_state_density) result.steady_state_density = stored_blocks(basis, x.data(), populations);
    }

    state.add_statistics(result);
    result.stats.wall_seconds = seconds_since(start);
    result.notes["dicke_storage"] = populations ? "populations" : "full blocks";
    result.notes["dicke_blocks"] = std::to_string(basis.blocks());
    result.notes["emitted_quanta"] = "integrated as two extra components of the state";
    return result;
}

}  // namespace openspins
