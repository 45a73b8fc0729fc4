#include "openspins/method/resonance/resonance_model.hpp"

#include <bit>
#include <cmath>
#include <map>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/model/symmetric_forms.hpp"
#include "openspins/number_text.hpp"

namespace openspins::resonance {

namespace {

// Where a model outside the theory can go instead.
constexpr const char* general_methods = "\"redfield\" (Davies / Bloch–Redfield from the same baths) or \"exact\"";

[[noreturn]] void outside(const std::string& what, const std::string& why, const char* methods = general_methods) {
    throw ModelError(messages::resonance_outside_form(what, why, methods));
}

int single_spin_of(const Monomial& m) { return m.mask == 0 ? -1 : std::countr_zero(m.mask); }
bool on_one_spin(const Monomial& m) { return std::popcount(m.mask) <= 1; }

// The 2×2 matrix (↑, ↓ basis: index 0 = bit 0 = ↑) of the part of `op` on `spin`.
std::array<complex, 4> block_of(const SpinOperator& op, int spin) {
    std::array<complex, 4> out{};
    const BasisState bit = BasisState{1} << spin;
    for (const auto& m : op.terms()) {
        if (m.mask != bit) continue;
        const int row = m.out ? 1 : 0, col = m.in ? 1 : 0;
        out[static_cast<std::size_t>(2 * row + col)] += m.coeff;
    }
    return out;
}

std::string g(double x) { return number_text("%.6g", x); }

}  // namespace

ResonanceModel resonance_model(const RunSpec& spec) {
    const Model& model = spec.model;
    const int n = model.spins.size();
    ResonanceModel out;
    out.spins.resize(static_cast<std::size_t>(n));
    for (const auto& s : model.spins.species()) out.species_names.push_back(s.name);
    for (int j = 0; j < n; ++j) {
        const auto& name = model.spins.species_of(j);
        for (std::size_t k = 0; k < out.species_names.size(); ++k)
            if (out.species_names[k] == name) out.spins[static_cast<std::size_t>(j)].species = static_cast<int>(k);
    }

    // H_S = Σ_n (e_↑ P_↑ + e_↓ P_↓) on each spin: every term diagonal and single-spin.
    std::vector<double> omega(static_cast<std::size_t>(n), 0.0);
    for (const auto& term : model.hamiltonian) {
        const SpinOperator simplified = term.op.simplified();
        for (const auto& m : simplified.terms()) {
            if (!m.is_diagonal())
                outside("Hamiltonian term '" + term.name + "' (" + term.kind + ")",
                        "it is not diagonal in the z basis: drives and flip-flop terms are not in H_S = −Σ ω_n S^z_n");
            if (!on_one_spin(m))
                outside("Hamiltonian term '" + term.name + "' (" + term.kind + ")",
                        "it couples spins directly; the theory's spins interact only through the baths");
            const int spin = single_spin_of(m);
            if (spin < 0) continue;  // a constant
            const double e = (term.strength * m.coeff).real();
            omega[static_cast<std::size_t>(spin)] += m.in ? e : -e;  // e(↓) − e(↑)
        }
    }
    for (int j = 0; j < n; ++j) {
        const double w = omega[static_cast<std::size_t>(j)];
        if (!(w > 0.0))
            outside("spin " + std::to_string(j) + " with transition frequency e(↓) − e(↑) = " + g(w),
                    "the theory needs ω_n > 0 with |↑⟩ the ground state, i.e. [hamiltonian] zeeman = \"-\" and "
                    "frequencies > 0");
        out.spins[static_cast<std::size_t>(j)].omega = w;
    }

    if (!model.channels.empty())
        outside("channel '" + model.channels.front().name + "' (" + model.channels.front().kind + ")",
                "the theory has baths only, no given Lindblad rates", "\"exact\" or \"redfield\"");
    if (!model.sources.empty()) outside("an inhomogeneous source term", "not part of (2.1)–(2.3)", "\"redfield\"");
    if (model.cavity || model.has_mode_terms())
        outside(model.cavity ? "[cavity]" : "a term with a bosonic-mode operator",
                "the theory's reservoirs are continua, not one mode", "\"dicke\"");

    const Environment& env = model.environment;
    out.baths = env.baths;
    out.thermal = env.options.thermal;
    if (!env.options.inhomogeneous.empty())
        outside("thermal = \"" + env.options.inhomogeneous + "\"", "a master-equation form", "\"redfield\"");
    std::map<std::pair<int, int>, std::pair<double, double>> strengths;  // (bath, spin) → (g^x, g^z)
    for (const auto& c : env.couplings) {
        const Bath& bath = env.baths[static_cast<std::size_t>(c.bath)];
        const std::string what = "coupling '" + c.name + "' to bath '" + bath.name + "'";
        if (bath.local && bath.correlation != 0.0)
            outside(what, "its local copies are correlated (correlation = " + g(bath.correlation) +
                              "); seed 000's local reservoirs are independent");
        const SpinOperator op = c.op.simplified();
        std::vector<int> spins;
        for (const auto& m : op.terms()) {
            if (!on_one_spin(m) || m.mask == 0)
                outside(what, "its operator " + to_string(c.op) +
                                  " is not a sum of single-spin S^x and S^z terms");
            const int s = single_spin_of(m);
            if (std::find(spins.begin(), spins.end(), s) == spins.end()) spins.push_back(s);
        }
        for (int s : spins) {
            const auto b = block_of(op, s);
            // A = g^x S^x + g^z S^z: [A]_11 = −[A]_22 = g^z/2, [A]_12 = [A]_21 = g^x/2 (real).
            const double gz = (b[0] - b[3]).real(), gx = (b[1] + b[2]).real();
            const double tol = 1e-12 * (std::abs(gx) + std::abs(gz) + 1e-300);
            if (std::abs(b[0] + b[3]) > tol || std::abs(b[1] - b[2]) > tol || std::abs(b[1].imag()) > tol)
                outside(what, "on spin " + std::to_string(s) + " its operator " + to_string(c.op) +
                                  " has an S^y or identity part; the theory couples through S^x and S^z only");
            auto& slot = strengths[{c.bath, s}];
            slot.first += gx;
            slot.second += gz;
        }
    }
    for (const auto& [key, value] : strengths) {
        auto& spin = out.spins[static_cast<std::size_t>(key.second)];
        if (value.first != 0.0) spin.exchange.push_back({key.first, value.first});
        if (value.second != 0.0) spin.conserving.push_back({key.first, value.second});
    }

    // Initial state: a product of single-spin states.
    const InitialState& init = model.initial;
    for (int j = 0; j < n; ++j) {
        auto& spin = out.spins[static_cast<std::size_t>(j)];
        switch (init.kind) {
        case InitialState::Kind::all_up: spin.p_up = 1.0; break;
        case InitialState::Kind::all_down: spin.p_up = 0.0; break;
        case InitialState::Kind::product: {
            const auto& r = init.bloch.at(static_cast<std::size_t>(j));
            spin.p_up = 0.5 * (1.0 + r[2]);
            spin.rho21 = complex(0.5 * r[0], 0.5 * r[1]);  // ⟨↓|(1 + r·σ)/2|↑⟩
            break;
        }
        case InitialState::Kind::thermal:  // H_S is a sum of single-spin terms: a product state
            spin.p_up = 1.0 / (1.0 + std::exp(-spin.omega / init.temperature));
            break;
        default:
            outside(std::string("initial state kind \"") + kind_name(init.kind) + "\"",
                    "the theory starts from a product of single-spin states");
        }
    }

    for (const auto& step : spec.protocol.steps) {
        if (std::holds_alternative<Pulse>(step.action))
            outside("protocol step '" + step.label + "' (a pulse)", "the theory is free evolution from t = 0");
        for (const auto& [name, factor] : std::get<Evolve>(step.action).scale)
            if (factor != 1.0)
                outside("protocol step '" + step.label + "' (scales '" + name + "' by " + g(factor) + ")",
                        "the theory's Hamiltonian is constant in time");
    }
    if (spec.keep_steady_state_density)
        outside("[output] steady_state_density = true",
                "the method gives single-spin reduced states (steady_state = true writes their observables)",
                "\"redfield\" or \"exact\"");
    if (spec.keep_final_state)
        outside("[output] final_state = true", "Theorem 2.1 gives single-spin reduced states, not the N-spin ρ",
                "\"redfield\" or \"exact\"");
    refuse_fluctuation_observables(spec.method_observables);
    if (!spec.method_observables.empty())
        outside("observable '" + spec.method_observables.front() + "'", "computed only by the dicke method",
                "\"dicke\"");
    for (const auto& o : spec.observables) (void)single_spin_sum(o, n);
    return out;
}

SingleSpinSum single_spin_sum(const Observable& observable, int spins) {
    SingleSpinSum out;
    out.per_spin.assign(static_cast<std::size_t>(spins), {});
    if (observable.kind == Observable::Kind::trace) {
        out.is_trace = true;
        out.identity = 1.0;
        return out;
    }
    if (observable.kind == Observable::Kind::purity)
        outside("observable '" + observable.name + "' (purity)",
                "Theorem 2.1 gives single-spin reduced states, not the N-spin ρ", "\"redfield\" or \"exact\"");
    const SpinOperator op = observable.op.simplified();
    for (const auto& m : op.terms()) {
        if (!on_one_spin(m))
            outside("observable '" + observable.name + "'",
                    "it acts on several spins at once; Theorem 2.1 gives single-spin reduced states only",
                    "\"redfield\" or \"exact\"");
        const int s = single_spin_of(m);
        if (s < 0) {
            out.identity += m.coeff;
            continue;
        }
        const int row = m.out ? 1 : 0, col = m.in ? 1 : 0;
        out.per_spin[static_cast<std::size_t>(s)][static_cast<std::size_t>(2 * row + col)] += m.coeff;
    }
    out.hermitian = observable.op.is_hermitian();
    return out;
}

}  // namespace openspins::resonance
