// Instantaneous pulses on a packed ρ: ρ → R ρ R†, R = Π_{i ∈ spins} exp(−i θ n·S_i).
// In the up-first basis exp(−i θ n·σ/2) = cos(θ/2) 1 − i sin(θ/2) [[n_z, n_x − i n_y], [n_x + i n_y, −n_z]].
#pragma once

#include "openspins/method/exact/block_layout.hpp"
#include "openspins/model/basis_frame.hpp"
#include "openspins/model/protocol.hpp"

namespace openspins::exact {

// True when the pulse maps states with coherence order 0 to such states: rotations
// about z, multiples of 2π, and π rotations about an in-plane axis of every spin.
bool preserves_zero_quantum(const Pulse& pulse, int spins);

void apply_pulse(const Pulse& pulse, const SectorBasis& basis, const BlockLayout& layout, complex* rho);

// The same pulse on ρ̃ = V†ρV stored in a frame (model/basis_frame.hpp; dense, O(d³)):
// ρ̃ → V†R(Vρ̃V†)R†V.
void apply_pulse(const Pulse& pulse, const SectorBasis& basis, const BlockLayout& layout, complex* rho,
                 const BasisFrame& frame);

}  // namespace openspins::exact
