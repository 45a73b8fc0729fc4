#include "openspins/method/dicke/cavity_run.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <memory>
#include <numbers>
#include <vector>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/chebyshev_propagator.hpp"
#include "openspins/integrate/gmres_solver.hpp"
#include "openspins/integrate/lanczos_propagator.hpp"
#include "openspins/integrate/ode_integrator.hpp"
#include "openspins/method/dicke/cavity_generator.hpp"
#include "openspins/method/dicke/cavity_parity.hpp"
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
constexpr std::size_t counters = 3;  // emitted_collective, emitted_local, emitted_mode after ρ
using Dense = Eigen::Matrix<cplx, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// One output row of either storage: the spin columns of the reduced state Tr_mode ρ, the mode's
// columns, the trace check, and the top-Fock-level guard (the truncation must stay invisible).
std::vector<double> mode_output_row(const RunSpec& spec, const DickeObservables& observables,
                                    const std::vector<double>& reduced, const ModeMoments& mode,
                                    const std::array<double, 2>& emitted, double t) {
    auto row = observables.evaluate(reduced.data(), emitted);
    const Cavity& cavity = *spec.model.cavity;
    append_mode_values(cavity, mode, row);
    check_recorded_state(t, observables.trace(reduced.data()), spec.solver.trace_tolerance, row);
    const double top = mode.fock.back();
    if (top > cavity.top_level_threshold)
        throw NumericalError(messages::cavity_truncation(cavity.n_max, top, t, cavity.top_level_threshold));
    return row;
}

// Where the spectrum of every evolve step's generator lies (the largest of each bound over the steps): the
// Chebyshev propagator is built once for the run. The counters add zero eigenvalues only (their derivatives
// are linear in ρ and do not feed back).
SpectrumBounds spectrum_bounds(const RunSpec& spec, const CavityLayout& layout,
                               std::map<std::map<std::string, double>, std::unique_ptr<CavityGenerator>>& generators) {
    SpectrumBounds bounds;
    for (const auto& step : spec.protocol.steps)
        if (const auto* e = std::get_if<Evolve>(&step.action)) {
            auto& cached = generators[e->scale];
            if (!cached)
                cached = std::make_unique<CavityGenerator>(layout, generator_terms(spec.model, e->scale),
                                                           spec.model.mode_hamiltonian(e->scale),
                                                           spec.model.mode_jumps(e->scale));
            const auto extent = cached->spectrum_extent();
            bounds.decay = std::max(bounds.decay, extent.decay);
            bounds.oscillation = std::max(bounds.oscillation, extent.oscillation);
        }
    return bounds;
}

// ρ over |n⟩ ⊗ |j, m⟩ (CavityLayout) and three counters integrated with it — the spins' emitted
// quanta (collective, local) and the photons the mode's loss takes out, κ(n̄_b + 1)∫⟨a†a⟩dt —
// stepped through the protocol by walk_protocol.
class CavitySteppedState final : public SteppedState {
public:
    CavitySteppedState(const RunSpec& spec, const CavityLayout& layout, const DickeObservables& observables)
        : spec_(spec), layout_(layout), observables_(observables),
          reduced_(2 * layout.spins().full_size(), 0.0), choice_(cavity_integrator_choice(spec)) {
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
        y_.assign(storage_ + counters, 0.0);
        const Cavity& cavity = *spec.model.cavity;
        mode_emission_rate_ = cavity.loss * (cavity.thermal_occupation + 1.0);
        auto* rho = reinterpret_cast<cplx*>(y_.data());
        const auto* spin_rho = reinterpret_cast<const cplx*>(spins.data());
        for (int b = 0; b < basis.blocks(); ++b) {
            if (!layout.stored(b)) continue;
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
        // CVODE holds the Hermitian packing (cavity_kernel.hpp: half the reals of y_) and the counters.
        packed_size_ = layout.packed_size();
        packed_.assign(packed_size_ + counters, 0.0);
        const auto rhs = [this](double, const double* in, double* out) {
            const auto t0 = Clock::now();
            generator_->apply(in, out);
            const auto rates = generator_->emission_rates(in);
            out[packed_size_] = rates[0];
            out[packed_size_ + 1] = rates[1];
            out[packed_size_ + 2] = mode_emission_rate_ * generator_->photon_number(in);
            rhs_seconds_ += seconds_since(t0);
            ++rhs_calls_;
        };
        if (choice_.name == "chebyshev") {
            // exp(τL) as a Chebyshev series (integrate/chebyshev_propagator.hpp), the bounds from the generators'
            // Gershgorin discs. Its steps end at the output times where the protocol walk restarts (the restart
            // bins of protocol_walk.cpp, as the heom method's), so a resumed run repeats the arithmetic bit for bit.
            bounds_ = spectrum_bounds(spec, layout, generators_);
            integrator_ = make_chebyshev_propagator(packed_.size(), rhs, bounds_, with_integrator(spec.solver, choice_),
                                                    restart_rule(spec));
        } else {
            integrator_ = make_integrator(packed_.size(), rhs, with_integrator(spec.solver, choice_), true);
        }
        // The truncation between recorded rows: CVODE's root finding on the top Fock population, or the Chebyshev
        // series' probes inside each step (the population is linear in the state, as its watch requires).
        const double limit = cavity.top_level_threshold;
        const int n_max = cavity.n_max;
        integrator_->set_watch({[this](double, const double* y) { return generator_->top_population(y); }, limit,
                                [limit, n_max](double t) { return messages::cavity_truncation(n_max, limit, t, limit); }});
    }

    void apply_pulse(const Pulse& pulse) override {
        const DickeBasis& basis = layout_.spins();
        auto* rho = reinterpret_cast<cplx*>(y_.data());
        for (int b = 0; b < basis.blocks(); ++b) {
            if (!layout_.stored(b)) continue;  // a rotation keeps j: the block stays empty
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
        integrator_->reset(t0, pack(), t_end);
    }
    // The generator stays; only the integrator restarts (as a resumed run's would).
    void restart(const Evolve&, double t0, double t_end) override { integrator_->reset(t0, pack(), t_end, true); }
    void advance(double t) override {
        integrator_->advance(t, packed_.data());
        layout_.unpack(packed_.data(), y_.data());
        std::copy(packed_.begin() + static_cast<std::ptrdiff_t>(packed_size_), packed_.end(),
                  y_.begin() + static_cast<std::ptrdiff_t>(storage_));
    }
    std::vector<double> observe(double t) override {
        ModeMoments mode = reduce();
        mode.emitted = y_[storage_ + 2];
        return mode_output_row(spec_, observables_, reduced_, mode, {y_[storage_], y_[storage_ + 1]}, t);
    }
    [[nodiscard]] std::vector<double> save() const override { return y_; }
    void restore(std::vector<double> state) override { restore_state_vector(y_, std::move(state)); }

    [[nodiscard]] std::size_t size() const { return y_.size(); }
    void add_statistics(RunResult& result) const {
        record_integration(*integrator_, choice_.name, rhs_seconds_, rhs_calls_, result);
        result.notes["integrator_choice"] = explain(choice_);
        if (choice_.name == "chebyshev") {
            result.notes["chebyshev_decay_bound"] = number_text("%.6g", bounds_.decay);
            result.notes["chebyshev_oscillation_bound"] = number_text("%.6g", bounds_.oscillation);
        }
    }

private:
    // packed_ from y_ (after a pulse or a restored checkpoint y_ is the state).
    const double* pack() {
        layout_.pack(y_.data(), packed_.data());
        std::copy(y_.begin() + static_cast<std::ptrdiff_t>(storage_), y_.end(),
                  packed_.begin() + static_cast<std::ptrdiff_t>(packed_size_));
        return packed_.data();
    }

    // Fills reduced_ with Tr_mode ρ (full Dicke blocks); returns the mode's moments.
    ModeMoments reduce() {
        const DickeBasis& basis = layout_.spins();
        const auto* rho = reinterpret_cast<const cplx*>(y_.data());
        auto* spins = reinterpret_cast<cplx*>(reduced_.data());
        ModeMoments mode;
        mode.fock.assign(static_cast<std::size_t>(layout_.n_max() + 1), 0.0);
        for (int b = 0; b < basis.blocks(); ++b) {
            const int d = basis.dim(b), size = layout_.dim(b);
            const cplx* block = rho + layout_.offset(b);
            cplx* out = spins + basis.full_offset(b);
            std::fill(out, out + d * d, cplx{0.0});
            if (!layout_.stored(b)) continue;
            for (int n = 0; n <= layout_.n_max(); ++n)
                for (int k1 = 0; k1 < d; ++k1) {
                    const cplx* row = block + static_cast<std::size_t>(layout_.index(b, n, k1)) * static_cast<std::size_t>(size);
                    for (int k2 = 0; k2 < d; ++k2) out[k1 * d + k2] += row[layout_.index(b, n, k2)];
                    const double p = row[layout_.index(b, n, k1)].real();
                    mode.photons += n * p;
                    mode.fock[static_cast<std::size_t>(n)] += p;
                    // Tr(a ρ) = Σ √n ρ[(n,k),(n−1,k)], Tr(a² ρ) = Σ √(n(n−1)) ρ[(n,k),(n−2,k)].
                    if (n >= 1)
                        mode.a += std::sqrt(static_cast<double>(n)) *
                                  block[static_cast<std::size_t>(layout_.index(b, n, k1)) * static_cast<std::size_t>(size) +
                                        static_cast<std::size_t>(layout_.index(b, n - 1, k1))];
                    if (n >= 2)
                        mode.a2 += std::sqrt(static_cast<double>(n) * (n - 1)) *
                                   block[static_cast<std::size_t>(layout_.index(b, n, k1)) * static_cast<std::size_t>(size) +
                                         static_cast<std::size_t>(layout_.index(b, n - 2, k1))];
                }
        }
        return mode;
    }

    const RunSpec& spec_;
    const CavityLayout& layout_;
    const DickeObservables& observables_;
    std::vector<double> reduced_;
    IntegratorChoice choice_;
    SpectrumBounds bounds_;  // the Chebyshev propagator's (when chosen)
    std::size_t storage_ = 0;
    double mode_emission_rate_ = 0.0;  // κ(n̄_b + 1)
    std::vector<double> y_;       // the complex blocks and the counters (observables, pulses, checkpoints)
    std::size_t packed_size_ = 0;  // reals of the packing
    std::vector<double> packed_;  // the integrator's view: the packing and the counters
    std::map<std::map<std::string, double>, std::unique_ptr<CavityGenerator>> generators_;
    const CavityGenerator* generator_ = nullptr;
    std::unique_ptr<OdeIntegrator> integrator_;
    double rhs_seconds_ = 0.0;
    long rhs_calls_ = 0;
};

// The initial state as weighted pure states of the blocks: ρ^j_spin = Σ_k λ_k |v_k⟩⟨v_k|
// (eigenvectors, λ_k > 1e-14 of the largest) times ρ_mode = Σ_i w_i |φ_i⟩⟨φ_i|, so
// ρ(0) = ⊕_j Σ_{i,k} w_i λ_k |φ_i ⊗ v_k⟩⟨φ_i ⊗ v_k|. Without dissipation each member stays pure.
struct PureMember {
    int block;
    double weight;
    std::size_t offset;  // of its D_b complex amplitudes in the state
};

std::vector<PureMember> pure_members(const RunSpec& spec, const CavityLayout& layout, std::vector<cplx>* amplitudes) {
    const DickeBasis& basis = layout.spins();
    const std::vector<double> spins = initial_state(basis, spec.model.initial, initial_hamiltonian(spec.model), false);
    const auto* spin_rho = reinterpret_cast<const cplx*>(spins.data());
    const ModeMixture mixture = initial_mode_mixture(*spec.model.cavity);
    std::vector<PureMember> members;
    std::size_t offset = 0;
    for (int b = 0; b < basis.blocks(); ++b) {
        const int d = basis.dim(b);
        const Eigen::Map<const Dense> block(spin_rho + basis.full_offset(b), d, d);
        if (block.cwiseAbs().maxCoeff() == 0.0) continue;
        const Eigen::MatrixXcd dense_block = block;
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eigen(dense_block);
        const double largest = eigen.eigenvalues().cwiseAbs().maxCoeff();
        for (int k = 0; k < d; ++k) {
            const double lambda = eigen.eigenvalues()(k);
            if (lambda <= 1e-14 * largest) continue;
            for (std::size_t i = 0; i < mixture.weights.size(); ++i) {
                members.push_back({b, lambda * mixture.weights[i], offset});
                if (amplitudes) {
                    amplitudes->resize(offset + static_cast<std::size_t>(layout.dim(b)));
                    for (int n = 0; n <= layout.n_max(); ++n)
                        for (int kk = 0; kk < d; ++kk)
                            (*amplitudes)[offset + static_cast<std::size_t>(layout.index(b, n, kk))] =
                                mixture.vectors[i][static_cast<std::size_t>(n)] * eigen.eigenvectors()(kk, k);
                }
                offset += static_cast<std::size_t>(layout.dim(b));
            }
        }
    }
    return members;
}

std::size_t pure_amplitudes(const std::vector<PureMember>& members, const CavityLayout& layout) {
    return members.empty() ? 0 : members.back().offset + static_cast<std::size_t>(layout.dim(members.back().block));
}

// The pure-state path: each member's amplitudes propagated by the Lanczos exponential
// (integrate/lanczos_propagator.hpp; unitary to rounding, so ‖ψ‖ and the energy stay put), H
// constant within an evolve step; observables from the mixture Σ w |ψ⟩⟨ψ| reduced over the mode.
class PureCavitySteppedState final : public SteppedState {
public:
    PureCavitySteppedState(const RunSpec& spec, const CavityLayout& layout, const DickeObservables& observables)
        : spec_(spec), layout_(layout), observables_(observables), reduced_(2 * layout.spins().full_size(), 0.0) {
        std::vector<cplx> amplitudes;
        members_ = pure_members(spec, layout, &amplitudes);
        y_.assign(2 * amplitudes.size(), 0.0);
        std::copy(amplitudes.begin(), amplitudes.end(), reinterpret_cast<cplx*>(y_.data()));
        // Per step the bound allows rtol relative to ‖ψ‖ (the default 1e-8 would be loose for a
        // unitary run of many steps; 1e-2 · rtol keeps the global error near rtol).
        const LanczosPropagator::Options options{1e-2 * spec.solver.rtol, 30};
        for (const auto& m : members_)
            if (!propagators_.count(m.block))
                propagators_.emplace(m.block, LanczosPropagator(static_cast<std::size_t>(layout.dim(m.block)), options));
    }

    void apply_pulse(const Pulse& pulse) override {
        const DickeBasis& basis = layout_.spins();
        auto* psi = reinterpret_cast<cplx*>(y_.data());
        std::map<int, Dense> rotations;
        for (const auto& m : members_) {
            auto& r = rotations[m.block];
            if (r.size() == 0) r = wigner_rotation(basis.two_j(m.block), pulse.axis, pulse.angle);
            const int d = basis.dim(m.block);
            // ψ as an (n_max+1) × d row-major matrix; (1 ⊗ R)ψ = ψ Rᵀ.
            Eigen::Map<Dense> amplitudes(psi + m.offset, layout_.n_max() + 1, d);
            const Dense rotated = amplitudes * r.transpose();
            amplitudes = rotated;
        }
    }
    void start_evolution(const Evolve& evolve, double t0, double) override {
        auto& cached = generators_[evolve.scale];
        if (!cached) {
            cached = std::make_unique<CavityGenerator>(layout_, generator_terms(spec_.model, evolve.scale),
                                                       spec_.model.mode_hamiltonian(evolve.scale),
                                                       spec_.model.mode_jumps(evolve.scale));
            spreads_[evolve.scale] = cached->spectrum_extent().oscillation;  // once per generator, not per step
        }
        generator_ = cached.get();
        spread_ = spreads_.at(evolve.scale);
        t_ = t0;
    }
    void restart(const Evolve&, double t0, double) override { t_ = t0; }
    void advance(double t) override {
        const auto start = Clock::now();
        auto* psi = reinterpret_cast<cplx*>(y_.data());
        // The top Fock population between rows, Σ_members w‖ψ_{n_max}‖², at probes one per π/spread (the Nyquist
        // spacing of the fastest beat H's spectrum allows; 16 … 512 per interval), from the Lanczos steps' bases.
        const Cavity& cavity = *spec_.model.cavity;
        const int probes = std::clamp(static_cast<int>(std::ceil((t - t_) * spread_ / std::numbers::pi)), 16, 512);
        std::vector<double> offsets(static_cast<std::size_t>(probes)), top(offsets.size(), 0.0);
        for (int p = 0; p < probes; ++p) offsets[static_cast<std::size_t>(p)] = (t - t_) * (p + 1) / probes;
        for (const auto& m : members_) {
            const int block = m.block;
            const auto size = static_cast<std::size_t>(layout_.dim(block));
            // apply_to_vector gives −iHψ; the propagator wants Hψ.
            const LanczosPropagator::Apply apply = [this, block, size](const cplx* x, cplx* out) {
                generator_->apply_to_vector(block, x, out);
                for (std::size_t r = 0; r < size; ++r) out[r] *= cplx{0.0, 1.0};
            };
            const auto d = static_cast<std::size_t>(layout_.spins().dim(block));
            const LanczosPropagator::Sampling sampling{static_cast<std::size_t>(cavity.n_max) * d,
                                                       static_cast<std::size_t>(cavity.n_max + 1) * d, &offsets, m.weight,
                                                       &top};
            propagators_.at(block).propagate(apply, psi + m.offset, t - t_, sampling);
        }
        for (std::size_t p = 0; p < offsets.size(); ++p)
            if (top[p] > cavity.top_level_threshold)
                throw NumericalError(
                    messages::cavity_truncation(cavity.n_max, top[p], t_ + offsets[p], cavity.top_level_threshold));
        t_ = t;
        propagation_seconds_ += seconds_since(start);
    }
    std::vector<double> observe(double t) override {
        const ModeMoments mode = reduce();
        return mode_output_row(spec_, observables_, reduced_, mode, {0.0, 0.0}, t);  // no emitted-quanta counters here
    }
    [[nodiscard]] std::vector<double> save() const override { return y_; }
    void restore(std::vector<double> state) override { restore_state_vector(y_, std::move(state)); }

    [[nodiscard]] std::size_t size() const { return y_.size(); }
    [[nodiscard]] std::size_t members() const { return members_.size(); }
    void add_statistics(RunResult& result) const {
        long steps = 0, applications = 0;
        for (const auto& [block, p] : propagators_) {
            steps += p.statistics().steps;
            applications += p.statistics().applications;
        }
        result.stats.steps = steps;
        result.stats.rhs_evaluations = applications;
        result.stats.failed_steps = 0;
        result.notes["integrator"] = "lanczos";
        result.notes["integrator_choice"] =
            "lanczos: nothing dissipates, so each pure state follows exp(−iHτ)ψ (Krylov steps, per-step bound 1e-2·rtol)";
        result.notes["rhs_seconds"] = std::to_string(propagation_seconds_);
        result.notes["rhs_calls"] = std::to_string(applications);
    }

private:
    // reduced_ = Σ_members w Tr_mode |ψ⟩⟨ψ| on the full Dicke blocks, and the mode's moments.
    ModeMoments reduce() {
        const DickeBasis& basis = layout_.spins();
        const auto* psi = reinterpret_cast<const cplx*>(y_.data());
        auto* spins = reinterpret_cast<cplx*>(reduced_.data());
        // Only the members' blocks are ever written (the rest stay zero from construction):
        // clearing all Σ_j (2j+1)² entries would cost O(N³) per output (170 MB at N = 400).
        for (const auto& m : members_) {
            const auto d = static_cast<std::size_t>(basis.dim(m.block));
            std::fill(spins + basis.full_offset(m.block), spins + basis.full_offset(m.block) + d * d, cplx{0.0});
        }
        ModeMoments mode;
        const int modes = layout_.n_max() + 1;
        mode.fock.assign(static_cast<std::size_t>(modes), 0.0);
        for (const auto& m : members_) {
            const int d = basis.dim(m.block);
            const Eigen::Map<const Dense> amplitudes(psi + m.offset, modes, d);  // rows n, columns k
            Eigen::Map<Dense> out(spins + basis.full_offset(m.block), d, d);
            out.noalias() += m.weight * (amplitudes.transpose() * amplitudes.conjugate());
            for (int n = 0; n < modes; ++n) {
                const double p = amplitudes.row(n).squaredNorm();
                mode.fock[static_cast<std::size_t>(n)] += m.weight * p;
                mode.photons += m.weight * n * p;
                // ⟨a⟩ = Σ √n ⟨ψ_{n−1}|ψ_n⟩, ⟨a²⟩ = Σ √(n(n−1)) ⟨ψ_{n−2}|ψ_n⟩ (ψ_n the spin part at n)
                if (n >= 1)
                    mode.a += m.weight * std::sqrt(static_cast<double>(n)) *
                              amplitudes.row(n - 1).conjugate().cwiseProduct(amplitudes.row(n)).sum();
                if (n >= 2)
                    mode.a2 += m.weight * std::sqrt(static_cast<double>(n) * (n - 1)) *
                               amplitudes.row(n - 2).conjugate().cwiseProduct(amplitudes.row(n)).sum();
            }
        }
        return mode;
    }

    const RunSpec& spec_;
    const CavityLayout& layout_;
    const DickeObservables& observables_;
    std::vector<double> reduced_;
    std::vector<PureMember> members_;
    std::vector<double> y_;
    std::map<std::map<std::string, double>, std::unique_ptr<CavityGenerator>> generators_;
    const CavityGenerator* generator_ = nullptr;
    std::map<int, LanczosPropagator> propagators_;  // per block (its dimension)
    double t_ = 0.0;
    std::map<std::map<std::string, double>, double> spreads_;  // each generator's spectrum_extent().oscillation
    double spread_ = 0.0;  // the current generator's: the probes' spacing
    double propagation_seconds_ = 0.0;
};

// Pure states suffice when no evolve step dissipates (no spin channel, no mode jump at its scale).
// They never need more storage than the density blocks (a block of rank r holds r vectors
// instead of D_j²/D_j), and the Lanczos steps keep ‖ψ‖ to rounding; `[method] propagator =
// "integrator"` forces the density path with CVODE (for comparisons).
bool evolves_pure_states(const RunSpec& spec) {
    if (spec.solver.propagator == "integrator") return false;
    for (const auto& step : spec.protocol.steps)
        if (const auto* e = std::get_if<Evolve>(&step.action)) {
            const GeneratorTerms terms = generator_terms(spec.model, e->scale);
            if (!terms.collective.empty() || !terms.local.empty() || !spec.model.mode_jumps(e->scale).empty())
                return false;
        }
    return true;
}

// The steady state of `generator` on the stored blocks: GMRES on L(x) + Tr(x)·E = E over the
// packing (cavity_kernel.hpp), E the unit-trace state |0⟩⟨0| ⊗ (the first stored block's first
// basis state), as the spin-only full blocks do (dicke_method.cpp); its unique solution is the
// steady state when L has a one-dimensional kernel on the stored blocks (several populated
// blocks without a local channel conserve each block's trace: GMRES then fails and says so).
// Returns the complex blocks (2 × layout.size() reals).
std::vector<double> cavity_steady_state(const CavityLayout& layout, const CavityGenerator& generator, double tolerance,
                                        std::map<std::string, std::string>& notes) {
    const std::size_t size = layout.packed_size();
    std::vector<double> e(size, 0.0), x(size, 0.0);
    for (int b = 0; b < layout.blocks(); ++b)
        if (layout.stored(b)) {
            e[layout.diagonal(b, 0)] = 1.0;
            break;
        }
    const auto trace = [&](const double* v) {
        double t = 0.0;
        for (int b = 0; b < layout.blocks(); ++b) {
            if (!layout.stored(b)) continue;
            for (int i = 0; i < layout.dim(b); ++i) t += v[layout.diagonal(b, i)];
        }
        return t;
    };
    const auto apply = [&](const double* in, double* out) {
        generator.apply(in, out);
        const double tr = trace(in);
        for (std::size_t k = 0; k < size; ++k) out[k] += tr * e[k];
    };
    const auto gmres = solve_gmres(size, apply, e.data(), x.data(), tolerance, 80, 200);
    if (!gmres.converged) throw NumericalError(messages::steady_state_gmres(gmres.residual_norm, gmres.iterations));
    notes["steady_state_solver"] = "GMRES (Dicke blocks ⊗ Fock states, Hermitian packing)";
    notes["steady_state_gmres_iterations"] = std::to_string(gmres.iterations);
    notes["steady_state_residual"] = std::to_string(gmres.residual_norm);
    std::vector<double> full(2 * layout.size(), 0.0);
    layout.unpack(x.data(), full.data());
    return full;
}

// The blocks the density path stores (cavity_generator.hpp, "Stored blocks"): every block when
// some evolve step has a local spin channel (it moves weight between j blocks), otherwise the
// blocks the initial spin state populates (pulses and collective operators keep j).
std::vector<bool> stored_blocks(const RunSpec& spec, const DickeBasis& basis) {
    const auto all = std::vector<bool>(static_cast<std::size_t>(basis.blocks()), true);
    for (const auto& step : spec.protocol.steps)
        if (const auto* e = std::get_if<Evolve>(&step.action))
            for (const auto& t : generator_terms(spec.model, e->scale).local)
                if (t.rate != 0.0) return all;
    const std::vector<double> spins = initial_state(basis, spec.model.initial, initial_hamiltonian(spec.model), false);
    const auto* rho = reinterpret_cast<const cplx*>(spins.data());
    std::vector<bool> stored(all.size(), false);
    for (int b = 0; b < basis.blocks(); ++b) {
        const std::size_t d = static_cast<std::size_t>(basis.dim(b));
        for (std::size_t i = 0; i < d * d && !stored[static_cast<std::size_t>(b)]; ++i)
            stored[static_cast<std::size_t>(b)] = rho[basis.full_offset(b) + i] != cplx{0.0};
    }
    return stored;
}

// Whether the density path stores only the entries of equal parity Π = (−1)^{n+k} of row and column
// (CavityLayout's parity blocks, cavity_parity.hpp): every evolve step's generator keeps the parity blocks, no
// pulse acts (a rotation mixes the parities), and the initial state has no coherence between the parities.
// Otherwise `why` says what prevents it.
bool parity_blocks_allowed(const RunSpec& spec, const DickeBasis& basis, std::string* why) {
    const auto refuse = [why](const std::string& reason) {
        if (why) *why = reason;
        return false;
    };
    for (const auto& step : spec.protocol.steps) {
        if (std::holds_alternative<Pulse>(step.action)) return refuse("a pulse mixes the parities");
        if (const auto* e = std::get_if<Evolve>(&step.action))
            if (!generator_keeps_parity_blocks(generator_terms(spec.model, e->scale), spec.model.mode_hamiltonian(e->scale),
                                               spec.model.mode_jumps(e->scale), why))
                return false;
    }
    // ρ(0) = ρ_mode ⊗ ⊕_j ρ^j_spin has an entry between the parities iff one factor has an entry with
    // n1 + n2 (k1 + k2) odd while the other has one with an even sum.
    const std::vector<double> spins = initial_state(basis, spec.model.initial, initial_hamiltonian(spec.model), false);
    const auto* rho = reinterpret_cast<const cplx*>(spins.data());
    std::array<bool, 2> spin_sums{false, false}, mode_sums{false, false};
    for (int b = 0; b < basis.blocks(); ++b) {
        const int d = basis.dim(b);
        for (int k1 = 0; k1 < d; ++k1)
            for (int k2 = 0; k2 < d; ++k2)
                if (rho[basis.full_offset(b) + static_cast<std::size_t>(k1 * d + k2)] != cplx{0.0})
                    spin_sums[static_cast<std::size_t>((k1 + k2) % 2)] = true;
    }
    const ModeMixture mixture = initial_mode_mixture(*spec.model.cavity);
    for (std::size_t i = 0; i < mixture.weights.size(); ++i) {
        const auto& v = mixture.vectors[i];
        for (std::size_t n1 = 0; n1 < v.size(); ++n1)
            for (std::size_t n2 = 0; n2 < v.size(); ++n2)
                if (mixture.weights[i] != 0.0 && v[n1] != cplx{0.0} && v[n2] != cplx{0.0}) mode_sums[(n1 + n2) % 2] = true;
    }
    if ((spin_sums[1] && mode_sums[0]) || (spin_sums[0] && mode_sums[1]))
        return refuse("the initial state has coherences between the parities (e.g. a coherent field)");
    return true;
}

}  // namespace

IntegratorChoice cavity_integrator_choice(const RunSpec& spec) {
    IntegratorChoice choice = choose_integrator(spec);
    if (!choice.automatic || evolves_pure_states(spec)) return choice;
    // The density path's generator is linear and constant within each evolve step; exp(τL) as a Chebyshev series
    // needs about one application of L per radian of the spectrum's imaginary extent and ~3 vector passes per
    // application, where CVODE's Adams sits at its stability limit for the same spectral radius with ~25 passes
    // per step (docs/methods/dicke.md "Kernel", "Chebyshev propagator": measured faster on every case tried).
    // Pulses end its multi-output steps, so with pulses the choice stays with CVODE; so does max_order.
    bool pulses = false;
    for (const auto& step : spec.protocol.steps) pulses |= std::holds_alternative<Pulse>(step.action);
    if (pulses || spec.solver.max_order != 0) return choice;
    choice.name = "chebyshev";
    choice.forced_by = "linear generator, constant within each evolve step, no pulses: Chebyshev exponential";
    return choice;
}

void validate_cavity_run(const RunSpec& spec) {
    const Cavity& cavity = *spec.model.cavity;
    const auto refuse = [](std::string_view key, std::string_view condition) {
        throw ModelError(messages::format_message("cavity_parameter", {key, condition}));
    };
    if (cavity.n_max < 1) refuse("n_max", "≥ 1");
    if (!(cavity.loss >= 0.0) || !std::isfinite(cavity.loss)) refuse("loss", "finite and ≥ 0");
    if (!std::isfinite(cavity.coupling)) refuse("coupling", "finite");
    if (!std::isfinite(cavity.detuning)) refuse("detuning", "finite");
    if (!(cavity.top_level_threshold > 0.0 && cavity.top_level_threshold < 1.0)) refuse("top_level_threshold", "in (0, 1)");
    // A steady state needs something that dissipates (a unitary run has one per energy level).
    if (spec.steady_state && evolves_pure_states(spec)) throw ModelError(messages::cavity_no_steady_state());
}

std::size_t cavity_state_reals(const RunSpec& spec) {
    const DickeBasis basis(spec.model.spins.size());
    if (evolves_pure_states(spec)) {
        const CavityLayout layout(basis, spec.model.cavity->n_max);
        return 2 * pure_amplitudes(pure_members(spec, layout, nullptr), layout);
    }
    const CavityLayout layout(basis, spec.model.cavity->n_max, stored_blocks(spec, basis));
    return 2 * layout.size() + counters;
}

std::string cavity_storage_description(const RunSpec& spec, bool allow_parity_blocks) {
    const DickeBasis basis(spec.model.spins.size());
    const CavityLayout layout(basis, spec.model.cavity->n_max);
    if (evolves_pure_states(spec)) {
        const auto members = pure_members(spec, layout, nullptr);
        return "pure states over Dicke blocks ⊗ Fock states 0…" + std::to_string(layout.n_max()) + " (" +
               std::to_string(members.size()) + " state vectors, " + std::to_string(pure_amplitudes(members, layout)) +
               " complex; nothing dissipates: Lanczos exponential, not the integrator)";
    }
    std::string why;
    const bool parity = allow_parity_blocks && parity_blocks_allowed(spec, basis, &why);
    if (!allow_parity_blocks) why = "not asked for";
    const CavityLayout stored(basis, layout.n_max(), stored_blocks(spec, basis), parity);
    int count = 0;
    for (int b = 0; b < basis.blocks(); ++b) count += stored.stored(b) ? 1 : 0;
    return "Dicke blocks ⊗ Fock states 0…" + std::to_string(layout.n_max()) + " (" + std::to_string(count) + " of " +
           std::to_string(basis.blocks()) + " j blocks stored, " + std::to_string(stored.size()) + " complex; " +
           (parity ? "parity blocks: the integrator holds the " + std::to_string(stored.packed_size()) +
                         " reals of equal (-1)^(n+k) in row and column"
                   : "full blocks, no parity blocks: " + why) +
           ")";
}

RunResult run_with_cavity(const RunSpec& spec, const RunControl& control, bool allow_parity_blocks) {
    const auto start = Clock::now();
    const DickeBasis basis(spec.model.spins.size());
    const CavityLayout layout(basis, spec.model.cavity->n_max);
    const DickeObservables observables(basis, spec, false, zeeman_scale(spec.model));
    RunResult result;
    if (evolves_pure_states(spec)) {
        PureCavitySteppedState state(spec, layout, observables);
        result.method = "dicke";
        result.series.columns = observables.columns();
        for (auto& c : mode_columns(*spec.model.cavity)) result.series.columns.push_back(std::move(c));
        result.stats.state_size = state.size();
        result.stats.storage = cavity_storage_description(spec);
        (void)walk_protocol(spec, control, state, result);
        state.add_statistics(result);
        result.stats.wall_seconds = seconds_since(start);
        result.notes["dicke_storage"] = "pure states with a cavity mode (" + std::to_string(state.members()) + ")";
        result.notes["cavity_n_max"] = std::to_string(layout.n_max());
        return result;
    }
    const bool parity = allow_parity_blocks && parity_blocks_allowed(spec, basis, nullptr);
    const CavityLayout stored(basis, layout.n_max(), stored_blocks(spec, basis), parity);
    CavitySteppedState state(spec, stored, observables);

    result.method = "dicke";
    result.series.columns = observables.columns();
    for (auto& c : mode_columns(*spec.model.cavity)) result.series.columns.push_back(std::move(c));
    result.stats.state_size = state.size();
    result.stats.storage = cavity_storage_description(spec, allow_parity_blocks);
    const auto last_scale = walk_protocol(spec, control, state, result);
    if (spec.steady_state) {
        const CavityGenerator last(stored, generator_terms(spec.model, last_scale), spec.model.mode_hamiltonian(last_scale),
                                   spec.model.mode_jumps(last_scale));
        std::vector<double> x = cavity_steady_state(stored, last, spec.solver.steady_state_tolerance, result.notes);
        x.resize(x.size() + counters, 0.0);  // the emitted-quanta counters are 0 there (as without a mode)
        state.restore(std::move(x));
        // The same columns, trace check and top-Fock-level guard as a recorded row.
        result.steady_state = state.observe(result.series.time.empty() ? 0.0 : result.series.time.back());
    }
    state.add_statistics(result);
    result.stats.wall_seconds = seconds_since(start);
    result.notes["dicke_storage"] = parity ? "parity blocks with a cavity mode" : "full blocks with a cavity mode";
    result.notes["cavity_n_max"] = std::to_string(layout.n_max());
    return result;
}

}  // namespace openspins::dicke
