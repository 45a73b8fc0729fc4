#include "openspins/method/analytic/energy_conserving_mode.hpp"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>

#include <cmath>
#include <functional>
#include <memory>
#include <new>
#include <numbers>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"
#include "openspins/number_text.hpp"

namespace openspins::analytic {

namespace {

constexpr std::size_t quadrature_intervals = 2000;
constexpr double gaussian_cut = 9.0;  // e^{−81}: below double precision
constexpr double commutator_tolerance = 1e-10;
constexpr double max_configurations = 2e7;  // eigenvalue configurations of the finite-N sum

void require_energy_conserving(const MeanFieldModeModel& model) {
    model.validate();
    const double scale = std::max(1.0, model.h.norm() * model.G.norm());
    if ((model.h * model.G - model.G * model.h).norm() > commutator_tolerance * scale)
        throw ModelError(messages::format_message("seed004_not_energy_conserving"));
}

double second_moment(const MeanFieldModeModel& model) { return (model.rho * model.G * model.G).trace().real(); }

// |e^{−iωt} − 1|² = 2(1 − cos ωt) = 4 sin²(ωt/2).
double field_kernel(double omega, double t) {
    const double s = std::sin(0.5 * omega * t);
    return 4.0 * s * s;
}

std::complex<double> free_field(const MeanFieldModeModel& model, double t) {
    return model.alpha * std::polar(1.0, -model.omega * t);
}

// ξ g (e^{−iωt} − 1)/(√2 ω): the displacement a field coupled through ξB has gained at t.
std::complex<double> displacement_per_unit(const MeanFieldModeModel& model, double t) {
    return model.g * (std::polar(1.0, -model.omega * t) - 1.0) / (std::numbers::sqrt2 * model.omega);
}

}  // namespace

std::vector<double> coherent_fock_distribution(std::complex<double> beta, int n_max) {
    std::vector<double> p(static_cast<std::size_t>(n_max) + 1, 0.0);
    const double mean = std::norm(beta);
    for (int n = 0; n <= n_max; ++n) {
        if (mean == 0.0) {
            p[static_cast<std::size_t>(n)] = n == 0 ? 1.0 : 0.0;
            continue;
        }
        p[static_cast<std::size_t>(n)] = std::exp(-mean + n * std::log(mean) - std::lgamma(n + 1.0));
    }
    return p;
}

SingleOscillatorPicture::SingleOscillatorPicture(const MeanFieldModeModel& model, OscillatorCoupling coupling)
    : model_(model) {
    require_energy_conserving(model);
    if (std::abs((model.rho * model.G).trace()) > 1e-10 * std::max(1.0, model.G.norm()))
        throw ModelError(messages::format_message("seed004_odd_moment"));
    kappa_ = model.lambda * model.lambda * second_moment(model);
    coupling_ = coupling == OscillatorCoupling::derived ? std::sqrt(2.0 * kappa_) : 2.0 * std::sqrt(kappa_);
    gsl_set_error_handler_off();  // quadrature failures come back as status codes (checked)
}

std::complex<double> SingleOscillatorPicture::displacement(double t) const {
    return coupling_ * displacement_per_unit(model_, t);
}

std::complex<double> SingleOscillatorPicture::field(double t) const { return free_field(model_, t); }

double SingleOscillatorPicture::excitation(double t) const {
    // |α|² + ⟨x²⟩|d|² with ⟨x⟩ = 0, ⟨x²⟩ = ½.
    return std::norm(model_.alpha) + 0.5 * std::norm(displacement(t));
}

std::vector<double> SingleOscillatorPicture::fock_distribution(double t, int n_max) const {
    std::vector<double> out(static_cast<std::size_t>(n_max) + 1, 0.0);
    const auto a0 = free_field(model_, t);
    const auto d = displacement(t);
    std::unique_ptr<gsl_integration_workspace, void (*)(gsl_integration_workspace*)> ws(
        gsl_integration_workspace_alloc(quadrature_intervals), gsl_integration_workspace_free);
    if (!ws) throw std::bad_alloc();  // GSL's workspace allocation failed
    // P(n) = ∫ e^{−x²}/√π · Poisson_n(|a0 + x d|²) dx; the integrand varies on the scale 1/|d|, so an
    // adaptive rule (a fixed Gauss–Hermite rule loses digits once |d| ≳ 2).
    for (int n = 0; n <= n_max; ++n) {
        const auto integrand = [&](double x) {
            const double mean = std::norm(a0 + x * d);
            const double poisson =
                mean == 0.0 ? (n == 0 ? 1.0 : 0.0) : std::exp(-mean + n * std::log(mean) - std::lgamma(n + 1.0));
            return std::exp(-x * x) / std::sqrt(std::numbers::pi) * poisson;
        };
        gsl_function f;
        f.function = [](double x, void* p) { return (*static_cast<decltype(integrand)*>(p))(x); };
        f.params = const_cast<void*>(static_cast<const void*>(&integrand));
        double value = 0.0, error = 0.0;
        const int status = gsl_integration_qag(&f, -gaussian_cut, gaussian_cut, 1e-15, 1e-12, quadrature_intervals,
                                               GSL_INTEG_GAUSS61, ws.get(), &value, &error);
        if (status != 0) throw NumericalError(messages::format_message("seed004_fock_quadrature"));
        out[static_cast<std::size_t>(n)] = value;
    }
    return out;
}

double energy_conserving_excitation_printed(const MeanFieldModeModel& model, double t) {
    require_energy_conserving(model);
    return std::norm(model.alpha) + model.lambda * model.lambda * second_moment(model) * std::norm(model.g) *
                                        field_kernel(model.omega, t) / (model.omega * model.omega);
}

double energy_conserving_excitation(const MeanFieldModeModel& model, double t) {
    require_energy_conserving(model);
    return std::norm(model.alpha) + 0.5 * model.lambda * model.lambda * second_moment(model) * std::norm(model.g) *
                                        field_kernel(model.omega, t) / (model.omega * model.omega);
}

EnergyConservingFiniteN::EnergyConservingFiniteN(const MeanFieldModeModel& model, int n_particles)
    : model_(model), n_(n_particles) {
    require_energy_conserving(model);
    if (n_particles < 1) throw ModelError(messages::format_message("seed004_finite_n_count"));
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eig(model.G);
    const Eigen::VectorXd gamma = eig.eigenvalues();
    const Eigen::VectorXd q = (eig.eigenvectors().adjoint() * model.rho * eig.eigenvectors()).diagonal().real();
    const int d = static_cast<int>(gamma.size());
    // Compositions (n_0, …, n_{d−1}) of N: C(N + d − 1, d − 1) of them.
    double count = 1.0;
    for (int k = 1; k < d; ++k) count *= static_cast<double>(n_particles + k) / k;
    if (count > max_configurations)
        throw ResourceError(messages::format_message(
            "seed004_finite_n_too_large", {number_text("%.6g", count), std::to_string(n_particles), std::to_string(d),
                                           number_text("%.6g", max_configurations)}));
    std::vector<int> counts(static_cast<std::size_t>(d), 0);
    const double log_n_factorial = std::lgamma(n_particles + 1.0);
    std::function<void(int, int)> recurse = [&](int k, int left) {
        if (k == d - 1) {
            counts[static_cast<std::size_t>(k)] = left;
            double log_p = log_n_factorial, m = 0.0;
            for (int i = 0; i < d; ++i) {
                const int c = counts[static_cast<std::size_t>(i)];
                if (c == 0) continue;
                if (q(i) <= 0.0) return;
                log_p += c * std::log(q(i)) - std::lgamma(c + 1.0);
                m += c * gamma(i);
            }
            values_.push_back(m);
            probabilities_.push_back(std::exp(log_p));
            return;
        }
        for (int c = 0; c <= left; ++c) {
            counts[static_cast<std::size_t>(k)] = c;
            recurse(k + 1, left - c);
        }
    };
    recurse(0, n_particles);
}

std::complex<double> EnergyConservingFiniteN::amplitude(double m, double t) const {
    return free_field(model_, t) +
           model_.lambda * m / std::sqrt(static_cast<double>(n_)) * displacement_per_unit(model_, t);
}

std::complex<double> EnergyConservingFiniteN::field(double t) const {
    std::complex<double> sum = 0.0;
    for (std::size_t i = 0; i < values_.size(); ++i) sum += probabilities_[i] * amplitude(values_[i], t);
    return sum;
}

double EnergyConservingFiniteN::excitation(double t) const {
    double sum = 0.0;
    for (std::size_t i = 0; i < values_.size(); ++i) sum += probabilities_[i] * std::norm(amplitude(values_[i], t));
    return sum;
}

std::vector<double> EnergyConservingFiniteN::fock_distribution(double t, int n_max) const {
    std::vector<double> out(static_cast<std::size_t>(n_max) + 1, 0.0);
    for (std::size_t i = 0; i < values_.size(); ++i) {
        const auto p = coherent_fock_distribution(amplitude(values_[i], t), n_max);
        for (std::size_t n = 0; n < out.size(); ++n) out[n] += probabilities_[i] * p[n];
    }
    return out;
}

}  // namespace openspins::analytic
