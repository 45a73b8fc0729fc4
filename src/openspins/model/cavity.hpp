// An optional single bosonic mode (a cavity) coupled collectively to all spins, as in
// seed 002 (Pirmoradian & Mølmer, PRA 100, 043833 (2019)), eqs. (3)–(4):
//
//   H_total = H_spins + δ a†a + i g (a† J^- − a J^+),    J^- = Σ_i σ^-_i,
//   dρ/dt   = −i[H_total, ρ] + (spin channels) + κ D[a]ρ.
//
// The coupling is the seed's i g Σ_i (σ^-_i c† − σ^+_i c) verbatim (a phase convention:
// a → i a turns it into g (a† J^- + a J^+) without changing any spin observable or
// ⟨a†a⟩). Frame: the seed writes everything in the frame rotating at the spin
// frequency ω_s, where H_spins has no Zeeman term and δ = ω_c − ω_s. Here δ is the mode
// frequency in whatever frame the spin Hamiltonian is written in: the coupling conserves
// a†a + Jz, so a common rotating frame leaves it unchanged, and with a Zeeman term
// H_Z = ±ω Jz the mode–spin detuning is Δ = δ ∓ ω.
//
// Bad-cavity limit (κ ≫ g√N, κ ≫ the spin dynamics): adiabatic elimination of the mode
// gives collective emission Γ D[J^-] with Γ = κ g² / (κ²/4 + Δ²) (seed 002, after eq. (5)),
// plus a collective frequency shift −Δ g²/(κ²/4 + Δ²) J^+J^- that commutes with J² and Jz.
//
// The mode is truncated to the Fock states 0 … n_max; a run stops with an error when the
// probability of |n_max⟩ exceeds top_level_threshold at a recorded time (the truncation
// would then be visible in the results).
#pragma once

namespace openspins {

struct Cavity {
    int n_max = 0;                      // Fock states 0 … n_max
    double detuning = 0.0;              // δ: the mode frequency in the spin Hamiltonian's frame
    double coupling = 0.0;              // g
    double loss = 0.0;                  // κ ≥ 0 (the rate of κ D[a])
    double top_level_threshold = 1e-3;  // largest allowed probability of |n_max⟩
};

}  // namespace openspins
