// A bath spectral density J(ω) on ω ≥ 0: the interface every density implements.
//
// Units and normalisation (docs/conventions.md): ħ = k_B = 1, ω angular. J has the
// dimension of a frequency once multiplied by the square of the coupling strength
// (a coupling g A ⊗ B with dimensionless A gives rates g² J). For a bosonic bath in the
// normalisation of seed 000 (φ(h) = 2^{−1/2}∫(h a* + h̄ a), J_h(ω) = π ω² ∫|h(ω,Σ)|² dΣ)
// the golden-rule emission spectrum of A ⊗ φ(h) is γ(ω) = J(ω)(1 + n(ω)) for ω > 0
// (bath_spectrum.hpp builds it). Densities used with seed 003's thermal treatments
// are the *classical* (symmetrised) spectral density J_cl instead; which reading
// applies is chosen by the thermal treatment, not by the density.
#pragma once

#include <memory>
#include <string>

namespace openspins {

class SpectralDensity {
public:
    virtual ~SpectralDensity() = default;
    // J(ω) for ω ≥ 0 (callers pass |ω|). Must be finite and ≥ 0.
    [[nodiscard]] virtual double value(double omega) const = 0;
    // J̃(0) = lim_{ω→0+} J(ω)/ω (seed 000, eq. 2.14); +∞ when J(0) > 0.
    [[nodiscard]] virtual double zero_slope() const = 0;
    // J(0) = lim_{ω→0+} J(ω).
    [[nodiscard]] virtual double at_zero() const = 0;
    // A frequency beyond which J is negligible or its tail is algebraic: sets the
    // scale of quadratures (cutoff, correlation rate, end of a table).
    [[nodiscard]] virtual double frequency_scale() const = 0;
    // Largest ω where J is defined (+∞ except for tables).
    [[nodiscard]] virtual double upper_limit() const;
    // One line, e.g. "ohmic alpha=0.1 s=1 cutoff=5 m=1", for metadata and tables.
    [[nodiscard]] virtual std::string describe() const = 0;
};

using SpectralDensityPtr = std::shared_ptr<const SpectralDensity>;

}  // namespace openspins
