// A π pulse about an axis in the xy plane as a map of z-basis states: the only pulses that keep
// the pure-dephasing solution element-wise (analytic_method.hpp).
//
// R = Π_{n ∈ spins} exp(−iθ n·S_n) with θ = ±π (mod 4π) and n_z = 0 is Π_n (−i sin(θ/2)) n·σ_n,
// and n·σ|↑⟩ = (n_x + i n_y)|↓⟩, n·σ|↓⟩ = (n_x − i n_y)|↑⟩. So R|b⟩ = φ(b)|b ⊕ M⟩ with M the mask of
// the pulsed spins (conventions: bit i = 1 is |↓⟩ of spin i) and φ(b) the product of the spins'
// factors, and ρ → RρR† maps ρ_bc to ρ'_{b⊕M, c⊕M} = φ(b) φ(c)* ρ_bc.
#pragma once

#include <optional>

#include "openspins/model/protocol.hpp"
#include "openspins/model/spin_operator.hpp"

namespace openspins::analytic {

struct FlipPulse {
    BasisState mask = 0;
    complex from_up{1.0, 0.0};    // factor of a pulsed spin in |↑⟩ (it goes to |↓⟩)
    complex from_down{1.0, 0.0};  // factor of a pulsed spin in |↓⟩

    // φ(b) of R|b⟩ = φ(b)|b ⊕ mask⟩.
    [[nodiscard]] complex phase(BasisState b) const;
};

// The pulse as a flip, or nothing when it is not a π rotation about an in-plane axis.
std::optional<FlipPulse> flip_pulse(const Pulse& pulse);

}  // namespace openspins::analytic
