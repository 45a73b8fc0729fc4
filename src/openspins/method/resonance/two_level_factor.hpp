// One factor of seed 000's C_j(N, t) (2.25): the influence of one other spin l on spin j's coherence.
//
// Derivation (docs/methods/resonance.md): with distinct frequencies (assumption (A)) the elements
// ⟨↓σ|ρ|↑σ⟩ (spin j coherent, every other spin l diagonal in the same σ_l on both sides) form a
// closed set under the second-order (Davies + Lamb shift) generator. Spin l's populations
// (p_↑, p_↓) flip at the rates of its exchange couplings, and the collective energy-conserving
// bath's Lamb-shift term S(0)A_c², A_c = Σ ϰ_n S^z_n, gives the element the phase
// e^{2iS(0)ϰ_jϰ_l s_l t} (s_l = ±½). Per spin l:
//
//   d/dt (p_↑, p_↓)ᵀ = M (p_↑, p_↓)ᵀ,   M = [[−bc + ia, b], [bc, −b − ia]],
//   F(t) = (1, 1) e^{Mt} (p_↑, p_↓)ᵀ,   a = a_{jl} = ϰ_j ϰ_l S(0),
//
// b = emission rate ↓ → ↑ (2.15), bc = absorption rate ↑ → ↓ (c = e^{−βω} (2.16) for one bath
// temperature). The eigenvalues of M are iz^±, z^± of (2.26), and F equals the printed
// (2.25)–(2.27) (checked in tests). Evaluated here in a form regular at b = 0 and c = 0:
//
//   F(t) = e^{τt} [cosh δt + (ia(p_↑ − p_↓) − τ) sinh(δt)/δ],   τ = −(b + bc)/2,
//   δ² = τ² − a² + ia(b − bc).
//
// Seed sign: at b = 0 this is p_↑ e^{iat} + p_↓ e^{−iat}; the seed's text after (2.35) prints
// p e^{−iat} + (1 − p) e^{iat}, while its own (2.25) gives ours (docs/methods/resonance.md).
// Seed (2.28) writes a_l = ϰ_l² S(0); the level-shift operator (4.41)–(4.46) and the derivation
// give ϰ_j ϰ_l S(0), which differs when the couplings differ (species with ϰ_A ≠ ϰ_B).
#pragma once

#include <complex>

namespace openspins::resonance {

class TwoLevelFactor {
public:
    using complex = std::complex<double>;
    // emission b ≥ 0, absorption bc ≥ 0, phase rate a, initial population p_up of |↑⟩.
    TwoLevelFactor(double emission, double absorption, double a, double p_up);

    [[nodiscard]] complex value(double t) const;           // F(t)
    [[nodiscard]] complex log_derivative(double t) const;  // F′(t)/F(t) (d/dt ln D of (3.16)–(3.17))
    [[nodiscard]] complex derivative(double t) const;      // F′(t)

    // (2.26) as printed, with the principal square root.
    [[nodiscard]] complex z_plus() const;
    [[nodiscard]] complex z_minus() const;
    // The one of z^± with the smaller imaginary part: F(t) ∝ e^{i z_slow t} for large t, so
    // d/dt ln F → i z_slow. It is z^- of the seed for a < 0 (the homogeneous case, S(0) < 0), z^+ for a > 0.
    [[nodiscard]] complex z_slow() const;
    // (2.29): min{Im z^+, Im z^-}.
    [[nodiscard]] double decay_rate() const;
    // (2.27) α = 1 + i(z^+ − a)/(bc); needs bc > 0.
    [[nodiscard]] complex alpha() const;
    // (2.25) one factor, literally as printed (with (2.27)); needs bc > 0.
    [[nodiscard]] complex printed_value(double t) const;
    // (2.31) c′ = ln{2 |(1 + cα)/(1 + cα²) (α + p(1 − α))| + 1}; needs bc > 0.
    [[nodiscard]] double c_prime() const;

    [[nodiscard]] double emission() const { return b_; }
    [[nodiscard]] double absorption() const { return bc_; }
    [[nodiscard]] double a() const { return a_; }
    [[nodiscard]] double p_up() const { return p_; }

private:
    double b_, bc_, a_, p_;
    complex tau_, delta_;  // τ and δ = √(δ²) (any branch: F is even in δ)
};

}  // namespace openspins::resonance
