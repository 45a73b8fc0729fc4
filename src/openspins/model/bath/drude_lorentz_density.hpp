// Drude–Lorentz (overdamped Brownian oscillator) spectral density:
//
//   J(ω) = 2 λ ω_D ω / (ω² + ω_D²),   ω ≥ 0,
//
// λ ≥ 0 the reorganisation energy (a frequency), ω_D > 0 the Drude cutoff. Ohmic at
// low frequency with J̃(0) = 2λ/ω_D; algebraic tail J ~ 2λω_D/ω.
#pragma once

#include "openspins/model/bath/spectral_density.hpp"

namespace openspins {

class DrudeLorentzDensity final : public SpectralDensity {
public:
    DrudeLorentzDensity(double reorganisation, double cutoff);  // throws ModelError unless λ ≥ 0, ω_D > 0
    [[nodiscard]] double value(double omega) const override;
    [[nodiscard]] double zero_slope() const override { return 2.0 * lambda_ / cutoff_; }
    [[nodiscard]] double at_zero() const override { return 0.0; }
    [[nodiscard]] double frequency_scale() const override { return cutoff_; }
    [[nodiscard]] std::string describe() const override;

private:
    double lambda_;
    double cutoff_;
};

}  // namespace openspins
