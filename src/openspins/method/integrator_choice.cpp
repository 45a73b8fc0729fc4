#include "openspins/method/integrator_choice.hpp"

#include <algorithm>
#include <map>
#include <cmath>

#include "openspins/config/messages.hpp"

namespace openspins {

namespace {

// Step-count model (integrator_choice.hpp), fitted to CVODE's counts on the examples at their
// tolerances (rtol 1e-8; docs/config.md, "How auto chooses", has the table):
constexpr double startup_steps = 30.0;  // a0: CVODE's ramp from its first step and order 1, per evolve step
// The protocol walk's restarts inside a step start from a smooth state: 13–18 steps each
// (two-spin superradiance, single spin, Rabi: with and without 16 restarts).
constexpr double restart_steps = 15.0;
constexpr double steps_per_radian = 8.0;  // a1: Adams steps per radian of ω Δt (single spin, Rabi, baths, Hahn echo)
constexpr double steps_per_e_fold = 5.0;  // a2: steps per e-fold of the decaying transients
// Adams steps per unit of λ Δt where stability binds: h λ ≈ 1/3 (N = 8 local + collective).
constexpr double adams_steps_per_decay = 3.0;
constexpr double adams_rhs_per_step = 1.5;  // fixed-point iteration: measured 1.1–1.5
constexpr double bdf_rhs_per_step = 2.5;    // Newton + GMRES: measured 2.2–2.4
// Where accuracy binds, BDF (order ≤ 5) takes more steps than Adams (order ≤ 12): 2× on
// two-spin superradiance, more on the N = 6 battery cycle.
constexpr double bdf_accuracy_steps = 2.5;
// A BDF right-hand side costs more wall time than an Adams one (GMRES's Gram–Schmidt and
// the preconditioner): 1.4× on the N = 8 and N = 6 examples.
constexpr double bdf_rhs_overhead = 1.4;
// BDF pays once stability costs Adams more extra steps (in units of the accuracy steps)
// than BDF's dearer, more numerous steps cost: σ* = (BDF cost per Adams accuracy step) − 1.
constexpr double stiffness_threshold =
    bdf_rhs_per_step * bdf_accuracy_steps * bdf_rhs_overhead / adams_rhs_per_step - 1.0;
constexpr int bdf_highest_order = 5;
// Wall time per Adams right-hand side per byte of the method's memory estimate (a rhs and
// the integrator's vector operations stream the state vectors): 0.45–0.68 ns/B measured on
// four examples from 74 kB to 20 MB, 0.8–1.3 ns/B with the machine busier.
constexpr double seconds_per_rhs_byte = 0.6e-9;

double factor(const std::map<std::string, double>& scale, const std::string& name) {
    const auto it = scale.find(name);
    return it == scale.end() ? 1.0 : it->second;
}

// ‖op‖ ≤ Σ |c| over the matrix-unit monomials (each has norm 1).
double norm_bound(const SpinOperator& op) {
    double sum = 0.0;
    for (const auto& m : op.terms()) sum += std::abs(m.coeff);
    return sum;
}

// ‖p‖ on n spins: ‖Jα‖ = n/2, ‖J±‖ ≤ n/2 + ½, ‖J²‖ = (n/2)(n/2 + 1).
double norm_bound(const CollectivePolynomial& p, int n) {
    const double j = 0.5 * n;
    double sum = 0.0;
    for (const auto& m : p.terms()) {
        double term = std::abs(m.coeff);
        for (const auto letter : m.letters) {
            switch (letter) {
                case CollectiveLetter::Jx:
                case CollectiveLetter::Jy:
                case CollectiveLetter::Jz:
                    term *= j;
                    break;
                case CollectiveLetter::Jp:
                case CollectiveLetter::Jm:
                    term *= j + 0.5;
                    break;
                case CollectiveLetter::J2:
                    term *= j * (j + 1.0);
                    break;
            }
        }
        sum += term;
    }
    return sum;
}

// λ: the fastest decay rate of one channel (table in integrator_choice.hpp).
double channel_decay(const Channel& c, int spins) {
    const double n = static_cast<double>(c.spins.empty() ? spins : static_cast<int>(c.spins.size()));
    double rates = 0.0;
    for (const auto& jump : c.jumps) rates += std::abs(jump.rate);
    if (c.kind == "emission" || c.kind == "absorption") return rates;
    if (c.kind == "dephasing") return 2.0 * rates;
    const double collective = c.jumps.empty() ? 0.0 : std::abs(c.jumps.front().rate);
    if (c.kind == "collective_emission" || c.kind == "collective_absorption")
        return collective * (0.5 * n + 0.5) * (0.5 * n + 0.5);
    if (c.kind == "collective_dephasing") return collective * 0.5 * n * n;
    double sum = 0.0;  // custom jumps and the ones derived from baths: γ ‖L‖²
    for (const auto& jump : c.jumps) {
        const double norm = norm_bound(jump.op);
        sum += std::abs(jump.rate) * norm * norm;
    }
    return sum;
}

struct StepRates {
    double decay = 0.0;        // λ
    double oscillation = 0.0;  // ω
};

StepRates step_rates(const Model& model, const std::map<std::string, double>& scale) {
    const int n = model.spins.size();
    StepRates r;
    for (const auto& c : model.channels) r.decay += std::abs(factor(scale, c.name)) * channel_decay(c, n);
    for (const auto& t : model.hamiltonian) {
        const double norm = !t.op.empty() ? norm_bound(t.op) : t.collective ? norm_bound(*t.collective, n) : 0.0;
        r.oscillation += std::abs(t.strength * factor(scale, t.name)) * norm;
    }
    if (model.cavity) {
        const Cavity& cavity = *model.cavity;
        const double top = static_cast<double>(cavity.n_max);
        r.decay += cavity.loss * top;
        // The collective vacuum Rabi frequency g√N and the mode's own |δ|: the norm bound
        // g √n_max (N/2 + ½) would count oscillations that κ overdamps (the bad-cavity
        // example: 8× too many steps estimated with it).
        r.oscillation += std::abs(cavity.detuning) +
                         std::abs(cavity.coupling * factor(scale, "cavity")) * std::sqrt(static_cast<double>(n));
        r.decay += cavity.loss * cavity.thermal_occupation * 2.0 * top;
        // Spin–mode terms and jumps: ‖(a†)^p a^q ⊗ S‖ ≤ n_max^{(p+q)/2} ‖S‖ on the truncation.
        const auto mode_norm = [&](const SpinModePolynomial& p) {
            double sum = 0.0;
            for (const auto& t : p.terms()) sum += std::pow(top, 0.5 * (t.creations + t.annihilations)) * norm_bound(t.spin, n);
            return sum;
        };
        for (const auto& t : model.hamiltonian)
            if (t.mode) r.oscillation += std::abs(t.strength * factor(scale, t.name)) * mode_norm(*t.mode);
        for (const auto& c : model.channels)
            if (c.mode && !c.jumps.empty()) {
                const double norm = mode_norm(*c.mode);
                r.decay += std::abs(c.jumps.front().rate * factor(scale, c.name)) * norm * norm;
            }
    }
    return r;
}

}  // namespace

IntegratorChoice choose_integrator(const RunSpec& spec, const IntegratedStep& integrated) {
    IntegratorChoice choice;
    choice.threshold = stiffness_threshold;
    // Which steps count: the ones the integrator takes; when a method takes none of them
    // with the integrator, all of them: it falls back to the integrator where its own
    // propagation fails (dicke's rational propagator), and those steps are the stiff ones.
    bool any_integrated = false;
    for (const auto& step : spec.protocol.steps)
        if (const auto* e = std::get_if<Evolve>(&step.action)) any_integrated |= !integrated || integrated(*e);

    double accuracy_steps = 0.0, stability_steps = 0.0, largest = -1.0;
    // step_rates is O(N) (per-spin channel rates); protocols repeat a few distinct scales.
    std::map<std::map<std::string, double>, StepRates> rates_by_scale;
    for (const auto& step : spec.protocol.steps) {
        const auto* e = std::get_if<Evolve>(&step.action);
        if (e == nullptr || (any_integrated && integrated && !integrated(*e))) continue;
        auto cached = rates_by_scale.find(e->scale);
        if (cached == rates_by_scale.end()) cached = rates_by_scale.emplace(e->scale, step_rates(spec.model, e->scale)).first;
        const StepRates& r = cached->second;
        const double decays = r.decay * e->duration;
        const double accuracy =
            startup_steps + steps_per_radian * r.oscillation * e->duration + steps_per_e_fold * std::log1p(decays);
        accuracy_steps += accuracy;
        stability_steps += adams_steps_per_decay * decays;
        if (any_integrated) ++choice.estimated_steps;
        if (decays > largest) {
            largest = decays;
            choice.stiffest_step = step.label;
            choice.fastest_decay = r.decay;
            choice.step_length = e->duration;
        }
    }
    // The protocol walk also restarts the integrator inside evolve steps, at the first output
    // of each of solver.restarts bins of the duration (protocol_walk.hpp): a start-up each.
    const auto restarts = static_cast<std::size_t>(std::max(spec.solver.restarts, 0));
    accuracy_steps += restart_steps * static_cast<double>(std::min(restarts, spec.output_times.size()));
    choice.stiffness = accuracy_steps > 0.0 ? stability_steps / accuracy_steps : 0.0;

    const std::string& named = spec.solver.integrator;
    choice.automatic = named == "auto";
    if (!choice.automatic)
        choice.name = named;
    else if (spec.solver.max_order > bdf_highest_order) {
        choice.name = "adams";
        choice.forced_by = messages::order_above_bdf(spec.solver.max_order, bdf_highest_order);
    } else
        choice.name = choice.stiffness >= choice.threshold ? "bdf" : "adams";
    // Steps another propagator takes are not estimated (dicke's rational propagator costs
    // far less than CVODE; a fallback to CVODE is not foreseeable).
    const double estimated = any_integrated ? 1.0 : 0.0;
    choice.estimated_rhs = estimated * (choice.name == "bdf" ? bdf_rhs_per_step * bdf_accuracy_steps * accuracy_steps
                                                             : adams_rhs_per_step * (accuracy_steps + stability_steps));
    return choice;
}

SolverOptions with_integrator(const SolverOptions& solver, const IntegratorChoice& choice) {
    SolverOptions resolved = solver;
    resolved.integrator = choice.name;
    return resolved;
}

std::string explain(const IntegratorChoice& c) {
    if (!c.automatic) return messages::integrator_named(c.name);
    if (!c.forced_by.empty()) return messages::integrator_forced(c.name, c.forced_by);
    return messages::integrator_chosen(c.name, c.stiffness, c.threshold, c.fastest_decay, c.step_length,
                                       c.stiffest_step);
}

double rough_run_seconds(const IntegratorChoice& choice, std::size_t memory_bytes) {
    const double overhead = choice.name == "bdf" ? bdf_rhs_overhead : 1.0;
    return choice.estimated_rhs * overhead * static_cast<double>(memory_bytes) * seconds_per_rhs_byte;
}

}  // namespace openspins
