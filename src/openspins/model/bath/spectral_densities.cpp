// The analytic spectral densities (formulas in their headers).
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string_view>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"
#include "openspins/model/bath/drude_lorentz_density.hpp"
#include "openspins/model/bath/form_factor_density.hpp"
#include "openspins/model/bath/lorentzian_density.hpp"
#include "openspins/model/bath/power_law_density.hpp"
#include "openspins/model/bath/sum_density.hpp"

namespace openspins {

namespace {

// A parameter out of its range: "spectral density: <parameter> must be <condition>".
void require(bool ok, std::string_view parameter, std::string_view condition) {
    if (!ok) throw ModelError(messages::format_message("spectral_density_parameter", {parameter, condition}));
}

bool finite_non_negative(double x) { return std::isfinite(x) && x >= 0.0; }
bool finite_positive(double x) { return std::isfinite(x) && x > 0.0; }

std::string format(double x) {
    std::ostringstream s;
    s.precision(10);
    s << x;
    return s.str();
}

}  // namespace

double SpectralDensity::upper_limit() const { return std::numeric_limits<double>::infinity(); }

// ---- power law ---------------------------------------------------------------
PowerLawDensity::PowerLawDensity(double alpha, double exponent, double cutoff, int cutoff_power)
    : alpha_(alpha), exponent_(exponent), cutoff_(cutoff), cutoff_power_(cutoff_power) {
    require(finite_non_negative(alpha), "alpha", "finite and ≥ 0");
    require(finite_positive(exponent), "exponent s", "finite and > 0");
    require(finite_positive(cutoff), "cutoff", "finite and > 0");
    require(cutoff_power == 1 || cutoff_power == 2, "cutoff_power m", "1 or 2");
}

double PowerLawDensity::value(double omega) const {
    if (omega <= 0.0) return 0.0;
    const double x = omega / cutoff_;
    return alpha_ * cutoff_ * std::pow(x, exponent_) * std::exp(-std::pow(x, cutoff_power_));
}

double PowerLawDensity::zero_slope() const {
    if (alpha_ == 0.0 || exponent_ > 1.0) return 0.0;
    if (exponent_ == 1.0) return alpha_;
    return std::numeric_limits<double>::infinity();
}

std::string PowerLawDensity::describe() const {
    return "power_law alpha=" + format(alpha_) + " s=" + format(exponent_) + " cutoff=" + format(cutoff_) +
           " m=" + std::to_string(cutoff_power_);
}

// ---- seed 000 form factors ------------------------------------------------------
FormFactorDensity::FormFactorDensity(int n, int m, double angular_integral, double omega0)
    : n_(n), m_(m), angular_integral_(angular_integral), omega0_(omega0) {
    require(n >= 0, "form-factor n", "≥ 0 (p = −1/2 + n)");
    require(m == 1 || m == 2, "form-factor m", "1 or 2");
    require(finite_non_negative(angular_integral), "angular_integral", "finite and ≥ 0");
    require(finite_positive(omega0), "omega0", "finite and > 0");
}

double FormFactorDensity::value(double omega) const {
    if (omega <= 0.0) return 0.0;
    const double x = omega / omega0_;
    return M_PI * angular_integral_ * omega0_ * std::pow(x, 1 + 2 * n_) * std::exp(-2.0 * std::pow(x, m_));
}

double FormFactorDensity::zero_slope() const { return n_ == 0 ? M_PI * angular_integral_ : 0.0; }

std::string FormFactorDensity::describe() const {
    return "form_factor n=" + std::to_string(n_) + " m=" + std::to_string(m_) +
           " angular_integral=" + format(angular_integral_) + " omega0=" + format(omega0_);
}

// ---- Drude–Lorentz ---------------------------------------------------------------
DrudeLorentzDensity::DrudeLorentzDensity(double reorganisation, double cutoff)
    : lambda_(reorganisation), cutoff_(cutoff) {
    require(finite_non_negative(reorganisation), "reorganisation λ", "finite and ≥ 0");
    require(finite_positive(cutoff), "cutoff", "finite and > 0");
}

double DrudeLorentzDensity::value(double omega) const {
    if (omega <= 0.0) return 0.0;
    return 2.0 * lambda_ * cutoff_ * omega / (omega * omega + cutoff_ * cutoff_);
}

std::string DrudeLorentzDensity::describe() const {
    return "drude_lorentz lambda=" + format(lambda_) + " cutoff=" + format(cutoff_);
}

// ---- seed 003 Lorentzian ------------------------------------------------------------
LorentzianDensity::LorentzianDensity(double amplitude, double correlation_time)
    : amplitude_(amplitude), tau_(correlation_time) {
    require(finite_non_negative(amplitude), "amplitude", "finite and ≥ 0");
    require(finite_positive(correlation_time), "correlation_time", "finite and > 0");
}

double LorentzianDensity::value(double omega) const {
    const double wt = omega * tau_;
    return amplitude_ * 2.0 * tau_ / (1.0 + wt * wt);
}

double LorentzianDensity::zero_slope() const {
    return amplitude_ == 0.0 ? 0.0 : std::numeric_limits<double>::infinity();
}

std::string LorentzianDensity::describe() const {
    return "lorentzian amplitude=" + format(amplitude_) + " correlation_time=" + format(tau_);
}

// ---- sums ----------------------------------------------------------------------------
SumDensity::SumDensity(std::vector<SpectralDensityPtr> parts) : parts_(std::move(parts)) {
    if (parts_.empty()) throw ModelError(messages::format_message("spectral_density_empty_sum"));
}

double SumDensity::value(double omega) const {
    double sum = 0.0;
    for (const auto& p : parts_) sum += p->value(omega);
    return sum;
}

double SumDensity::zero_slope() const {
    double sum = 0.0;
    for (const auto& p : parts_) sum += p->zero_slope();
    return sum;
}

double SumDensity::at_zero() const {
    double sum = 0.0;
    for (const auto& p : parts_) sum += p->at_zero();
    return sum;
}

double SumDensity::frequency_scale() const {
    double scale = 0.0;
    for (const auto& p : parts_) scale = std::max(scale, p->frequency_scale());
    return scale;
}

double SumDensity::upper_limit() const {
    double limit = std::numeric_limits<double>::infinity();
    for (const auto& p : parts_) limit = std::min(limit, p->upper_limit());
    return limit;
}

std::string SumDensity::describe() const {
    std::string s = "sum(";
    for (std::size_t k = 0; k < parts_.size(); ++k) s += (k ? "; " : "") + parts_[k]->describe();
    return s + ")";
}

}  // namespace openspins
