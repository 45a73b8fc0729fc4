#include "openspins/method/resonance/two_level_factor.hpp"

#include <cmath>
#include <stdexcept>

namespace openspins::resonance {

namespace {

using complex = std::complex<double>;
constexpr complex I{0.0, 1.0};

// sinh(x)/x and its derivative's companion, regular at x = 0.
complex sinhc(complex x) {
    if (std::abs(x) < 1e-4) return 1.0 + x * x / 6.0 + x * x * x * x / 120.0;
    return std::sinh(x) / x;
}

}  // namespace

TwoLevelFactor::TwoLevelFactor(double emission, double absorption, double a, double p_up)
    : b_(emission), bc_(absorption), a_(a), p_(p_up) {
    if (!(b_ >= 0.0) || !(bc_ >= 0.0)) throw std::invalid_argument("TwoLevelFactor: rates must be ≥ 0");
    tau_ = -0.5 * (b_ + bc_);
    delta_ = std::sqrt(tau_ * tau_ - a_ * a_ + I * a_ * (b_ - bc_));
}

// F = w₊e^{λ₊t} + w₋e^{λ₋t}, λ± = τ ± δ, w± = ½ ± g/(2δ), g = ia(p_↑ − p_↓) − τ. For |δt| small the
// weights cancel, so there F = e^{τt}[cosh δt + g sinh(δt)/δ] is used instead; for large t the
// exponentials are scaled by the dominant one (no overflow of cosh, no 0/0 in F′/F).
namespace {
struct Parts {
    complex value, derivative;  // both divided by `scale`
    complex scale;
};
Parts parts(complex tau, complex delta, complex g, double t) {
    if (std::abs(delta * t) < 0.5) {
        const complex s = t * sinhc(delta * t), c = std::cosh(delta * t);
        const complex v = c + g * s;
        return {v, tau * v + delta * delta * s + g * c, std::exp(tau * t)};
    }
    const complex lp = tau + delta, lm = tau - delta;
    const complex wp = 0.5 + g / (2.0 * delta), wm = 0.5 - g / (2.0 * delta);
    const bool plus_dominant = lp.real() >= lm.real();
    const complex ld = plus_dominant ? lp : lm;
    const complex rp = std::exp((lp - ld) * t), rm = std::exp((lm - ld) * t);
    return {wp * rp + wm * rm, lp * wp * rp + lm * wm * rm, std::exp(ld * t)};
}
}  // namespace

complex TwoLevelFactor::value(double t) const {
    const auto p = parts(tau_, delta_, I * a_ * (2.0 * p_ - 1.0) - tau_, t);
    return p.scale * p.value;
}

complex TwoLevelFactor::derivative(double t) const {
    const auto p = parts(tau_, delta_, I * a_ * (2.0 * p_ - 1.0) - tau_, t);
    return p.scale * p.derivative;
}

complex TwoLevelFactor::log_derivative(double t) const {
    const auto p = parts(tau_, delta_, I * a_ * (2.0 * p_ - 1.0) - tau_, t);
    return p.derivative / p.value;
}

complex TwoLevelFactor::z_plus() const {
    const double sum = b_ + bc_;
    return 0.5 * (I * sum + std::sqrt(complex(-sum * sum + 4.0 * a_ * a_, -4.0 * a_ * (b_ - bc_) + 0.0)));
}

complex TwoLevelFactor::z_minus() const {
    const double sum = b_ + bc_;
    return 0.5 * (I * sum - std::sqrt(complex(-sum * sum + 4.0 * a_ * a_, -4.0 * a_ * (b_ - bc_) + 0.0)));
}

complex TwoLevelFactor::z_slow() const {
    const complex p = z_plus(), m = z_minus();
    return p.imag() < m.imag() ? p : m;
}

double TwoLevelFactor::decay_rate() const { return std::min(z_plus().imag(), z_minus().imag()); }

complex TwoLevelFactor::alpha() const {
    if (!(bc_ > 0.0)) throw std::domain_error("(2.27) needs b c > 0");
    return 1.0 + I * (z_plus() - a_) / bc_;
}

complex TwoLevelFactor::printed_value(double t) const {
    const complex al = alpha();
    const double c = bc_ / b_;
    const complex zeta = (1.0 + c * al) / (1.0 + c * al * al);
    return (std::exp(I * t * z_plus()) - std::exp(I * t * z_minus())) * zeta * (al + p_ * (1.0 - al)) +
           std::exp(I * t * z_minus());
}

double TwoLevelFactor::c_prime() const {
    const complex al = alpha();
    const double c = bc_ / b_;
    const complex zeta = (1.0 + c * al) / (1.0 + c * al * al);
    return std::log(2.0 * std::abs(zeta * (al + p_ * (1.0 - al))) + 1.0);
}

}  // namespace openspins::resonance
