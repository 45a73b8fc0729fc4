// The physical model every method takes: spins, Hamiltonian, dissipation, initial state.
//
// Master equation (ħ = 1):  dρ/dt = −i[H, ρ] + Σ_channels Σ_k γ_k D[L_k]ρ (+ Σ_sources Tr(ρ)C),
// H = Σ_terms strength · op. Methods choose how to store ρ and apply this.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "openspins/model/bath/environment.hpp"
#include "openspins/model/cavity.hpp"
#include "openspins/model/channel.hpp"
#include "openspins/model/hamiltonian_term.hpp"
#include "openspins/model/initial_state.hpp"
#include "openspins/model/source_term.hpp"
#include "openspins/model/spin_system.hpp"

namespace openspins {

struct BasisFrame;  // basis_frame.hpp

// A jump operator on spins ⊗ mode with its rate: rate · D[op].
struct ModeJump {
    double rate = 0.0;
    SpinModePolynomial op;
};

struct Model {
    SpinSystem spins;
    std::vector<HamiltonianTerm> hamiltonian;
    std::vector<Channel> channels;
    InitialState initial;
    // Inhomogeneous terms Tr(ρ)·C (source_term.hpp); only the redfield method derives them.
    std::vector<SourceTerm> sources;
    // Baths and couplings A ⊗ B the redfield method derives its generator from (empty otherwise).
    Environment environment;
    // A bosonic mode coupled collectively to the spins (model/cavity.hpp; dicke method only).
    std::optional<Cavity> cavity;
    // Set when the operators above (Hamiltonian, channels, sources) and the run's observables are
    // written in another basis (basis_frame.hpp; the redfield method's eigenbasis path); the
    // initial state and pulses stay in the product basis.
    std::shared_ptr<const BasisFrame> frame;

    // H with each term's strength multiplied by scale[name] (default 1).
    [[nodiscard]] SpinOperator hamiltonian_operator(const std::map<std::string, double>& scale = {}) const;
    // Jumps with rates multiplied by scale[channel name]; zero-rate jumps dropped.
    [[nodiscard]] std::vector<Jump> jumps(const std::map<std::string, double>& scale = {}) const;
    // Spins ⊗ mode (model/spin_mode_polynomial.hpp): the parts of H_total that involve the
    // mode — the cavity's built-in δ a†a + g·i(a†J^- − aJ^+) (g × scale["cavity"]) and every
    // Hamiltonian term with a `mode` form (strength × scale[name]) — as one polynomial. The
    // spins-only terms (with a `collective` form) are not included.
    [[nodiscard]] SpinModePolynomial mode_hamiltonian(const std::map<std::string, double>& scale = {}) const;
    // The jumps that involve the mode, rate × D[L]: the cavity's κ(n̄_b + 1)·a and κ n̄_b·a†
    // (dropped at rate 0) and the custom channels with a `mode` form (rate × scale[name]).
    [[nodiscard]] std::vector<ModeJump> mode_jumps(const std::map<std::string, double>& scale = {}) const;
    // True when a Hamiltonian term or a channel has a `mode` form.
    [[nodiscard]] bool has_mode_terms() const;
    // Names of all terms and channels, and "cavity" (its coupling g) when there is one
    // (for validating protocol scale keys).
    [[nodiscard]] std::vector<std::string> term_names() const;
};

}  // namespace openspins
