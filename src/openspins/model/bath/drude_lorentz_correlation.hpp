// The Drude–Lorentz correlation function as an exponential sum (exponential_correlation.hpp).
//
// J(ω) = 2λω_Dω/(ω² + ω_D²) (drude_lorentz_density.hpp), T = 1/β > 0, library normalisation
// C(t) = (1/2π)∫J(coth(βω/2) cos ωt − i sin ωt) dω. The imaginary part is one exponential,
//
//   C_I(t) = −(λω_D/2) e^{−ω_D t},
//
// and the real part is the pole expansion of coth(βω/2) = 2/(βω) + Σ_k 2κ_k βω/((βω)² + ξ_k²)
// (ξ_k, κ_k: see below), which gives
//
//   C_R(t) = (λω_D/2) cot(βω_D/2) e^{−ω_D t} + Σ_{k=1}^{K} 2κ_k λω_D T ν_k/(ν_k² − ω_D²) e^{−ν_k t},
//   ν_k = ξ_k T.
//
//  * Matsubara: ξ_k = 2πk, κ_k = 1 (the exact expansion truncated after K terms).
//  * Padé [K−1/K] (Hu, Xu, Yan, J. Chem. Phys. 134, 244106 (2011)): ξ_k and κ_k from the
//    eigenvalues of two tridiagonal matrices; exact for the first 4K − 1 orders of the
//    high-temperature expansion, so far fewer terms reach a given accuracy.
//
// Both equal QuTiP 4.7's DrudeLorentzBath / DrudeLorentzPadeBath(Q, lam, gamma, T, Nk) with
// lam = λ, gamma = ω_D, Nk = K, times ½ (Q = A/√2; exponential_correlation.hpp). The
// first real and the imaginary exponent share ν = ω_D (QuTiP combines them into one "RI"
// exponent; method/heom/ does the same).
//
// Undefined at T = 0 (infinitely many Matsubara terms) and when some ν_k = ω_D (the
// first term's cot has a pole there): both throw ModelError.
#pragma once

#include "openspins/model/bath/exponential_correlation.hpp"

namespace openspins {

enum class PoleExpansion { matsubara, pade };

ExponentialCorrelation drude_lorentz_correlation(double reorganisation, double cutoff, double temperature, int terms,
                                                 PoleExpansion expansion);

// ξ_k and κ_k (k = 1 … K) of the Bose function's Padé [K−1/K] expansion (κ_k = 1 and
// ξ_k = 2πk for Matsubara), in that order: first the K ξ's, then the K κ's.
struct PoleList {
    std::vector<double> xi, kappa;
};
PoleList bose_poles(int terms, PoleExpansion expansion);

}  // namespace openspins
