// Seed 000's model (2.1)–(2.3) read off a RunSpec, for the resonance method.
//
//   H = −Σ_n ω_n S^z_n + Σ_baths H_B + Σ_n S^x_n ⊗ (Σ_b g^x_{b,n} B_b) + Σ_n S^z_n ⊗ (Σ_b g^z_{b,n} B_b)
//
// with S = σ/2, |↑⟩ = (1, 0)ᵀ the ground state of each spin (ω_n > 0; docs/conventions.md), every
// bath either shared (seed 000's collective reservoir φ_c: λ_n = g^x, ϰ_n = g^z) or local with
// independent copies (φ_n: μ_n, ν_n). The run file's `kind = "exchange"` / "Sx" gives g^x,
// `"conserving"` / "Sz" gives g^z (model/bath/environment.hpp). Initial state: a product of
// single-spin states (seed 000 takes unentangled ρ_0 = ⊗ ρ_{S_j}).
//
// Anything else is outside the theory and refused (ModelError, message `resonance_outside_form`,
// naming the offending term, coupling, channel, observable, initial state or protocol step and
// the methods that can take it): spin–spin or transverse Hamiltonian terms, |↑⟩ excited (zeeman
// "+"), S^y or multi-spin coupling operators, correlated local copies, Lindblad channels,
// pulses, scaled protocol steps, multi-spin observables and purity, entangled or mixed initial
// states other than products.
#pragma once

#include <array>
#include <complex>
#include <string>
#include <vector>

#include "openspins/model/run_spec.hpp"

namespace openspins::resonance {

using complex = std::complex<double>;

struct SpinCoupling {
    int bath = 0;         // index into Environment::baths
    double strength = 0;  // g (λ, ϰ, μ or ν of the seed)
};

struct ResonanceSpin {
    double omega = 0.0;  // bare transition frequency e(↓) − e(↑) > 0 of H_S
    std::vector<SpinCoupling> exchange;    // couplings g S^x ⊗ B
    std::vector<SpinCoupling> conserving;  // couplings g S^z ⊗ B
    // Initial single-spin state: [ρ_0]_11 = ⟨↑|ρ|↑⟩ and [ρ_0]_21 = ⟨↓|ρ|↑⟩ = ⟨S^+⟩_0.
    double p_up = 1.0;
    complex rho21{0.0, 0.0};
    int species = 0;  // index into SpinSystem::species()
};

struct ResonanceModel {
    std::vector<ResonanceSpin> spins;
    std::vector<Bath> baths;
    ThermalTreatment thermal = ThermalTreatment::bose;
    std::vector<std::string> species_names;
};

// Throws ModelError (resonance_outside_form) when the spec is outside (2.1)–(2.3).
ResonanceModel resonance_model(const RunSpec& spec);

// The single-spin operator behind an observable of the spec: O = c·1 + Σ_j O_j, each O_j a 2×2
// matrix on spin j (basis ↑, ↓). Throws ModelError for purity and for multi-spin operators.
struct SingleSpinSum {
    complex identity{0.0, 0.0};
    std::vector<std::array<complex, 4>> per_spin;  // [O]_11, [O]_12, [O]_21, [O]_22 for each spin
    bool hermitian = true;
    bool is_trace = false;
};
SingleSpinSum single_spin_sum(const Observable& observable, int spins);

}  // namespace openspins::resonance
