// Seed 000's form-factor family (assumption (C), eqs. 2.13–2.14), in its dimensionless
// units (wave vectors in units of ω_0/c, so r = |k| = ω):
//
//   h(r, Σ) = r^p e^{−r^m} h'(Σ),  p = −1/2 + n (n = 0, 1, 2, …), m ∈ {1, 2},
//   J_h(ω) = π ω² ∫_{S²} |h(ω, Σ)|² dΣ = π A ω^{1+2n} e^{−2ω^m},   A = ∫_{S²} |h'|² dΣ,
//   J̃_h(0) = lim_{ω→0+} J_h(ω)/ω = π A for n = 0, 0 for n ≥ 1.
//
// n = 0 is ohmic, n = 1 super-ohmic (ω³). A = 4π for an isotropic h' = 1.
// `scale` multiplies ω_0 back in: J(ω) = π A ω_0 (ω/ω_0)^{1+2n} e^{−2(ω/ω_0)^m} (ω_0 = 1
// reproduces the seed).
#pragma once

#include "openspins/model/bath/spectral_density.hpp"

namespace openspins {

class FormFactorDensity final : public SpectralDensity {
public:
    // Throws ModelError unless n ≥ 0, m ∈ {1, 2}, A ≥ 0, ω_0 > 0.
    FormFactorDensity(int n, int m, double angular_integral, double omega0 = 1.0);
    [[nodiscard]] double value(double omega) const override;
    [[nodiscard]] double zero_slope() const override;
    [[nodiscard]] double at_zero() const override { return 0.0; }
    [[nodiscard]] double frequency_scale() const override { return omega0_; }
    [[nodiscard]] std::string describe() const override;
    // The radial |h(r)|² r² integrand's weight: ∫_{S²}|h(r,Σ)|² dΣ = J(r) / (π r²).
    [[nodiscard]] int n() const { return n_; }
    [[nodiscard]] int m() const { return m_; }

private:
    int n_;
    int m_;
    double angular_integral_;
    double omega0_;
};

}  // namespace openspins
