// Seed 000's second-order (resonance) theory for the model of resonance_model.hpp: the
// quantities (2.15)–(2.19), (2.28), the single-spin dynamics of Theorem 2.1 and the
// magnetization of §3, in openspins' conventions (docs/methods/resonance.md has the mapping and
// every deviation from the printed equations, with derivations).
//
// Conventions: ħ = k_B = 1; H_S = −Σ ω_n S^z_n, |↑⟩ = (1, 0)ᵀ the ground state; [ρ]_11 = ⟨↑|ρ|↑⟩,
// [ρ]_21 = ⟨↓|ρ|↑⟩ = ⟨S^+⟩; for a coupling g A ⊗ B to a bath with rate function γ(ω) and Lamb
// shift S(ω) (model/bath/bath_spectrum.hpp, ω = energy the spin loses):
//   b_j   = Σ_exchange (g²/4) γ(ω_j)        emission ↓ → ↑      (2.15): ¼ e^{βω}/(e^{βω} − 1) g² J(ω) for bose
//   b_j c_j = Σ_exchange (g²/4) γ(−ω_j)     absorption ↑ → ↓    (2.16): c = e^{−βω} for one temperature
//   X_j   = Σ_exchange (g²/4)(S(ω_j) − S(−ω_j))                 (2.18), GSL QAWC (BathSpectrum::lamb_shift)
//   Y_j   = ½ b_j(1 + c_j) + Σ_conserving (g²/2) γ(0)          (2.19): γ(0) = T J̃(0) for bose
//   a_jl  = Σ_shared baths ϰ_j ϰ_l S(0)                          (2.28) (S(0) = −½∫|f|²/|p| d³p)
// Theorem 2.1 (corrected sign of X, see the doc):
//   [ρ_t]_11 = p_eq + e^{−b(1+c)t}([ρ_0]_11 − p_eq),   p_eq = 1/(1 + c)
//   [ρ_t]_21 = e^{−i(ω_j + X_j)t − Y_j t} C_j(N, t) [ρ_0]_21,   C_j = Π_{l≠j} F_jl(t) (two_level_factor.hpp).
#pragma once

#include <complex>
#include <string>
#include <utility>
#include <vector>

#include "openspins/method/resonance/resonance_model.hpp"
#include "openspins/method/resonance/two_level_factor.hpp"
#include "openspins/model/bath/bath_spectrum.hpp"

namespace openspins::resonance {

struct SpinQuantities {
    double omega = 0.0;        // bare ω_j
    double emission = 0.0;     // b_j (2.15)
    double absorption = 0.0;   // b_j c_j
    double c = 0.0;            // c_j (2.16): absorption / emission (e^{−βω_j} for bose at one T)
    double X = 0.0;            // (2.18)
    double Y = 0.0;            // (2.19)
    double gamma_relax = 0.0;  // (3.1) = b_j(1 + c_j)
    double gamma_cons = 0.0;   // (3.3)
    double p_eq = 1.0;         // equilibrium [ρ]_11 = 1/(1 + c_j) (2.20)
    [[nodiscard]] double z_beta(double beta) const;  // (2.17), for the docs' tables
};

class ResonanceTheory {
public:
    explicit ResonanceTheory(ResonanceModel model);

    [[nodiscard]] int size() const { return static_cast<int>(model_.spins.size()); }
    [[nodiscard]] const ResonanceModel& model() const { return model_; }
    [[nodiscard]] const SpinQuantities& spin(int j) const { return q_[static_cast<std::size_t>(j)]; }
    // a_jl of (2.28) with the product of the two spins' collective conserving couplings.
    [[nodiscard]] double a(int j, int l) const;
    // The factor F_jl of C_j (spin l's influence on spin j).
    [[nodiscard]] TwoLevelFactor factor(int j, int l) const;

    // C_j(N, t) (2.25) and d/dt ln C_j.
    [[nodiscard]] std::complex<double> C(int j, double t) const;
    [[nodiscard]] std::complex<double> log_derivative_C(int j, double t) const;
    // lim_{t→∞} |C_j(N, t)|: 0 when a factor decays (Im z_slow > 0), 1 when none has a phase
    // (a = 0); NaN when a factor oscillates for ever (no exchange coupling on spin l, b = 0, and
    // 0 < p_↑ < 1): then there is no limit.
    [[nodiscard]] double C_abs_limit(int j) const;
    // The t → ∞ state of spin j as ([ρ]_11, [ρ]_21): (p_eq, 0), the Gibbs state (2.20), when spin j
    // has an exchange coupling; the initial population otherwise; the coherence is NaN when it
    // does not decay (Y_j = 0 and |C_j| does not tend to 0 with [ρ_0]_21 ≠ 0).
    [[nodiscard]] std::pair<double, std::complex<double>> stationary(int j) const;
    // Theorem 2.1: the single-spin state at t, as ([ρ]_11, [ρ]_21).
    [[nodiscard]] double population_up(int j, double t) const;
    [[nodiscard]] std::complex<double> coherence21(int j, double t) const;

    // The slowest coherence eigenvalue of spin j's sector of the second-order generator,
    // λ = −i(ω_j + X_j) − Y_j + i Σ_{l≠j} z_slow,jl (Proposition 4.1, (4.19)); −Re λ = 1/T2,j(∞).
    [[nodiscard]] std::complex<double> slowest_coherence_eigenvalue(int j) const;

    // Every eigenvalue of spin j's coherence sector (the 2^{N−1} elements ⟨↓_j σ|ρ|↑_j σ⟩), (4.19):
    // λ = −i(ω_j + X_j) − Y_j + i Σ_{l≠j} z^{s_l}_jl, one sign s_l ∈ {+, −} per other spin (the
    // eigenvalues iz^± of each factor's 2×2 matrix M). Spins with identical factors are grouped: a
    // group of `count` spins with k of them on z^+ gives one eigenvalue of multiplicity C(count, k).
    // Sorted slowest first; coherence_mode_count(j) = Π(count + 1) distinct values (saturating at
    // SIZE_MAX), and coherence_eigenvalues throws std::length_error above `limit` of them.
    struct CoherenceMode {
        std::complex<double> eigenvalue;
        double multiplicity = 1.0;
        std::vector<int> plus;  // per factor group of spin j: how many of its spins are on z^+
    };
    [[nodiscard]] std::size_t coherence_mode_count(int j) const;
    [[nodiscard]] std::vector<CoherenceMode> coherence_eigenvalues(int j, std::size_t limit) const;
    // The factor groups of spin j (identical F_jl evaluated once): one spin l of each, and the count.
    [[nodiscard]] std::vector<std::pair<int, int>> factor_groups(int j) const;

private:
    struct Group {  // identical factors of C_j, evaluated once
        TwoLevelFactor factor;
        int count;
        int spin;  // one spin l of the group
    };
    ResonanceModel model_;
    std::vector<BathSpectrum> spectra_;
    std::vector<SpinQuantities> q_;
    std::vector<double> s0_;                 // S_b(0) of each bath (0 when unused)
    std::vector<std::vector<Group>> groups_;  // per spin j: the distinct factors F_jl, l ≠ j
};

// Magnetization of a species A (§3.2): (3.19)–(3.25), each spin of A represented by its first spin.
//   d⟨S_A^−⟩/dt = (−Γ_A(t) + iB_A(t))⟨S_A^−⟩,   Γ_A = Y_A − Re d/dt ln C_A,   B_A = ω_A + X_A − Im d/dt ln C_A
// (seed (3.15)–(3.17) and (3.22)–(3.24) with ⟨S^−⟩ ∝ e^{+iωt}: see the doc for the sign).
struct SpeciesMagnetization {
    std::string name;
    int first_spin = 0;
    int count = 0;
    [[nodiscard]] double gamma(const ResonanceTheory& theory, double t) const;  // Γ_A(t) = 1/T2,A(t)
    [[nodiscard]] double field(const ResonanceTheory& theory, double t) const;  // B_A(t)
    [[nodiscard]] double gamma_infinity(const ResonanceTheory& theory) const;  // (3.25) = 1/T2,A(∞)
    [[nodiscard]] double field_infinity(const ResonanceTheory& theory) const;  // B_A(∞)
};
std::vector<SpeciesMagnetization> species_magnetizations(const ResonanceTheory& theory);

}  // namespace openspins::resonance
