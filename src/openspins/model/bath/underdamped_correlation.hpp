// The underdamped Brownian-oscillator correlation function (underdamped_density.hpp) as an
// exponential sum (exponential_correlation.hpp), Matsubara expansion, T = 1/β > 0.
//
// With Ω = √(ω_0² − Γ²/4) (the mode must be underdamped, ω_0 > Γ/2), the poles of J at
// ω = ±Ω ± iΓ/2 give, in library normalisation (½ of QuTiP's),
//
//   C_I(t) = ½ [ iλ²/(4Ω) e^{−(Γ/2 − iΩ)t} − iλ²/(4Ω) e^{−(Γ/2 + iΩ)t} ] = −(λ²/(4Ω)) e^{−Γt/2} sin Ωt,
//   C_R(t) = ½ [ (λ²/(4Ω)) coth(β(Ω + iΓ/2)/2) e^{−(Γ/2 − iΩ)t} + (λ²/(4Ω)) coth(β(Ω − iΓ/2)/2) e^{−(Γ/2 + iΩ)t} ]
//          + ½ Σ_{k=1}^{K} −(2λ²Γ/β) ν_k / (((Ω + iΓ/2)² + ν_k²)((Ω − iΓ/2)² + ν_k²)) e^{−ν_k t},
//   ν_k = 2πk/β,
//
// i.e. QuTiP 4.7's UnderDampedBath(Q, lam = λ, gamma = Γ, w0 = ω_0, T, Nk = K) times ½. The
// first two real exponents share their ν with the two imaginary ones (QuTiP combines them).
// Throws ModelError for T ≤ 0 or ω_0 ≤ Γ/2.
#pragma once

#include "openspins/model/bath/exponential_correlation.hpp"

namespace openspins {

ExponentialCorrelation underdamped_correlation(double coupling, double frequency, double damping, double temperature,
                                               int terms);

}  // namespace openspins
