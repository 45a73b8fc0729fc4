#include "openspins/method/analytic/mode_excitation_second_order.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <unsupported/Eigen/MatrixFunctions>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"

namespace openspins::analytic {

namespace {

using cplx = std::complex<double>;

// J(x, y) = ∫_0^t ds e^{ixs} ∫_0^s e^{iyu} du: the divided difference of exp at 0, ix, i(x + y).
cplx nested_phase_integral(double x, double y, double t) {
    Eigen::Matrix3cd m = Eigen::Matrix3cd::Zero();
    m(0, 1) = m(1, 2) = t;
    m(1, 1) = cplx{0.0, x * t};
    m(2, 2) = cplx{0.0, (x + y) * t};
    const Eigen::Matrix3cd e = m.exp();
    return e(0, 2);
}

}  // namespace

double mode_excitation_second_order(const MeanFieldModeModel& model, double t) {
    if (std::abs(model.alpha) != 0.0)
        throw ModelError(messages::format_message("seed004_needs_vacuum"));
    return spin_emission_second_order(model, t);
}

double spin_emission_second_order(const MeanFieldModeModel& model, double t) {
    const EigenFrame f = eigen_frame(model);
    const Eigen::Index d = f.energy.size();
    Eigen::MatrixXcd integral(d, d);
    for (Eigen::Index a = 0; a < d; ++a)
        for (Eigen::Index b = 0; b < d; ++b)
            integral(a, b) = f.G(a, b) * phase_integral(f.energy(a) - f.energy(b) + model.omega, t);
    const double expectation = (f.rho * integral.adjoint() * integral).trace().real();
    return 0.5 * model.lambda * model.lambda * std::norm(model.g) * expectation;
}

cplx fluctuation_drive_integral(const MeanFieldModeModel& model, double t) {
    const EigenFrame f = eigen_frame(model);
    const Eigen::Index d = f.energy.size();
    const cplx beta[2] = {model.g * std::conj(model.alpha), std::conj(model.g) * model.alpha};
    const double sign[2] = {1.0, -1.0};
    const auto nu = [&](Eigen::Index i, Eigen::Index j) { return f.energy(i) - f.energy(j); };
    cplx sum = 0.0;
    for (Eigen::Index a = 0; a < d; ++a)
        for (Eigen::Index b = 0; b < d; ++b) {
            if (f.G(a, b) == cplx{0.0}) continue;
            for (Eigen::Index c = 0; c < d; ++c)
                for (int k = 0; k < 2; ++k) {
                    if (beta[k] == cplx{0.0}) continue;
                    const double y = nu(a, b) + sign[k] * model.omega;
                    const cplx left = f.G(b, c) * f.rho(c, a) * nested_phase_integral(model.omega + nu(b, c), y, t);
                    const cplx right = f.rho(b, c) * f.G(c, a) * nested_phase_integral(model.omega + nu(c, a), y, t);
                    sum += f.G(a, b) * beta[k] * (left - right);
                }
        }
    return cplx{0.0, model.lambda / std::numbers::sqrt2} * sum;
}

cplx mode_field_second_order(const MeanFieldModeModel& model, double t) {
    const cplx drive = cplx{0.0, -model.lambda} * model.g / std::numbers::sqrt2 * fluctuation_drive_integral(model, t);
    return std::polar(1.0, -model.omega * t) * (model.alpha + drive);
}

double mode_excitation_coherent_second_order(const MeanFieldModeModel& model, double t) {
    const cplx rotated = std::polar(1.0, model.omega * t) * mode_field_second_order(model, t);
    return std::norm(model.alpha) + 2.0 * (std::conj(model.alpha) * (rotated - model.alpha)).real() +
           spin_emission_second_order(model, t);
}

double mode_excitation_dicke_2_9(double p_up, double omega0, double omega, std::complex<double> g, double lambda,
                                 double t) {
    return lambda * lambda * std::norm(g) *
           (p_up * resonance_kernel(omega0 - omega, t) + (1.0 - p_up) * resonance_kernel(omega0 + omega, t));
}

double second_order_window(double lambda, std::complex<double> g) {
    const double scale = 2.0 * std::abs(lambda) * std::abs(g);
    return scale > 0.0 ? 1.0 / scale : std::numeric_limits<double>::infinity();
}

}  // namespace openspins::analytic
