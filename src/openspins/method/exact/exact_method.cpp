#include "openspins/method/exact/exact_method.hpp"

#include <bit>
#include <omp.h>

#include <chrono>
#include <memory>
#include <optional>
#include <ctime>
#include <cmath>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/chebyshev_propagator.hpp"
#include "openspins/integrate/gmres_solver.hpp"
#include "openspins/integrate/ode_integrator.hpp"
#include "openspins/method/exact/dense_conversion.hpp"
#include "openspins/method/exact/fused_full_generator.hpp"
#include "openspins/method/exact/hermitian_packing.hpp"
#include "openspins/method/exact/initial_density.hpp"
#include "openspins/method/exact/lindblad_spectrum_bounds.hpp"
#include "openspins/method/exact/lindblad_generator.hpp"
#include "openspins/method/exact/observable_evaluator.hpp"
#include "openspins/method/exact/packed_dense_generator.hpp"
#include "openspins/method/exact/pauli_basis.hpp"
#include "openspins/method/exact/pauli_generator.hpp"
#include "openspins/method/exact/pauli_readout.hpp"
#include "openspins/method/exact/product_packed_readout.hpp"
#include "openspins/method/exact/positivity_monitor.hpp"
#include "openspins/method/exact/pulse_rotation.hpp"
#include "openspins/method/exact/source_vector.hpp"
#include "openspins/method/exact/spin_mode_run.hpp"
#include "openspins/method/integrator_choice.hpp"
#include "openspins/method/memory_budget.hpp"
#include "openspins/method/protocol_walk.hpp"
#include "openspins/method/stopwatch.hpp"
#include "openspins/number_text.hpp"

namespace openspins {

namespace {

using exact::BlockLayout;
using exact::LindbladGenerator;
using exact::SectorBasis;

constexpr int max_spins = 16;  // 4^16 complex numbers is beyond any machine this targets
// `integrator = "auto"` takes the Chebyshev propagator from this many spins on (full storage; measured:
// docs/methods/exact.md, "Integrators").
constexpr int chebyshev_min_spins = 6;

// Binomial C(2N, N) without overflow for N ≤ 16.
std::size_t zero_quantum_size(int n) {
    std::size_t c = 1;
    for (int k = 1; k <= n; ++k) c = c * static_cast<std::size_t>(n + k) / static_cast<std::size_t>(k);
    return c;
}

}  // namespace

bool ExactMethod::uses_zero_quantum_storage(const RunSpec& spec) {
    const Model& model = spec.model;
    const int n = model.spins.size();
    // In a frame (model/basis_frame.hpp) the basis labels carry no coherence order.
    if (model.frame || spec.solver.storage == "full" || !exact::initial_is_zero_quantum(model)) return false;
    if (!exact::sources_are_zero_quantum(model)) return false;
    for (const auto& step : spec.protocol.steps) {
        if (const auto* e = std::get_if<Evolve>(&step.action)) {
            if (!exact::conserves_coherence_order(model.hamiltonian_operator(e->scale), model.jumps(e->scale)))
                return false;
        } else if (!exact::preserves_zero_quantum(std::get<Pulse>(step.action), n)) {
            return false;
        }
    }
    if (spec.steady_state && !exact::conserves_coherence_order(model.hamiltonian_operator(), model.jumps()))
        return false;
    return true;
}

std::string ExactMethod::storage_description(const RunSpec& spec) const {
    if (spec.model.cavity) return exact::spin_mode_storage_description(spec);  // spins ⊗ mode (spin_mode_run.hpp)
    return uses_zero_quantum_storage(spec) ? "zero-quantum blocks (coherence order 0), Hermitian half"
                                           : "full density matrix (all coherence orders), Hermitian half";
}

std::size_t ExactMethod::memory_estimate(const RunSpec& spec) const {
    if (spec.model.cavity) return exact::spin_mode_memory_estimate(spec);
    const int n = spec.model.spins.size();
    const std::size_t dim = std::size_t{1} << n;
    const bool zq = uses_zero_quantum_storage(spec);
    const std::size_t elements = zq ? zero_quantum_size(n) : dim * dim;
    // Integrator vectors hold the Hermitian half (one real per element); ρ, two
    // scratch copies and the generator's Z and Y are complex.
    const std::size_t real_vectors = OdeIntegrator::vectors_needed(integrator_choice(spec).name) +
                                     (spec.steady_state ? 85 : 0);  // GMRES Krylov basis
    std::size_t bytes = real_vectors * elements * sizeof(double) + 5 * elements * sizeof(complex);
    // Full storage: the product-order copy of the state, and the kernel's own two vectors (the Pauli coordinates
    // and their conversion's intermediate, or the fused kernel's planes Re ρ, Im ρ).
    if (!zq) bytes += 3 * elements * sizeof(double);
    bool dense_needed = false;
    for (const auto& step : spec.protocol.steps) dense_needed |= std::holds_alternative<Pulse>(step.action);
    const InitialState& initial = spec.model.initial;
    const auto has = [&](InitialState::Kind kind) {
        return any_part(initial, [kind](const InitialState& s) { return s.kind == kind; });
    };
    dense_needed |= has(InitialState::Kind::file);
    if (dense_needed) bytes += 2 * dim * dim * sizeof(complex);
    if (spec.model.frame) bytes += 4 * dim * dim * sizeof(complex);  // V and the transformed dense ρ
    if (has(InitialState::Kind::thermal) && !zq) bytes += 4 * dim * dim * sizeof(complex);
    // Dicke states: J² on the largest sector, its eigenvectors and the projector (dense reals).
    if (has(InitialState::Kind::dicke)) {
        const std::size_t sector = zero_quantum_size((n + 1) / 2);  // C(N+1, (N+1)/2) ≥ the largest C(N, k)
        bytes += 3 * sector * sector * sizeof(double);
    }
    if (initial.kind == InitialState::Kind::mixture) bytes += elements * sizeof(complex);  // one component at a time
    // Sources: C, ρ_ref and the relaxed copy in the layout; ρ_ref is built through a dense matrix.
    if (!spec.model.sources.empty()) bytes += 3 * elements * sizeof(complex) + dim * dim * sizeof(complex);
    // Monomial index tables: a few per spin pair for the largest operators.
    bytes += static_cast<std::size_t>(n * n + 8 * n) * dim * sizeof(exact::IndexPair);
    return bytes;
}

IntegratorChoice ExactMethod::integrator_choice(const RunSpec& spec) const {
    IntegratorChoice choice = choose_integrator(spec);
    if (!choice.automatic || choice.name != "adams" || spec.solver.max_order != 0 || spec.model.cavity) return choice;
    // The generator is constant on every evolve step, so exp(ΔtL) as a Chebyshev series replaces CVODE where
    // that was measured faster: full storage of at least chebyshev_min_spins spins (docs/methods/exact.md,
    // "Integrators"); every rate non-negative (a Lindbladian, spectrum in Re λ ≤ 0).
    const int n = spec.model.spins.size();
    if (n < chebyshev_min_spins || uses_zero_quantum_storage(spec)) return choice;
    for (const auto& c : spec.model.channels)
        for (const auto& j : c.jumps)
            if (j.rate < 0.0) return choice;
    choice.name = "chebyshev";
    choice.forced_by = "full storage of " + std::to_string(n) + " ≥ " + std::to_string(chebyshev_min_spins) +
                       " spins, a constant generator per evolve step: Chebyshev exponential";
    return choice;
}

void ExactMethod::validate(const RunSpec& spec) const {
    const int n = spec.model.spins.size();
    if (n < 1) throw ModelError(messages::model_has_no_spins());
    if (n > max_spins)
        throw ResourceError(messages::beyond_method_limit(
            n, "exact", max_spins, "it stores 4^N numbers; method \"dicke\" takes permutation-symmetric models"));
    const auto check_op = [&](const SpinOperator& op, const std::string& what) {
        if (op.highest_spin() >= n)
            throw ModelError(messages::format_message("operator_beyond_spins",
                                                      {what, std::to_string(op.highest_spin()), std::to_string(n)}));
    };
    for (const auto& t : spec.model.hamiltonian) check_op(t.op, "Hamiltonian term '" + t.name + "'");
    for (const auto& c : spec.model.channels)
        for (const auto& j : c.jumps) {
            check_op(j.op, "channel '" + c.name + "'");
            // Bloch–Redfield written in Lindblad form has a negative-rate channel (method/redfield/).
            const bool may_be_negative = c.kind == "bath_bloch_redfield";
            if (!(j.rate >= 0.0 || may_be_negative) || !std::isfinite(j.rate))
                throw ModelError(messages::format_message("channel_rate_negative",
                                                          {messages::quoted(c.name), number_text("%.6g", j.rate)}));
        }
    for (const auto& o : spec.observables) check_op(o.op, "observable '" + o.name + "'");
    for (const auto& source : spec.model.sources) {
        check_op(source.constant, "source '" + source.name + "'");
        for (const auto& j : source.relaxation) check_op(j.op, "source '" + source.name + "'");
        complex trace = 0.0;
        double scale = 0.0;
        for (const auto& m : source.constant.terms())
            if (m.is_diagonal()) {
                trace += m.coeff * static_cast<double>(std::size_t{1} << (n - std::popcount(m.mask)));
                scale = std::max(scale, std::abs(m.coeff));
            }
        if (std::abs(trace) > 1e-12 * scale * static_cast<double>(std::size_t{1} << n))
            throw ModelError(messages::format_message("source_not_traceless", {messages::quoted(source.name)}));
        if (!source.relaxation.empty() && !(source.reference_temperature > 0.0))
            throw ModelError(messages::format_message("source_needs_temperature", {messages::quoted(source.name)}));
    }
    validate_initial_state(spec.model.initial, n);
    for (const auto& step : spec.protocol.steps)
        if (const auto* p = std::get_if<Pulse>(&step.action))
            for (int s : p->spins)
                if (s < 0 || s >= n) throw ModelError(messages::spin_out_of_range(s, n));
    if (spec.protocol.steps.empty()) throw ModelError(messages::protocol_has_no_steps());
    if (spec.model.cavity) exact::validate_spin_mode_run(spec);  // mode letters are read only with a [cavity]
    if (!spec.method_observables.empty())
        throw ModelError(messages::observable_needs_symbolic_method(spec.method_observables.front()));
    const std::size_t needed = memory_estimate(spec);
    if (spec.model.cavity) return check_memory_budget(n, needed, spec.solver.memory_limit_bytes, storage_description(spec));
    check_memory_budget(n, needed, spec.solver.memory_limit_bytes,
                        uses_zero_quantum_storage(spec) ? "zero-quantum blocks" : "full density matrix");
}

namespace {

// Solve L(x) + Tr(x)·E = E with E = 1/D on the packed Hermitian state: the unique
// solution is the unit-trace steady state whenever L has a one-dimensional kernel.
std::vector<complex> steady_state(const LindbladGenerator& generator, const exact::HermitianPacking& packing,
                                  const SectorBasis& basis, const BlockLayout& layout,
                                  const exact::ObservableEvaluator& evaluator, double tolerance,
                                  std::map<std::string, std::string>& notes) {
    const double e = 1.0 / static_cast<double>(basis.dimension());
    std::vector<complex> identity(layout.size(), 0.0), x(layout.size()), y(layout.size());
    for (int a = 0; a < basis.sectors(); ++a) {
        const auto* blk = layout.block(a, a);
        for (std::size_t i = 0; i < blk->rows; ++i) identity[blk->offset + i * blk->cols + i] = e;
    }
    std::vector<double> rhs(packing.size()), solution(packing.size());
    packing.pack(identity.data(), rhs.data());
    const auto apply = [&](const double* in, double* out) {
        packing.unpack(in, x.data());
        generator.apply(x.data(), y.data());
        const double tr = evaluator.trace(x.data());
        for (std::size_t k = 0; k < layout.size(); ++k) y[k] += tr * identity[k];
        packing.pack(y.data(), out);
    };
    const double rhs_norm = std::sqrt(static_cast<double>(basis.dimension())) * e;
    const auto gmres = solve_gmres(packing.size(), apply, rhs.data(), solution.data(), tolerance * rhs_norm, 80, 200);
    if (!gmres.converged)
        throw NumericalError(messages::steady_state_gmres(gmres.residual_norm, gmres.iterations));
    notes["steady_state_gmres_iterations"] = std::to_string(gmres.iterations);
    notes["steady_state_residual"] = std::to_string(gmres.residual_norm);
    packing.unpack(solution.data(), x.data());
    return x;
}

// ρ stored in `layout` as the full 2^N matrix of the product basis, the form a state file
// holds: zero-quantum storage leaves the other blocks zero, and a frame (the redfield
// eigenbasis, model/basis_frame.hpp) is undone, ρ = V ρ̃ V†.
DensityBlocks product_basis_state(const std::vector<complex>& rho, const SectorBasis& basis, const BlockLayout& layout,
                                  const Model& model) {
    DensityBlocks state;
    state.spins = model.spins.size();
    Eigen::MatrixXcd dense = exact::unpack_dense(rho.data(), basis, layout);
    if (model.frame) dense = model.frame->v * dense * model.frame->v.adjoint();
    state.blocks.push_back(std::move(dense));
    return state;
}

}  // namespace

namespace {

// ρ in its block layout and the integrator's packed Hermitian copy, stepped through a
// protocol by walk_protocol.
class ExactState final : public SteppedState {
public:
    ExactState(const RunSpec& spec, const SectorBasis& basis, const BlockLayout& layout,
               exact::PositivityReport* positivity)
        : spec_(spec), basis_(basis), layout_(layout), positivity_(positivity), packing_(layout),
          rho_(exact::initial_density(spec.model, basis, layout)), rho_scratch_(layout.size()),
          out_scratch_(layout.size()), y_(packing_.size()), evaluator_(basis, layout, spec.observables),
          source_(exact::source_vector(spec.model, basis, layout)), choice_(ExactMethod().integrator_choice(spec)) {
        packing_.pack(rho_.data(), y_.data());
        rhs_ = [this](double, const double* in, double* out) {
            timed_rhs([&] {
                if (dense_) {
                    dense_->apply(in, out);
                } else if (pauli_) {
                    pauli_->apply(in, out);
                } else if (fused_) {
                    fused_->apply(in, out);
                } else {
                    packing_.unpack(in, rho_scratch_.data());
                    generator_->apply(rho_scratch_.data(), out_scratch_.data());
                    packing_.pack(out_scratch_.data(), out);
                }
            });
        };
        // The Chebyshev propagator is built per evolve step (its spectrum bounds are the step's).
        if (!chebyshev()) integrator_ = make_integrator(packing_.size(), rhs_, with_integrator(spec.solver, choice_), true);
    }

    void apply_pulse(const Pulse& pulse) override {
        materialize();
        values_at_.reset();
        packing_.unpack(y_.data(), rho_.data());
        if (spec_.model.frame)
            exact::apply_pulse(pulse, basis_, layout_, rho_.data(), *spec_.model.frame);
        else
            exact::apply_pulse(pulse, basis_, layout_, rho_.data());
        packing_.pack(rho_.data(), y_.data());
        product_current_ = false;
    }
    void start_evolution(const Evolve& evolve, double t0, double t_end) override {
        materialize();
        values_at_.reset();
        dense_.reset();
        fused_.reset();
        pauli_.reset();
        generator_.reset();
        if (uses_fused_kernel()) {
            // Pauli coordinates when their fast passes apply (kernel "auto"), else the product-order fused kernel.
            const SpinOperator h = spec_.model.hamiltonian_operator(evolve.scale);
            const std::vector<Jump> jumps = spec_.model.jumps(evolve.scale);
            if (spec_.solver.kernel == "auto" && exact::PauliGenerator::suits(basis_.spins(), h, jumps)) {
                pauli_ = std::make_unique<exact::PauliGenerator>(basis_.spins(), h, jumps);
                if (!pauli_->fast()) pauli_.reset();
            }
            if (!pauli_) fused_ = std::make_unique<exact::FusedFullGenerator>(basis_.spins(), h, jumps);
            // Chebyshev without a positivity record: the observables straight off the integrated vector.
            if (chebyshev() && positivity_ == nullptr) make_readout();
        } else {
            generator_ = std::make_unique<LindbladGenerator>(
                basis_, layout_, spec_.model.hamiltonian_operator(evolve.scale), spec_.model.jumps(evolve.scale), source_);
            if (packing_.size() <= exact::PackedDenseGenerator::max_size)
                dense_ = std::make_unique<exact::PackedDenseGenerator>(*generator_, packing_, layout_.size());
        }
        if (chebyshev()) {
            bounds_ = exact::lindblad_spectrum_bounds(spec_.model.hamiltonian_operator(evolve.scale),
                                                      spec_.model.jumps(evolve.scale), basis_.spins());
            new_propagator();
        }
        integrator_->reset(t0, integrator_state(), t_end);
    }
    // The generator is rebuilt identically by start_evolution: only the integrator restarts — the Chebyshev
    // propagator anew, with the step's first bounds, as a run resumed here builds it (bounds it widened after a
    // failed step would otherwise make the two runs differ).
    void restart(const Evolve&, double t0, double t_end) override {
        catch_up();  // (the integrator restarts from its own vector: y_ may stay behind)
        if (chebyshev()) new_propagator();
        integrator_->reset(t0, integrator_state(), t_end, true);
    }
    void advance(double t) override {
        if (!fused_ && !pauli_) {
            integrator_->advance(t, y_.data());
            product_current_ = false;
            return;
        }
        // A full-storage kernel integrates its own vector (product-basis order, or Pauli coordinates); y_ (block
        // order) stays the state of record for observables, pulses and checkpoints.
        if (readout_) {
            // Chebyshev with functionals: inside a step only the observables and Tr ρ are known at t; y_ is
            // brought up to date (materialize) when something needs the state.
            readout_values_.resize(readout_->count());
            values_at_ = t;
            if (!propagator_->advance_functionals(t, readout_values_.data())) {
                stale_at_ = t;
                return;
            }
            stale_at_.reset();
        }
        integrator_->advance(t, kernel_y().data());
        kernel_ahead();
    }
    std::vector<double> observe(double t) override {
        if (readout_ && values_at_ == t) {
            // The readout's columns are the evaluator's, with Tr ρ last.
            std::vector<double> row(readout_values_.begin(), readout_values_.end() - 1);
            check_recorded_state(t, readout_values_.back(), spec_.solver.trace_tolerance, row);
            return row;
        }
        materialize();
        packing_.unpack(y_.data(), rho_.data());
        auto row = evaluator_.evaluate(rho_.data());
        check_recorded_state(t, evaluator_.trace(rho_.data()), spec_.solver.trace_tolerance, row);
        if (positivity_ != nullptr && positivity_->complete) {
            if (const auto lowest = exact::smallest_eigenvalue(rho_.data(), basis_, layout_))
                positivity_->record(t, *lowest);
            else
                positivity_->complete = false;
        }
        return row;
    }
    // With Pauli coordinates the checkpoint also holds them: y_ is their rounded image (pauli_basis.hpp's
    // conversions are not exact inverses), and a resumed run must continue from the very vector the
    // uninterrupted one continues from (the product order's conversion is a permutation: y_ alone suffices).
    [[nodiscard]] std::vector<double> save() const override {
        std::vector<double> state(y_);
        if (y_behind_) {  // y_ from the kernel's vector, here (save() leaves the state as it is)
            std::vector<complex> rho(layout_.size());
            std::vector<double> product, scratch;
            record_from_kernel(state, rho, product, scratch);
        }
        if (!product_current_ || !held_pauli_) return state;
        state.insert(state.end(), pauli_y_.begin(), pauli_y_.end());
        return state;
    }
    void restore(std::vector<double> state) override {
        stale_at_.reset();
        values_at_.reset();
        product_current_ = false;
        y_behind_ = false;
        if (state.size() == 2 * y_.size()) {
            pauli_y_.assign(state.begin() + static_cast<std::ptrdiff_t>(y_.size()), state.end());
            state.resize(y_.size());
            product_current_ = true;
            held_pauli_ = true;
        }
        restore_state_vector(y_, std::move(state));
    }

    // ρ now, in its block layout.
    [[nodiscard]] std::vector<complex> density() const {
        std::vector<complex> rho(layout_.size());
        packing_.unpack(y_.data(), rho.data());
        return rho;
    }
    [[nodiscard]] const exact::ObservableEvaluator& evaluator() const { return evaluator_; }
    [[nodiscard]] const exact::HermitianPacking& packing() const { return packing_; }
    [[nodiscard]] const std::vector<complex>& source() const { return source_; }

    // Full storage without sources and beyond the dense form's size: the fused two-pass
    // kernel (fused_full_generator.hpp), unless solver.kernel = "blocks" asks for the block kernel.
    [[nodiscard]] bool uses_fused_kernel() const {
        return layout_.kind() == BlockLayout::Kind::all_orders && source_.empty() &&
               packing_.size() > exact::PackedDenseGenerator::max_size && spec_.solver.kernel != "blocks";
    }
    [[nodiscard]] bool chebyshev() const { return choice_.name == "chebyshev"; }
    // y_ (and rho_) brought up to date: the propagator stepped to stale_at_, then y_ converted from the kernel's
    // vector (a step's end leaves that to whoever needs y_: at N = 10 the conversions were ~10 % of the run's CPU
    // samples, perf, with the observables read off the series).
    void materialize() {
        catch_up();
        if (y_behind_) store_kernel_state();
    }
    // The kernel's vector at the last output when only functionals were computed there.
    void catch_up() {
        if (!stale_at_) return;
        const double t = *stale_at_;
        stale_at_.reset();
        integrator_->advance(t, kernel_y().data());
        kernel_ahead();
    }
    // The kernel's vector holds the newest state; y_ lags it until materialize().
    void kernel_ahead() {
        held_pauli_ = pauli_ != nullptr;
        product_current_ = true;
        y_behind_ = true;
    }
    // The integrator's vector when a full-storage kernel runs: Pauli coordinates or the product-order packed state.
    std::vector<double>& kernel_y() { return pauli_ ? pauli_y_ : product_y_; }
    // y_ (and rho_) from the integrator's vector, which then still holds y_.
    void store_kernel_state() {
        record_from_kernel(y_, rho_, product_y_, conversion_scratch_);
        y_behind_ = false;
    }
    // y and rho (the block layout) from the kernel's vector (pauli_y_ when held_pauli_, else product_y_); with
    // Pauli coordinates through `product` (the product-order state) and `scratch`.
    void record_from_kernel(std::vector<double>& y, std::vector<complex>& rho, std::vector<double>& product,
                            std::vector<double>& scratch) const {
        const double* p = product_y_.data();
        if (held_pauli_) {
            product.resize(packing_.size());
            exact::packed_from_pauli(pauli_y_.data(), basis_.spins(), product.data(), scratch);
            p = product.data();
        }
        exact::FusedFullGenerator::unpack_to_layout(p, basis_, layout_, rho.data());
        packing_.pack(rho.data(), y.data());
    }
    // The readout of the observables on the integrated vector (Pauli or product order), when they are linear.
    void make_readout() {
        if (pauli_) {
            readout_ = std::make_unique<exact::PauliReadout>(spec_.observables);
        } else {
            readout_ = std::make_unique<exact::ProductPackedReadout>(basis_, spec_.observables);
        }
        if (!readout_->linear()) readout_.reset();
    }
    // One application of the generator, timed and counted (rhs_seconds_, rhs_cpu_seconds_, rhs_calls_).
    template <class Apply>
    void timed_rhs(Apply apply) {
        const auto t0 = Clock::now();
        const std::clock_t cpu0 = std::clock();
        apply();
        rhs_seconds_ += seconds_since(t0);
        // Processor time of all threads: on a machine shared with more busy processes
        // than cores the wall time above includes waiting for a core.
        rhs_cpu_seconds_ += static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
        ++rhs_calls_;
    }
    // A fresh Chebyshev propagator for the current step's bounds; the old one's counts go to earlier_.
    void new_propagator() {
        if (integrator_) {
            const auto s = integrator_->statistics();
            earlier_.steps += s.steps;
            earlier_.rhs_evaluations += s.rhs_evaluations;
            earlier_.failed_steps += s.failed_steps;
        }
        propagator_ = nullptr;
        integrator_.reset();  // its vectors go before the new one's are allocated
        // Its steps end where the protocol walk restarts (restart_rule).
        StateFunctionals functionals;
        if (readout_)
            functionals = {readout_->count(), [this](const double* y, double* values) { readout_->evaluate(y, values); }};
        // The full-storage kernels also take the recurrence's terms in their last pass (recurrence_step.hpp: the
        // same bits).
        FusedRecurrence fused_step;
        if (fused_ || pauli_)
            fused_step = [this](const RecurrenceStep& step) {
                double largest = 0.0;
                timed_rhs([&] { largest = pauli_ ? pauli_->apply_step(step) : fused_->apply_step(step); });
                ++rhs_fused_steps_;
                return largest;
            };
        auto propagator =
            make_chebyshev_propagator(packing_.size(), rhs_, bounds_, with_integrator(spec_.solver, choice_),
                                      restart_rule(spec_), std::move(functionals), std::move(fused_step));
        propagator_ = propagator.get();
        integrator_ = std::move(propagator);
    }
    // The integrator's start vector: y_, or its copy for a full-storage kernel (product order, or Pauli
    // coordinates) — the one y_ was last made from when nothing has changed y_ since (a step's end: the same bits,
    // without converting back).
    const double* integrator_state() {
        if (!fused_ && !pauli_) return y_.data();
        if (product_current_ && held_pauli_ == (pauli_ != nullptr)) return kernel_y().data();
        product_y_.resize(packing_.size());
        packing_.unpack(y_.data(), rho_.data());
        exact::FusedFullGenerator::pack_from_layout(rho_.data(), basis_, layout_, product_y_.data());
        if (pauli_) {
            pauli_y_.resize(packing_.size());
            exact::pauli_from_packed(product_y_.data(), basis_.spins(), pauli_y_.data());
        }
        held_pauli_ = pauli_ != nullptr;
        product_current_ = true;
        return kernel_y().data();
    }

    void add_statistics(RunResult& result) const {
        if (integrator_) record_integration(*integrator_, choice_.name, rhs_seconds_, rhs_calls_, result);
        result.stats.steps += earlier_.steps;
        result.stats.rhs_evaluations += earlier_.rhs_evaluations;
        result.stats.failed_steps += earlier_.failed_steps;
        if (chebyshev()) {
            result.notes["chebyshev_decay_bound"] = number_text("%.6g", bounds_.decay);
            result.notes["chebyshev_oscillation_bound"] = number_text("%.6g", bounds_.oscillation);
        }
        result.notes["integrator_choice"] = explain(choice_);
        result.stats.state_size = packing_.size();
        // Per right-hand side: the generator's streamed bytes plus unpacking (read the
        // packed reals, write ρ) and packing (read dρ/dt, write the packed reals).
        const std::size_t packing_bytes =
            2 * (packing_.size() * sizeof(double) + layout_.size() * sizeof(complex));
        if (dense_)
            result.notes["rhs_streamed_bytes"] = std::to_string(dense_->streamed_bytes());
        else if (pauli_)
            result.notes["rhs_streamed_bytes"] = std::to_string(pauli_->streamed_bytes());
        else if (fused_)
            result.notes["rhs_streamed_bytes"] = std::to_string(fused_->streamed_bytes());
        else if (generator_)
            result.notes["rhs_streamed_bytes"] = std::to_string(generator_->streamed_bytes() + packing_bytes);
        if (dense_) result.notes["rhs_form"] = "dense matrix on the packed state (tiny state)";
        if (pauli_)
            result.notes["rhs_form"] = std::string("Pauli coordinates (") +
                                       (pauli_->isa() == exact::PauliGenerator::Isa::avx2 ? "avx2" : "generic") +
                                       "), tiles of " + std::to_string(pauli_->tile_spins()) + " spins" +
                                       (pauli_->second_pass_spin() > 0
                                            ? ", rows from spin " + std::to_string(pauli_->second_pass_spin())
                                            : std::string());
        if (fused_)
            result.notes["rhs_form"] = std::string("fused full-storage kernel (") +
                                       exact::FusedFullGenerator::isa_name(fused_->isa()) + "), band bits " +
                                       std::to_string(fused_->band_bits());
        result.notes["threads"] = std::to_string(omp_get_max_threads());
        result.notes["rhs_cpu_seconds"] = std::to_string(rhs_cpu_seconds_);
        // Of rhs_calls: those in which the fused kernel also took the Chebyshev recurrence's term
        // (recurrence_step.hpp), so that rhs_seconds includes that term's pass over the state.
        if (fused_ || pauli_) result.notes["rhs_fused_steps"] = std::to_string(rhs_fused_steps_);
        result.notes["stored_complex_elements"] = std::to_string(layout_.size());
        result.notes["integrated_reals"] = std::to_string(packing_.size());
    }

private:
    const RunSpec& spec_;
    const SectorBasis& basis_;
    const BlockLayout& layout_;
    exact::PositivityReport* positivity_;  // nullptr: not tracked
    exact::HermitianPacking packing_;
    std::vector<complex> rho_, rho_scratch_, out_scratch_;  // ρ (full layout) and the RHS's scratch
    std::vector<double> y_;                                 // the integrator's packed Hermitian state
    exact::ObservableEvaluator evaluator_;
    std::vector<complex> source_;  // Tr(ρ)·C of the model's sources in the layout (empty: none)
    std::unique_ptr<LindbladGenerator> generator_;
    std::unique_ptr<exact::PackedDenseGenerator> dense_;  // tiny states: the generator as a matrix
    std::unique_ptr<exact::FusedFullGenerator> fused_;    // full storage: the two-pass kernel
    std::unique_ptr<exact::PauliGenerator> pauli_;        // full storage: Pauli coordinates (when fast)
    std::vector<double> product_y_;                       // the integrator's state for fused_ (product order)
    std::vector<double> pauli_y_;                         // the integrator's state for pauli_
    std::vector<double> conversion_scratch_;              // pauli_y_ → product_y_'s intermediate
    bool product_current_ = false;  // kernel_y() holds y_ (y_ unchanged since either was made from the other)
    bool held_pauli_ = false;       // … and with product_current_, that copy is pauli_y_ (else product_y_)
    bool y_behind_ = false;         // y_ lags the kernel's vector (product_current_: it holds the newer state)
    IntegratorChoice choice_;
    RhsFunction rhs_;
    std::unique_ptr<OdeIntegrator> integrator_;
    SpectrumBounds bounds_;            // chebyshev: the current evolve step's
    ChebyshevPropagator* propagator_ = nullptr;  // integrator_ when chebyshev
    // Chebyshev on a full-storage kernel without a positivity record: the observables straight off the integrated
    // vector at a step's interior outputs (pauli_readout.hpp, product_packed_readout.hpp); null when not linear
    // (purity) or not applicable.
    std::unique_ptr<exact::LinearReadout> readout_;
    std::vector<double> readout_values_;  // the readout at values_at_ (columns…, Tr ρ)
    std::optional<double> values_at_;
    std::optional<double> stale_at_;  // y_ lags the propagator, which is at this output time
    IntegratorStatistics earlier_;     // chebyshev: the counts of the propagators replaced so far
    double rhs_seconds_ = 0.0;
    double rhs_cpu_seconds_ = 0.0;
    long rhs_calls_ = 0;
    long rhs_fused_steps_ = 0;  // of rhs_calls_: those that also took the Chebyshev recurrence's term
};

}  // namespace

RunResult ExactMethod::run(const RunSpec& spec, const RunControl& control) const { return run(spec, control, nullptr); }

RunResult ExactMethod::run(const RunSpec& spec, const RunControl& control, exact::PositivityReport* positivity) const {
    validate(spec);
    if (spec.model.cavity) return exact::run_spin_mode(spec, control);
    const auto start = Clock::now();
    const SectorBasis basis(spec.model.spins.size());
    const BlockLayout layout =
        uses_zero_quantum_storage(spec) ? BlockLayout::zero_quantum(basis) : BlockLayout::all_orders(basis);
    ExactState state(spec, basis, layout, positivity);

    RunResult result;
    result.method = name();
    result.series.columns = state.evaluator().columns();
    result.stats.storage = layout.description() + ", Hermitian half";
    result.stats.peak_memory_estimate = memory_estimate(spec);
    const auto last_scale = walk_protocol(spec, control, state, result);
    state.materialize();
    if (spec.keep_final_state) result.final_state = product_basis_state(state.density(), basis, layout, spec.model);

    if (spec.steady_state) {
        const LindbladGenerator steady_generator(basis, layout, spec.model.hamiltonian_operator(last_scale),
                                                 spec.model.jumps(last_scale), state.source());
        const auto steady = steady_state(steady_generator, state.packing(), basis, layout, state.evaluator(),
                                         spec.solver.steady_state_tolerance, result.notes);
        result.steady_state = state.evaluator().evaluate(steady.data());
        if (spec.keep_steady_state_density)
            result.steady_state_density = product_basis_state(steady, basis, layout, spec.model);
    }
    state.add_statistics(result);
    result.stats.wall_seconds = seconds_since(start);
    return result;
}

}  // namespace openspins
