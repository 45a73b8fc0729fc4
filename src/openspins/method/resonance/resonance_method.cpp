#include "openspins/method/resonance/resonance_method.hpp"

#include <chrono>
#include <cmath>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/protocol_walk.hpp"
#include "openspins/method/resonance/resonance_theory.hpp"
#include "openspins/number_text.hpp"

namespace openspins {

namespace {

using Clock = std::chrono::steady_clock;
using resonance::ResonanceTheory;
using resonance::SingleSpinSum;

// Pair work per output time grows as N²: beyond this a run takes minutes per output.
constexpr int max_spins = 4096;

std::string scientific(double x) { return number_text("%.10e", x); }

// The walk's "integration" only moves the clock; observe() evaluates Theorem 2.1 at that time.
class ResonanceState final : public SteppedState {
public:
    ResonanceState(const RunSpec& spec, const ResonanceTheory& theory) : spec_(spec), theory_(theory) {
        for (const auto& o : spec.observables) sums_.push_back(resonance::single_spin_sum(o, theory.size()));
        species_ = resonance::species_magnetizations(theory);
    }
    void apply_pulse(const Pulse&) override {}  // refused by validate
    void start_evolution(const Evolve&, double t0, double) override { now_ = t0; }
    void advance(double t) override { now_ = t; }
    std::vector<double> observe(double t) override {
        const int n = theory_.size();
        std::vector<double> p(static_cast<std::size_t>(n));
        std::vector<std::complex<double>> x(static_cast<std::size_t>(n));
        std::vector<bool> needed(static_cast<std::size_t>(n), false);
        for (const auto& s : sums_)
            for (int j = 0; j < n; ++j) {
                const auto& o = s.per_spin[static_cast<std::size_t>(j)];
                if (o[1] != 0.0 || o[2] != 0.0) needed[static_cast<std::size_t>(j)] = true;
            }
        for (int j = 0; j < n; ++j) {
            p[static_cast<std::size_t>(j)] = theory_.population_up(j, t);
            if (needed[static_cast<std::size_t>(j)]) x[static_cast<std::size_t>(j)] = theory_.coherence21(j, t);
        }
        std::vector<double> row;
        for (const auto& s : sums_) {
            // Tr(ρ_j O_j) = ρ11 O11 + ρ12 O21 + ρ21 O12 + ρ22 O22, ρ12 = conj(ρ21).
            std::complex<double> v = s.identity;
            for (int j = 0; j < n; ++j) {
                const auto& o = s.per_spin[static_cast<std::size_t>(j)];
                const double pj = p[static_cast<std::size_t>(j)];
                const auto xj = x[static_cast<std::size_t>(j)];
                v += pj * o[0] + (1.0 - pj) * o[3] + xj * o[1] + std::conj(xj) * o[2];
            }
            row.push_back(v.real());
            if (!s.hermitian) row.push_back(v.imag());
        }
        // §3.2 per species: |C_A(N, t)|, Γ_A(t) = 1/T2,A(t) (3.23), B_A(t) (3.24).
        for (const auto& m : species_) {
            row.push_back(std::abs(theory_.C(m.first_spin, t)));
            row.push_back(m.gamma(theory_, t));
            row.push_back(m.field(theory_, t));
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
    const ResonanceTheory& theory_;
    std::vector<SingleSpinSum> sums_;
    std::vector<resonance::SpeciesMagnetization> species_;
    double now_ = 0.0;
};

// The t → ∞ row: each spin's Gibbs state (2.20) (the stationary state of Theorem 2.1, a product
// state), and per species |C(∞)|, 1/T2(∞) and B(∞).
std::vector<double> stationary_row(const RunSpec& spec, const ResonanceTheory& theory) {
    const int n = theory.size();
    std::vector<double> row;
    for (const auto& o : spec.observables) {
        const SingleSpinSum s = resonance::single_spin_sum(o, n);
        std::complex<double> v = s.identity;
        for (int j = 0; j < n; ++j) {
            const auto& m = s.per_spin[static_cast<std::size_t>(j)];
            const auto [p, x] = theory.stationary(j);
            v += p * m[0] + (1.0 - p) * m[3];
            if (m[1] != 0.0 || m[2] != 0.0) v += x * m[1] + std::conj(x) * m[2];
        }
        row.push_back(v.real());
        if (!s.hermitian) row.push_back(v.imag());
    }
    for (const auto& m : resonance::species_magnetizations(theory)) {
        row.push_back(theory.C_abs_limit(m.first_spin));
        row.push_back(m.gamma_infinity(theory));
        row.push_back(m.field_infinity(theory));
    }
    return row;
}

}  // namespace

void ResonanceMethod::validate(const RunSpec& spec) const {
    const int n = spec.model.spins.size();
    if (n < 1) throw ModelError(messages::model_has_no_spins());
    if (n > max_spins)
        throw ResourceError(messages::beyond_method_limit(n, "resonance", max_spins,
                                                          "each output time evaluates up to N² pair factors"));
    for (const auto& c : spec.model.environment.couplings)
        if (c.op.highest_spin() >= n)
            throw ModelError(messages::format_message(
                "operator_beyond_spins",
                {"coupling " + messages::quoted(c.name), std::to_string(c.op.highest_spin()), std::to_string(n)}));
    if (spec.protocol.steps.empty()) throw ModelError(messages::protocol_has_no_steps());
    (void)resonance::resonance_model(spec);
}

std::size_t ResonanceMethod::memory_estimate(const RunSpec& spec) const {
    const auto n = static_cast<std::size_t>(spec.model.spins.size());
    return n * n * 64 + n * 256 + spec.observables.size() * n * 64;  // factor groups (worst case), per-spin data
}

std::string ResonanceMethod::storage_description(const RunSpec&) const {
    return "closed form: single-spin states of seed 000's Theorem 2.1 (no density matrix)";
}

RunResult ResonanceMethod::run(const RunSpec& spec, const RunControl& control) const {
    validate(spec);
    const auto start = Clock::now();
    const ResonanceTheory theory(resonance::resonance_model(spec));
    const double setup_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    ResonanceState state(spec, theory);

    RunResult result;
    result.method = name();
    for (const auto& o : spec.observables) {
        if (resonance::single_spin_sum(o, theory.size()).hermitian) {
            result.series.columns.push_back(o.name);
        } else {
            result.series.columns.push_back(o.name + ".re");
            result.series.columns.push_back(o.name + ".im");
        }
    }
    for (const auto& m : resonance::species_magnetizations(theory))
        for (const char* column : {"C_abs", "Gamma", "B"}) result.series.columns.push_back(std::string(column) + "[" + m.name + "]");
    result.stats.storage = storage_description(spec);
    result.stats.peak_memory_estimate = memory_estimate(spec);
    result.stats.state_size = static_cast<std::size_t>(theory.size());
    walk_protocol(spec, control, state, result);
    if (spec.steady_state) result.steady_state = stationary_row(spec, theory);

    result.notes["resonance.setup_seconds"] = std::to_string(setup_seconds);
    result.notes["resonance.thermal_treatment"] = to_string(theory.model().thermal);
    for (const auto& s : resonance::species_magnetizations(theory)) {
        const auto& q = theory.spin(s.first_spin);
        const std::string key = "resonance.species." + s.name;
        result.notes[key + ".gamma_relax"] = scientific(q.gamma_relax);
        result.notes[key + ".gamma_cons"] = scientific(q.gamma_cons);
        result.notes[key + ".lamb_shift_X"] = scientific(q.X);
        result.notes[key + ".inverse_T2_infinity"] = scientific(s.gamma_infinity(theory));
        result.notes[key + ".field_B_infinity"] = scientific(s.field_infinity(theory));
    }
    // Assumption (A) of the seed: distinct frequencies. Equal ones make the Davies generator
    // collective (superradiant cross terms), which the theory leaves out.
    int equal_pairs = 0;
    for (int j = 0; j < theory.size(); ++j)
        for (int l = j + 1; l < theory.size(); ++l) equal_pairs += theory.spin(j).omega == theory.spin(l).omega;
    if (equal_pairs > 0)
        result.notes["resonance.assumption_A"] =
            std::to_string(equal_pairs) +
            " spin pairs share a frequency: the formulas are the δω → 0 limit of seed 000 §3.2.1; exact generators "
            "keep collective cross terms there";
    result.stats.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
}

}  // namespace openspins
