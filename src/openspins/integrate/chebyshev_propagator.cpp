#include "openspins/integrate/chebyshev_propagator.hpp"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_bessel.h>

#include <algorithm>
#include <stdexcept>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/step_budget.hpp"
#include "openspins/interrupt.hpp"
#include "openspins/number_text.hpp"

namespace openspins {

namespace {

class ChebyshevPropagator final : public OdeIntegrator {
public:
    ChebyshevPropagator(std::size_t size, RhsFunction rhs, double decay_bound, const SolverOptions& options,
                        RestartRule restarts_at)
        : size_(size), rhs_(std::move(rhs)), a_(std::max(decay_bound, 1e-300)), rtol_(options.rtol), atol_(options.atol),
          budget_(options.max_steps), restarts_at_(std::move(restarts_at)), y_(size), previous_(size), current_(size),
          applied_(size) {}

    void reset(double t0, const double* y, double t_stop, bool continues_step) override {
        ahead_.clear();  // a step never reaches past a restart (restarts_at_), so nothing computed ahead is lost
        std::copy(y, y + size_, y_.begin());
        t_ = t0;
        t_stop_ = t_stop;
        budget_.start(continues_step);
    }

    void advance(double t, double* y) override {
        t = std::min(t, t_stop_);
        if (t > t_ && !take_ahead(t)) {
            ahead_.clear();
            const double interval = t - t_;
            if (0.5 * interval * a_ <= c_max_) {
                // One step to t and on to the next equally spaced times up to t_stop while c stays ≤ c_group (output
                // grids are uniform): the same T_k(X)y serve every time, only the coefficients differ. A step ends at
                // a time where the caller restarts, so a run resumed there computes what follows bit for bit alike.
                std::vector<double> times{t};
                while (static_cast<int>(times.size()) < max_group) {
                    const double last = times.back();
                    const double before = times.size() == 1 ? t_ : times[times.size() - 2];
                    if (restarts_at_ && restarts_at_(before, last)) break;
                    const double next = t_ + interval * static_cast<double>(times.size() + 1);
                    if (next > t_stop_ * (1.0 + 1e-14) + 1e-300 || 0.5 * (next - t_) * a_ > std::min(c_group, c_max_))
                        break;
                    times.push_back(std::min(next, t_stop_));
                }
                take_steps(times);
                (void)take_ahead(t);
            }
            // An interval too long for one step: substeps of c = c_max_.
            while (t > t_) {
                take_steps({std::min(t, t_ + 2.0 * c_max_ / a_)});
                (void)take_ahead(ahead_.front().first);
            }
        }
        std::copy(y_.begin(), y_.end(), y);
    }

    void set_watch(Watch) override {
        throw std::logic_error("the Chebyshev propagator has no root finding (watch)");
    }

    [[nodiscard]] IntegratorStatistics statistics() const override { return {steps_, rhs_count_, failed_}; }

private:
    // Largest c = ha/2 of a step over several output times (longer steps need fewer right-hand sides per unit
    // time, ~√c, but slow oscillations make the terms cancel more, ~e^{c(ln ρ)²/2}) and the most outputs per step.
    static constexpr double c_group = 40.0;
    static constexpr int max_group = 16;

    static double max_abs(const std::vector<double>& v) {
        double m = 0.0;
        for (const double x : v) m = std::max(m, std::abs(x));
        return m;
    }

    // The state at t if already computed (dropping what lies before it).
    bool take_ahead(double t) {
        while (!ahead_.empty()) {
            const double at = ahead_.front().first;
            if (std::abs(at - t) <= 1e-13 * std::max(1.0, std::abs(t))) {
                y_ = std::move(ahead_.front().second);
                t_ = at;
                ahead_.erase(ahead_.begin());
                return true;
            }
            if (at > t) return false;
            ahead_.erase(ahead_.begin());
        }
        return false;
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
                    "the generator's spectrum is far from the negative real axis (decay bound " +
                        number_text("%.3g", a_) + ")"));
            // Either the spectrum reaches beyond −a (widen the interval) or its oscillations make the terms
            // cancel (shorten the step); both keep the answer right, at some cost.
            const double c_tried = 0.5 * (times.back() - t_) * a_;
            a_ *= 1.25;
            c_max_ = std::max(0.5, 0.5 * std::min(c_max_, c_tried));
            while (times.size() > 1 && 0.5 * (times.back() - t_) * a_ > c_max_) times.pop_back();
            if (0.5 * (times.back() - t_) * a_ > c_max_) times.back() = t_ + 2.0 * c_max_ / a_;
        }
        budget_.spend(1);
        ++steps_;
    }

    // exp(hL) y_ for h = times_j − t_ appended to ahead_; false (nothing appended) when the series does not
    // settle within its term budget or its terms grow beyond ~100‖y‖ (cancellation).
    bool step(const std::vector<double>& times) {
        const std::size_t m = times.size();
        const double c_last = 0.5 * (times.back() - t_) * a_;
        // e^{−c}I_k(c) ≈ e^{−k²/2c}/√(2πc): the series needs ~√(2c·ln(1/ε)) terms.
        const int max_terms = static_cast<int>(std::ceil(std::sqrt(2.0 * c_last * 45.0) + 40.0));
        // β_k(c_j) = (2 − δ_k0) e^{−c}I_k(c), one order at a time (GSL's array routine gives up on the whole
        // array when its far orders underflow); an underflowed order is zero.
        std::vector<std::vector<double>> beta(m, std::vector<double>(static_cast<std::size_t>(max_terms) + 1));
        gsl_error_handler_t* old = gsl_set_error_handler_off();
        for (std::size_t j = 0; j < m; ++j) {
            const double c = 0.5 * (times[j] - t_) * a_;
            for (int k = 0; k <= max_terms; ++k) {
                gsl_sf_result r;
                beta[j][static_cast<std::size_t>(k)] =
                    (k == 0 ? 1.0 : 2.0) * (gsl_sf_bessel_In_scaled_e(k, c, &r) == GSL_SUCCESS ? r.val : 0.0);
            }
        }
        gsl_set_error_handler(old);
        sums_.resize(std::max(sums_.size(), m));
        for (std::size_t j = 0; j < m; ++j) sums_[j].resize(size_);

        const double scale = max_abs(y_);
        const double tolerance = 0.05 * (rtol_ * scale + atol_);
        // A term above this means cancellation beyond ~2 digits of ‖y‖: the spectrum is not where assumed.
        const double too_large = 100.0 * scale + atol_;
        const double s = 2.0 / a_;  // X = sL + 1
        // T_0 = y, T_1 = sLy + y
        std::copy(y_.begin(), y_.end(), previous_.begin());
        apply(previous_, applied_);
        double norm = 0.0;
        for (std::size_t i = 0; i < size_; ++i) {
            current_[i] = s * applied_[i] + previous_[i];
            norm = std::max(norm, std::abs(current_[i]));
        }
        for (std::size_t j = 0; j < m; ++j) {
            const double b0 = beta[j][0], b1 = beta[j][1];
            double* sum = sums_[j].data();
            for (std::size_t i = 0; i < size_; ++i) sum[i] = b0 * previous_[i] + b1 * current_[i];
        }
        // The largest c has the slowest-falling coefficients: its terms decide convergence.
        int small = beta[m - 1][1] * norm <= tolerance ? 1 : 0;
        for (int k = 2; k <= max_terms; ++k) {
            apply(current_, applied_);
            norm = 0.0;
            // T_k = 2s L T_{k−1} + 2 T_{k−1} − T_{k−2}, written over T_{k−2}.
            const double b_first = beta[0][static_cast<std::size_t>(k)];
            double* sum0 = sums_[0].data();
            for (std::size_t i = 0; i < size_; ++i) {
                const double next = 2.0 * (s * applied_[i] + current_[i]) - previous_[i];
                previous_[i] = next;
                sum0[i] += b_first * next;
                norm = std::max(norm, std::abs(next));
            }
            for (std::size_t j = 1; j < m; ++j) {
                const double bk = beta[j][static_cast<std::size_t>(k)];
                if (bk == 0.0) continue;
                double* sum = sums_[j].data();
                for (std::size_t i = 0; i < size_; ++i) sum[i] += bk * previous_[i];
            }
            std::swap(previous_, current_);
            const double bk = beta[m - 1][static_cast<std::size_t>(k)];
            if (!std::isfinite(norm) || bk * norm > too_large) return false;
            small = bk * norm <= tolerance ? small + 1 : 0;
            if (small >= 3) {
                // Moved, not copied: the propagator holds at most 4 + max_group state vectors (heom's memory estimate).
                for (std::size_t j = 0; j < m; ++j) ahead_.emplace_back(times[j], std::move(sums_[j]));
                return true;
            }
        }
        return false;
    }

    void apply(const std::vector<double>& in, std::vector<double>& out) {
        rhs_(t_, in.data(), out.data());
        ++rhs_count_;
    }

    std::size_t size_;
    RhsFunction rhs_;
    double a_;
    double rtol_, atol_;
    StepBudget budget_;
    RestartRule restarts_at_;
    std::vector<double> y_, previous_, current_, applied_;
    std::vector<std::vector<double>> sums_;                     // the series at each time of a step
    std::vector<std::pair<double, std::vector<double>>> ahead_;  // outputs computed ahead of t_, in order
    double t_ = 0.0, t_stop_ = 0.0;
    double c_max_ = 100.0;  // longest step as ha/2; halved after a failed step
    long steps_ = 0, rhs_count_ = 0, failed_ = 0;
};

}  // namespace

std::unique_ptr<OdeIntegrator> make_chebyshev_propagator(std::size_t size, RhsFunction rhs, double decay_bound,
                                                         const SolverOptions& options, RestartRule restarts_at) {
    return std::make_unique<ChebyshevPropagator>(size, std::move(rhs), decay_bound, options, std::move(restarts_at));
}

}  // namespace openspins
