#include "openspins/method/analytic/mode_excitation_second_order.hpp"

#include <cmath>
#include <limits>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"

namespace openspins::analytic {

double mode_excitation_second_order(const MeanFieldModeModel& model, double t) {
    if (std::abs(model.alpha) != 0.0)
        throw ModelError(messages::format_message("seed004_needs_vacuum"));
    const EigenFrame f = eigen_frame(model);
    const Eigen::Index d = f.energy.size();
    Eigen::MatrixXcd integral(d, d);
    for (Eigen::Index a = 0; a < d; ++a)
        for (Eigen::Index b = 0; b < d; ++b)
            integral(a, b) = f.G(a, b) * phase_integral(f.energy(a) - f.energy(b) + model.omega, t);
    const double expectation = (f.rho * integral.adjoint() * integral).trace().real();
    return 0.5 * model.lambda * model.lambda * std::norm(model.g) * expectation;
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
