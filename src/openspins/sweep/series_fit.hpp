// Fitted time constants of one observable's time series — the fitted scalars of a sweep
// point (a T1 from ⟨Jz⟩, a T2 from ⟨Jx⟩), docs/sweeps.md "Fitted scalars and rates".
//
//   exponential:    y(t) = c + a e^{−t/τ}                         parameters (a, ln τ, c)
//   damped_cosine:  y(t) = c + e^{−t/τ} (a cos ωt + b sin ωt)      parameters (a, b, ln τ, ω, c)
//
// Nonlinear least squares by GSL's multifit_nlinear (trust region, Levenberg–Marquardt,
// analytic Jacobian). τ enters as ln τ so it stays positive. The reported error of τ (and of
// ω) is the 1σ standard error from the covariance at the optimum scaled by the residual
// variance, √(C_kk · χ²/(n − p)): with an integrator's output (no noise) it measures how far
// the curve is from the model — tiny for a true single exponential, large when several
// rates mix. Times are in the run's units (ħ = 1), so τ is in the same units and ω angular.
#pragma once

#include <string>
#include <vector>

namespace openspins::sweep {

enum class FitModel { exponential, damped_cosine };

struct SeriesFit {
    bool ok = false;
    std::string failure;  // why not ok (too few points, no decay, no convergence)
    double tau = 0.0;
    double tau_error = 0.0;
    double frequency = 0.0;  // damped_cosine: ω (angular, ≥ 0)
    double frequency_error = 0.0;
    double offset = 0.0;        // c
    double rms_residual = 0.0;  // √(χ²/n)
};

// Fits `y` at `t` (equal lengths, t increasing). `frequency_hint` > 0 seeds ω for
// damped_cosine; otherwise ω is seeded from the zero crossings of y − mean(y).
[[nodiscard]] SeriesFit fit_series(FitModel model, const std::vector<double>& t, const std::vector<double>& y,
                                   double frequency_hint = 0.0);

}  // namespace openspins::sweep
