// A bath correlation function written as a sum of damped exponentials, the input of the
// hierarchical equations of motion (method/heom/):
//
//   C(t) = ⟨B(t)B(0)⟩ = C_R(t) + i C_I(t),   t ≥ 0,
//   C_R(t) = Σ_k c^R_k e^{−ν^R_k t},   C_I(t) = Σ_k c^I_k e^{−ν^I_k t}.
//
// The real and imaginary parts are kept as separate lists, as QuTiP 4.7's BosonicBath
// (ck_real, vk_real, ck_imag, vk_imag) keeps them; c and ν may be complex (underdamped
// modes come in conjugate pairs) while C_R and C_I are real.
//
// Normalisation (docs/conventions.md, model/bath/spectral_density.hpp): for a spectral
// density J(ω) of the library, ħ = k_B = 1, β = 1/T,
//
//   C(t) = (1/2π) ∫_0^∞ dω J(ω) [coth(βω/2) cos ωt − i sin ωt],
//
// so that ∫dt e^{iωt} C(t) = J(ω)(1 + n(ω)) for ω > 0 — the emission spectrum γ(ω) that
// bath_spectrum.hpp and the redfield method use. QuTiP's correlation for the same J has
// 1/π in front (twice this): a library bath with coupling operator A (strength included)
// is QuTiP's bath with the same J parameters and Q = A/√2.
//
// `terminator` is the Markovian remainder δ of the exponents left out (correlation_terminator.hpp):
// C(t) − Σ ≈ 2δ·δ(t), which adds δ(2QρQ − {Q², ρ}) to every auxiliary density operator.
#pragma once

#include <complex>
#include <vector>

namespace openspins {

struct CorrelationExponent {
    std::complex<double> coefficient;  // c_k
    std::complex<double> rate;         // ν_k, Re ν_k > 0
};

struct ExponentialCorrelation {
    std::vector<CorrelationExponent> real_part;       // C_R(t) = Σ c e^{−νt}
    std::vector<CorrelationExponent> imaginary_part;  // C_I(t) = Σ c e^{−νt}
    // δ, the remainder's weight (0 when none is computed).
    std::complex<double> terminator = 0.0;

    // C(t) = C_R(t) + i C_I(t).
    [[nodiscard]] std::complex<double> value(double t) const {
        std::complex<double> re = 0.0, im = 0.0;
        for (const auto& e : real_part) re += e.coefficient * std::exp(-e.rate * t);
        for (const auto& e : imaginary_part) im += e.coefficient * std::exp(-e.rate * t);
        return re + std::complex<double>(0.0, 1.0) * im;
    }
    // Γ(ω) = ∫_0^∞ e^{iωt} C(t) dt = Σ c^R/(ν^R − iω) + i Σ c^I/(ν^I − iω) (the terminator excluded), and the
    // spectrum it implies, γ(ω) = 2 Re Γ(ω) (C(−t) = C(t)*): bath_spectrum.hpp's γ for the sum of exponentials,
    // ω > 0 emission. Used to check a fit where the system probes it (fitted_correlation.hpp).
    [[nodiscard]] std::complex<double> one_sided(double omega) const {
        const std::complex<double> iw(0.0, omega);
        std::complex<double> re = 0.0, im = 0.0;
        for (const auto& e : real_part) re += e.coefficient / (e.rate - iw);
        for (const auto& e : imaginary_part) im += e.coefficient / (e.rate - iw);
        return re + std::complex<double>(0.0, 1.0) * im;
    }
    [[nodiscard]] double spectrum(double omega) const { return 2.0 * one_sided(omega).real(); }
    // Every coefficient times w (a noise channel's weight, environment.hpp).
    [[nodiscard]] ExponentialCorrelation scaled(double w) const {
        ExponentialCorrelation out = *this;
        for (auto& e : out.real_part) e.coefficient *= w;
        for (auto& e : out.imaginary_part) e.coefficient *= w;
        out.terminator *= w;
        return out;
    }
};

}  // namespace openspins
