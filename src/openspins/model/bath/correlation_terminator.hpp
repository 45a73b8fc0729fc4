// The low-temperature correction ("terminator") of a truncated exponential expansion.
//
// The exponents left out of C(t) = Σ c_k e^{−ν_k t} (exponential_correlation.hpp) decay fast
// (ν_k ≫ the system's frequencies), so their sum acts as a white noise 2δ·δ(t) with
//
//   δ = ∫_0^∞ C(t) dt − Σ_kept c_k/ν_k,
//   ∫_0^∞ C(t) dt = T J̃(0)/2 − (i/2π) ∫_0^∞ J(ω)/ω dω     (library normalisation, T > 0),
//
// (the real part from ∫_0^∞ cos ωt dt = πδ(ω) and J(ω)coth(βω/2) → 2T J̃(0) at ω → 0; the
// imaginary part from ∫_0^∞ sin ωt dt = 1/ω). To second order in this remainder an operator
// coupled as Q ⊗ B gains the Lindblad term
//
//   dρ/dt += −δ [Q, [Q, ρ]] = δ (2QρQ − Q²ρ − ρQ²),
//
// added to every auxiliary density operator. For Drude–Lorentz (J̃(0) = 2λ/ω_D, ∫J/ω = πλ)
// this is QuTiP 4.7's _DrudeLorentzTerminator times ½; the imaginary part vanishes when C_I
// is kept exactly (it is for Drude–Lorentz and underdamped baths).
#pragma once

#include "openspins/model/bath/exponential_correlation.hpp"

namespace openspins {

// δ for `kept` exponents of a bath with J̃(0) = zero_slope and ∫_0^∞ J(ω)/ω dω = inverse_moment.
std::complex<double> terminator_weight(const ExponentialCorrelation& kept, double zero_slope, double inverse_moment,
                                       double temperature);

}  // namespace openspins
