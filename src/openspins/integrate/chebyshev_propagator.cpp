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
    ChebyshevPropagator(std::size_t size, RhsFunction rhs, double decay_bound, const SolverOptions& options)
        : size_(size), rhs_(std::move(rhs)), a_(std::max(decay_bound, 1e-300)), rtol_(options.rtol), atol_(options.atol),
          budget_(options.max_steps), y_(size), previous_(size), current_(size), applied_(size), sum_(size) {}

    void reset(double t0, const double* y, double t_stop, bool continues_step) override {
        std::copy(y, y + size_, y_.begin());
        t_ = t0;
        t_stop_ = t_stop;
        budget_.start(continues_step);
    }

    void advance(double t, double* y) override {
        t = std::min(t, t_stop_);
        while (t > t_) {
            if (const int signal = interrupt_requested()) throw Interrupted(signal);
            (void)budget_.left(t_);
            // As long as the interval allows, with c = ha/2 ≤ c_max_.
            double h = std::min(t - t_, 2.0 * c_max_ / a_);
            if (t - t_ - h <= 1e-12 * std::max(1.0, std::abs(t))) h = t - t_;
            int attempts = 0;
            while (!step(h)) {
                ++failed_;
                if (++attempts > 16)
                    throw NumericalError(messages::cvode_failed(
                        t_, "Chebyshev series did not converge",
                        "the generator's spectrum is far from the negative real axis (decay bound " +
                            number_text("%.3g", a_) + ")"));
                // Either the spectrum reaches beyond −a (widen the interval) or its oscillations make the
                // terms cancel (shorten the step); both keep the answer right, at some cost.
                a_ *= 1.25;
                c_max_ = std::max(0.5, 0.5 * std::min(c_max_, 0.5 * h * a_));
                h = std::min(h, 2.0 * c_max_ / a_);
            }
            budget_.spend(1);
            ++steps_;
            t_ += h;
        }
        std::copy(y_.begin(), y_.end(), y);
    }

    void set_watch(Watch) override {
        throw std::logic_error("the Chebyshev propagator has no root finding (watch)");
    }

    [[nodiscard]] IntegratorStatistics statistics() const override { return {steps_, rhs_count_, failed_}; }

private:

    static double max_abs(const std::vector<double>& v) {
        double m = 0.0;
        for (const double x : v) m = std::max(m, std::abs(x));
        return m;
    }

    // y ← exp(hL) y; false (y unchanged) when the series does not settle within its term budget.
    bool step(double h) {
        const double c = 0.5 * h * a_;
        // e^{−c}I_k(c) ≈ e^{−k²/2c}/√(2πc): the series needs ~√(2c·ln(1/ε)) terms.
        const int max_terms = static_cast<int>(std::ceil(std::sqrt(2.0 * c * 45.0) + 40.0));
        std::vector<double> beta(static_cast<std::size_t>(max_terms) + 1);
        // e^{−c} I_k(c) without overflow, one order at a time (GSL's array routine gives up on the whole array when
        // its far orders underflow); an underflowed order is zero.
        gsl_error_handler_t* old = gsl_set_error_handler_off();
        for (int k = 0; k <= max_terms; ++k) {
            gsl_sf_result r;
            beta[static_cast<std::size_t>(k)] = gsl_sf_bessel_In_scaled_e(k, c, &r) == GSL_SUCCESS ? r.val : 0.0;
        }
        gsl_set_error_handler(old);
        for (int k = 1; k <= max_terms; ++k) beta[static_cast<std::size_t>(k)] *= 2.0;

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
            sum_[i] = beta[0] * previous_[i] + beta[1] * current_[i];
            norm = std::max(norm, std::abs(current_[i]));
        }
        int small = beta[1] * norm <= tolerance ? 1 : 0;
        for (int k = 2; k <= max_terms; ++k) {
            apply(current_, applied_);
            const double bk = beta[static_cast<std::size_t>(k)];
            norm = 0.0;
            // T_k = 2s L T_{k−1} + 2 T_{k−1} − T_{k−2}, written over T_{k−2}.
            for (std::size_t i = 0; i < size_; ++i) {
                const double next = 2.0 * (s * applied_[i] + current_[i]) - previous_[i];
                previous_[i] = next;
                sum_[i] += bk * next;
                norm = std::max(norm, std::abs(next));
            }
            std::swap(previous_, current_);
            if (!std::isfinite(norm) || bk * norm > too_large) return false;
            small = bk * norm <= tolerance ? small + 1 : 0;
            if (small >= 3) {
                std::copy(sum_.begin(), sum_.end(), y_.begin());
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
    std::vector<double> y_, previous_, current_, applied_, sum_;
    double t_ = 0.0, t_stop_ = 0.0;
    double c_max_ = 100.0;  // longest step as ha/2; halved after a failed step
    long steps_ = 0, rhs_count_ = 0, failed_ = 0;
};

}  // namespace

std::unique_ptr<OdeIntegrator> make_chebyshev_propagator(std::size_t size, RhsFunction rhs, double decay_bound,
                                                         const SolverOptions& options) {
    return std::make_unique<ChebyshevPropagator>(size, std::move(rhs), decay_bound, options);
}

}  // namespace openspins
