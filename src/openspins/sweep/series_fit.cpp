#include "openspins/sweep/series_fit.hpp"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit_nlinear.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>

namespace openspins::sweep {

namespace {

// The samples, with times counted from the first (the amplitudes then belong to the window's start).
struct Samples {
    FitModel model;
    std::vector<double> t;
    std::vector<double> y;
};

// Parameter order: exponential (a, s = ln τ, c); damped_cosine (a, b, s, ω, c).
int residuals(const gsl_vector* x, void* data, gsl_vector* f) {
    const auto& q = *static_cast<const Samples*>(data);
    for (std::size_t j = 0; j < q.t.size(); ++j) {
        const double t = q.t[j];
        double model = 0.0;
        if (q.model == FitModel::exponential) {
            const double e = std::exp(-t * std::exp(-gsl_vector_get(x, 1)));
            model = gsl_vector_get(x, 2) + gsl_vector_get(x, 0) * e;
        } else {
            const double e = std::exp(-t * std::exp(-gsl_vector_get(x, 2)));
            const double w = gsl_vector_get(x, 3);
            model = gsl_vector_get(x, 4) +
                    e * (gsl_vector_get(x, 0) * std::cos(w * t) + gsl_vector_get(x, 1) * std::sin(w * t));
        }
        gsl_vector_set(f, j, model - q.y[j]);
    }
    return GSL_SUCCESS;
}

int jacobian(const gsl_vector* x, void* data, gsl_matrix* jac) {
    const auto& q = *static_cast<const Samples*>(data);
    for (std::size_t j = 0; j < q.t.size(); ++j) {
        const double t = q.t[j];
        if (q.model == FitModel::exponential) {
            const double rate = std::exp(-gsl_vector_get(x, 1));  // 1/τ
            const double e = std::exp(-t * rate);
            gsl_matrix_set(jac, j, 0, e);
            gsl_matrix_set(jac, j, 1, gsl_vector_get(x, 0) * e * t * rate);  // ∂/∂ ln τ
            gsl_matrix_set(jac, j, 2, 1.0);
        } else {
            const double rate = std::exp(-gsl_vector_get(x, 2));
            const double e = std::exp(-t * rate);
            const double a = gsl_vector_get(x, 0), b = gsl_vector_get(x, 1), w = gsl_vector_get(x, 3);
            const double c = std::cos(w * t), s = std::sin(w * t);
            gsl_matrix_set(jac, j, 0, e * c);
            gsl_matrix_set(jac, j, 1, e * s);
            gsl_matrix_set(jac, j, 2, e * (a * c + b * s) * t * rate);
            gsl_matrix_set(jac, j, 3, e * t * (-a * s + b * c));
            gsl_matrix_set(jac, j, 4, 1.0);
        }
    }
    return GSL_SUCCESS;
}

// The time by which |y − c| has first fallen to 1/e of |y(0) − c| (the window's length when never).
double one_over_e_time(const Samples& q, double c) {
    const double start = std::abs(q.y.front() - c);
    for (std::size_t j = 1; j < q.t.size(); ++j)
        if (std::abs(q.y[j] - c) <= start / M_E) return q.t[j];
    return q.t.back();
}

// ω from the zero crossings of y − c (linear interpolation between samples); 0 when fewer than two.
double crossing_frequency(const Samples& q, double c) {
    std::vector<double> crossings;
    for (std::size_t j = 1; j < q.t.size(); ++j) {
        const double u = q.y[j - 1] - c, v = q.y[j] - c;
        if ((u < 0.0) != (v < 0.0) && u != v) crossings.push_back(q.t[j - 1] + (q.t[j] - q.t[j - 1]) * u / (u - v));
    }
    if (crossings.size() < 2) return 0.0;
    return M_PI * static_cast<double>(crossings.size() - 1) / (crossings.back() - crossings.front());
}

struct WorkspaceFree {
    void operator()(gsl_multifit_nlinear_workspace* w) const { gsl_multifit_nlinear_free(w); }
};
struct MatrixFree {
    void operator()(gsl_matrix* m) const { gsl_matrix_free(m); }
};

}  // namespace

SeriesFit fit_series(FitModel model, const std::vector<double>& t, const std::vector<double>& y, double frequency_hint) {
    gsl_set_error_handler_off();  // failures come back as status codes (checked)
    SeriesFit out;
    const std::size_t p = model == FitModel::exponential ? 3 : 5;
    if (t.size() != y.size() || t.size() < p + 2) {
        out.failure = "fewer than " + std::to_string(p + 2) + " samples";
        return out;
    }
    Samples q{model, {}, y};
    for (const double time : t) q.t.push_back(time - t.front());
    if (!(q.t.back() > 0.0)) {
        out.failure = "the window has no length";
        return out;
    }
    for (const double v : y)
        if (!std::isfinite(v)) {
            out.failure = "the series holds NaN or infinity";
            return out;
        }
    const auto [low, high] = std::minmax_element(y.begin(), y.end());
    const double scale = std::max(std::abs(*low), std::abs(*high));
    if (!(*high - *low > 1e-12 * scale) || scale == 0.0) {
        out.failure = "the series is constant: nothing decays";
        return out;
    }

    std::vector<double> x(p);
    if (model == FitModel::exponential) {
        const double c = y.back();
        x = {y.front() - c, std::log(one_over_e_time(q, c)), c};
    } else {
        const double mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(y.size());
        const double w = frequency_hint > 0.0 ? frequency_hint : crossing_frequency(q, mean);
        if (!(w > 0.0)) {
            out.failure = "the series does not oscillate (fewer than two crossings of its mean)";
            return out;
        }
        // The envelope's decay between the first and the second half of the window.
        const std::size_t half = y.size() / 2;
        double first = 0.0, second = 0.0;
        for (std::size_t j = 0; j < y.size(); ++j) {
            double& envelope = j < half ? first : second;
            envelope = std::max(envelope, std::abs(y[j] - mean));
        }
        const double span = q.t.back() / 2.0;
        const double tau = second > 0.0 && second < first ? span / std::log(first / second) : 4.0 * q.t.back();
        x = {y.front() - mean, 0.0, std::log(tau), w, mean};
    }

    gsl_multifit_nlinear_fdf fdf{};
    fdf.f = residuals;
    fdf.df = jacobian;
    fdf.fvv = nullptr;
    fdf.n = q.t.size();
    fdf.p = p;
    fdf.params = &q;
    gsl_multifit_nlinear_parameters params = gsl_multifit_nlinear_default_parameters();
    const std::unique_ptr<gsl_multifit_nlinear_workspace, WorkspaceFree> w(
        gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &params, fdf.n, p));
    gsl_vector_view start = gsl_vector_view_array(x.data(), p);
    gsl_multifit_nlinear_init(&start.vector, &fdf, w.get());
    int info = 0;
    const int status = gsl_multifit_nlinear_driver(500, 1e-12, 1e-12, 1e-14, nullptr, nullptr, &info, w.get());
    const gsl_vector* best = gsl_multifit_nlinear_position(w.get());
    for (std::size_t k = 0; k < p; ++k)
        if (!std::isfinite(gsl_vector_get(best, k))) {
            out.failure = "the least-squares iteration diverged";
            return out;
        }
    if (status != GSL_SUCCESS) {
        out.failure = std::string("the least-squares iteration did not converge (") + gsl_strerror(status) + ")";
        return out;
    }
    const std::unique_ptr<gsl_matrix, MatrixFree> covariance(gsl_matrix_alloc(p, p));
    gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(w.get()), 0.0, covariance.get());
    double chi2 = 0.0;
    gsl_blas_ddot(gsl_multifit_nlinear_residual(w.get()), gsl_multifit_nlinear_residual(w.get()), &chi2);
    const double variance = chi2 / static_cast<double>(fdf.n - p);
    const std::size_t log_tau = model == FitModel::exponential ? 1 : 2;
    out.tau = std::exp(gsl_vector_get(best, log_tau));
    out.tau_error = out.tau * std::sqrt(gsl_matrix_get(covariance.get(), log_tau, log_tau) * variance);
    out.offset = gsl_vector_get(best, p - 1);
    out.rms_residual = std::sqrt(chi2 / static_cast<double>(fdf.n));
    if (model == FitModel::damped_cosine) {
        out.frequency = std::abs(gsl_vector_get(best, 3));
        out.frequency_error = std::sqrt(gsl_matrix_get(covariance.get(), 3, 3) * variance);
    }
    out.ok = true;
    return out;
}

}  // namespace openspins::sweep
