#include "openspins/method/analytic/mean_field_mode_model.hpp"

#include <cmath>
#include <string>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"

namespace openspins::analytic {

namespace {

constexpr double hermitian_tolerance = 1e-12;

void require_hermitian(const Eigen::MatrixXcd& x, const std::string& what) {
    if (x.rows() == 0 || x.rows() != x.cols())
        throw ModelError(messages::format_message("seed004_not_square", {what}));
    if (!x.allFinite()) throw ModelError(messages::format_message("seed004_not_finite", {what}));
    const double scale = std::max(1.0, x.norm());
    if ((x - x.adjoint()).norm() > hermitian_tolerance * scale)
        throw ModelError(messages::format_message("seed004_not_hermitian", {what}));
}

Eigen::MatrixXcd evolve(const EigenFrame& f, const Eigen::MatrixXcd& x_frame, double t) {
    // X(t)_ab = X_ab e^{i(E_a − E_b)t} in h's eigenbasis.
    Eigen::MatrixXcd out = x_frame;
    for (Eigen::Index a = 0; a < out.rows(); ++a)
        for (Eigen::Index b = 0; b < out.cols(); ++b) out(a, b) *= std::polar(1.0, (f.energy(a) - f.energy(b)) * t);
    return out;
}

}  // namespace

void MeanFieldModeModel::validate() const {
    require_hermitian(h, "h (one particle's Hamiltonian)");
    require_hermitian(G, "G (the interaction operator)");
    require_hermitian(rho, "mu_S (the particles' initial state)");
    if (G.rows() != h.rows() || rho.rows() != h.rows())
        throw ModelError(messages::format_message("seed004_dimensions"));
    if (std::abs(rho.trace() - 1.0) > 1e-10) throw ModelError(messages::format_message("seed004_trace"));
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eig(rho);
    if (eig.eigenvalues().minCoeff() < -1e-12) throw ModelError(messages::format_message("seed004_not_positive"));
    if (!(omega > 0.0) || !std::isfinite(omega)) throw ModelError(messages::format_message("seed004_mode_frequency"));
    if (!std::isfinite(lambda) || !std::isfinite(std::abs(g)) || !std::isfinite(std::abs(alpha)))
        throw ModelError(messages::format_message("seed004_parameters_finite"));
}

EigenFrame eigen_frame(const MeanFieldModeModel& model) {
    model.validate();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eig(model.h);
    EigenFrame f;
    f.energy = eig.eigenvalues();
    f.basis = eig.eigenvectors();
    f.G = f.to_frame(model.G);
    f.rho = f.to_frame(model.rho);
    return f;
}

double odd_moment_residual(const MeanFieldModeModel& model, double t_max) {
    const EigenFrame f = eigen_frame(model);
    const double norm = std::max(1e-300, f.G.operatorNorm());
    constexpr int samples = 7;
    double worst = 0.0;
    for (int i = 0; i < samples; ++i) {
        const double t1 = t_max * i / (samples - 1);
        const Eigen::MatrixXcd g1 = evolve(f, f.G, t1);
        worst = std::max(worst, std::abs((f.rho * g1).trace()) / norm);
        for (int j = 0; j < samples; ++j)
            for (int k = 0; k < samples; ++k) {
                const Eigen::MatrixXcd prod =
                    g1 * evolve(f, f.G, t_max * j / (samples - 1)) * evolve(f, f.G, t_max * k / (samples - 1));
                worst = std::max(worst, std::abs((f.rho * prod).trace()) / (norm * norm * norm));
            }
    }
    return worst;
}

std::complex<double> phase_integral(double nu, double t) {
    const double x = 0.5 * nu * t;
    const double sinc = std::abs(x) < 1e-8 ? 1.0 - x * x / 6.0 : std::sin(x) / x;
    return t * sinc * std::polar(1.0, x);
}

double resonance_kernel(double nu, double t) {
    const double x = 0.5 * nu * t;
    const double sinc = std::abs(x) < 1e-8 ? 1.0 - x * x / 6.0 : std::sin(x) / x;
    return 0.5 * t * t * sinc * sinc;
}

}  // namespace openspins::analytic
