// Seed 004 eqs. (1.29)–(1.31): the limit of the fluctuation observable
//   F_N(A, t) = √N (τ^t_{λ,N}(A_(N)) − μ_S(A(t))),
// to first order in λ (1.29, first term):
//   lim_N ω_N(F_N(A, t)) = iλ ∫_0^t μ_S([G(s), A(t)]) μ_R(B(s)) ds + O(λ³),
// for ONE mode in a coherent state |α⟩: μ_R(B(s)) = (g ᾱ e^{iωs} + ḡ α e^{−iωs})/√2 = √2 Re(ḡ α e^{−iωs}).
// In h's eigenbasis, with W(ν) = ∫_0^t e^{iνs} μ_R(B(s)) ds = [g ᾱ I(ν + ω) + ḡ α I(ν − ω)]/√2,
// I(ν) = ∫_0^t e^{iνs} ds,
//   iλ ∫ μ_S([G(s), A(t)]) μ_R(B(s)) ds = iλ Σ_ab G_ab [A(t)μ_S − μ_S A(t)]_ba W(E_a − E_b),
// which is fluctuation_first_order (any d-level h, G, μ_S, A).
//
// The seed's spin-½ example, h = (ω₀/2)σ^z, G = σ^x, B = φ = (a + a*)/√2, thermal μ_S at T,
// α and A_↑↓ real, printed as
//   (1.30) −4λ ∫_0^t Im μ_S([e^{isω₀}σ⁺, A(t)]) Re(e^{isω_R} α) ds,
//   (1.31) −4λαA_↑↓/(1 + e^{−ω₀/T}) · sin(ω₀t) [sin((ω₀ + ω_R)t)/(ω₀ + ω_R) + sin((ω₀ − ω_R)t)/(ω₀ − ω_R)],
// is wrong in three places (derivation in docs/validation/seed004_mean_field.md):
//  - μ_R(B(s)) = √2 α cos(ωs) for B = φ, not 2α cos(ωs) (the 2 is right for B = a + a*, the Dicke
//    form (2.1)); for complex α the phase is e^{−iωs}α, not e^{iωs}α;
//  - μ_S([σ⁺, A(t)]) = (p_↑ − p_↓) A(t)_↓↑: the thermal factor is p_↓ − p_↑ = tanh(ω₀/2T), not
//    p_↓ = 1/(1 + e^{−ω₀/T}); the fluctuation vanishes as T → ∞ (μ_S → ½𝟙 commutes with everything);
//  - the time integral ∫_0^t sin ω₀(t − s) cos ωs ds = ω₀(cos ωt − cos ω₀t)/(ω₀² − ω²), not
//    ½ sin(ω₀t)[…] (the printed form has frequency 2ω₀ at ω = 0 and is 4× too large at small t).
// Corrected: lim ω_N(F_N) = −2√2 λ g α A_↑↓ tanh(ω₀/2T) ω₀ (cos ωt − cos ω₀t)/(ω₀² − ω²) + O(λ³)
// (g, α, A_↑↓ real; × √2 for B = a + a*).
#pragma once

#include "openspins/method/analytic/mean_field_mode_model.hpp"

namespace openspins::analytic {

// iλ ∫_0^t μ_S([G(s), A(t)]) μ_R(B(s)) ds (closed form above; real for Hermitian A).
[[nodiscard]] std::complex<double> fluctuation_first_order(const MeanFieldModeModel& model, const Eigen::MatrixXcd& A,
                                                           double t);

// (1.31) as printed (B = φ per the seed's text; T = 0 allowed, p_↓ = 1).
[[nodiscard]] double fluctuation_dicke_1_31_printed(double lambda, double alpha, double a_up_down, double omega0,
                                                    double omega, double temperature, double t);
// (1.31) corrected, B = (g a† + g a)/√2 with g, α, A_↑↓ real.
[[nodiscard]] double fluctuation_dicke_1_31(double lambda, double g, double alpha, double a_up_down, double omega0,
                                            double omega, double temperature, double t);

}  // namespace openspins::analytic
