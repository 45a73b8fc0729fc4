// The exact decoherence function of a Gaussian bath coupled through an operator that
// commutes with H_S (pure dephasing): seed 000 eqs. (2.35)–(2.37), any spectrum.
//
// For H = H_S + A ⊗ B + H_B with [A, H_S] = 0 and B Gaussian (a bosonic field linear in
// a, a*, in its thermal state), the second-order cumulant is exact and the z-basis
// elements of the reduced ρ evolve as (a, b basis states, A|a⟩ = A_a|a⟩)
//   ρ_ab(t) = ρ_ab(0) e^{−i(E_a − E_b)t} exp(−(A_a − A_b)² Re G(t) − i(A_a² − A_b²) Im G(t)),
//   G(t) = ∫_0^t ds ∫_0^s dτ C(τ),   C(τ) = ⟨B(τ)B(0)⟩ = (1/2π)∫ γ(ω) e^{−iωτ} dω,
// with γ(ω) the bath's rate function (bath_spectrum.hpp; ω the energy the system loses).
// Splitting γ into γ_s(ω) = [γ(ω) + γ(−ω)]/2 and γ_a(ω) = [γ(ω) − γ(−ω)]/2 (ω ≥ 0):
//   Re G(t) = (1/π) ∫_0^∞ γ_s(ω) (1 − cos ωt)/ω² dω         (decay)
//   Im G(t) = (1/π) ∫_0^∞ γ_a(ω) (sin ωt − ωt)/ω² dω        (phase)
// For the `bose` treatment γ_s = ½J coth(βω/2), γ_a = ½J, and these are seed 000's
// Γ(t) (2.36) and S(t) (2.37) with J = πω²∫|f|²dΣ (docs/conventions.md):
//   Re G = (1/2π)∫ J coth(βω/2)(1 − cos ωt)/ω² dω,  Im G = −(1/2π)∫ J (ωt − sin ωt)/ω² dω.
// Limits: Re G ≈ ½t²·(1/π)∫γ_s for small t; for large t, Re G → t γ(0)/2 + c and
// Im G → t S(0) + c' (the Markovian dephasing rate and Lamb shift of the redfield method).
// At T = 0 (bose) γ(0) = 0 and Re G grows like ln t for an ohmic J. The other treatments
// give the exact result for a Gaussian bath with that γ (classical: γ_a = 0, no phase).
//
// Quadrature (GSL, relative accuracy ~1e-10): [0, ω₀] with ω₀ = min(4π/t, table end) by QAGS
// on the full integrand (octaves beyond 20 ω_scale); beyond ω₀ the non-oscillatory part by
// QAGS/QAGIU and the cos/sin part by QAWO (finite) and QAWF (semi-infinite Fourier), the finite
// stretches in octaves [ω₀, 2ω₀], [2ω₀, 4ω₀], … (the envelopes peak like ω^{−2} at ω₀ ≈ 4π/t).
#pragma once

#include <complex>

#include "openspins/model/bath/bath_spectrum.hpp"

namespace openspins::analytic {

class DecoherenceFunction {
public:
    explicit DecoherenceFunction(BathSpectrum spectrum);

    // G(t) = Re G + i Im G for t ≥ 0. Throws NumericalError when a quadrature fails.
    [[nodiscard]] std::complex<double> operator()(double t) const;
    // lim_{t→∞} d Re G/dt = γ(0)/2 (the Markovian decay rate per (A_a − A_b)²). Throws ModelError
    // when γ(0) is infinite (bose with a sub-ohmic J at T > 0, where Re G itself stays finite).
    [[nodiscard]] double markov_decay_rate() const { return 0.5 * spectrum_.rate(0.0); }
    // ½t²·(1/π)∫γ_s dω: the small-t form of Re G (the equal-time ⟨B²⟩_sym t²/2).
    [[nodiscard]] double short_time_curvature() const;

    [[nodiscard]] const BathSpectrum& spectrum() const { return spectrum_; }

private:
    [[nodiscard]] double symmetric_rate(double omega) const;      // γ_s(ω), ω ≥ 0
    [[nodiscard]] double antisymmetric_rate(double omega) const;  // γ_a(ω), ω ≥ 0
    BathSpectrum spectrum_;
};

}  // namespace openspins::analytic
