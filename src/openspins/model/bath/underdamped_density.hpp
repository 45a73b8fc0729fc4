// Underdamped Brownian-oscillator spectral density (a damped harmonic mode):
//
//   J(ω) = λ² Γ ω / ((ω_0² − ω²)² + Γ² ω²),   ω ≥ 0,
//
// λ the coupling to the mode (λ² has the units of a frequency cubed, so J is a frequency),
// ω_0 > 0 its frequency, Γ > 0 its damping. Ohmic at low frequency, J̃(0) = λ²Γ/ω_0⁴;
// ∫_0^∞ J(ω)/ω dω = πλ²/(2ω_0²). The same formula as QuTiP 4.7's UnderDampedBath(lam, gamma = Γ, w0).
#pragma once

#include "openspins/model/bath/spectral_density.hpp"

namespace openspins {

class UnderdampedDensity final : public SpectralDensity {
public:
    UnderdampedDensity(double coupling, double frequency, double damping);  // ModelError unless λ ≥ 0, ω_0, Γ > 0
    [[nodiscard]] double value(double omega) const override;
    [[nodiscard]] double zero_slope() const override;
    [[nodiscard]] double at_zero() const override { return 0.0; }
    [[nodiscard]] double frequency_scale() const override { return frequency_ + damping_; }
    [[nodiscard]] std::string describe() const override;

    [[nodiscard]] double coupling() const { return coupling_; }
    [[nodiscard]] double frequency() const { return frequency_; }
    [[nodiscard]] double damping() const { return damping_; }

private:
    double coupling_, frequency_, damping_;
};

}  // namespace openspins
