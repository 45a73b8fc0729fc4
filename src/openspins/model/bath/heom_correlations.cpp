// Exponential expansions of bath correlation functions (formulas in drude_lorentz_correlation.hpp,
// underdamped_correlation.hpp, correlation_terminator.hpp) and the underdamped density.
#include <Eigen/Dense>
#include <cmath>
#include <sstream>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"
#include "openspins/model/bath/correlation_terminator.hpp"
#include "openspins/model/bath/drude_lorentz_correlation.hpp"
#include "openspins/model/bath/underdamped_correlation.hpp"
#include "openspins/model/bath/underdamped_density.hpp"
#include "openspins/number_text.hpp"

namespace openspins {

namespace {

using cd = std::complex<double>;

// Positive roots 2/|e| of the symmetric tridiagonal matrix with off-diagonal
// 1/√((2k + first)(2k + first − 2)), k = 0 … size − 2 (Hu, Xu, Yan 2011, eqs. for ξ and ζ),
// smallest first; `count` of them.
std::vector<double> tridiagonal_roots(int size, int first, int count) {
    Eigen::MatrixXd m = Eigen::MatrixXd::Zero(size, size);
    for (int k = 0; k + 1 < size; ++k) {
        const double v = 1.0 / std::sqrt(static_cast<double>((2 * k + first) * (2 * k + first - 2)));
        m(k, k + 1) = v;
        m(k + 1, k) = v;
    }
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(m, Eigen::EigenvaluesOnly);
    // Eigenvalues ascending: the negative ones first, most negative first, so −2/e ascends.
    std::vector<double> roots;
    for (int j = 0; j < count; ++j) roots.push_back(-2.0 / solver.eigenvalues()(j));
    return roots;
}

}  // namespace

PoleList bose_poles(int terms, PoleExpansion expansion) {
    if (terms < 0) throw ModelError(messages::format_message("heom_expansion_terms", {std::to_string(terms)}));
    PoleList p;
    if (expansion == PoleExpansion::matsubara) {
        for (int k = 1; k <= terms; ++k) {
            p.xi.push_back(2.0 * M_PI * k);
            p.kappa.push_back(1.0);
        }
        return p;
    }
    if (terms == 0) return p;
    // Padé [K−1/K]: ξ from a (2K × 2K) matrix with 2k + 5 = (2k+5)(2k+3) pattern, ζ (the
    // numerator's roots) from a (2K−1 × 2K−1) one with (2k+7)(2k+5).
    const int n = terms;
    p.xi = tridiagonal_roots(2 * n, 5, n);
    const std::vector<double> zeta = n > 1 ? tridiagonal_roots(2 * n - 1, 7, n - 1) : std::vector<double>{};
    const double prefactor = 0.5 * n * (2.0 * (n + 1) + 1.0);
    for (int j = 0; j < n; ++j) {
        double kappa = prefactor;
        const double xj2 = p.xi[j] * p.xi[j];
        for (int k = 0; k + 1 < n; ++k)
            kappa *= (zeta[k] * zeta[k] - xj2) / (p.xi[k] * p.xi[k] - xj2 + (j == k ? 1.0 : 0.0));
        kappa /= p.xi[n - 1] * p.xi[n - 1] - xj2 + (j == n - 1 ? 1.0 : 0.0);
        p.kappa.push_back(kappa);
    }
    return p;
}

ExponentialCorrelation drude_lorentz_correlation(double reorganisation, double cutoff, double temperature, int terms,
                                                 PoleExpansion expansion) {
    if (!(temperature > 0.0) || !std::isfinite(temperature))
        throw ModelError(messages::format_message("heom_expansion_temperature", {"Drude–Lorentz"}));
    const double lambda = reorganisation, gamma = cutoff, beta = 1.0 / temperature;
    const double s = std::sin(0.5 * beta * gamma);
    // sin(βω_D/2) = 0: ω_D is the Matsubara frequency 2πkT, k = βω_D/2π, and cot(βω_D/2) is infinite.
    if (std::abs(s) < 1e-12)
        throw ModelError(messages::format_message(
            "heom_cutoff_on_pole", {number_text("%.10g", gamma),
                                    number_text("%.10g", 2.0 * M_PI * temperature * std::round(beta * gamma / (2.0 * M_PI))),
                                    number_text("%.6g", temperature)}));
    ExponentialCorrelation c;
    c.real_part.push_back({0.5 * lambda * gamma * std::cos(0.5 * beta * gamma) / s, gamma});
    const PoleList poles = bose_poles(terms, expansion);
    for (int k = 0; k < terms; ++k) {
        const double nu = poles.xi[k] * temperature;
        const double denominator = nu * nu - gamma * gamma;
        if (std::abs(denominator) < 1e-12 * nu * nu)
            throw ModelError(messages::format_message(
                "heom_cutoff_on_pole",
                {number_text("%.10g", gamma), number_text("%.10g", nu), number_text("%.6g", temperature)}));
        c.real_part.push_back({2.0 * poles.kappa[k] * lambda * gamma * temperature * nu / denominator, nu});
    }
    c.imaginary_part.push_back({-0.5 * lambda * gamma, gamma});
    return c;
}

ExponentialCorrelation underdamped_correlation(double coupling, double frequency, double damping, double temperature,
                                               int terms) {
    if (!(temperature > 0.0) || !std::isfinite(temperature))
        throw ModelError(messages::format_message("heom_expansion_temperature", {"underdamped"}));
    if (!(frequency > 0.5 * damping))
        throw ModelError(messages::format_message("heom_not_underdamped",
                                                  {number_text("%.6g", frequency), number_text("%.6g", damping)}));
    const double beta = 1.0 / temperature, l2 = coupling * coupling;
    const double omega = std::sqrt(frequency * frequency - 0.25 * damping * damping), half = 0.5 * damping;
    const cd i(0.0, 1.0);
    const cd plus = omega + i * half, minus = omega - i * half;
    const auto coth = [](cd z) { return 1.0 / std::tanh(z); };
    ExponentialCorrelation c;
    c.real_part.push_back({0.5 * l2 / (4.0 * omega) * coth(0.5 * beta * plus), half - i * omega});
    c.real_part.push_back({0.5 * l2 / (4.0 * omega) * coth(0.5 * beta * minus), half + i * omega});
    for (int k = 1; k <= terms; ++k) {
        const double nu = 2.0 * M_PI * k / beta;
        c.real_part.push_back(
            {0.5 * (-2.0 * l2 * damping / beta) * nu / ((plus * plus + nu * nu) * (minus * minus + nu * nu)), nu});
    }
    c.imaginary_part.push_back({0.5 * i * l2 / (4.0 * omega), half - i * omega});
    c.imaginary_part.push_back({-0.5 * i * l2 / (4.0 * omega), half + i * omega});
    return c;
}

std::complex<double> terminator_weight(const ExponentialCorrelation& kept, double zero_slope, double inverse_moment,
                                       double temperature) {
    cd delta(0.5 * temperature * zero_slope, -inverse_moment / (2.0 * M_PI));
    for (const auto& e : kept.real_part) delta -= e.coefficient / e.rate;
    for (const auto& e : kept.imaginary_part) delta -= cd(0.0, 1.0) * e.coefficient / e.rate;
    return delta;
}

// ---- underdamped density ---------------------------------------------------------------
UnderdampedDensity::UnderdampedDensity(double coupling, double frequency, double damping)
    : coupling_(coupling), frequency_(frequency), damping_(damping) {
    if (!(std::isfinite(coupling) && coupling >= 0.0))
        throw ModelError(messages::format_message("spectral_density_parameter", {"coupling λ", "finite and ≥ 0"}));
    if (!(std::isfinite(frequency) && frequency > 0.0))
        throw ModelError(messages::format_message("spectral_density_parameter", {"frequency ω_0", "finite and > 0"}));
    if (!(std::isfinite(damping) && damping > 0.0))
        throw ModelError(messages::format_message("spectral_density_parameter", {"damping Γ", "finite and > 0"}));
}

double UnderdampedDensity::value(double omega) const {
    if (omega <= 0.0) return 0.0;
    const double d = frequency_ * frequency_ - omega * omega;
    return coupling_ * coupling_ * damping_ * omega / (d * d + damping_ * damping_ * omega * omega);
}

double UnderdampedDensity::zero_slope() const {
    const double w2 = frequency_ * frequency_;
    return coupling_ * coupling_ * damping_ / (w2 * w2);
}

std::string UnderdampedDensity::describe() const {
    std::ostringstream s;
    s.precision(10);
    s << "underdamped lambda=" << coupling_ << " frequency=" << frequency_ << " damping=" << damping_;
    return s.str();
}

}  // namespace openspins
