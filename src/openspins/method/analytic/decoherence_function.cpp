// Re G and Im G by GSL quadrature (see decoherence_function.hpp for the formulas).
#include "openspins/method/analytic/decoherence_function.hpp"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"
#include "openspins/number_text.hpp"

namespace openspins::analytic {

namespace {

constexpr std::size_t intervals = 4000;
constexpr std::size_t qawo_levels = 25;
constexpr double relative_accuracy = 1e-10;
// The first interval [0, ω₀] spans this many radians of ωt: few enough oscillations for QAGS.
constexpr double first_interval_phase = 4.0 * M_PI;
// Beyond this multiple of the density's frequency scale its shape is a tail.
constexpr double scale_multiple = 20.0;

// sin x − x without cancellation for small x (series to x⁹, error < x¹¹/4e7).
double sin_minus_identity(double x) {
    if (std::abs(x) > 0.1) return std::sin(x) - x;
    const double x2 = x * x;
    return -x * x2 / 6.0 * (1.0 - x2 / 20.0 * (1.0 - x2 / 42.0 * (1.0 - x2 / 72.0)));
}

// 1 − cos x without cancellation.
double one_minus_cos(double x) {
    const double s = std::sin(0.5 * x);
    return 2.0 * s * s;
}

struct WorkspaceDeleter {
    void operator()(gsl_integration_workspace* w) const { gsl_integration_workspace_free(w); }
};
struct TableDeleter {
    void operator()(gsl_integration_qawo_table* t) const { gsl_integration_qawo_table_free(t); }
};
using Workspace = std::unique_ptr<gsl_integration_workspace, WorkspaceDeleter>;

template <typename F>
gsl_function as_gsl(F& f) {
    gsl_function g;
    g.function = [](double x, void* p) { return (*static_cast<F*>(p))(x); };
    g.params = &f;
    return g;
}

// One quadrature job: the bath, the time and what is being integrated, for messages.
class Quadrature {
public:
    Quadrature(const BathSpectrum& spectrum, double t, const char* what)
        : spectrum_(spectrum), t_(t), what_(what), ws_(gsl_integration_workspace_alloc(intervals)),
          cycles_(gsl_integration_workspace_alloc(intervals)) {}

    // ∫_a^b f (b finite).
    template <typename F>
    double finite(F f, double a, double b) {
        if (b <= a) return 0.0;
        gsl_function g = as_gsl(f);
        double r = 0.0, err = 0.0;
        check(gsl_integration_qags(&g, a, b, 0.0, relative_accuracy, intervals, ws_.get(), &r, &err), "QAGS", a, b);
        return r;
    }

    // ∫_a^b f over octaves [a, 2a], [2a, 4a], … (a > 0): the envelopes here peak like ω^{−2} at a,
    // and a ≈ 4π/t is many decades below b at long times, more than one adaptive run resolves.
    // Away from ω = 0 the integrands are smooth: plain Gauss–Kronrod (QAG), no extrapolation (whose
    // divergence test misfires on octaves where the integrand is ~1e-28).
    template <typename F>
    double octaves(F f, double a, double b) {
        if (a <= 0.0) return finite(f, a, b);  // from ω = 0: QAGS, which handles the endpoint
        gsl_function g = as_gsl(f);
        double r = 0.0;
        for (double lo = a; lo < b; lo *= 2.0) {
            double piece = 0.0, err = 0.0;
            check(gsl_integration_qag(&g, lo, std::min(2.0 * lo, b), 0.0, relative_accuracy, intervals,
                                      GSL_INTEG_GAUSS21, ws_.get(), &piece, &err),
                  "QAG", lo, std::min(2.0 * lo, b));
            r += piece;
        }
        return r;
    }

    // ∫_a^upper f: QAGS to the scale's multiple, QAGIU beyond (upper = ∞).
    template <typename F>
    double smooth(F f, double a, double upper, double scale) {
        if (std::isfinite(upper)) return octaves(f, a, upper);
        const double b = std::max(a, scale);
        double r = octaves(f, a, b);
        // ∫_b^∞ f(x) dx = b ∫_1^∞ f(by) dy: QAGIU's map of [1, ∞) onto (0, 1] then resolves the
        // decay near x = b however large b is.
        auto scaled = [&](double y) { return f(b * y); };
        gsl_function g = as_gsl(scaled);
        double tail = 0.0, err = 0.0;
        check(gsl_integration_qagiu(&g, 1.0, 0.0, relative_accuracy, intervals, ws_.get(), &tail, &err), "QAGIU", b,
              HUGE_VAL);
        return r + b * tail;
    }

    // ∫_a^upper f(x) trig(ωx) dx, trig = cos or sin: QAWO on a finite stretch, QAWF beyond.
    // QAWF takes only an absolute tolerance: `magnitude` sets it.
    template <typename F>
    double oscillatory(F f, double a, double upper, double scale, double omega, bool sine, double magnitude) {
        const auto kind = sine ? GSL_INTEG_SINE : GSL_INTEG_COSINE;
        const double b = std::isfinite(upper) ? upper : std::max(a, scale);
        gsl_function g = as_gsl(f);
        double r = 0.0, err = 0.0;
        for (double lo = a; lo < b; lo *= 2.0) {  // octaves, as in smooth()
            const double hi = std::min(2.0 * lo, b);
            std::unique_ptr<gsl_integration_qawo_table, TableDeleter> table(
                gsl_integration_qawo_table_alloc(omega, hi - lo, kind, qawo_levels));
            double piece = 0.0;
            check(gsl_integration_qawo(&g, lo, 0.0, relative_accuracy, intervals, ws_.get(), table.get(), &piece, &err),
                  "QAWO", lo, hi);
            r += piece;
        }
        if (std::isfinite(upper)) return r;
        // ∫_b^∞ f(x) trig(ωx) dx = b ∫_1^∞ f(by) trig(ωby) dy, as in smooth().
        auto scaled = [&](double y) { return f(b * y); };
        gsl_function gs = as_gsl(scaled);
        std::unique_ptr<gsl_integration_qawo_table, TableDeleter> table(
            gsl_integration_qawo_table_alloc(omega * b, 1.0, kind, qawo_levels));
        double tail = 0.0;
        const double absolute = std::max(relative_accuracy * 0.1 * magnitude / b, 1e-300);
        check(gsl_integration_qawf(&gs, 1.0, absolute, intervals, ws_.get(), cycles_.get(), table.get(), &tail, &err),
              "QAWF", b, HUGE_VAL);
        return r + b * tail;
    }

private:
    void check(int status, const char* rule, double a, double b) const {
        // GSL_EROUND: roundoff limited the accuracy below the request; the estimate stands.
        if (status == GSL_SUCCESS || status == GSL_EROUND) return;
        throw NumericalError(messages::format_message(
            "analytic_quadrature_failed",
            {what_, rule, number_text("%.6g", a), number_text("%.6g", b), number_text("%.6g", t_), gsl_strerror(status),
             spectrum_.density().describe(), number_text("%.6g", spectrum_.temperature()),
             to_string(spectrum_.treatment())}));
    }
    const BathSpectrum& spectrum_;
    double t_;
    const char* what_;
    Workspace ws_, cycles_;
};

}  // namespace

DecoherenceFunction::DecoherenceFunction(BathSpectrum spectrum) : spectrum_(std::move(spectrum)) {
    gsl_set_error_handler_off();  // failures come back as status codes (checked above)
}

double DecoherenceFunction::symmetric_rate(double omega) const { return spectrum_.even_rate(omega); }

double DecoherenceFunction::antisymmetric_rate(double omega) const { return spectrum_.odd_rate(omega); }

double DecoherenceFunction::short_time_curvature() const {
    const SpectralDensity& j = spectrum_.density();
    Quadrature q(spectrum_, 0.0, "(1/π)∫γ_s");
    const double scale = scale_multiple * j.frequency_scale();
    return 0.5 * q.smooth([this](double w) { return symmetric_rate(w); }, 0.0, j.upper_limit(), scale) / M_PI;
}

std::complex<double> DecoherenceFunction::operator()(double t) const {
    if (!(t >= 0.0) || !std::isfinite(t))
        throw ModelError(messages::format_message("decoherence_time_invalid", {number_text("%.6g", t)}));
    if (t == 0.0) return {0.0, 0.0};
    const SpectralDensity& j = spectrum_.density();
    const double upper = j.upper_limit();
    const double scale = scale_multiple * j.frequency_scale();
    // The full kernels up to ω₀ = 4π/t (few oscillations; no cancellation between the plain and
    // the oscillatory part, which nearly cancel while ωt is small), in octaves beyond the scale.
    const double w0 = std::min(first_interval_phase / t, upper);
    const auto head_integral = [&](Quadrature& q, auto kernel) {
        return q.finite(kernel, 0.0, std::min(w0, scale)) + (w0 > scale ? q.octaves(kernel, scale, w0) : 0.0);
    };

    // Re G: the full kernel on [0, ω₀]; beyond, ∫γ_s/ω² − ∫γ_s cos(ωt)/ω².
    Quadrature decay(spectrum_, t, "Re G = (1/π)∫γ_s(1 − cos ωt)/ω²");
    const double head = head_integral(
        decay, [&](double w) { return w == 0.0 ? 0.0 : symmetric_rate(w) * one_minus_cos(w * t) / (w * w); });
    double re = head;
    if (w0 < upper) {
        const auto envelope = [&](double w) { return symmetric_rate(w) / (w * w); };
        const double plain = decay.smooth(envelope, w0, upper, scale);
        const double cosine = decay.oscillatory(envelope, w0, upper, scale, t, false, std::abs(head) + std::abs(plain));
        re += plain - cosine;
    }

    // Im G: the full kernel on [0, ω₀]; beyond, ∫γ_a sin(ωt)/ω² − t∫γ_a/ω.
    Quadrature phase(spectrum_, t, "Im G = (1/π)∫γ_a(sin ωt − ωt)/ω²");
    double im = 0.0;
    if (spectrum_.treatment() != ThermalTreatment::classical) {  // classical: γ_a ≡ 0
        const double head_im = head_integral(phase, [&](double w) {
            return w == 0.0 ? 0.0 : antisymmetric_rate(w) * sin_minus_identity(w * t) / (w * w);
        });
        im = head_im;
        if (w0 < upper) {
            const double linear = t * phase.smooth([&](double w) { return antisymmetric_rate(w) / w; }, w0, upper, scale);
            const double sine = phase.oscillatory([&](double w) { return antisymmetric_rate(w) / (w * w); }, w0, upper,
                                                  scale, t, true, std::abs(head_im) + std::abs(linear));
            im += sine - linear;
        }
    }
    return {re / M_PI, im / M_PI};
}

}  // namespace openspins::analytic
