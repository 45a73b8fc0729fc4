// A fit of a bath correlation function to damped oscillations, for spectral densities
// without a closed-form exponential expansion (ohmic with a cutoff, form factors, tables, sums):
// the input of method heom for those baths (method/heom/hierarchy_exponents.hpp).
//
// C(t) = (1/2π)∫_0^∞ J(ω)[coth(βω/2) cos ωt − i sin ωt] dω (exponential_correlation.hpp's
// normalisation, ħ = k_B = 1) is sampled by GSL quadrature (QAWF on [0, ∞), QAWO on a table's
// [0, ω_max]) at `samples` times t_j = t_max (j/(samples−1))² (dense where C varies on the
// cutoff's scale) and fitted, real and imaginary parts together, by
//
//   C_R(t) ≈ Σ_{k=1}^{K} e^{−γ_k t} (a_k cos Ω_k t + b_k sin Ω_k t),
//   C_I(t) ≈ Σ_{k=1}^{K} e^{−γ_k t} (c_k cos Ω_k t + d_k sin Ω_k t),        γ_k > 0,
//
// the K rates and frequencies shared by both parts, with GSL's nonlinear least squares
// (gsl_multifit_nlinear, Levenberg–Marquardt trust region, analytic Jacobian; residuals scaled by
// C(0)). Each term is a conjugate pair of exponents, e^{−γt}(a cos Ωt + b sin Ωt) =
// ½(a − ib)e^{−(γ − iΩ)t} + ½(a + ib)e^{−(γ + iΩ)t}, carrying a real and an imaginary coefficient
// with one rate, so the hierarchy has 2K exponents per channel (K when every Ω = 0). The starting
// rates are spread geometrically over [2/t_max, 200/t_max] (with Ω = 0 and Ω = γ/2; the better
// fit is kept) and the starting amplitudes solve the linear least-squares problem at those rates.
//
// Fit error ε = max_j |C_fit(t_j) − C(t_j)| / C_R(0), reported in the heom metadata; method heom
// refuses a fit with ε above [method] fit_tolerance (message heom_fit). t_max defaults to
// 10·max(1/ω_c, 1/(2πT)) (ω_c the density's frequency_scale, 2πT the first Matsubara rate,
// which sets C's long-time decay for densities smooth at ω = 0) — beyond it C is taken as its fit,
// and the terminator (correlation_terminator.hpp) restores ∫_0^∞ C dt. Densities with
// J̃(0) = lim J(ω)/ω infinite (sub-ohmic) have no integrable C_R: refused (heom_spectral_density).
#pragma once

#include <complex>
#include <vector>

#include "openspins/model/bath/exponential_correlation.hpp"
#include "openspins/model/bath/spectral_density.hpp"

namespace openspins {

struct CorrelationFitOptions {
    int terms = 4;          // K damped oscillations (2K exponents)
    double window = 0.0;    // t_max; 0: 10·max(1/ω_c, 1/(2πT))
    int samples = 240;      // fit points
};

struct CorrelationFit {
    ExponentialCorrelation correlation;  // terminator 0 (the caller adds it)
    double error = 0.0;                  // ε, relative to C_R(0)
    double window = 0.0;                 // t_max used
};

// C(t_j) of J at temperature T > 0 by quadrature. J̃(0) must be finite (std::logic_error otherwise:
// callers refuse such baths first); throws NumericalError when a quadrature fails.
std::vector<std::complex<double>> sampled_correlation(const SpectralDensity& density, double temperature,
                                                      const std::vector<double>& times);

// ∫_0^∞ J(ω)/ω dω (the imaginary part of ∫C dt, for the terminator) by quadrature.
double inverse_moment(const SpectralDensity& density);

// The fit of given samples (times ascending from 0, C_R(0) > 0) with K terms.
CorrelationFit fit_damped_oscillations(const std::vector<double>& times,
                                       const std::vector<std::complex<double>>& samples, int terms);

// Samples J's correlation and fits it (options above).
CorrelationFit fitted_correlation(const SpectralDensity& density, double temperature,
                                  const CorrelationFitOptions& options);

}  // namespace openspins
