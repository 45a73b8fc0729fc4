// The classical Lorentzian of seed 003 (eq. 69), with an amplitude:
//
//   J_cl(ω) = a · 2 τ_c / (1 + ω² τ_c²),   ω ≥ 0,
//
// τ_c > 0 the correlation time, a ≥ 0 the mean square coupling (ω_rms², or the dipolar
// b² prefactor) in rad²/time², so a·J_cl is a rate. It is even in ω and finite at 0
// (J(0) = 2aτ_c): a *classical* (symmetrised) density, meant for seed 003's thermal
// treatments (f_β, Schofield, semiclassical). With the Bose treatment of seed 000 it
// would give an infinite zero-frequency rate; bath_spectrum.hpp refuses that.
#pragma once

#include "openspins/model/bath/spectral_density.hpp"

namespace openspins {

class LorentzianDensity final : public SpectralDensity {
public:
    LorentzianDensity(double amplitude, double correlation_time);  // throws ModelError unless a ≥ 0, τ_c > 0
    [[nodiscard]] double value(double omega) const override;
    [[nodiscard]] double zero_slope() const override;
    [[nodiscard]] double at_zero() const override { return 2.0 * amplitude_ * tau_; }
    [[nodiscard]] double frequency_scale() const override { return 1.0 / tau_; }
    [[nodiscard]] std::string describe() const override;

private:
    double amplitude_;
    double tau_;
};

}  // namespace openspins
