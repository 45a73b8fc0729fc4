#include "openspins/method/exact/spin_mode_run.hpp"

#include <Eigen/Dense>
#include <cassert>
#include <cmath>
#include <map>
#include <memory>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/ode_integrator.hpp"
#include "openspins/method/exact/dense_conversion.hpp"
#include "openspins/method/exact/initial_density.hpp"
#include "openspins/method/exact/observable_evaluator.hpp"
#include "openspins/method/exact/spin_mode_generator.hpp"
#include "openspins/method/integrator_choice.hpp"
#include "openspins/method/memory_budget.hpp"
#include "openspins/method/protocol_walk.hpp"
#include "openspins/method/stopwatch.hpp"

namespace openspins::exact {

namespace {

using cplx = std::complex<double>;
using Dense = Eigen::Matrix<cplx, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

SpinModeSpace space_of(const RunSpec& spec) { return {spec.model.spins.size(), spec.model.cavity->n_max}; }

// R = Π_{i ∈ spins} exp(−iθ n·S_i), exp(−iθ n·σ/2) = cos(θ/2) 1 − i sin(θ/2) n·σ (pulse_rotation.hpp).
SpinOperator pulse_operator(const Pulse& pulse) {
    const double c = std::cos(pulse.angle / 2.0), s = std::sin(pulse.angle / 2.0);
    SpinOperator r = SpinOperator::identity();
    for (int i : pulse.spins) {
        const SpinOperator n_sigma = SpinOperator::sigma_x(i) * cplx{pulse.axis[0]} +
                                     SpinOperator::sigma_y(i) * cplx{pulse.axis[1]} +
                                     SpinOperator::sigma_z(i) * cplx{pulse.axis[2]};
        r = r * (SpinOperator::identity() * cplx{c} + n_sigma * cplx{0.0, -s});
    }
    return r.simplified();
}

// ρ over 2^N ⊗ Fock states (spin_mode_generator.hpp) and the photon counter κ(n̄_b + 1)∫⟨a†a⟩dt,
// stepped through the protocol by walk_protocol.
class SpinModeState final : public SteppedState {
public:
    explicit SpinModeState(const RunSpec& spec)
        : spec_(spec), space_(space_of(spec)), basis_(spec.model.spins.size()),
          layout_(BlockLayout::all_orders(basis_)), evaluator_(basis_, layout_, spec.observables),
          reduced_(layout_.size()), choice_(choose_integrator(spec)) {
        const Eigen::Index d = space_.dim(), ds = space_.spin_dim();
        // ρ(0) = ρ_spins ⊗ ρ_mode: ρ[(n1,b1),(n2,b2)] = ρ_mode[n1,n2] ρ_spins[b1,b2].
        const std::vector<complex> packed = initial_density(spec.model, basis_, layout_);
        const Eigen::MatrixXcd spins = unpack_dense(packed.data(), basis_, layout_);
        const ModeMixture mixture = initial_mode_mixture(*spec.model.cavity);
        const int modes = space_.n_max + 1;
        Eigen::MatrixXcd mode = Eigen::MatrixXcd::Zero(modes, modes);
        for (std::size_t i = 0; i < mixture.weights.size(); ++i)
            for (int n1 = 0; n1 < modes; ++n1)
                for (int n2 = 0; n2 < modes; ++n2)
                    mode(n1, n2) += mixture.weights[i] * mixture.vectors[i][static_cast<std::size_t>(n1)] *
                                    std::conj(mixture.vectors[i][static_cast<std::size_t>(n2)]);
        storage_ = static_cast<std::size_t>(2 * d * d);
        y_.assign(storage_ + 1, 0.0);
        Eigen::Map<Dense> rho(reinterpret_cast<cplx*>(y_.data()), d, d);
        for (int n1 = 0; n1 < modes; ++n1)
            for (int n2 = 0; n2 < modes; ++n2)
                if (mode(n1, n2) != cplx{0.0}) rho.block(n1 * ds, n2 * ds, ds, ds) = mode(n1, n2) * spins;
        const Cavity& cavity = *spec.model.cavity;
        emission_rate_ = cavity.loss * (cavity.thermal_occupation + 1.0);
        const auto rhs = [this](double, const double* in, double* out) {
            const auto t0 = Clock::now();
            generator_->apply(in, out);
            out[storage_] = emission_rate_ * photon_number(in);
            rhs_seconds_ += seconds_since(t0);
            ++rhs_calls_;
        };
        integrator_ = make_integrator(y_.size(), rhs, with_integrator(spec.solver, choice_), true);
        // The truncation between recorded rows: CVODE's root finding on the top Fock population.
        const double limit = cavity.top_level_threshold;
        const int n_max = cavity.n_max;
        integrator_->set_watch({[this](double, const double* y) { return top_population(y); }, limit,
                                [limit, n_max](double t) { return messages::cavity_truncation(n_max, limit, t, limit); }});
    }

    void apply_pulse(const Pulse& pulse) override {
        const SpinModeMatrix r = spins_times_identity(pulse_operator(pulse), space_);
        const Eigen::Index d = space_.dim();
        Eigen::Map<Dense> rho(reinterpret_cast<cplx*>(y_.data()), d, d);
        const Dense left = r * rho;
        rho = left * SpinModeMatrix(r.adjoint());
    }
    void start_evolution(const Evolve& evolve, double t0, double t_end) override {
        auto& cached = generators_[evolve.scale];
        if (!cached) cached = std::make_unique<SpinModeGenerator>(spec_.model, space_, evolve.scale);
        generator_ = cached.get();
        integrator_->reset(t0, y_.data(), t_end);
    }
    void restart(const Evolve&, double t0, double t_end) override { integrator_->reset(t0, y_.data(), t_end, true); }
    void advance(double t) override { integrator_->advance(t, y_.data()); }
    std::vector<double> observe(double t) override {
        const ModeMoments mode = reduce();
        auto row = evaluator_.evaluate(reduced_.data());
        const Cavity& cavity = *spec_.model.cavity;
        append_mode_values(cavity, mode, row);
        check_recorded_state(t, evaluator_.trace(reduced_.data()), spec_.solver.trace_tolerance, row);
        if (mode.fock.back() > cavity.top_level_threshold)
            throw NumericalError(
                messages::cavity_truncation(cavity.n_max, mode.fock.back(), t, cavity.top_level_threshold));
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
    [[nodiscard]] double photon_number(const double* y) const {
        const Eigen::Index d = space_.dim(), ds = space_.spin_dim();
        const auto* rho = reinterpret_cast<const cplx*>(y);
        double photons = 0.0;
        for (int n = 1; n <= space_.n_max; ++n)
            for (Eigen::Index b = 0; b < ds; ++b) {
                const Eigen::Index i = space_.index(n, b);
                photons += n * rho[i * d + i].real();
            }
        return photons;
    }

    [[nodiscard]] double top_population(const double* y) const {
        const Eigen::Index d = space_.dim(), ds = space_.spin_dim();
        const auto* rho = reinterpret_cast<const cplx*>(y);
        double top = 0.0;
        for (Eigen::Index b = 0; b < ds; ++b) {
            const Eigen::Index i = space_.index(space_.n_max, b);
            top += rho[i * d + i].real();
        }
        return top;
    }

    // reduced_ = Tr_mode ρ packed in the all-orders layout; the mode's moments.
    ModeMoments reduce() {
        const Eigen::Index d = space_.dim(), ds = space_.spin_dim();
        const Eigen::Map<const Dense> rho(reinterpret_cast<const cplx*>(y_.data()), d, d);
        const int modes = space_.n_max + 1;
        ModeMoments mode;
        mode.fock.assign(static_cast<std::size_t>(modes), 0.0);
        Eigen::MatrixXcd spins = Eigen::MatrixXcd::Zero(ds, ds);
        for (int n = 0; n < modes; ++n) {
            const auto diagonal = rho.block(n * ds, n * ds, ds, ds);
            spins += diagonal;
            const double p = diagonal.trace().real();
            mode.fock[static_cast<std::size_t>(n)] = p;
            mode.photons += n * p;
            // Tr(a ρ) = Σ_n √n Tr_spins ρ[(n), (n−1)] (blocks of fixed photon numbers), Tr(a² ρ) likewise.
            if (n >= 1) mode.a += std::sqrt(static_cast<double>(n)) * rho.block(n * ds, (n - 1) * ds, ds, ds).trace();
            if (n >= 2)
                mode.a2 += std::sqrt(static_cast<double>(n) * (n - 1)) * rho.block(n * ds, (n - 2) * ds, ds, ds).trace();
        }
        mode.emitted = y_[storage_];
        (void)pack_dense(spins, basis_, layout_, reduced_.data());
        return mode;
    }

    const RunSpec& spec_;
    SpinModeSpace space_;
    SectorBasis basis_;
    BlockLayout layout_;
    ObservableEvaluator evaluator_;
    std::vector<complex> reduced_;
    IntegratorChoice choice_;
    std::size_t storage_ = 0;
    double emission_rate_ = 0.0;  // κ(n̄_b + 1)
    std::vector<double> y_;
    std::map<std::map<std::string, double>, std::unique_ptr<SpinModeGenerator>> generators_;
    const SpinModeGenerator* generator_ = nullptr;
    std::unique_ptr<OdeIntegrator> integrator_;
    double rhs_seconds_ = 0.0;
    long rhs_calls_ = 0;
};

}  // namespace

void validate_spin_mode_run(const RunSpec& spec) {
    const Cavity& cavity = *spec.model.cavity;
    const auto refuse = [](std::string_view key, std::string_view condition) {
        throw ModelError(messages::format_message("cavity_parameter", {key, condition}));
    };
    if (cavity.n_max < 1) refuse("n_max", "≥ 1");
    if (!(cavity.loss >= 0.0) || !std::isfinite(cavity.loss)) refuse("loss", "finite and ≥ 0");
    if (!std::isfinite(cavity.coupling)) refuse("coupling", "finite");
    if (!std::isfinite(cavity.detuning)) refuse("detuning", "finite");
    if (!(cavity.top_level_threshold > 0.0 && cavity.top_level_threshold < 1.0)) refuse("top_level_threshold", "in (0, 1)");
    if (spec.steady_state) throw ModelError(messages::cavity_no_steady_state());
    // Sources and basis frames come from the redfield method's derivation, which takes no mode.
    assert(spec.model.sources.empty() && !spec.model.frame);
}

std::size_t spin_mode_memory_estimate(const RunSpec& spec) {
    const auto d = static_cast<std::size_t>(space_of(spec).dim());
    const std::size_t elements = d * d;
    // The integrator's vectors (2 reals per element), ρ's scratch in the generator, the dense
    // spin state and the pulse's product.
    const std::size_t vectors = OdeIntegrator::vectors_needed(choose_integrator(spec).name);
    return vectors * 2 * elements * sizeof(double) + 3 * elements * sizeof(complex);
}

std::string spin_mode_storage_description(const RunSpec& spec) {
    const SpinModeSpace space = space_of(spec);
    return "full density matrix on 2^" + std::to_string(space.spins) + " spin states ⊗ Fock states 0…" +
           std::to_string(space.n_max) + " (" + std::to_string(space.dim()) + " × " + std::to_string(space.dim()) +
           " complex)";
}

RunResult run_spin_mode(const RunSpec& spec, const RunControl& control) {
    const auto start = Clock::now();
    SpinModeState state(spec);
    RunResult result;
    result.method = "exact";
    const SectorBasis basis(spec.model.spins.size());
    const BlockLayout layout = BlockLayout::all_orders(basis);
    result.series.columns = ObservableEvaluator(basis, layout, spec.observables).columns();
    for (auto& c : mode_columns(*spec.model.cavity)) result.series.columns.push_back(std::move(c));
    result.stats.state_size = state.size();
    result.stats.storage = spin_mode_storage_description(spec);
    result.stats.peak_memory_estimate = spin_mode_memory_estimate(spec);
    (void)walk_protocol(spec, control, state, result);
    state.add_statistics(result);
    result.stats.wall_seconds = seconds_since(start);
    result.notes["cavity_n_max"] = std::to_string(spec.model.cavity->n_max);
    return result;
}

}  // namespace openspins::exact
