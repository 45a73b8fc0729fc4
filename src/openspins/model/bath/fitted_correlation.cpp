// Correlation function of any spectral density by quadrature, and its fit to damped
// oscillations with GSL's nonlinear least squares (formulas in fitted_correlation.hpp).
#include "openspins/model/bath/fitted_correlation.hpp"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_multifit_nlinear.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"
#include "openspins/model/bath/thermal_factors.hpp"

namespace openspins {

namespace {

using cd = std::complex<double>;

constexpr int intervals = 4000;
constexpr double relative_accuracy = 1e-10;

struct WorkspaceDeleter {
    void operator()(gsl_integration_workspace* w) const { gsl_integration_workspace_free(w); }
};
struct TableDeleter {
    void operator()(gsl_integration_qawo_table* t) const { gsl_integration_qawo_table_free(t); }
};
using Workspace = std::unique_ptr<gsl_integration_workspace, WorkspaceDeleter>;
using Table = std::unique_ptr<gsl_integration_qawo_table, TableDeleter>;

template <typename F>
gsl_function as_gsl(F& f) {
    return gsl_function{[](double x, void* p) { return (*static_cast<F*>(p))(x); }, &f};
}

void check(int status, const char* what, const SpectralDensity& j) {
    // GSL_EROUND: roundoff limited the accuracy below the request; the estimate stands.
    if (status == GSL_SUCCESS || status == GSL_EROUND) return;
    throw NumericalError(
        messages::format_message("heom_fit_quadrature_failed", {what, j.describe(), gsl_strerror(status)}));
}

// ∫_0^U f(ω) trig(ωt) dω (U = J's upper limit, possibly ∞); t = 0: ∫ f. The finite stretch
// [0, b] by QAWO (QAGS at t = 0), b = min(U, 40 ω_c); the rest by QAWF (QAGIU at t = 0).
template <typename F>
double fourier(F f, const SpectralDensity& j, double t, bool sine, double magnitude) {
    if (sine && t == 0.0) return 0.0;
    const double upper = j.upper_limit();
    const double b = std::min(upper, 40.0 * j.frequency_scale());
    Workspace ws(gsl_integration_workspace_alloc(intervals));
    double r = 0.0, err = 0.0;
    gsl_function g = as_gsl(f);
    if (t == 0.0) {
        check(gsl_integration_qags(&g, 0.0, b, 0.0, relative_accuracy, intervals, ws.get(), &r, &err), "QAGS", j);
        if (std::isfinite(upper) && b >= upper) return r;
        double tail = 0.0;
        if (std::isfinite(upper))
            check(gsl_integration_qags(&g, b, upper, 0.0, relative_accuracy, intervals, ws.get(), &tail, &err), "QAGS", j);
        else
            check(gsl_integration_qagiu(&g, b, 0.0, relative_accuracy, intervals, ws.get(), &tail, &err), "QAGIU", j);
        return r + tail;
    }
    const auto kind = sine ? GSL_INTEG_SINE : GSL_INTEG_COSINE;
    Table table(gsl_integration_qawo_table_alloc(t, b, kind, 40));
    check(gsl_integration_qawo(&g, 0.0, 0.0, relative_accuracy, intervals, ws.get(), table.get(), &r, &err), "QAWO", j);
    if (b >= upper) return r;
    double tail = 0.0;
    if (std::isfinite(upper)) {
        Table rest(gsl_integration_qawo_table_alloc(t, upper - b, kind, 40));
        check(gsl_integration_qawo(&g, b, 0.0, relative_accuracy, intervals, ws.get(), rest.get(), &tail, &err), "QAWO",
              j);
    } else {
        Workspace cycles(gsl_integration_workspace_alloc(intervals));
        Table rest(gsl_integration_qawo_table_alloc(t, 1.0, kind, 40));
        const double absolute = std::max(1e-3 * relative_accuracy * magnitude, 1e-300);
        check(gsl_integration_qawf(&g, b, absolute, intervals, ws.get(), cycles.get(), rest.get(), &tail, &err), "QAWF",
              j);
    }
    return r + tail;
}

// ---- the least-squares problem -------------------------------------------------------------
// Parameters per term k (6 each): log γ, Ω, a, b, c, d. Residuals: 2n (real parts, then imaginary),
// divided by C_R(0).
struct Problem {
    const std::vector<double>* times;
    const std::vector<cd>* samples;
    int terms;
    double scale;
};

int residuals(const gsl_vector* x, void* p, gsl_vector* f) {
    const auto* q = static_cast<const Problem*>(p);
    const std::size_t n = q->times->size();
    for (std::size_t j = 0; j < n; ++j) {
        const double t = (*q->times)[j];
        double re = 0.0, im = 0.0;
        for (int k = 0; k < q->terms; ++k) {
            const std::size_t o = 6 * static_cast<std::size_t>(k);
            const double e = std::exp(-std::exp(gsl_vector_get(x, o)) * t);
            const double cs = std::cos(gsl_vector_get(x, o + 1) * t), sn = std::sin(gsl_vector_get(x, o + 1) * t);
            re += e * (gsl_vector_get(x, o + 2) * cs + gsl_vector_get(x, o + 3) * sn);
            im += e * (gsl_vector_get(x, o + 4) * cs + gsl_vector_get(x, o + 5) * sn);
        }
        gsl_vector_set(f, j, (re - (*q->samples)[j].real()) / q->scale);
        gsl_vector_set(f, n + j, (im - (*q->samples)[j].imag()) / q->scale);
    }
    return GSL_SUCCESS;
}

int jacobian(const gsl_vector* x, void* p, gsl_matrix* jac) {
    const auto* q = static_cast<const Problem*>(p);
    const std::size_t n = q->times->size();
    gsl_matrix_set_zero(jac);
    for (std::size_t j = 0; j < n; ++j) {
        const double t = (*q->times)[j];
        for (int k = 0; k < q->terms; ++k) {
            const std::size_t o = 6 * static_cast<std::size_t>(k);
            const double g = std::exp(gsl_vector_get(x, o)), w = gsl_vector_get(x, o + 1);
            const double a = gsl_vector_get(x, o + 2), b = gsl_vector_get(x, o + 3);
            const double c = gsl_vector_get(x, o + 4), d = gsl_vector_get(x, o + 5);
            const double e = std::exp(-g * t) / q->scale, cs = std::cos(w * t), sn = std::sin(w * t);
            const double re = e * (a * cs + b * sn), im = e * (c * cs + d * sn);
            gsl_matrix_set(jac, j, o, -g * t * re);
            gsl_matrix_set(jac, j, o + 1, e * t * (-a * sn + b * cs));
            gsl_matrix_set(jac, j, o + 2, e * cs);
            gsl_matrix_set(jac, j, o + 3, e * sn);
            gsl_matrix_set(jac, n + j, o, -g * t * im);
            gsl_matrix_set(jac, n + j, o + 1, e * t * (-c * sn + d * cs));
            gsl_matrix_set(jac, n + j, o + 4, e * cs);
            gsl_matrix_set(jac, n + j, o + 5, e * sn);
        }
    }
    return GSL_SUCCESS;
}

// Amplitudes (a, b, c, d per term) at fixed rates and frequencies: linear least squares (Eigen).
void linear_amplitudes(const Problem& q, std::vector<double>& x) {
    const auto n = static_cast<Eigen::Index>(q.times->size());
    Eigen::MatrixXd basis(n, 2 * q.terms);
    for (Eigen::Index j = 0; j < n; ++j) {
        const double t = (*q.times)[static_cast<std::size_t>(j)];
        for (int k = 0; k < q.terms; ++k) {
            const double e = std::exp(-std::exp(x[6 * static_cast<std::size_t>(k)]) * t);
            const double w = x[6 * static_cast<std::size_t>(k) + 1];
            basis(j, 2 * k) = e * std::cos(w * t);
            basis(j, 2 * k + 1) = e * std::sin(w * t);
        }
    }
    Eigen::VectorXd re(n), im(n);
    for (Eigen::Index j = 0; j < n; ++j) {
        re(j) = (*q.samples)[static_cast<std::size_t>(j)].real();
        im(j) = (*q.samples)[static_cast<std::size_t>(j)].imag();
    }
    const auto qr = basis.completeOrthogonalDecomposition();
    const Eigen::VectorXd ar = qr.solve(re), ai = qr.solve(im);
    for (int k = 0; k < q.terms; ++k) {
        x[6 * static_cast<std::size_t>(k) + 2] = ar(2 * k);
        x[6 * static_cast<std::size_t>(k) + 3] = ar(2 * k + 1);
        x[6 * static_cast<std::size_t>(k) + 4] = ai(2 * k);
        x[6 * static_cast<std::size_t>(k) + 5] = ai(2 * k + 1);
    }
}

double max_error(const Problem& q, const std::vector<double>& x) {
    gsl_vector_const_view v = gsl_vector_const_view_array(x.data(), x.size());
    const std::size_t n = q.times->size();
    gsl_vector* f = gsl_vector_alloc(2 * n);
    residuals(&v.vector, const_cast<Problem*>(&q), f);
    double worst = 0.0;
    for (std::size_t j = 0; j < n; ++j) worst = std::max(worst, std::hypot(gsl_vector_get(f, j), gsl_vector_get(f, n + j)));
    gsl_vector_free(f);
    return worst;
}

// One Levenberg–Marquardt run from x (overwritten with the optimum).
void solve(const Problem& q, std::vector<double>& x) {
    const std::size_t n = 2 * q.times->size(), p = x.size();
    gsl_multifit_nlinear_fdf fdf{};
    fdf.f = residuals;
    fdf.df = jacobian;
    fdf.fvv = nullptr;
    fdf.n = n;
    fdf.p = p;
    fdf.params = const_cast<Problem*>(&q);
    gsl_multifit_nlinear_parameters params = gsl_multifit_nlinear_default_parameters();
    // Normal equations by modified Cholesky: p ≤ 6·K unknowns against 2n ≫ p residuals, where a QR
    // of the n × p Jacobian per iteration costs n/p times more; mcholesky stays stable when a
    // sine amplitude's column vanishes (Ω = 0).
    params.solver = gsl_multifit_nlinear_solver_mcholesky;
    gsl_multifit_nlinear_workspace* w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &params, n, p);
    gsl_vector_view start = gsl_vector_view_array(x.data(), p);
    gsl_multifit_nlinear_init(&start.vector, &fdf, w);
    int info = 0;
    // The status (converged, or the iteration limit) does not matter: the error is measured after.
    gsl_multifit_nlinear_driver(1000, 1e-13, 1e-13, 1e-13, nullptr, nullptr, &info, w);
    const gsl_vector* best = gsl_multifit_nlinear_position(w);
    bool finite = true;
    for (std::size_t i = 0; i < p; ++i) finite = finite && std::isfinite(gsl_vector_get(best, i));
    if (finite)
        for (std::size_t i = 0; i < p; ++i) x[i] = gsl_vector_get(best, i);
    gsl_multifit_nlinear_free(w);
}

}  // namespace

std::vector<cd> sampled_correlation(const SpectralDensity& j, double temperature, const std::vector<double>& times) {
    gsl_set_error_handler_off();  // failures come back as status codes (checked)
    const double slope = j.zero_slope();
    if (!std::isfinite(slope) || !(temperature > 0.0))
        throw std::logic_error("sampled_correlation: J̃(0) infinite or T ≤ 0 (callers refuse these baths first)");
    const auto symmetric = [&](double w) {  // J(ω) coth(βω/2) → 2T J̃(0) at ω → 0
        return w <= 0.0 ? 2.0 * temperature * slope : j.value(w) * thermal::coth_half(w, temperature);
    };
    const auto plain = [&](double w) { return w <= 0.0 ? 0.0 : j.value(w); };
    const double magnitude = fourier(symmetric, j, 0.0, false, 1.0);
    std::vector<cd> out;
    out.reserve(times.size());
    for (const double t : times) {
        const double re = fourier(symmetric, j, t, false, magnitude);
        const double im = -fourier(plain, j, t, true, magnitude);
        out.emplace_back(re / (2.0 * M_PI), im / (2.0 * M_PI));
    }
    return out;
}

double inverse_moment(const SpectralDensity& j) {
    gsl_set_error_handler_off();
    const double slope = j.zero_slope();
    const auto f = [&](double w) { return w <= 0.0 ? slope : j.value(w) / w; };
    return fourier(f, j, 0.0, false, 1.0);
}

CorrelationFit fit_damped_oscillations(const std::vector<double>& times, const std::vector<cd>& samples, int terms) {
    if (terms < 1) throw std::logic_error("fit_damped_oscillations: terms < 1 (the config reader refuses it)");
    gsl_set_error_handler_off();
    const double window = times.back();
    Problem q{&times, &samples, terms, std::max(samples.front().real(), std::abs(samples.front()))};
    std::vector<double> best;
    double best_error = HUGE_VAL;
    for (const double detune : {0.0, 0.5}) {  // two starts: pure decays, and damped oscillations
        std::vector<double> x(6 * static_cast<std::size_t>(terms), 0.0);
        for (int k = 0; k < terms; ++k) {
            const double g = 2.0 / window * std::pow(100.0, terms == 1 ? 0.0 : static_cast<double>(k) / (terms - 1));
            x[6 * static_cast<std::size_t>(k)] = std::log(g);
            x[6 * static_cast<std::size_t>(k) + 1] = detune * g;
        }
        linear_amplitudes(q, x);
        solve(q, x);
        const double e = max_error(q, x);
        if (e < best_error) {
            best_error = e;
            best = x;
        }
    }
    CorrelationFit fit;
    fit.error = best_error;
    fit.window = window;
    const cd i(0.0, 1.0);
    for (int k = 0; k < terms; ++k) {
        const double* p = best.data() + 6 * static_cast<std::size_t>(k);
        const cd nu(std::exp(p[0]), -std::abs(p[1]));  // the pair ν = γ ∓ iΩ; sign of Ω folded into b, d
        const double s = p[1] < 0.0 ? -1.0 : 1.0;
        fit.correlation.real_part.push_back({0.5 * (p[2] - i * s * p[3]), nu});
        fit.correlation.real_part.push_back({0.5 * (p[2] + i * s * p[3]), std::conj(nu)});
        fit.correlation.imaginary_part.push_back({0.5 * (p[4] - i * s * p[5]), nu});
        fit.correlation.imaginary_part.push_back({0.5 * (p[4] + i * s * p[5]), std::conj(nu)});
    }
    return fit;
}

CorrelationFit fitted_correlation(const SpectralDensity& density, double temperature,
                                  const CorrelationFitOptions& options) {
    const double window = options.window > 0.0
                              ? options.window
                              : 10.0 * std::max(1.0 / density.frequency_scale(), 1.0 / (2.0 * M_PI * temperature));
    const int n = std::max(options.samples, 6 * options.terms + 2);
    std::vector<double> times(static_cast<std::size_t>(n));
    for (int j = 0; j < n; ++j) {
        const double u = static_cast<double>(j) / (n - 1);
        times[static_cast<std::size_t>(j)] = window * u * u;
    }
    return fit_damped_oscillations(times, sampled_correlation(density, temperature, times), options.terms);
}

}  // namespace openspins
