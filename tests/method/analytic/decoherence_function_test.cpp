// The exact decoherence function G(t) = Γ(t) + iS(t) (seed 000 eqs. 2.36–2.37) against closed
// forms and against the Markovian spectrum of the redfield method.
//
// Closed forms (all from G = ∫_0^t ds ∫_0^s dτ C(τ), C the bath correlation function):
//  * ohmic, exponential cutoff J = αω e^{−ω/ω_c}, bose: expanding coth = 1 + 2Σ_k e^{−kβω},
//      Re G = (α/2π)[½ ln(1 + ω_c²t²) + 2 ln Γ(1 + x) − 2 Re ln Γ(1 + x + iTt)],  x = T/ω_c,
//      Im G = −(α/2π)[ω_c t − arctan(ω_c t)]  (any T);
//  * Drude–Lorentz J = 2λω_Dω/(ω² + ω_D²), bose: Im G = −(λ/2)[t − (1 − e^{−ω_D t})/ω_D]
//    (an algebraic tail: exercises the semi-infinite Fourier quadrature);
//  * classical Lorentzian J = a·2τ_c/(1 + ω²τ_c²) (seed 003 eq. 69, C(τ) = a e^{−|τ|/τ_c}):
//      Re G = aτ_c[t − τ_c(1 − e^{−t/τ_c})], Im G = 0 (Kubo–Anderson / Ornstein–Uhlenbeck).
// Tolerance 1e-8 relative: the quadratures ask for 1e-10; the closed forms are evaluated with
// GSL's complex log-gamma (1e-15).
#include "openspins/method/analytic/decoherence_function.hpp"

#include <gsl/gsl_sf_gamma.h>
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "openspins/errors.hpp"
#include "openspins/model/bath/drude_lorentz_density.hpp"
#include "openspins/model/bath/form_factor_density.hpp"
#include "openspins/model/bath/lorentzian_density.hpp"
#include "openspins/model/bath/power_law_density.hpp"
#include "openspins/model/bath/tabulated_density.hpp"

using namespace openspins;
using openspins::analytic::DecoherenceFunction;

namespace {

constexpr double relative_tolerance = 1e-8;

double re_log_gamma(double x, double y) {
    gsl_sf_result lnr, arg;
    gsl_sf_lngamma_complex_e(x, y, &lnr, &arg);
    return lnr.val;
}

void expect_relative(double value, double expected, double tolerance, const std::string& what) {
    EXPECT_NEAR(value, expected, tolerance * std::abs(expected) + 1e-300) << what;
}

}  // namespace

TEST(DecoherenceFunction, OhmicExponentialCutoffMatchesTheClosedFormAtAllTemperaturesAndTimes) {
    const double alpha = 0.05, wc = 5.0;
    for (double T : {0.0, 0.5, 2.0, 1000.0}) {
        const DecoherenceFunction g(
            BathSpectrum(std::make_shared<PowerLawDensity>(alpha, 1.0, wc, 1), T, ThermalTreatment::bose));
        for (double t : {1e-3, 0.05, 0.3, 1.0, 5.0, 40.0, 300.0, 2000.0, 1e6}) {
            const auto value = g(t);
            double re = 0.5 * std::log1p(wc * wc * t * t);
            if (T > 0.0) re += 2.0 * re_log_gamma(1.0 + T / wc, 0.0) - 2.0 * re_log_gamma(1.0 + T / wc, T * t);
            re *= alpha / (2.0 * M_PI);
            const double im = -alpha / (2.0 * M_PI) * (wc * t - std::atan(wc * t));
            const std::string at = "T=" + std::to_string(T) + " t=" + std::to_string(t);
            expect_relative(value.real(), re, relative_tolerance, "Re G " + at);
            expect_relative(value.imag(), im, relative_tolerance, "Im G " + at);
        }
    }
}

TEST(DecoherenceFunction, DrudeLorentzPhaseMatchesTheClosedForm) {
    const double lambda = 0.2, wd = 2.0;
    const DecoherenceFunction g(
        BathSpectrum(std::make_shared<DrudeLorentzDensity>(lambda, wd), 0.3, ThermalTreatment::bose));
    // t = 1e-8: Im G = −λω_Dt²/4 is ~1e-18 while the pieces of the quadrature beyond ω₀ are far
    // larger — kept apart by integrating the full kernel up to ω₀ = 4π/t; t = 1e6: ω₀ = 1.3e-5.
    for (double t : {1e-8, 0.01, 0.5, 3.0, 50.0, 500.0, 1e6}) {
        const double im = -0.5 * lambda * (t + std::expm1(-wd * t) / wd);
        expect_relative(g(t).imag(), im, relative_tolerance, "t=" + std::to_string(t));
    }
}

TEST(DecoherenceFunction, ClassicalLorentzianIsTheOrnsteinUhlenbeckResult) {
    const double a = 0.7, tc = 0.4;
    const DecoherenceFunction g(
        BathSpectrum(std::make_shared<LorentzianDensity>(a, tc), 1.0, ThermalTreatment::classical));
    for (double t : {0.01, 0.2, 1.0, 10.0, 200.0}) {
        const auto value = g(t);
        const double re = a * tc * (t + tc * std::expm1(-t / tc));
        expect_relative(value.real(), re, relative_tolerance, "t=" + std::to_string(t));
        EXPECT_EQ(value.imag(), 0.0);
    }
}

// Seed 000's ohmic form factor with a Gaussian cutoff (n = 0, m = 2): the transients decay
// like e^{−t²/8} and e^{−2πTt}, so by t = 30 the slopes are the Markovian ones to quadrature
// accuracy: d Re G/dt = γ(0)/2 = T J̃(0)/2 (so ϰ² Re G → t γ_cons, eq. 3.3) and
// d Im G/dt = S(0), the Lamb shift BathSpectrum computes by principal-value quadrature
// (an independent code path). Central differences with h = 0.5 (the third derivative is
// negligible there); tolerance 1e-7 relative (1e-10 on G ~ 10 amplified by t/h).
TEST(DecoherenceFunction, LongTimeSlopesAreTheMarkovianRateAndLambShift) {
    const double A = 0.1;
    for (double T : {0.2, 0.5, 2.0}) {
        const BathSpectrum spectrum(std::make_shared<FormFactorDensity>(0, 2, A), T, ThermalTreatment::bose);
        const DecoherenceFunction g(spectrum);
        const double rate = g.markov_decay_rate();
        EXPECT_NEAR(rate, T * M_PI * A / 2.0, 1e-15);  // J̃(0) = πA (eq. 2.14)
        const double shift = spectrum.lamb_shift(0.0);
        for (double t : {30.0, 60.0}) {
            const double h = 0.5;
            const auto slope = (g(t + h) - g(t - h)) / (2.0 * h);
            expect_relative(slope.real(), rate, 1e-7, "d Re G/dt T=" + std::to_string(T) + " t=" + std::to_string(t));
            expect_relative(slope.imag(), shift, 1e-7, "d Im G/dt T=" + std::to_string(T) + " t=" + std::to_string(t));
        }
        // The phase's offset: Im G − t S(0) → (1/2π)∫J sin(ωt)/ω² → J̃(0)/4 = πA/4.
        expect_relative(g(60.0).imag() - 60.0 * shift, M_PI * A / 4.0, 1e-7, "Im G offset T=" + std::to_string(T));
    }
}

// Small t: Re G = (1/π)∫γ_s (1 − cos ωt)/ω² = ½t²(1/π)∫γ_s − t⁴/24 (1/π)∫γ_s ω² + …: the
// decay starts quadratically (slower than the Markovian t γ(0)/2, which has no memory).
TEST(DecoherenceFunction, ShortTimesAreQuadraticAndSlowerThanMarkovian) {
    const BathSpectrum spectrum(std::make_shared<FormFactorDensity>(0, 2, 0.1), 0.5, ThermalTreatment::bose);
    const DecoherenceFunction g(spectrum);
    const double curvature = g.short_time_curvature();
    // (1/π)∫ J coth(βω/2)/2 dω for J = πA ω e^{−2ω²}: positive and finite.
    EXPECT_GT(curvature, 0.0);
    for (double t : {1e-3, 1e-2}) {
        const double ratio = g(t).real() / (curvature * t * t);
        // Next term relative −t²⟨ω²⟩/12 with ⟨ω²⟩ ≲ 1 for this J: below t² in size.
        EXPECT_NEAR(ratio, 1.0, t * t) << t;
        EXPECT_LT(ratio, 1.0) << t;
    }
    for (double t : {0.01, 0.1, 0.5, 1.0}) EXPECT_LT(g(t).real(), t * g.markov_decay_rate()) << t;
}

// Sub-ohmic J = αω_c^{1−s}ω^s e^{−ω/ω_c} at T > 0: γ(0) is infinite (no Markovian limit), but G is
// finite; for t ≫ 1/T, 1/ω_c the classical low-frequency part γ_s ≈ TJ/ω dominates and
//   Re G → (Tαω_c^{1−s}/π) t^{2−s} C(s),  C(s) = ∫_0^∞ x^{s−3}(1 − cos x) dx = −Γ(s − 2) cos(π(s − 2)/2),
// faster than linear. Corrections are O(1/(ω_c t)): asserted to 1e-3 at t = 1e3, 1e-4 at t = 1e4
// (s = 0.5; observed 2.8e-4, 2.9e-5).
TEST(DecoherenceFunction, SubOhmicDephasingIsSuperlinearAtFiniteTemperature) {
    const double alpha = 0.1, s = 0.5, wc = 5.0, T = 0.5;
    const DecoherenceFunction g(
        BathSpectrum(std::make_shared<PowerLawDensity>(alpha, s, wc, 1), T, ThermalTreatment::bose));
    EXPECT_THROW((void)g.markov_decay_rate(), ModelError);
    const double c = -std::tgamma(s - 2.0) * std::cos(M_PI * (s - 2.0) / 2.0);
    for (double t : {1e3, 1e4}) {
        const double asymptote = T * alpha * std::pow(wc, 1 - s) / M_PI * std::pow(t, 2 - s) * c;
        EXPECT_NEAR(g(t).real() / asymptote, 1.0, t >= 1e4 ? 1e-4 : 1e-3) << t;
    }
}

// A tabulated J (finite upper limit: QAWO on [ω₀, table end] instead of QAWF on [ω₀, ∞)):
// αωe^{−(ω/ω_c)²} tabulated at 4001 points on [0, 40] against the same density given as a formula
// (the semi-infinite path, checked above). A table fixes J̃(0) by its first interval, J(h)/h =
// α e^{−h²/ω_c²} (4e-6 low here), which sets the long-time slope: tolerance 1e-5 relative
// (observed 7e-7 at t = 300).
TEST(DecoherenceFunction, TabulatedDensityUsesTheFiniteRange) {
    const double alpha = 0.05, wc = 5.0, T = 0.5;
    std::vector<double> omega, values;
    for (int k = 0; k <= 4000; ++k) {
        omega.push_back(0.01 * k);
        values.push_back(alpha * omega.back() * std::exp(-std::pow(omega.back() / wc, 2)));
    }
    const DecoherenceFunction table(
        BathSpectrum(std::make_shared<TabulatedDensity>(omega, values), T, ThermalTreatment::bose));
    const DecoherenceFunction formula(
        BathSpectrum(std::make_shared<PowerLawDensity>(alpha, 1.0, wc, 2), T, ThermalTreatment::bose));
    for (double t : {0.05, 1.0, 20.0, 300.0}) {
        expect_relative(table(t).real(), formula(t).real(), 1e-5, "Re G t=" + std::to_string(t));
        expect_relative(table(t).imag(), formula(t).imag(), 1e-5, "Im G t=" + std::to_string(t));
    }
}
