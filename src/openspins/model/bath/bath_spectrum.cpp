// γ(ω) and the Lamb shift S(ω) by GSL quadrature (see bath_spectrum.hpp).
#include "openspins/model/bath/bath_spectrum.hpp"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/model/bath/thermal_factors.hpp"
#include "openspins/number_text.hpp"

namespace openspins {

namespace {

constexpr std::size_t workspace_intervals = 2000;
constexpr double relative_accuracy = 1e-10;

struct WorkspaceDeleter {
    void operator()(gsl_integration_workspace* w) const { gsl_integration_workspace_free(w); }
};

// GSL's default handler aborts; the library reports failures through status codes.
void use_gsl_status_codes() {
    static const bool done = [] {
        gsl_set_error_handler_off();
        return true;
    }();
    (void)done;
}

double checked_density(const SpectralDensity& j, double omega) {
    const double v = j.value(omega);
    if (!std::isfinite(v) || v < 0.0)
        throw ModelError(messages::format_message(
            "spectral_density_invalid_at",
            {j.describe(), std::isfinite(v) ? "negative" : "not finite", number_text("%.6g", omega)}));
    return v;
}

}  // namespace

ThermalTreatment thermal_treatment_from_name(const std::string& name) {
    if (name == "bose") return ThermalTreatment::bose;
    if (name == "f_beta") return ThermalTreatment::f_beta;
    if (name == "schofield") return ThermalTreatment::schofield;
    if (name == "classical") return ThermalTreatment::classical;
    throw ModelError(messages::not_one_of(name, {"bose", "f_beta", "schofield", "classical"}));
}

std::string to_string(ThermalTreatment treatment) {
    switch (treatment) {
        case ThermalTreatment::bose:
            return "bose";
        case ThermalTreatment::f_beta:
            return "f_beta";
        case ThermalTreatment::schofield:
            return "schofield";
        case ThermalTreatment::classical:
            return "classical";
    }
    return "?";
}

BathSpectrum::BathSpectrum(SpectralDensityPtr density, double temperature, ThermalTreatment treatment)
    : density_(std::move(density)), temperature_(temperature), treatment_(treatment) {
    use_gsl_status_codes();
    if (!density_) throw std::invalid_argument("BathSpectrum: null spectral density");  // a programming error
    if (!std::isfinite(temperature_) || temperature_ < 0.0)
        throw ModelError(messages::format_message("bath_temperature_range"));
    if (treatment_ == ThermalTreatment::schofield && temperature_ == 0.0)
        throw ModelError(messages::format_message("schofield_needs_temperature"));
    if (treatment_ == ThermalTreatment::bose && temperature_ > 0.0 && density_->at_zero() > 0.0)
        throw ModelError(messages::format_message("density_nonzero_at_zero", {density_->describe()}));
}

double BathSpectrum::rate(double omega) const {
    const double a = std::abs(omega);
    const double T = temperature_;
    switch (treatment_) {
        case ThermalTreatment::bose: {
            if (omega == 0.0) {
                if (T == 0.0) return 0.0;  // J(0) = 0 (n = 0 and J(0+) → 0 for these densities)
                const double slope = density_->zero_slope();
                if (!std::isfinite(slope))
                    throw ModelError(messages::format_message("density_zero_slope_infinite", {density_->describe()}));
                return T * slope;
            }
            const double j = checked_density(*density_, a);
            const double n = thermal::bose(a, T);
            return omega > 0.0 ? j * (1.0 + n) : j * n;
        }
        case ThermalTreatment::f_beta:
            return checked_density(*density_, a) * thermal::f_beta(-omega, T);
        case ThermalTreatment::schofield:
            return checked_density(*density_, a) * std::exp(omega / (2.0 * T));
        case ThermalTreatment::classical:
            return checked_density(*density_, a);
    }
    return 0.0;
}

double BathSpectrum::lamb_shift(double omega) const {
    // S(ω) = (1/2π) P∫ γ(x)/(ω − x) dx = −(1/2π) P∫ γ(x)/(x − ω) dx.
    // Central interval [−W, W] ∋ ω by QAWC (weight 1/(x − ω)); tails by QAGIU/QAGIL,
    // or QAGS up to a table's end (J is zero beyond a table for this integral).
    const double limit = density_->upper_limit();
    const double W = std::min(limit, 10.0 * std::max(density_->frequency_scale(), std::abs(omega)));
    if (std::abs(omega) >= W)
        throw ModelError(
            messages::format_message("lamb_shift_outside_range", {number_text("%.6g", omega), number_text("%.6g", W)}));
    auto integrand = [this](double x) { return rate(x); };
    using Integrand = decltype(integrand);
    gsl_function f;
    f.function = [](double x, void* p) { return (*static_cast<Integrand*>(p))(x); };
    f.params = &integrand;
    // γ(x)/(x − ω) for the tails.
    struct Tail {
        Integrand* g;
        double c;
    } tail{&integrand, omega};
    gsl_function ft;
    ft.function = [](double x, void* p) {
        auto* t = static_cast<Tail*>(p);
        return (*t->g)(x) / (x - t->c);
    };
    ft.params = &tail;

    std::unique_ptr<gsl_integration_workspace, WorkspaceDeleter> ws(
        gsl_integration_workspace_alloc(workspace_intervals));
    double central = 0.0;
    double upper = 0.0;
    double lower = 0.0;
    double err = 0.0;
    int status =
        gsl_integration_qawc(&f, -W, W, omega, 0.0, relative_accuracy, workspace_intervals, ws.get(), &central, &err);
    auto check = [&](int s, const char* part) {
        // GSL_EROUND: the requested accuracy was limited by roundoff; the estimate stands.
        if (s != GSL_SUCCESS && s != GSL_EROUND)
            throw ModelError(messages::format_message(
                "lamb_shift_quadrature",
                {part, gsl_strerror(s), density_->describe(), number_text("%.6g", omega), to_string(treatment_)}));
    };
    check(status, "principal-value");
    if (std::isfinite(limit)) {
        if (limit > W) {
            status = gsl_integration_qags(&ft, W, limit, 0.0, relative_accuracy, workspace_intervals, ws.get(), &upper,
                                          &err);
            check(status, "upper");
            status = gsl_integration_qags(&ft, -limit, -W, 0.0, relative_accuracy, workspace_intervals, ws.get(),
                                          &lower, &err);
            check(status, "lower");
        }
    } else {
        status = gsl_integration_qagiu(&ft, W, 0.0, relative_accuracy, workspace_intervals, ws.get(), &upper, &err);
        check(status, "upper-tail");
        status = gsl_integration_qagil(&ft, -W, 0.0, relative_accuracy, workspace_intervals, ws.get(), &lower, &err);
        check(status, "lower-tail");
    }
    const double result = -(central + upper + lower) / (2.0 * M_PI);
    if (!std::isfinite(result))
        throw ModelError(
            messages::format_message("lamb_shift_not_finite", {density_->describe(), number_text("%.6g", omega)}));
    return result;
}

double BathSpectrum::even_rate(double omega) const {
    const double a = std::abs(omega);
    if (a == 0.0) return rate(0.0);
    const double j = checked_density(*density_, a);
    const double T = temperature_;
    switch (treatment_) {
        case ThermalTreatment::bose:
            return 0.5 * j * thermal::coth_half(a, T);
        case ThermalTreatment::f_beta:
        case ThermalTreatment::classical:
            return j;
        case ThermalTreatment::schofield:
            return j * std::cosh(a / (2.0 * T));
    }
    return 0.0;
}

double BathSpectrum::odd_rate(double omega) const {
    const double a = std::abs(omega);
    const double sign = omega < 0.0 ? -1.0 : 1.0;
    if (a == 0.0) return 0.0;
    const double j = checked_density(*density_, a);
    const double T = temperature_;
    switch (treatment_) {
        case ThermalTreatment::bose:
            return sign * 0.5 * j;
        case ThermalTreatment::f_beta:
            return sign * j * (T == 0.0 ? 1.0 : std::tanh(a / (2.0 * T)));
        case ThermalTreatment::schofield:
            return sign * j * std::sinh(a / (2.0 * T));
        case ThermalTreatment::classical:
            return 0.0;
    }
    return 0.0;
}

std::complex<double> BathSpectrum::one_sided(double omega, bool with_lamb_shift) const {
    return {0.5 * rate(omega), with_lamb_shift ? lamb_shift(omega) : 0.0};
}

}  // namespace openspins
