// An optional single bosonic mode (a cavity) coupled collectively to all spins.
//
// Built-in coupling, seed 002 (Pirmoradian & Mølmer, PRA 100, 043833 (2019)), eqs. (3)–(4):
//
//   H_total = H_spins + δ a†a + i g (a† J^- − a J^+) + (mode terms),    J^- = Σ_i σ^-_i,
//   dρ/dt   = −i[H_total, ρ] + (spin channels) + κ (n̄_b + 1) D[a]ρ + κ n̄_b D[a†]ρ
//             + (custom channels, whose jumps may contain a, a†).
//
// The built-in part is one case of the general spin–mode terms (spin_mode_polynomial.hpp,
// Model::mode_hamiltonian): δ a†a is the expression "n" at strength δ and the coupling is
// "1j*ad*Jm - 1j*a*Jp" at strength g. Further [[hamiltonian.term]] expressions may contain
// the mode letters a, ad (a†), n (a†a), e.g. the Dicke model without the rotating-wave
// approximation ω0 Jz + ω n + (2λ/√N) (a + a†) Jx. Everything is written in one frame, the
// one the spin Hamiltonian is written in; no frame is implied.
//
// The seed's coupling i g Σ_i (σ^-_i c† − σ^+_i c) is kept verbatim (a phase convention:
// a → i a turns it into g (a† J^- + a J^+) without changing any spin observable or
// ⟨a†a⟩). Frame: the seed writes everything in the frame rotating at the spin
// frequency ω_s, where H_spins has no Zeeman term and δ = ω_c − ω_s. Here δ is the mode
// frequency in whatever frame the spin Hamiltonian is written in: the coupling conserves
// a†a + Jz, so a common rotating frame leaves it unchanged, and with a Zeeman term
// H_Z = ±ω Jz the mode–spin detuning is Δ = δ ∓ ω. (A counter-rotating term has no such
// frame: write it in the laboratory frame.)
//
// Bad-cavity limit (κ ≫ g√N, κ ≫ the spin dynamics, n̄_b = 0): adiabatic elimination of the
// mode gives collective emission Γ D[J^-] with Γ = κ g² / (κ²/4 + Δ²) (seed 002, after eq. (5)),
// plus a collective frequency shift −Δ g²/(κ²/4 + Δ²) J^+J^- that commutes with J² and Jz.
//
// Loss and pumping: κ D[a] at n̄_b = thermal_occupation = 0; a thermal reservoir with mean
// occupation n̄_b gives κ(n̄_b + 1) D[a] + κ n̄_b D[a†] (alone it relaxes the mode to the
// thermal state with ⟨a†a⟩ = n̄_b).
//
// Initial mode state (the spins start in [initial]; ρ(0) = ρ_spins ⊗ ρ_mode):
//   vacuum |0⟩; Fock |n⟩; coherent |α⟩ = e^{−|α|²/2} Σ_n α^n/√(n!) |n⟩ (α complex);
//   thermal Σ_n n̄^n/(n̄+1)^{n+1} |n⟩⟨n| (n̄ = n_thermal).
// The truncated state is renormalised on 0 … n_max; the reader refuses a state whose
// probability on n ≥ n_max exceeds top_level_threshold.
//
// The mode is truncated to the Fock states 0 … n_max; a run stops with an error when the
// probability of |n_max⟩ exceeds top_level_threshold at a recorded time (the truncation
// would then be visible in the results).
#pragma once

#include <complex>
#include <string>
#include <vector>

namespace openspins {

struct Cavity {
    enum class Initial { vacuum, fock, coherent, thermal };

    int n_max = 0;                      // Fock states 0 … n_max
    double detuning = 0.0;              // δ: the mode frequency in the spin Hamiltonian's frame
    double coupling = 0.0;              // g of the built-in i g (a† J^- − a J^+)
    double loss = 0.0;                  // κ ≥ 0
    double thermal_occupation = 0.0;    // n̄_b ≥ 0 of the loss channel's reservoir
    double top_level_threshold = 1e-3;  // largest allowed probability of |n_max⟩
    Initial initial = Initial::vacuum;
    int fock = 0;                          // n of |n⟩ (initial = fock)
    std::complex<double> alpha{0.0, 0.0};  // α (initial = coherent)
    double n_thermal = 0.0;                // n̄ (initial = thermal)
    // Mode columns besides `photons` (⟨a†a⟩), in this order when requested: "a" → a_re, a_im
    // (⟨a⟩); "x" → x, x_var (⟨x⟩ and ⟨x²⟩ − ⟨x⟩², x = (a + a†)/√2, with ⟨x²⟩ = Re⟨a²⟩ + ⟨a†a⟩ + ½);
    // "fock" → pn_0 … pn_<n_max> (the Fock distribution ⟨n|Tr_spins ρ|n⟩); "emitted" →
    // emitted_mode, the photons the loss channel has taken out since t = 0, κ(n̄_b + 1)∫⟨a†a⟩dt
    // (integrated with ρ; the thermal pumping κ n̄_b D[a†] is not subtracted, as the spins'
    // emitted_* counters leave absorption out).
    std::vector<std::string> observables;
    // Write the Fock distribution to fock.csv (t, step, pn_0 … pn_<n_max>) instead of series.csv
    // ([cavity] fock_file; the reader then adds "fock" to observables, and the run command moves
    // the pn_ columns into the file: fock_table).
    bool fock_file = false;
};

// True for the columns of the Fock distribution, pn_<n>.
bool is_fock_column(const std::string& column);

// The result columns of the mode: "photons" and those of `observables`, in their order.
std::vector<std::string> mode_columns(const Cavity& cavity);

// The mode's moments at one output, from which every mode column is computed.
struct ModeMoments {
    double photons = 0.0;                 // ⟨a†a⟩
    std::complex<double> a{0.0}, a2{0.0};  // ⟨a⟩, ⟨a²⟩
    std::vector<double> fock;             // ⟨n|Tr_spins ρ|n⟩, n = 0 … n_max
    double emitted = 0.0;                 // κ(n̄_b + 1)∫⟨a†a⟩dt since t = 0
};

// Appends the values of mode_columns(cavity) to `row`, in that order
// (⟨x⟩ = √2 Re⟨a⟩, ⟨x²⟩ = Re⟨a²⟩ + ⟨a†a⟩ + ½).
void append_mode_values(const Cavity& cavity, const ModeMoments& moments, std::vector<double>& row);

// The initial mode state as a mixture Σ_i w_i |φ_i⟩⟨φ_i| of normalised vectors over the Fock
// states 0 … n_max (one vector for vacuum, Fock and coherent states; the Fock states with
// their Bose weights for a thermal state), renormalised after truncation.
struct ModeMixture {
    std::vector<double> weights;
    std::vector<std::vector<std::complex<double>>> vectors;
    double mass_at_top = 0.0;  // probability on n ≥ n_max before truncation
};
ModeMixture initial_mode_mixture(const Cavity& cavity);

}  // namespace openspins
