#include "openspins/method/cumulant/cumulant_method.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>
#include <optional>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/ode_integrator.hpp"
#include "openspins/method/cumulant/cumulant_system.hpp"
#include "openspins/method/cumulant/moment_states.hpp"
#include "openspins/method/integrator_choice.hpp"
#include "openspins/method/protocol_walk.hpp"
#include "openspins/method/stopwatch.hpp"
#include "openspins/model/symmetric_forms.hpp"
#include "openspins/number_text.hpp"

namespace openspins {

namespace {

using namespace cumulant;

[[noreturn]] void refuse(const std::string& what) { throw ModelError(messages::cumulant_unsupported(what)); }

const std::vector<std::string>& supported_method_observables() {
    static const std::vector<std::string> names{"S",      "emitted_collective", "emitted_local", "energy",
                                                "power_stored", "power_released", "power_lost"};
    return names;
}

std::optional<double> zeeman_energy_scale(const Model& model) {
    for (const auto& t : model.hamiltonian) {
        if (t.kind != "zeeman" || !t.collective) continue;
        const auto p = t.collective->simplified();
        if (p.terms().size() == 1 && p.terms()[0].letters == std::vector{CollectiveLetter::Jz})
            return p.terms()[0].coeff.real() * t.strength;
    }
    return std::nullopt;
}

// O is Hermitian iff ⟨O⟩'s expansion satisfies c_K(N) = c_{K*}(N)* for every moment K (the
// symmetrised words are a basis of the symmetric operators). Cheap at any N, unlike a check
// on the Dicke blocks, which are N + 1 wide.
bool is_hermitian(const MomentSum& s, int n) {
    for (const auto& [k, c] : s) {
        const auto it = s.find(k.conjugate());
        const std::complex<double> a = c.at(n), b = it == s.end() ? 0.0 : it->second.at(n);
        if (std::abs(a - std::conj(b)) > 1e-12 * (1.0 + std::abs(a))) return false;
    }
    return true;
}

// The columns and how to compute them from the state.
struct Column {
    enum class What {
        real,
        imag,
        trace,
        s,
        emitted_collective,
        emitted_local,
        energy,
        power_stored,
        power_released,
        power_lost
    } what;
    MomentSum sum;  // real, imag: ⟨O⟩
};

// Physical bounds of a permutation-symmetric state, checked at the outputs: the single-spin
// state (|⟨σ⃗⟩| ≤ 1), ⟨J⁺J⁻⟩ ≥ 0 and 0 ≤ ⟨J²⟩ ≤ N/2 (N/2 + 1).
struct PhysicalityMonitor {
    double worst = 0.0, first_time = 0.0;
    std::string first_what;
    // Excesses below 1e-6 (relative) are the integrator's tolerance, not the closure.
    void check(double t, double size, const std::string& what) {
        if (size <= 1e-6) return;
        if (first_what.empty()) {
            first_what = what;
            first_time = t;
        }
        worst = std::max(worst, size);
    }
};

class CumulantSteppedState final : public SteppedState {
public:
    CumulantSteppedState(const RunSpec& spec, const CumulantSystem& system)
        : spec_(spec), system_(system), n_(system.spins()) {
        // moments, then the emitted quanta (collective, local; the mode's loss with a cavity) when a
        // column reads them: each counter widens the dense LU that CVODE solves at every Newton
        // iteration (n² work at n = 19 moments for order 3), so a run without them leaves them out.
        const auto& names = spec.method_observables;
        const bool counted = system.has_mode() ||
                             std::find(names.begin(), names.end(), "emitted_collective") != names.end() ||
                             std::find(names.begin(), names.end(), "emitted_local") != names.end();
        counters_ = counted ? (system.has_mode() ? 3 : 2) : 0;
        y_.assign(system.real_size() + counters_, 0.0);
        system_.pack(system.has_mode()
                         ? initial_moments_with_mode(spec.model.initial, spec.model, system.variables(), system.order())
                         : initial_moments(spec.model.initial, spec.model, system.order()),
                     y_.data());
        if (system.has_mode()) {
            const auto mode_key = [](int p, int q) { return MomentSum{{MomentKey{0, 0, 0, p, q}, NPolynomial::constant(1.0)}}; };
            photons_ = mode_key(1, 1);
            a_ = mode_key(0, 1);
            a2_ = mode_key(0, 2);
            photons_compiled_ = system_.compile(photons_);
            const Cavity& cavity = *spec.model.cavity;
            mode_loss_ = cavity.loss * (cavity.thermal_occupation + 1.0);
        }
        jpjm_ = collective_expectation(CollectivePolynomial::letter(CollectiveLetter::Jp) *
                                       CollectivePolynomial::letter(CollectiveLetter::Jm));
        j2_ = collective_expectation(CollectivePolynomial::letter(CollectiveLetter::J2));
        jpjm_compiled_ = system_.compile(jpjm_);
        for (const auto& o : spec.observables) {
            if (o.kind == Observable::Kind::trace) {
                columns_.push_back({Column::What::trace, {}});
                continue;
            }
            const MomentSum s = collective_expectation(*o.collective);
            if (is_hermitian(s, n_)) {
                columns_.push_back({Column::What::real, s});
            } else {
                columns_.push_back({Column::What::real, s});
                columns_.push_back({Column::What::imag, s});
            }
        }
        for (const auto& name : spec.method_observables) {
            if (name == "S") columns_.push_back({Column::What::s, {}});
            if (name == "emitted_collective") columns_.push_back({Column::What::emitted_collective, {}});
            if (name == "emitted_local") columns_.push_back({Column::What::emitted_local, {}});
            if (name == "energy") columns_.push_back({Column::What::energy, {}});
            if (name == "power_stored") columns_.push_back({Column::What::power_stored, {}});
            if (name == "power_released") columns_.push_back({Column::What::power_released, {}});
            if (name == "power_lost") columns_.push_back({Column::What::power_lost, {}});
        }
        energy_scale_ = zeeman_energy_scale(spec.model).value_or(0.0);
    }

    void apply_pulse(const Pulse& pulse) override {
        system_.pack(pulsed_moments(pulse, system_.moments(y_.data())), y_.data());
    }
    void start_evolution(const Evolve& evolve, double t0, double t_end) override {
        auto it = steps_.find(evolve.scale);
        if (it == steps_.end()) it = steps_.emplace(evolve.scale, make_step(evolve.scale)).first;
        current_ = &it->second;
        integrator().reset(t0, y_.data(), t_end, continues_step_);
    }
    void restart(const Evolve& evolve, double t0, double t_end) override {
        continues_step_ = true;
        start_evolution(evolve, t0, t_end);
        continues_step_ = false;
    }
    void advance(double t) override { integrator_->advance(t, y_.data()); }
    std::vector<double> observe(double t) override {
        std::vector<double> row;
        const double j2 = system_.evaluate(j2_, y_.data()).real();
        const std::array<double, 3> power = needs_power() ? battery_power() : std::array<double, 3>{};
        for (const auto& c : columns_) {
            switch (c.what) {
                case Column::What::real:
                    row.push_back(system_.evaluate(c.sum, y_.data()).real());
                    break;
                case Column::What::imag:
                    row.push_back(system_.evaluate(c.sum, y_.data()).imag());
                    break;
                case Column::What::trace:  // Tr ρ = ⟨1⟩ = M(0, 0, 0), 1 by construction
                    row.push_back(1.0);
                    break;
                case Column::What::s:
                    row.push_back(0.5 * (std::sqrt(1.0 + 4.0 * std::max(j2, 0.0)) - 1.0));
                    break;
                case Column::What::emitted_collective:
                    row.push_back(y_[system_.real_size()]);
                    break;
                case Column::What::emitted_local:
                    row.push_back(y_[system_.real_size() + 1]);
                    break;
                case Column::What::energy:
                    row.push_back(energy_scale_ * 0.5 * n_ * y_[zeta_offset()]);
                    break;
                case Column::What::power_stored:
                    row.push_back(power[0]);
                    break;
                case Column::What::power_released:
                    row.push_back(power[1]);
                    break;
                case Column::What::power_lost:
                    row.push_back(power[2]);
                    break;
            }
        }
        if (system_.has_mode()) {
            ModeMoments mode;
            mode.photons = system_.evaluate(photons_, y_.data()).real();
            mode.a = system_.evaluate(a_, y_.data());
            mode.a2 = system_.evaluate(a2_, y_.data());
            mode.emitted = y_[system_.real_size() + 2];
            append_mode_values(*spec_.model.cavity, mode, row);
            monitor_mode(t, mode);
        }
        monitor(t, j2);
        check_recorded_state(t, 1.0, spec_.solver.trace_tolerance, row);
        return row;
    }
    [[nodiscard]] std::vector<double> save() const override { return y_; }
    void restore(std::vector<double> state) override { restore_state_vector(y_, std::move(state)); }

    [[nodiscard]] std::size_t size() const { return y_.size(); }
    void add_statistics(RunResult& result, const IntegratorChoice& choice) const {
        if (integrator_) record_integration(*integrator_, choice.name, rhs_seconds_, rhs_calls_, result);
        result.notes["emitted_quanta"] = counters_ > 0 ? "integrated as extra components of the state"
                                                       : "not integrated (no emitted_* column asked for)";
        result.notes["integrator_choice"] = explain(choice);
        if (!physicality_.first_what.empty()) {
            result.notes["cumulant.warning"] = messages::format_message(
                "cumulant_unphysical", {number_text("%.6g", physicality_.first_time), physicality_.first_what,
                                        number_text("%.3g", physicality_.worst)});
        }
    }

private:
    struct Step {
        CumulantSystem::Rhs rhs;
        double collective_emission = 0.0, local_emission = 0.0;  // rates for the emitted-quanta counters
    };

    Step make_step(const std::map<std::string, double>& scale) const {
        Step s{system_.rhs(scale), 0.0, 0.0};
        for (const auto& c : spec_.model.channels) {
            const auto it = scale.find(c.name);
            const double rate = (c.jumps.empty() ? 0.0 : c.jumps.front().rate) * (it == scale.end() ? 1.0 : it->second);
            if (c.kind == "collective_emission") s.collective_emission += rate;
            if (c.kind == "emission") s.local_emission += rate;
        }
        return s;
    }

    [[nodiscard]] bool needs_power() const {
        return std::any_of(columns_.begin(), columns_.end(), [](const Column& c) {
            return c.what == Column::What::power_stored || c.what == Column::What::power_released ||
                   c.what == Column::What::power_lost;
        });
    }
    // The battery's energy flows with H_Z = c·Jz (docs/methods/dicke.md, "Power"), under the
    // equations of the evolve step in progress (around a pulse: the last one; before the first
    // evolve step: the model at unit scale): {c d⟨Jz⟩/dt, c ΣΓ⟨J⁺J⁻⟩, c γ N(1 + ⟨σᶻ⟩)/2}.
    std::array<double, 3> battery_power() {
        if (current_ == nullptr && !unscaled_) unscaled_ = make_step({});
        const Step& s = current_ != nullptr ? *current_ : *unscaled_;
        power_scratch_.assign(system_.real_size(), 0.0);
        s.rhs(y_.data(), power_scratch_.data());
        const double z = y_[zeta_offset()];
        const double released =
            s.collective_emission == 0.0 ? 0.0 : s.collective_emission * system_.evaluate(jpjm_, y_.data()).real();
        return {energy_scale_ * 0.5 * n_ * power_scratch_[zeta_offset()], energy_scale_ * released,
                energy_scale_ * s.local_emission * 0.5 * n_ * (1.0 + z)};
    }

    // The offset of M(0, 0, 1) = ⟨σᶻ⟩ in the packed state (after ⟨σ⁺⟩'s two reals).
    [[nodiscard]] std::size_t zeta_offset() const { return 2; }

    void monitor(double t, double j2) {
        const auto m = system_.moments(y_.data());
        const double z = m.at({0, 0, 1}).real();
        const double p = std::abs(m.at({1, 0, 0}));
        const double bloch = std::sqrt(z * z + 4.0 * p * p);
        physicality_.check(t, bloch - 1.0, "single-spin Bloch vector longer than 1");
        const double jmax = 0.5 * n_ * (0.5 * n_ + 1.0);
        physicality_.check(t, (j2 - jmax) / jmax, "<J^2> above N/2 (N/2 + 1)");
        physicality_.check(t, -j2 / jmax, "<J^2> negative");
        const double jpjm = system_.evaluate(jpjm_, y_.data()).real();
        physicality_.check(t, -jpjm / jmax, "<J+J-> negative");
    }

    // ⟨a†a⟩ ≥ |⟨a⟩|² (Cauchy–Schwarz; ≥ 0 in particular) and Var x ≥ 0 hold for every state.
    void monitor_mode(double t, const ModeMoments& m) {
        const double scale = 1.0 + std::abs(m.photons);
        physicality_.check(t, (std::norm(m.a) - m.photons) / scale, "<ad a> below |<a>|^2 (or negative)");
        const double x = std::sqrt(2.0) * m.a.real();
        physicality_.check(t, -(m.a2.real() + m.photons + 0.5 - x * x) / scale, "variance of x negative");
    }

    OdeIntegrator& integrator() {
        if (integrator_) return *integrator_;
        const std::size_t reals = system_.real_size();
        const auto rhs = [this, reals](double, const double* in, double* out) {
            const auto t0 = Clock::now();
            current_->rhs(in, out);
            ++rhs_calls_;
            if (counters_ == 0) {
                rhs_seconds_ += seconds_since(t0);
                return;
            }
            // Emitted quanta: Γ⟨J⁺J⁻⟩ and γ Σ_i⟨σ⁺_iσ⁻_i⟩ = γ N (1 + ⟨σᶻ⟩)/2.
            const double z = in[zeta_offset()];
            out[reals] = current_->collective_emission == 0.0
                             ? 0.0
                             : current_->collective_emission * current_->rhs.value(jpjm_compiled_).real();
            out[reals + 1] = current_->local_emission * 0.5 * n_ * (1.0 + z);
            // Photons through the mode's loss, κ(n̄_b + 1)⟨a†a⟩ (model/cavity.hpp, "emitted").
            if (system_.has_mode()) out[reals + 2] = mode_loss_ * current_->rhs.value(photons_compiled_).real();
            rhs_seconds_ += seconds_since(t0);
        };
        // The analytic Jacobian of the same right-hand side (CumulantSystem::Rhs::jacobian): the
        // difference quotients cost size() right-hand sides per Jacobian (38 % of all of them at
        // order 3 in the N = 10⁶ battery) and lose digits in columns next to ΓN ~ 10⁹ entries.
        const std::size_t size = y_.size();
        const auto jacobian = [this, reals, size](double, const double* in, double* jac) {
            const auto t0 = Clock::now();
            current_->rhs.jacobian(in, jac, size);
            if (counters_ == 0) {
                rhs_seconds_ += seconds_since(t0);
                return;
            }
            // The counters' rows (their columns stay 0: nothing depends on them).
            if (current_->collective_emission != 0.0)
                current_->rhs.add_gradient(jpjm_compiled_, current_->collective_emission, jac + reals, size);
            jac[zeta_offset() * size + reals + 1] = current_->local_emission * 0.5 * n_;
            if (system_.has_mode()) current_->rhs.add_gradient(photons_compiled_, mode_loss_, jac + reals + 2, size);
            rhs_seconds_ += seconds_since(t0);
        };
        const IntegratorChoice choice = choose_integrator(spec_);
        // 3–21 reals: BDF's Newton steps with a dense LU of the Jacobian (reused over many steps)
        // instead of matrix-free GMRES; at N = 10⁶ (ΓN ~ 10⁹) GMRES needed several Krylov vectors
        // per Newton step (docs/methods/cumulant.md, "Speed").
        integrator_ = make_dense_integrator(y_.size(), rhs, with_integrator(spec_.solver, choice), jacobian);
        return *integrator_;
    }

    const RunSpec& spec_;
    const CumulantSystem& system_;
    int n_;
    std::vector<double> y_;
    std::vector<Column> columns_;
    MomentSum jpjm_, j2_;
    CumulantSystem::CompiledSum jpjm_compiled_;  // for the right-hand side's Γ⟨J⁺J⁻⟩
    MomentSum photons_, a_, a2_;                  // ⟨a†a⟩, ⟨a⟩, ⟨a²⟩ (with a cavity)
    CumulantSystem::CompiledSum photons_compiled_;
    double mode_loss_ = 0.0;  // κ(n̄_b + 1)
    double energy_scale_ = 0.0;
    std::map<std::map<std::string, double>, Step> steps_;
    Step* current_ = nullptr;
    std::optional<Step> unscaled_;  // battery_power() before the first evolve step
    std::vector<double> power_scratch_;
    bool continues_step_ = false;
    std::size_t counters_ = 0;  // emitted-quanta components after the moments: 0, 2, or 3 with a mode
    std::unique_ptr<OdeIntegrator> integrator_;
    double rhs_seconds_ = 0.0;
    long rhs_calls_ = 0;
    PhysicalityMonitor physicality_;
};

}  // namespace

void CumulantMethod::validate(const RunSpec& spec) const {
    const Model& model = spec.model;
    const int n = model.spins.size();
    if (n < 1) throw ModelError(messages::model_has_no_spins());
    if (model.cavity) {
        for (const auto& o : model.cavity->observables)
            if (o == "fock")
                refuse("the mode's Fock distribution ([cavity] observables \"fock\" or fock_file: it needs the density "
                       "matrix; the moments give photons, a, x)");
        for (const auto& name : spec.method_observables)
            if (name.starts_with("power_")) throw ModelError(messages::format_message("power_no_cavity", {messages::quoted(name)}));
    }
    if (!model.environment.empty()) refuse("baths and couplings (the cumulant method takes given rates)");
    if (!model.sources.empty()) refuse("source terms");
    for (const auto& t : model.hamiltonian)
        if (!t.collective && !t.mode)
            refuse("Hamiltonian term '" + t.name + "' (" + t.kind +
                   ") does not act identically on all spins (different frequencies, a subset of spins or pairs, "
                   "or single-spin operators)");
    for (const auto& c : model.channels) {
        if (c.mode) continue;  // a custom jump in collective and mode letters (with a [cavity])
        if (!channel_site_operator(c.kind)) refuse("channel '" + c.name + "' is a " + c.kind + " jump operator");
        if (!covers_all_spins(c.spins, n)) refuse("channel '" + c.name + "' acts on a subset of the spins");
        for (const auto& j : c.jumps) {
            if (!(j.rate >= 0.0) || !std::isfinite(j.rate))
                throw ModelError(messages::format_message("channel_rate_negative",
                                                          {messages::quoted(c.name), number_text("%.6g", j.rate)}));
            if (j.rate != c.jumps.front().rate) refuse("channel '" + c.name + "' has different rates on different spins");
        }
    }
    for (const auto& o : spec.observables) {
        if (o.kind == Observable::Kind::purity) refuse("observable '" + o.name + "' needs the density matrix");
        if (o.kind == Observable::Kind::expectation && !o.collective) refuse("observable '" + o.name + "' is not a collective operator over all spins");
    }
    refuse_fluctuation_observables(spec.method_observables);
    const auto& known = supported_method_observables();
    for (const auto& name : spec.method_observables) {
        if (std::find(known.begin(), known.end(), name) == known.end())
            refuse("observable '" + name + "' needs the Dicke-basis density matrix");
        if ((name == "energy" || name.starts_with("power_")) && !zeeman_energy_scale(model))
            throw ModelError(messages::format_message("energy_needs_zeeman", {messages::quoted(name)}));
    }
    validate_initial_state(model.initial, n);
    if (const auto why = unsupported_initial_state(model.initial, model); !why.empty()) refuse(why);
    for (const auto& step : spec.protocol.steps)
        if (const auto* p = std::get_if<Pulse>(&step.action))
            if (!covers_all_spins(p->spins, n)) refuse("a pulse (step '" + step.label + "') acts on a subset of the spins");
    if (spec.protocol.steps.empty()) throw ModelError(messages::protocol_has_no_steps());
    if (spec.steady_state) refuse("steady_state = true (the closed equations are nonlinear; integrate to late times)");
    if (spec.keep_final_state || spec.keep_steady_state_density) refuse("[output] final_state (there is no density matrix)");
    if (spec.solver.cumulant_order < 1 || spec.solver.cumulant_order > 3)
        throw ModelError(messages::format_message("cumulant_order_range", {std::to_string(spec.solver.cumulant_order)}));
}

std::size_t CumulantMethod::memory_estimate(const RunSpec& spec) const {
    // 19 reals at order 3; the equations' tables are a few kB. Counted generously.
    (void)spec;
    return std::size_t{1} << 20;
}

std::string CumulantMethod::storage_description(const RunSpec& spec) const {
    const int n = spec.model.spins.size();
    const bool mode = spec.model.cavity.has_value();
    const int order = mode ? std::max(1, spec.solver.cumulant_order) : std::max(1, std::min(spec.solver.cumulant_order, n));
    std::size_t reals = 0;
    for (const auto& k : mode ? canonical_keys_with_mode(order, n) : canonical_keys(order)) reals += k.is_real() ? 1 : 2;
    return "cumulant order " + std::to_string(order) + ": moments of up to " + std::to_string(order) +
           (mode ? " factors (spins, a, a†)" : " spins") + " (" + std::to_string(reals) + " reals, independent of N)";
}

RunResult CumulantMethod::run(const RunSpec& spec, const RunControl& control) const {
    validate(spec);
    const auto start = Clock::now();
    // Process CPU time (the method is single-threaded): on a shared, loaded machine the wall
    // seconds overstate the cost; the benchmark reports both.
    const std::clock_t cpu_start = std::clock();
    const CumulantSystem system(spec.model, spec.solver.cumulant_order);
    CumulantSteppedState state(spec, system);

    RunResult result;
    result.method = name();
    for (const auto& o : spec.observables) {
        if (o.kind == Observable::Kind::trace ||
            is_hermitian(collective_expectation(*o.collective), spec.model.spins.size())) {
            result.series.columns.push_back(o.name);
        } else {
            result.series.columns.push_back(o.name + ".re");
            result.series.columns.push_back(o.name + ".im");
        }
    }
    for (const auto& name : spec.method_observables)
        for (auto& c : symmetric_method_columns(name, spec.model.spins.size())) result.series.columns.push_back(c);
    if (spec.model.cavity)
        for (auto& c : mode_columns(*spec.model.cavity)) result.series.columns.push_back(std::move(c));
    result.stats.state_size = state.size();
    result.stats.storage = storage_description(spec);
    result.stats.peak_memory_estimate = memory_estimate(spec);
    walk_protocol(spec, control, state, result);
    state.add_statistics(result, choose_integrator(spec));
    result.stats.wall_seconds = seconds_since(start);
    result.notes["cumulant_order"] = std::to_string(system.order());
    result.notes["cumulant_variables"] = std::to_string(system.real_size());
    result.notes["cumulant_derivation_seconds"] = number_text("%.3g", system.derivation_seconds());
    result.notes["cumulant_cpu_seconds"] =
        number_text("%.3g", static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
    if (const auto& cavity = spec.model.cavity) {
        // The closure keeps the initial mode state's moments of ≤ order factors exactly and nothing
        // beyond: a Fock state |n⟩ and the thermal state with n̄ = n agree in all of them up to
        // order 3 (⟨(a†)^p a^q⟩ = 0 for p ≠ q, ⟨a†a⟩ = n), so the closed equations cannot tell them
        // apart; order 1 keeps only ⟨a⟩, so ⟨a†a⟩ = |⟨a⟩|² (0 for Fock and thermal states).
        if (cavity->initial == Cavity::Initial::fock || cavity->initial == Cavity::Initial::thermal)
            result.notes["cumulant.mode_state"] =
                system.order() == 1
                    ? "order 1 keeps <a> only: the initial photons of a Fock or thermal state (<a> = 0) are lost "
                      "(<ad a> = |<a>|^2); use order >= 2"
                    : "the closure sees the initial mode state through its moments of <= " + std::to_string(system.order()) +
                          " factors; a Fock state |n> has the same ones as the thermal state with mean n, so both "
                          "give the same equations and start (docs/methods/cumulant.md, \"Mode\")";
    }
    return result;
}

}  // namespace openspins
