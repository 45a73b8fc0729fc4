#include "openspins/method/analytic/seed004_run.hpp"

#include <chrono>
#include <cmath>
#include <variant>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/analytic/energy_conserving_mode.hpp"
#include "openspins/method/analytic/fluctuation_observable.hpp"
#include "openspins/method/analytic/free_intensive_dynamics.hpp"
#include "openspins/method/analytic/mean_field_mode_model.hpp"
#include "openspins/method/analytic/mode_excitation_second_order.hpp"
#include "openspins/method/protocol_walk.hpp"
#include "openspins/model/symmetric_forms.hpp"
#include "openspins/number_text.hpp"

namespace openspins::analytic {

namespace {

using cplx = std::complex<double>;
using Clock = std::chrono::steady_clock;

[[noreturn]] void refuse(const std::string& what) { throw ModelError(messages::analytic_mode_model(what)); }

// One spin ½ in the basis |↑⟩ = 0, |↓⟩ = 1 (mean_field_mode_model.hpp).
Eigen::MatrixXcd pauli(CollectiveLetter letter) {
    Eigen::MatrixXcd s = Eigen::MatrixXcd::Zero(2, 2);
    switch (letter) {
        case CollectiveLetter::Jx: s(0, 1) = s(1, 0) = 1.0; break;
        case CollectiveLetter::Jy: s(0, 1) = cplx{0.0, -1.0}; s(1, 0) = cplx{0.0, 1.0}; break;
        case CollectiveLetter::Jz: s(0, 0) = 1.0; s(1, 1) = -1.0; break;
        default: break;
    }
    return s;
}

// c·letter when p is a single monomial of one letter (constants dropped when allowed).
std::optional<std::pair<cplx, CollectiveLetter>> single_letter(const CollectivePolynomial& p, bool drop_constants) {
    std::optional<std::pair<cplx, CollectiveLetter>> out;
    const CollectivePolynomial simple = p.simplified();
    for (const auto& m : simple.terms()) {
        if (m.letters.empty() && drop_constants) continue;
        if (m.letters.size() != 1 || out) return std::nullopt;
        out = std::make_pair(m.coeff, m.letters.front());
    }
    return out;
}

std::optional<cplx> constant_only(const CollectivePolynomial& p) {
    cplx c{0.0};
    const CollectivePolynomial simple = p.simplified();
    for (const auto& m : simple.terms()) {
        if (!m.letters.empty()) return std::nullopt;
        c += m.coeff;
    }
    return c;
}

// What a spin column evaluates: c·(N/2)·μ_S(σ^α(t)), or the trace.
struct SpinColumn {
    bool trace = false;
    cplx coeff{0.0};
    Eigen::MatrixXcd sigma;
};

struct Seed004Setup {
    MeanFieldModeModel model;
    bool energy_conserving = false;  // G = σ^z
    int n = 0;
    std::vector<SpinColumn> spin_columns;
    std::vector<Eigen::MatrixXcd> fluctuation_columns;  // σ^α of each fluctuation_α column (eq. 1.29)
};

Eigen::MatrixXcd spin_state(const RunSpec& spec, double omega0) {
    const InitialState& s = spec.model.initial;
    Eigen::MatrixXcd rho = Eigen::MatrixXcd::Zero(2, 2);
    switch (s.kind) {
        case InitialState::Kind::all_up: rho(0, 0) = 1.0; return rho;
        case InitialState::Kind::all_down: rho(1, 1) = 1.0; return rho;
        case InitialState::Kind::product: {
            const auto r = s.bloch.front();
            for (const auto& b : s.bloch)
                if (b != r) refuse("[initial] product with different Bloch vectors (μ_S must be the same for every spin)");
            rho = 0.5 * (Eigen::MatrixXcd::Identity(2, 2) + r[0] * pauli(CollectiveLetter::Jx) +
                         r[1] * pauli(CollectiveLetter::Jy) + r[2] * pauli(CollectiveLetter::Jz));
            return rho;
        }
        case InitialState::Kind::thermal: {
            // e^{−ω₀σ^z/2T}/Z per spin (the thermal state of ω₀Jz); T = 0: the ground state.
            const double x = s.temperature > 0.0 ? omega0 / (2.0 * s.temperature) : (omega0 > 0.0 ? 1e300 : -1e300);
            const double p_up = omega0 == 0.0 ? 0.5 : 0.5 * (1.0 - std::tanh(x));
            rho(0, 0) = p_up;
            rho(1, 1) = 1.0 - p_up;
            return rho;
        }
        default:
            refuse(std::string("[initial] kind = \"") + kind_name(s.kind) +
                   "\" (μ_S^{⊗N} needs an identical product: all_up, all_down, product or thermal)");
    }
}

Seed004Setup seed004_setup(const RunSpec& spec) {
    const Model& model = spec.model;
    const Cavity& cavity = *model.cavity;
    Seed004Setup setup;
    setup.n = model.spins.size();
    if (setup.n < 1) throw ModelError(messages::model_has_no_spins());
    if (!model.channels.empty()) refuse("channel '" + model.channels.front().name + "' (the seed's model has no dissipation)");
    if (cavity.loss != 0.0) refuse("cavity.loss (the mode does not decay in the seed's model)");
    if (!model.environment.baths.empty()) refuse("[[bath]] (the reservoir is the one mode)");
    if (spec.steady_state) refuse("steady_state = true");
    for (const auto& name : spec.method_observables) {
        if (!is_fluctuation_observable(name)) refuse("observable '" + name + "'");
        const char axis = name.back();
        setup.fluctuation_columns.push_back(
            pauli(axis == 'x' ? CollectiveLetter::Jx : axis == 'y' ? CollectiveLetter::Jy : CollectiveLetter::Jz));
    }
    for (const auto& step : spec.protocol.steps) {
        if (std::holds_alternative<Pulse>(step.action)) refuse("pulse '" + step.label + "' (the formulas are for free evolution)");
        for (const auto& [name, factor] : std::get<Evolve>(step.action).scale)
            if (factor != 1.0) refuse("protocol step '" + step.label + "' scales '" + name + "' (λ must stay constant)");
    }

    // Spins: ω₀ Jz (constants are energy offsets).
    CollectivePolynomial spins;
    for (const auto& t : model.hamiltonian) {
        if (t.mode) continue;
        if (!t.collective) refuse("Hamiltonian term '" + t.name + "' (not the same on every spin)");
        spins += *t.collective * cplx{t.strength};
    }
    // Spin–mode part: ω a†a + c a†S + c̄ aS.
    double omega = 0.0;
    std::optional<std::pair<cplx, CollectiveLetter>> creation, annihilation;
    const SpinModePolynomial coupling = model.mode_hamiltonian().simplified();
    for (const auto& term : coupling.terms()) {
        const int p = term.creations, q = term.annihilations;
        if (p == 0 && q == 0) {
            spins += term.spin;
        } else if (p == 1 && q == 1) {
            const auto c = constant_only(term.spin);
            if (!c) refuse("the term a†a·(" + to_string(term.spin) + ") (the mode's energy must not depend on the spins)");
            omega += c->real();
        } else if ((p == 1 && q == 0) || (p == 0 && q == 1)) {
            const auto c = single_letter(term.spin, false);
            if (!c || (c->second != CollectiveLetter::Jx && c->second != CollectiveLetter::Jz))
                refuse("the spin–mode term " + std::string(p == 1 ? "a†" : "a") + "·(" + to_string(term.spin) +
                       ") (the coupling must be (a + ad)*Jx or (a + ad)*Jz)");
            (p == 1 ? creation : annihilation) = c;
        } else {
            refuse("a mode monomial with " + std::to_string(p) + " a† and " + std::to_string(q) +
                   " a (only a†a and the linear coupling)");
        }
    }
    const auto zeeman = single_letter(spins, true);
    double omega0 = 0.0;
    if (zeeman) {
        if (zeeman->second != CollectiveLetter::Jz || std::abs(zeeman->first.imag()) > 1e-14)
            refuse("the spin Hamiltonian " + to_string(spins.simplified()) + " (only ω₀ Jz)");
        omega0 = zeeman->first.real();
    } else if (!constant_only(spins)) {
        refuse("the spin Hamiltonian " + to_string(spins.simplified()) + " (only ω₀ Jz)");
    }
    if (!creation || !annihilation) refuse("no spin–mode coupling (a + ad)*Jx or (a + ad)*Jz");
    if (creation->second != annihilation->second || std::abs(creation->first - std::conj(annihilation->first)) > 1e-12)
        refuse("the spin–mode coupling (not of the form c a†S + c̄ aS)");
    if (!(omega > 0.0)) refuse("the mode frequency ω = " + number_text("%.6g", omega) + " (must be > 0: a term \"n\")");

    MeanFieldModeModel& m = setup.model;
    m.h = 0.5 * omega0 * pauli(CollectiveLetter::Jz);
    m.G = pauli(creation->second);
    setup.energy_conserving = creation->second == CollectiveLetter::Jz;
    m.omega = omega;
    const double c = std::abs(creation->first);
    m.lambda = c * std::sqrt(0.5 * setup.n);
    m.g = c > 0.0 ? creation->first / c : cplx{1.0};
    m.rho = spin_state(spec, omega0);
    switch (cavity.initial) {
        case Cavity::Initial::vacuum: m.alpha = 0.0; break;
        case Cavity::Initial::coherent: m.alpha = cavity.alpha; break;
        default: refuse("[cavity] initial (the seed's μ_R is the vacuum or a coherent state)");
    }
    for (const auto& o : cavity.observables)
        if (!setup.energy_conserving && (o == "x" || o == "fock"))
            refuse("[cavity] observables \"" + o + "\" with the Dicke form (the seed gives only 𝒩(t) and ⟨a⟩ here)");

    for (const auto& o : spec.observables) {
        SpinColumn column;
        if (o.kind == Observable::Kind::trace) {
            column.trace = true;
        } else {
            const auto letter = o.kind == Observable::Kind::expectation && o.collective
                                    ? single_letter(*o.collective, false)
                                    : std::nullopt;
            if (!letter || letter->second == CollectiveLetter::Jp || letter->second == CollectiveLetter::Jm ||
                letter->second == CollectiveLetter::J2)
                refuse("observable '" + o.name + "' (only Jx, Jy, Jz, single-spin Sα and trace: intensive averages)");
            column.coeff = letter->first * (0.5 * setup.n);
            column.sigma = pauli(letter->second);
        }
        setup.spin_columns.push_back(std::move(column));
    }
    return setup;
}

// The closed forms at the protocol's output times.
class Seed004State final : public SteppedState {
public:
    Seed004State(const RunSpec& spec, Seed004Setup setup) : spec_(spec), setup_(std::move(setup)) {
        if (setup_.energy_conserving) picture_.emplace(setup_.model);
    }
    void apply_pulse(const Pulse&) override {}  // refused by the validation
    void start_evolution(const Evolve&, double t0, double) override { now_ = t0; }
    void advance(double t) override { now_ = t; }
    std::vector<double> observe(double t) override {
        const MeanFieldModeModel& m = setup_.model;
        std::vector<double> row;
        for (const auto& c : setup_.spin_columns)
            row.push_back(c.trace ? 1.0 : (c.coeff * free_intensive_expectation(m, c.sigma, t)).real());
        for (const auto& sigma : setup_.fluctuation_columns) row.push_back(fluctuation_first_order(m, sigma, t).real());
        const Cavity& cavity = *spec_.model.cavity;
        const cplx free_field = m.alpha * std::polar(1.0, -m.omega * t);
        double photons = 0.0;
        cplx a{0.0}, a2{0.0};
        if (setup_.energy_conserving) {
            photons = energy_conserving_excitation(m, t);
            a = picture_->field(t);
            // Given the ancilla's x the field is coherent, α e^{−iωt} + x d(t) with ⟨x²⟩ = ½.
            const cplx d = picture_->ancilla_coupling() * m.g * (std::polar(1.0, -m.omega * t) - 1.0) /
                           (std::sqrt(2.0) * m.omega);
            a2 = free_field * free_field + 0.5 * d * d;
        } else {  // (2.9), and with a coherent field the drive by the spins' fluctuation (to order λ²)
            photons = mode_excitation_coherent_second_order(m, t);
            a = mode_field_second_order(m, t);
        }
        row.push_back(photons);
        for (const auto& o : cavity.observables) {
            if (o == "a") row.insert(row.end(), {a.real(), a.imag()});
            if (o == "x") {
                const double x = std::sqrt(2.0) * a.real();
                row.insert(row.end(), {x, a2.real() + photons + 0.5 - x * x});
            }
            if (o == "fock") {
                const auto p = picture_->fock_distribution(t, cavity.n_max);
                row.insert(row.end(), p.begin(), p.end());
            }
            if (o == "emitted") row.push_back(0.0);  // the seed's model has no loss: nothing leaves
        }
        check_recorded_state(t, 1.0, spec_.solver.trace_tolerance, row);
        return row;
    }
    [[nodiscard]] std::vector<double> save() const override { return {now_}; }
    void restore(std::vector<double> state) override {
        if (state.size() != 1) throw ModelError(messages::checkpoint_state_size());
        now_ = state[0];
    }

private:
    const RunSpec& spec_;
    Seed004Setup setup_;
    std::optional<SingleOscillatorPicture> picture_;
    double now_ = 0.0;
};

}  // namespace

void validate_seed004_run(const RunSpec& spec) {
    const Seed004Setup setup = seed004_setup(spec);
    const double t_max = spec.protocol.total_duration();
    const double residual = odd_moment_residual(setup.model, t_max > 0.0 ? t_max : 1.0);
    if (residual > 1e-10) throw ModelError(messages::analytic_mode_odd_moment(residual));
}

RunResult run_seed004(const RunSpec& spec, const RunControl& control) {
    const auto start = Clock::now();
    validate_seed004_run(spec);
    Seed004Setup setup = seed004_setup(spec);
    const MeanFieldModeModel model = setup.model;
    const bool energy_conserving = setup.energy_conserving;
    Seed004State state(spec, std::move(setup));
    RunResult result;
    result.method = "analytic";
    for (const auto& o : spec.observables) result.series.columns.push_back(o.name);
    for (const auto& name : spec.method_observables) result.series.columns.push_back(name);
    for (auto& c : mode_columns(*spec.model.cavity)) result.series.columns.push_back(std::move(c));
    result.stats.storage = "closed forms of seed 004 (no state)";
    result.stats.state_size = 1;
    walk_protocol(spec, control, state, result);
    const auto sci = [](double x) { return number_text("%.10e", x); };
    result.notes["analytic.seed004.form"] =
        energy_conserving ? "energy conserving, G = sigma^z: photons (2.18) corrected, exact at every N; "
                            "mode from (1.25) corrected; spins (1.28)"
                          : "Dicke form, G = sigma^x: photons (2.9) to order lambda^2 (with a coherent field plus "
                            "the drive by the spins' fluctuation, to order lambda^2); spins (1.28)";
    if (!spec.method_observables.empty())
        result.notes["analytic.seed004.fluctuation"] =
            "fluctuation_<axis> = Re of (1.29)'s first term, lim sqrt(N)(<sigma^axis> per spin - mu_S(sigma^axis(t))), "
            "to first order in lambda";
    result.notes["analytic.seed004.lambda"] = sci(model.lambda);
    result.notes["analytic.seed004.omega"] = sci(model.omega);
    result.notes["analytic.seed004.window"] = sci(second_order_window(model.lambda, model.g));
    result.stats.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
}

}  // namespace openspins::analytic
