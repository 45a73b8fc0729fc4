#include "openspins/integrate/chebyshev_propagator.hpp"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_bessel.h>

#include "openspins/integrate/page_aligned_allocator.hpp"

#include <algorithm>
#include <stdexcept>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/parallel_loop.hpp"
#include "openspins/integrate/step_budget.hpp"
#include "openspins/interrupt.hpp"
#include "openspins/number_text.hpp"

namespace openspins {

namespace {

class ChebyshevSeries final : public ChebyshevPropagator {
public:
    ChebyshevSeries(std::size_t size, RhsFunction rhs, SpectrumBounds bounds, const SolverOptions& options,
                    RestartRule restarts_at, StateFunctionals functionals, FusedRecurrence fused)
        : size_(size), rhs_(std::move(rhs)), fused_(std::move(fused)), a_(std::max(bounds.decay, 1e-300)), b_(std::max(bounds.oscillation, 0.0)),
          oscillatory_(bounds.oscillation > 0.5 * bounds.decay), rtol_(options.rtol), atol_(options.atol),
          budget_(options.max_steps), restarts_at_(std::move(restarts_at)), functionals_(std::move(functionals)),
          y_(size), previous_(size), current_(size), applied_(size), term_values_(functionals_.count) {
        if (oscillatory_) {
            p_max_ = 400.0;
            p_group_ = 320.0;
        }
        initial_ = {a_, b_, p_max_};
    }

    void reset(double t0, const double* y, double t_stop, bool continues_step) override {
        ahead_.clear();  // a step never reaches past a restart (restarts_at_), so nothing computed ahead is lost
        // The bounds and the longest step as first given, not as widened by failed steps before: a run resumed
        // from a checkpoint here starts a new propagator, and must repeat the uninterrupted run bit for bit.
        a_ = initial_.decay;
        b_ = initial_.oscillation;
        p_max_ = initial_.longest;
        rectangle_ = false;
        std::copy(y, y + size_, y_.begin());
        t_ = t0;
        t_stop_ = t_stop;
        budget_.start(continues_step);
    }

    void advance(double t, double* y) override {
        t = std::min(t, t_stop_);
        if (t > t_) {
            const Ahead* known = find_ahead(t);
            if (known != nullptr && !known->state.empty()) {
                adopt_front();
            } else {
                // Not computed, or only its functionals (an interior output of a reduced step): a step from the
                // last full state that ends at t.
                ahead_.clear();
                compute(t, functionals_.count == 0);
                adopt_front();
            }
        }
        std::copy(y_.begin(), y_.end(), y);
    }

    bool advance_functionals(double t, double* values) override {
        if (functionals_.count == 0) throw std::logic_error("the Chebyshev propagator has no functionals");
        t = std::min(t, t_stop_);
        if (t > t_) {
            const Ahead* known = find_ahead(t);
            if (known == nullptr) {
                ahead_.clear();
                compute(t, true);
                known = find_ahead(t);
            }
            if (known->state.empty()) {
                std::copy(known->values.begin(), known->values.end(), values);
                return false;
            }
            adopt_front();
        }
        functionals_.evaluate(y_.data(), values);
        return true;
    }

    // The watch (ode_integrator.hpp) sampled inside each step: its value must be linear in y and not depend on t
    // (a population, as the cavity path's top Fock level), so that it follows from the terms' values alone.
    void set_watch(Watch watch) override { watch_ = std::move(watch); }

    [[nodiscard]] IntegratorStatistics statistics() const override { return {steps_, rhs_count_, failed_}; }

private:
    struct Ahead {
        double time;
        StateVector state;           // empty at a reduced step's interior output
        std::vector<double> values;  // F(state) there
    };

    // A step's size parameter: c = ha/2 (real form) or z = hb (oscillatory form), bounded by p_max_ and, when a
    // step groups several output times, by p_group_ (real form: longer steps need fewer right-hand sides per unit
    // time, ~√c, but slow oscillations make the terms cancel more, ~e^{c(ln ρ)²/2}; oscillatory form: ~1 per
    // radian whatever the step, so a group ends at max_group outputs or z = 200). In the oscillatory form ha/2
    // counts as 10 radians, so that ha/2 ≤ 40 at the first p_max_: U_k ~ e^{ha/2} cannot overflow.
    static constexpr int max_group = 16;
    static constexpr double damping_weight = 80.0;

    // The oscillatory form's ellipse around the bounds −a/2 ≤ Re(λ − c₀) ≤ a/2, |Im λ| ≤ b, kept at least ~2:1 so
    // that the foci ±id stay apart: first the ellipse with semi-axes a/2, b, which holds the rhombus between the
    // bounds' extremes — a Lindbladian's spectrum when its fastest oscillations are coherences between levels of
    // unequal decay, as in a lossy mode (|n⟩⟨0|: ω·n, κn/2) or the Ising chain — with no growth of the terms and
    // ~one term per radian of hb; after a step refused for growth, the ellipse through the rectangle's corners
    // (semi-axes scaled by √2: ~√2 more terms, growth e^{h(√2 − 1)a/2}).
    struct Ellipse {
        double real_half;  // A₀ = a/2
        double real;       // A
        double imag;       // B
        double focus;      // d = √(B² − A²)
    };
    [[nodiscard]] Ellipse ellipse() const {
        Ellipse e{};
        e.real_half = 0.5 * a_;
        const double scale = rectangle_ ? std::sqrt(2.0) : 1.0;
        e.real = scale * e.real_half;
        e.imag = std::max(scale * b_, e.real / 0.866);
        e.focus = std::sqrt(e.imag * e.imag - e.real * e.real);
        return e;
    }

    // Oscillatory form: z = hB, and the terms' growth e^{h(A − A₀)} counts as 80 radians per unit (≤ e^5 in one
    // step, ≤ e^4 in a group of outputs).
    [[nodiscard]] double rate() const {
        if (!oscillatory_) return 0.5 * a_;
        const Ellipse e = ellipse();
        return std::max(e.imag, damping_weight * (e.real - e.real_half));
    }
    [[nodiscard]] double parameter(double h) const { return h * rate(); }
    [[nodiscard]] double longest_step() const { return p_max_ / rate(); }

    static double max_abs(const StateVector& v) {
        double m = 0.0;
        for (const double x : v) m = std::max(m, std::abs(x));
        return m;
    }

    // The output at t if already computed (dropping what lies before it), else nullptr.
    const Ahead* find_ahead(double t) {
        while (!ahead_.empty()) {
            const double at = ahead_.front().time;
            if (std::abs(at - t) <= 1e-13 * std::max(1.0, std::abs(t))) return &ahead_.front();
            if (at > t) return nullptr;
            ahead_.erase(ahead_.begin());
        }
        return nullptr;
    }

    // The first output computed ahead, a full state, becomes the current state.
    void adopt_front() {
        y_ = std::move(ahead_.front().state);
        t_ = ahead_.front().time;
        ahead_.erase(ahead_.begin());
    }

    // Outputs from t_ on into ahead_, the first at t (t > t_, nothing ahead): one step to t and, with `group`, on to
    // the next equally spaced times up to t_stop while the step's parameter stays ≤ p_group_ (output grids are
    // uniform: the same terms serve every time, only the coefficients differ). A step ends at a time where the
    // caller restarts, so a run resumed there computes what follows bit for bit alike. An interval too long for
    // one step: substeps of the largest parameter, each adopted, the last ending at t.
    void compute(double t, bool group) {
        const double interval = t - t_;
        if (parameter(interval) <= p_max_) {
            std::vector<double> times{t};
            while (group && static_cast<int>(times.size()) < max_group) {
                const double last = times.back();
                const double before = times.size() == 1 ? t_ : times[times.size() - 2];
                if (restarts_at_ && restarts_at_(before, last)) break;
                const double next = t_ + interval * static_cast<double>(times.size() + 1);
                if (next > t_stop_ * (1.0 + 1e-14) + 1e-300 || parameter(next - t_) > std::min(p_group_, p_max_))
                    break;
                times.push_back(std::min(next, t_stop_));
            }
            take_steps(times);
            if (ahead_.front().time >= t) return;
            adopt_front();  // failed steps shortened it to one step short of t
        }
        while (true) {
            const double next = std::min(t, t_ + longest_step());
            take_steps({next});
            if (ahead_.front().time >= t) return;
            adopt_front();
        }
    }

    // y(times_j) = exp((times_j − t_)L) y_ into ahead_, retried with a wider interval or shorter steps on failure.
    void take_steps(std::vector<double> times) {
        throw_if_interrupted();
        (void)budget_.left(t_);
        int attempts = 0;
        while (!step(times)) {
            ++failed_;
            if (++attempts > 16)
                throw NumericalError(messages::cvode_failed(
                    t_, "Chebyshev series did not converge",
                    oscillatory_ ? "the generator's spectrum reaches beyond its bounds (decay " + number_text("%.3g", a_) +
                                       ", oscillation " + number_text("%.3g", b_) + ")"
                                 : "the generator's spectrum is far from the negative real axis (decay bound " +
                                       number_text("%.3g", a_) + ")"));
            // Either the spectrum reaches beyond the bounds (widen them) or the terms cancel or grow (shorten the
            // step); both keep the answer right, at some cost.
            if (oscillatory_ && !rectangle_) {
                // The spectrum is not inside the rhombus: take the ellipse through the rectangle's corners.
                rectangle_ = true;
                while (times.size() > 1 && parameter(times.back() - t_) > p_max_) times.pop_back();
                if (parameter(times.back() - t_) > p_max_) times.back() = t_ + longest_step();
                continue;
            }
            const double p_tried = parameter(times.back() - t_);
            a_ *= 1.25;
            if (oscillatory_) b_ *= 1.25;
            p_max_ = std::max(0.5, 0.5 * std::min(p_max_, p_tried));
            while (times.size() > 1 && parameter(times.back() - t_) > p_max_) times.pop_back();
            if (parameter(times.back() - t_) > p_max_) times.back() = t_ + longest_step();
        }
        budget_.spend(1);
        ++steps_;
    }

    // exp(hL) y_ for h = times_j − t_ appended to ahead_; false (nothing appended) when the series does not
    // settle within its term budget or its terms grow beyond ~100‖y‖ (cancellation).
    bool step(const std::vector<double>& times) {
        const std::size_t m = times.size();
        const double h_last = times.back() - t_;
        // Real form: e^{−c}I_k(c) ≈ e^{−k²/2c}/√(2πc), ~√(2c·ln(1/ε)) terms. Oscillatory form: J_k(hd)ρ^k falls
        // once k exceeds ~hB (B = d(ρ + 1/ρ)/2), steeply after hB + O((hB)^{1/3}).
        const Ellipse e = ellipse();
        const int max_terms =
            oscillatory_ ? static_cast<int>(std::ceil(1.3 * h_last * e.imag + 10.0 * std::cbrt(h_last * e.imag) + 40.0))
                         : static_cast<int>(std::ceil(std::sqrt(2.0 * (0.5 * h_last * a_) * 45.0) + 40.0));
        // Converged terms only count past k = hd (J_k(hd) has zeros below it).
        const int first_counted = oscillatory_ ? static_cast<int>(std::ceil(h_last * e.focus)) : 0;
        const auto beta = coefficients(times, max_terms);
        // With functionals, only the step's last output is a full state; the others accumulate F(term).
        const std::size_t first_full = functionals_.count > 0 ? m - 1 : 0;
        sums_.resize(std::max(sums_.size(), m));
        for (std::size_t j = first_full; j < m; ++j) sums_[j].resize(size_);
        values_.resize(std::max(values_.size(), m));
        for (std::size_t j = 0; j < first_full; ++j) values_[j].assign(functionals_.count, 0.0);
        watch_terms_.clear();
        const auto accumulate_functionals = [&](const StateVector& term, std::size_t k) {
            if (watch_.value) watch_terms_.push_back(watch_.value(t_, term.data()));
            if (first_full == 0) return;
            functionals_.evaluate(term.data(), term_values_.data());
            for (std::size_t j = 0; j < first_full; ++j)
                for (std::size_t c = 0; c < functionals_.count; ++c) values_[j][c] += beta[j][k] * term_values_[c];
        };

        const double scale = max_abs(y_);
        const double tolerance = 0.05 * (rtol_ * scale + atol_);
        // A term above this means cancellation beyond ~2 digits of ‖y‖: the spectrum is not where assumed.
        const double too_large = 100.0 * scale + atol_;
        // Real form: X = sL + 1, T_{k+1} = 2X T_k − T_{k−1}. Oscillatory form: Y = sL + q, s = 1/d, q = A₀/d,
        // U_{k+1} = 2Y U_k + U_{k−1}.
        const double s = oscillatory_ ? 1.0 / e.focus : 2.0 / a_;
        const double q = oscillatory_ ? e.real_half / e.focus : 1.0;
        const double sign = oscillatory_ ? 1.0 : -1.0;  // (q = 1 and −1 scale exactly: the real form's bits as before)
        std::copy(y_.begin(), y_.end(), previous_.begin());
        apply(previous_, applied_);
        double norm = blocked_max([&](std::size_t begin, std::size_t end) {
            double block_norm = 0.0;
            for (std::size_t i = begin; i < end; ++i) {
                current_[i] = s * applied_[i] + q * previous_[i];
                block_norm = std::max(block_norm, std::abs(current_[i]));
            }
            for (std::size_t j = first_full; j < m; ++j) {
                const double b0 = beta[j][0], b1 = beta[j][1];
                double* sum = sums_[j].data();
                for (std::size_t i = begin; i < end; ++i) sum[i] = b0 * previous_[i] + b1 * current_[i];
            }
            return block_norm;
        });
        accumulate_functionals(previous_, 0);
        accumulate_functionals(current_, 1);
        // The largest step has the slowest-falling coefficients: its terms decide convergence.
        int small = 1 >= first_counted && std::abs(beta[m - 1][1]) * norm <= tolerance ? 1 : 0;
        for (int k = 2; k <= max_terms; ++k) {
            const auto kk = static_cast<std::size_t>(k);
            if (fused_ && first_full + 1 == m) {  // the term in the generator's own pass (the same bits)
                norm = fused_({s, q, sign, beta[first_full][kk], current_.data(), previous_.data(),
                               sums_[first_full].data(), applied_.data()});
                ++rhs_count_;
            } else {
                apply(current_, applied_);
                // One pass per block of the state (on all threads for long states): the new term, then every output's
                // sum while the block is in cache.
                norm = blocked_max([&](std::size_t begin, std::size_t end) {
                    double block_norm = 0.0;
                    const double b_first = beta[first_full][kk];
                    double* sum0 = sums_[first_full].data();
                    // T_k = 2(s L + 1) T_{k−1} − T_{k−2} or U_k = 2(s L + q) U_{k−1} + U_{k−2}, written over the oldest.
                    for (std::size_t i = begin; i < end; ++i) {
                        const double next = 2.0 * (s * applied_[i] + q * current_[i]) + sign * previous_[i];
                        previous_[i] = next;
                        sum0[i] += b_first * next;
                        block_norm = std::max(block_norm, std::abs(next));
                    }
                    for (std::size_t j = first_full + 1; j < m; ++j) {
                        const double bk = beta[j][kk];
                        if (bk == 0.0) continue;
                        double* sum = sums_[j].data();
                        for (std::size_t i = begin; i < end; ++i) sum[i] += bk * previous_[i];
                    }
                    return block_norm;
                });
            }
            accumulate_functionals(previous_, kk);
            std::swap(previous_, current_);
            const double bk = std::abs(beta[m - 1][kk]);
            if (!std::isfinite(norm) || bk * norm > too_large) return false;
            small = k >= first_counted && bk * norm <= tolerance ? small + 1 : 0;
            if (small >= 3) {
                if (watch_.value) check_watch(h_last);
                // Moved, not copied: the propagator holds at most 4 + max_group state vectors (heom's memory estimate).
                for (std::size_t j = 0; j < m; ++j)
                    ahead_.push_back(j < first_full ? Ahead{times[j], {}, values_[j]}
                                                    : Ahead{times[j], std::move(sums_[j]), {}});
                return true;
            }
        }
        return false;
    }

    // β_k(h_j), k = 0 … max_terms, one order at a time (GSL's array routines give up on the whole array when
    // its far orders underflow); an underflowed order is zero. Real form: (2 − δ_k0) e^{−c}I_k(c), c = ha/2;
    // oscillatory form: (2 − δ_k0) e^{−ha/2} J_k(hd).
    [[nodiscard]] std::vector<std::vector<double>> coefficients(const std::vector<double>& times, int max_terms) const {
        std::vector<std::vector<double>> beta(times.size(), std::vector<double>(static_cast<std::size_t>(max_terms) + 1));
        const double d = oscillatory_ ? ellipse().focus : 0.0;
        gsl_error_handler_t* old = gsl_set_error_handler_off();
        for (std::size_t j = 0; j < times.size(); ++j) {
            const double h = times[j] - t_;
            const double damping = oscillatory_ ? std::exp(-0.5 * h * a_) : 1.0;
            for (int k = 0; k <= max_terms; ++k) {
                gsl_sf_result r;
                const int status = oscillatory_ ? gsl_sf_bessel_Jn_e(k, h * d, &r)
                                                : gsl_sf_bessel_In_scaled_e(k, 0.5 * h * a_, &r);
                beta[j][static_cast<std::size_t>(k)] = (k == 0 ? 1.0 : 2.0) * damping * (status == GSL_SUCCESS ? r.val : 0.0);
            }
        }
        gsl_set_error_handler(old);
        return beta;
    }

    // The watch at probe times t_ + h·i/P, i = 1 … P, inside an accepted step, from the terms' watch values
    // (watch_terms_): throws at the first probe above the limit. P = 16, or in the oscillatory form one probe per
    // π/b (the Nyquist spacing of the fastest oscillation the bounds allow), at most 256: a sampled watch — a
    // crossing narrower than the spacing can pass unseen, as one between CVODE's internal steps can.
    void check_watch(double h) const {
        const int probes = oscillatory_ ? std::clamp(static_cast<int>(std::ceil(h * b_ / std::numbers::pi)), 16, 256) : 16;
        for (int i = 1; i <= probes; ++i) {
            const double hi = h * static_cast<double>(i) / probes;
            const std::vector<double> beta = probe_coefficients(hi, watch_terms_.size());
            double value = 0.0;
            for (std::size_t k = 0; k < beta.size(); ++k) value += beta[k] * watch_terms_[k];
            if (value > watch_.limit) throw NumericalError(watch_.message(t_ + hi));
        }
    }

    // β_k(h) for k < count by GSL's recurrence over the orders (one call, not one per order), truncated where the
    // orders fall below ~1e-295 (beyond, the array routine fails on underflow; such terms cannot move a watched
    // value): J_k(x) ≤ (x/2)^k/k!, e^{−x}I_k(x) ≤ (x/2)^k/k!. Falls back to one order at a time.
    [[nodiscard]] std::vector<double> probe_coefficients(double h, std::size_t count) const {
        const double x = oscillatory_ ? h * ellipse().focus : 0.5 * h * a_;
        std::size_t orders = 1;
        while (orders < count &&
               static_cast<double>(orders) * std::log(std::max(0.5 * x, 1e-300)) - std::lgamma(orders + 1.0) > -680.0)
            ++orders;
        std::vector<double> beta(orders);
        gsl_error_handler_t* old = gsl_set_error_handler_off();
        const int nmax = static_cast<int>(orders) - 1;
        int status = oscillatory_ ? gsl_sf_bessel_Jn_array(0, nmax, x, beta.data())
                                  : gsl_sf_bessel_In_scaled_array(0, nmax, x, beta.data());
        if (status != GSL_SUCCESS) {
            for (int k = 0; k <= nmax; ++k) {
                gsl_sf_result r;
                status = oscillatory_ ? gsl_sf_bessel_Jn_e(k, x, &r) : gsl_sf_bessel_In_scaled_e(k, x, &r);
                beta[static_cast<std::size_t>(k)] = status == GSL_SUCCESS ? r.val : 0.0;
            }
        }
        gsl_set_error_handler(old);
        const double damping = oscillatory_ ? std::exp(-0.5 * h * a_) : 1.0;
        for (std::size_t k = 0; k < orders; ++k) beta[k] *= (k == 0 ? 1.0 : 2.0) * damping;
        return beta;
    }

    // The largest of block_max(begin, end) over blocks of the state, on all threads for long states.
    template <class BlockMax>
    double blocked_max(BlockMax block_max) {
        return max_over_blocks(size_, std::size_t{1} << 13, block_norms_, block_max);
    }

    void apply(const StateVector& in, StateVector& out) {
        rhs_(t_, in.data(), out.data());
        ++rhs_count_;
    }

    std::size_t size_;
    RhsFunction rhs_;
    FusedRecurrence fused_;
    double a_;
    double b_;
    bool oscillatory_;
    double rtol_, atol_;
    StepBudget budget_;
    RestartRule restarts_at_;
    StateFunctionals functionals_;
    StateVector y_, previous_, current_, applied_;  // page_aligned_allocator.hpp: why
    std::vector<double> block_norms_;
    std::vector<StateVector> sums_;            // the series at each time of a step
    std::vector<std::vector<double>> values_;  // F of the series at the interior times of a reduced step
    std::vector<double> term_values_;          // F of one term
    Watch watch_;                              // sampled inside each step (check_watch)
    std::vector<double> watch_terms_;          // the watch's value of each term of the current step
    std::vector<Ahead> ahead_;  // outputs computed ahead of t_, in order
    double t_ = 0.0, t_stop_ = 0.0;
    double p_max_ = 100.0;   // longest step as its parameter (ha/2 or z); halved after a failed step
    double p_group_ = 40.0;  // longest step over several outputs
    bool rectangle_ = false;  // oscillatory form: the ellipse through the rectangle's corners (after a refusal)
    struct Initial {
        double decay, oscillation, longest;
    } initial_{};
    long steps_ = 0, rhs_count_ = 0, failed_ = 0;
};

}  // namespace

std::unique_ptr<ChebyshevPropagator> make_chebyshev_propagator(std::size_t size, RhsFunction rhs, SpectrumBounds bounds,
                                                               const SolverOptions& options, RestartRule restarts_at,
                                                               StateFunctionals functionals, FusedRecurrence fused) {
    return std::make_unique<ChebyshevSeries>(size, std::move(rhs), bounds, options, std::move(restarts_at),
                                             std::move(functionals), std::move(fused));
}

std::unique_ptr<ChebyshevPropagator> make_chebyshev_propagator(std::size_t size, RhsFunction rhs, double decay_bound,
                                                               const SolverOptions& options, RestartRule restarts_at) {
    return make_chebyshev_propagator(size, std::move(rhs), SpectrumBounds{decay_bound, 0.0}, options,
                                     std::move(restarts_at));
}

}  // namespace openspins
