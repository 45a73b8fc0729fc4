#include "openspins/method/analytic/fluctuation_observable.hpp"

#include <cmath>
#include <numbers>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"

namespace openspins::analytic {

namespace {

double sinc(double x) { return std::abs(x) < 1e-8 ? 1.0 - x * x / 6.0 : std::sin(x) / x; }

// tanh(ω₀/2T) = p_↓ − p_↑ for h = (ω₀/2)σ^z at temperature T (T = 0: sign ω₀).
double polarisation(double omega0, double temperature) {
    if (temperature == 0.0) return omega0 > 0 ? 1.0 : (omega0 < 0 ? -1.0 : 0.0);
    return std::tanh(0.5 * omega0 / temperature);
}

}  // namespace

std::complex<double> fluctuation_first_order(const MeanFieldModeModel& model, const Eigen::MatrixXcd& A, double t) {
    const EigenFrame f = eigen_frame(model);
    const Eigen::Index d = f.energy.size();
    if (A.rows() != d || A.cols() != d)
        throw ModelError(messages::format_message("seed004_observable_dimension", {"1.29"}));
    Eigen::MatrixXcd a = f.to_frame(A);
    for (Eigen::Index i = 0; i < d; ++i)
        for (Eigen::Index j = 0; j < d; ++j) a(i, j) *= std::polar(1.0, (f.energy(i) - f.energy(j)) * t);
    const Eigen::MatrixXcd commutator_part = a * f.rho - f.rho * a;
    const std::complex<double> up = model.g * std::conj(model.alpha), down = std::conj(model.g) * model.alpha;
    std::complex<double> sum = 0.0;
    for (Eigen::Index i = 0; i < d; ++i)
        for (Eigen::Index j = 0; j < d; ++j) {
            const double nu = f.energy(i) - f.energy(j);
            const auto w = (up * phase_integral(nu + model.omega, t) + down * phase_integral(nu - model.omega, t)) /
                           std::numbers::sqrt2;
            sum += f.G(i, j) * commutator_part(j, i) * w;
        }
    return std::complex<double>(0.0, model.lambda) * sum;
}

double fluctuation_dicke_1_31_printed(double lambda, double alpha, double a_up_down, double omega0, double omega,
                                      double temperature, double t) {
    const double p_down = temperature == 0.0 ? 1.0 : 1.0 / (1.0 + std::exp(-omega0 / temperature));
    const double sum = t * (sinc((omega0 + omega) * t) + sinc((omega0 - omega) * t));
    return -4.0 * lambda * alpha * a_up_down * p_down * std::sin(omega0 * t) * sum;
}

double fluctuation_dicke_1_31(double lambda, double g, double alpha, double a_up_down, double omega0, double omega,
                              double temperature, double t) {
    // ω₀(cos ωt − cos ω₀t)/(ω₀² − ω²) = ω₀ (t²/2) sinc((ω₀ + ω)t/2) sinc((ω₀ − ω)t/2), finite at ω = ω₀.
    const double time_part = omega0 * 0.5 * t * t * sinc(0.5 * (omega0 + omega) * t) * sinc(0.5 * (omega0 - omega) * t);
    return -2.0 * std::numbers::sqrt2 * lambda * g * alpha * a_up_down * polarisation(omega0, temperature) * time_part;
}

}  // namespace openspins::analytic
