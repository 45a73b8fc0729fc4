#include "openspins/method/dicke/cavity_run.hpp"

#include <Eigen/Dense>
#include <chrono>
#include <cmath>
#include <memory>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/ode_integrator.hpp"
#include "openspins/method/dicke/cavity_generator.hpp"
#include "openspins/method/dicke/dicke_observables.hpp"
#include "openspins/method/dicke/dicke_state.hpp"
#include "openspins/method/dicke/model_terms.hpp"
#include "openspins/method/integrator_choice.hpp"
#include "openspins/method/protocol_walk.hpp"
#include "openspins/method/stopwatch.hpp"
#include "openspins/number_text.hpp"

namespace openspins::dicke {

namespace {

using cplx = std::complex<double>;
using Dense = Eigen::Matrix<cplx, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// ρ over |n⟩ ⊗ |j, m⟩ (CavityLayout) and the two emitted-quanta counters, stepped through
// the protocol by walk_protocol.
class CavitySteppedState final : public SteppedState {
public:
    CavitySteppedState(const RunSpec& spec, const CavityLayout& layout, const DickeObservables& observables)
        : spec_(spec), layout_(layout), observables_(observables),
          reduced_(2 * layout.spins().full_size(), 0.0), choice_(choose_integrator(spec)) {
        const DickeBasis& basis = layout.spins();
        // The spins' state on the full Dicke blocks, times the initial mode state
        // ρ_mode = Σ_i w_i |φ_i⟩⟨φ_i| (model/cavity.hpp): ρ^j[(n1,k1),(n2,k2)] = ρ_mode[n1,n2] ρ^j_spin[k1,k2].
        const std::vector<double> spins = initial_state(basis, spec.model.initial, initial_hamiltonian(spec.model), false);
        const ModeMixture mixture = initial_mode_mixture(*spec.model.cavity);
        const int modes = layout.n_max() + 1;
        Dense mode_rho = Dense::Zero(modes, modes);
        for (std::size_t i = 0; i < mixture.weights.size(); ++i)
            for (int n1 = 0; n1 < modes; ++n1)
                for (int n2 = 0; n2 < modes; ++n2)
                    mode_rho(n1, n2) += mixture.weights[i] * mixture.vectors[i][static_cast<std::size_t>(n1)] *
                                        std::conj(mixture.vectors[i][static_cast<std::size_t>(n2)]);
        storage_ = 2 * layout.size();
        y_.assign(storage_ + 2, 0.0);
        auto* rho = reinterpret_cast<cplx*>(y_.data());
        const auto* spin_rho = reinterpret_cast<const cplx*>(spins.data());
        for (int b = 0; b < basis.blocks(); ++b) {
            const int d = basis.dim(b), size = layout.dim(b);
            for (int n1 = 0; n1 < modes; ++n1)
                for (int n2 = 0; n2 < modes; ++n2) {
                    if (mode_rho(n1, n2) == cplx{0.0}) continue;
                    for (int k1 = 0; k1 < d; ++k1)
                        for (int k2 = 0; k2 < d; ++k2)
                            rho[layout.offset(b) +
                                static_cast<std::size_t>(layout.index(b, n1, k1)) * static_cast<std::size_t>(size) +
                                static_cast<std::size_t>(layout.index(b, n2, k2))] =
                                mode_rho(n1, n2) * spin_rho[basis.full_offset(b) + static_cast<std::size_t>(k1 * d + k2)];
                }
        }
        const auto rhs = [this](double, const double* in, double* out) {
            const auto t0 = Clock::now();
            generator_->apply(in, out);
            const auto rates = generator_->emission_rates(in);
            out[storage_] = rates[0];
            out[storage_ + 1] = rates[1];
            rhs_seconds_ += seconds_since(t0);
            ++rhs_calls_;
        };
        integrator_ = make_integrator(y_.size(), rhs, with_integrator(spec.solver, choice_), true);
    }

    void apply_pulse(const Pulse& pulse) override {
        const DickeBasis& basis = layout_.spins();
        auto* rho = reinterpret_cast<cplx*>(y_.data());
        for (int b = 0; b < basis.blocks(); ++b) {
            const int size = layout_.dim(b);
            const Dense r = wigner_rotation(basis.two_j(b), pulse.axis, pulse.angle);
            Dense full = Dense::Zero(size, size);  // 1_mode ⊗ R
            for (int n = 0; n <= layout_.n_max(); ++n) full.block(n * r.rows(), n * r.rows(), r.rows(), r.rows()) = r;
            Eigen::Map<Dense> block(rho + layout_.offset(b), size, size);
            const Dense rotated = full * block * full.adjoint();
            block = rotated;
        }
    }
    void start_evolution(const Evolve& evolve, double t0, double t_end) override {
        auto& cached = generators_[evolve.scale];
        if (!cached)
            cached = std::make_unique<CavityGenerator>(layout_, generator_terms(spec_.model, evolve.scale),
                                                       spec_.model.mode_hamiltonian(evolve.scale),
                                                       spec_.model.mode_jumps(evolve.scale));
        generator_ = cached.get();
        integrator_->reset(t0, y_.data(), t_end);
    }
    // The generator stays; only the integrator restarts (as a resumed run's would).
    void restart(const Evolve&, double t0, double t_end) override { integrator_->reset(t0, y_.data(), t_end, true); }
    void advance(double t) override { integrator_->advance(t, y_.data()); }
    std::vector<double> observe(double t) override {
        const auto [photons, top] = reduce();
        auto row = observables_.evaluate(reduced_.data(), {y_[storage_], y_[storage_ + 1]});
        row.push_back(photons);
        check_recorded_state(t, observables_.trace(reduced_.data()), spec_.solver.trace_tolerance, row);
        const Cavity& cavity = *spec_.model.cavity;
        if (top > cavity.top_level_threshold)
            throw NumericalError(messages::cavity_truncation(cavity.n_max, top, t, cavity.top_level_threshold));
        return row;
    }
    [[nodiscard]] std::vector<double> save() const override { return y_; }
    void restore(std::vector<double> state) override { restore_state_vector(y_, std::move(state)); }

    [[nodiscard]] std::size_t size() const { return y_.size(); }
    void add_statistics(RunResult& result) const {
        record_integration(*integrator_, choice_.name, rhs_seconds_, rhs_calls_, result);
        result.notes["integrator_choice"] = explain(choice_);
    }

private:
    // Fills reduced_ with Tr_mode ρ (full Dicke blocks); returns ⟨a†a⟩ and the population of |n_max⟩.
    std::pair<double, double> reduce() {
        const DickeBasis& basis = layout_.spins();
        const auto* rho = reinterpret_cast<const cplx*>(y_.data());
        auto* spins = reinterpret_cast<cplx*>(reduced_.data());
        double photons = 0.0, top = 0.0;
        for (int b = 0; b < basis.blocks(); ++b) {
            const int d = basis.dim(b), size = layout_.dim(b);
            const cplx* block = rho + layout_.offset(b);
            cplx* out = spins + basis.full_offset(b);
            std::fill(out, out + d * d, cplx{0.0});
            for (int n = 0; n <= layout_.n_max(); ++n)
                for (int k1 = 0; k1 < d; ++k1) {
                    const cplx* row = block + static_cast<std::size_t>(layout_.index(b, n, k1)) * static_cast<std::size_t>(size);
                    for (int k2 = 0; k2 < d; ++k2) out[k1 * d + k2] += row[layout_.index(b, n, k2)];
                    const double p = row[layout_.index(b, n, k1)].real();
                    photons += n * p;
                    if (n == layout_.n_max()) top += p;
                }
        }
        return {photons, top};
    }

    const RunSpec& spec_;
    const CavityLayout& layout_;
    const DickeObservables& observables_;
    std::vector<double> reduced_;
    IntegratorChoice choice_;
    std::size_t storage_ = 0;
    std::vector<double> y_;
    std::map<std::map<std::string, double>, std::unique_ptr<CavityGenerator>> generators_;
    const CavityGenerator* generator_ = nullptr;
    std::unique_ptr<OdeIntegrator> integrator_;
    double rhs_seconds_ = 0.0;
    long rhs_calls_ = 0;
};

}  // namespace

void validate_cavity_run(const RunSpec& spec) {
    const Cavity& cavity = *spec.model.cavity;
    if (cavity.n_max < 1) throw ModelError("cavity.n_max must be ≥ 1");
    if (!(cavity.loss >= 0.0) || !std::isfinite(cavity.loss)) throw ModelError("cavity.loss must be ≥ 0");
    if (!std::isfinite(cavity.coupling) || !std::isfinite(cavity.detuning))
        throw ModelError("cavity.coupling and cavity.detuning must be finite");
    if (!(cavity.top_level_threshold > 0.0 && cavity.top_level_threshold < 1.0))
        throw ModelError("cavity.top_level_threshold must lie in (0, 1)");
    if (spec.steady_state)
        throw ModelError(messages::cavity_no_steady_state());
}

std::size_t cavity_state_reals(const RunSpec& spec) {
    const DickeBasis basis(spec.model.spins.size());
    return 2 * CavityLayout(basis, spec.model.cavity->n_max).size() + 2;
}

std::string cavity_storage_description(const RunSpec& spec) {
    const DickeBasis basis(spec.model.spins.size());
    const CavityLayout layout(basis, spec.model.cavity->n_max);
    return "Dicke blocks ⊗ Fock states 0…" + std::to_string(layout.n_max()) + " (" + std::to_string(layout.size()) +
           " complex)";
}

RunResult run_with_cavity(const RunSpec& spec, const RunControl& control) {
    const auto start = Clock::now();
    const DickeBasis basis(spec.model.spins.size());
    const CavityLayout layout(basis, spec.model.cavity->n_max);
    const DickeObservables observables(basis, spec, false, zeeman_scale(spec.model));
    CavitySteppedState state(spec, layout, observables);

    RunResult result;
    result.method = "dicke";
    result.series.columns = observables.columns();
    result.series.columns.push_back("photons");
    result.stats.state_size = state.size();
    result.stats.storage = cavity_storage_description(spec);
    (void)walk_protocol(spec, control, state, result);
    state.add_statistics(result);
    result.stats.wall_seconds = seconds_since(start);
    result.notes["dicke_storage"] = "full blocks with a cavity mode";
    result.notes["cavity_n_max"] = std::to_string(layout.n_max());
    return result;
}

}  // namespace openspins::dicke
