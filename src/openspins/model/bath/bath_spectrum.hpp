// The bath's correlation spectrum seen by the system: from a spectral density J, a
// temperature T and a thermal treatment, the rate function γ(ω) and its one-sided
// transform Γ(ω) = ½γ(ω) + iS(ω).
//
// Sign convention: ω is the energy the *system loses* in a transition (ω > 0 emission
// into the bath, ω < 0 absorption from it). For a coupling A ⊗ B,
//   γ(ω) = ∫ dt e^{iωt} ⟨B(t)B(0)⟩,   Γ(ω) = ∫_0^∞ dt e^{iωt} ⟨B(t)B(0)⟩ = ½γ(ω) + iS(ω),
//   S(ω) = (1/2π) P∫ γ(ω')/(ω − ω') dω'                               (Lamb shift),
// and detailed balance is γ(−ω) = e^{−βω} γ(ω).
//
// Treatments (docs/methods/redfield.md):
//   bose          γ(ω) = J(ω)(1 + n(ω)), γ(−ω) = J(ω) n(ω) for ω > 0; γ(0) = T J̃(0).
//                 J is the bosonic spectral density of seed 000 (φ(h) = 2^{−1/2}∫(h a* + h̄ a),
//                 J_h = πω²∫|h|²dΣ). T = 0 gives γ(ω) = J(ω)·[ω > 0]. Needs J(0) = 0 when T > 0.
//   f_beta        γ(ω) = J(|ω|) f_β(−ω): seed 003's quantum treatment (eqs. 56–62) with J the
//                 symmetrised (classical) density; equals `bose` with J_bose = 2 J tanh(βω/2).
//   schofield     γ(ω) = J(|ω|) e^{βω/2} (seed 003 eq. 70, Bengs–Levitt); needs T > 0.
//   classical     γ(ω) = J(|ω|): infinite temperature, the double commutator of seed 003 eq. 78.
// All of them except `classical` satisfy detailed balance at T.
#pragma once

#include <complex>
#include <string>

#include "openspins/model/bath/spectral_density.hpp"

namespace openspins {

enum class ThermalTreatment { bose, f_beta, schofield, classical };

// "bose" | "f_beta" | "schofield" | "classical"; throws ModelError otherwise.
ThermalTreatment thermal_treatment_from_name(const std::string& name);
std::string to_string(ThermalTreatment treatment);

class BathSpectrum {
public:
    // Throws ModelError for T < 0 or not finite, T = 0 with schofield, or J(0) > 0 with
    // bose at T > 0 (an infinite zero-frequency rate).
    BathSpectrum(SpectralDensityPtr density, double temperature, ThermalTreatment treatment);

    // γ(ω) ≥ 0. Throws ModelError when J is not finite or negative at |ω| or |ω| is
    // outside a table's range.
    [[nodiscard]] double rate(double omega) const;
    // S(ω) by GSL's adaptive Cauchy principal-value quadrature (QAWC) around ω and
    // QAGIU/QAGIL on the tails; relative accuracy ~1e-9. Throws ModelError when the
    // integral does not converge (e.g. schofield with an algebraic tail).
    [[nodiscard]] double lamb_shift(double omega) const;
    // The even and odd parts of γ for ω ≥ 0, [γ(ω) ± γ(−ω)]/2, from their closed forms (no
    // cancellation when n(ω) ≫ 1): bose ½J coth(βω/2), ½J; f_beta J, J tanh(βω/2); schofield
    // J cosh(βω/2), J sinh(βω/2); classical J, 0. Used by the exact pure-dephasing functions.
    [[nodiscard]] double even_rate(double omega) const;
    [[nodiscard]] double odd_rate(double omega) const;
    // Γ(ω) = ½γ(ω) + iS(ω); without_lamb_shift drops S.
    [[nodiscard]] std::complex<double> one_sided(double omega, bool with_lamb_shift = true) const;

    [[nodiscard]] const SpectralDensity& density() const { return *density_; }
    [[nodiscard]] double temperature() const { return temperature_; }
    [[nodiscard]] ThermalTreatment treatment() const { return treatment_; }

private:
    SpectralDensityPtr density_;
    double temperature_;
    ThermalTreatment treatment_;
};

}  // namespace openspins
