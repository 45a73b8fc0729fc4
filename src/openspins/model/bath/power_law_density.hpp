// Ohmic, sub-ohmic and super-ohmic spectral densities with an exponential cutoff:
//
//   J(ω) = α ω_c^{1−s} ω^s exp(−(ω/ω_c)^m),   ω ≥ 0,
//
// α ≥ 0 dimensionless (the coupling strength is α times the square of the coupling
// constant), s > 0 the exponent (s = 1 ohmic, s < 1 sub-ohmic, s > 1 super-ohmic),
// ω_c > 0 the cutoff frequency, m ∈ {1, 2} (exponential or Gaussian cutoff).
// J̃(0) = lim J/ω = α for s = 1, 0 for s > 1, +∞ for s < 1.
#pragma once

#include "openspins/model/bath/spectral_density.hpp"

namespace openspins {

class PowerLawDensity final : public SpectralDensity {
public:
    // Throws ModelError unless α ≥ 0, s > 0, ω_c > 0, m ∈ {1, 2}.
    PowerLawDensity(double alpha, double exponent, double cutoff, int cutoff_power);
    [[nodiscard]] double value(double omega) const override;
    [[nodiscard]] double zero_slope() const override;
    [[nodiscard]] double at_zero() const override { return 0.0; }
    [[nodiscard]] double frequency_scale() const override { return cutoff_; }
    [[nodiscard]] std::string describe() const override;

private:
    double alpha_;
    double exponent_;
    double cutoff_;
    int cutoff_power_;
};

}  // namespace openspins
