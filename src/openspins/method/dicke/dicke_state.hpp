// Initial states and pulses on the Dicke blocks (storage: dicke_basis.hpp).
//
// Initial states: all up (|N/2, N/2⟩), all down (|N/2, −N/2⟩), identical product
// states ⊗(1 + r·σ)/2 (the diagonal product state with p_↑ = (1+|r|)/2, whose block
// populations are d_j p^{N/2+m} (1−p)^{N/2−m}, then rotated from z to r), thermal
// e^{−H/T}/Z for a collective H (each block weighted by d_j), and a Dicke-basis state
// file (model/dicke_state_file.hpp: the final state of an earlier dicke run).
// Pulses R = exp(−iθ n·J) act in each block as the Wigner rotation D^j = exp(−iθ n·J_j).
// A π pulse about an axis in the xy plane maps |j,m⟩ to a phase times |j,−m⟩ and a
// rotation about z only adds phases, so both keep a diagonal ρ diagonal.
#pragma once

#include <Eigen/Dense>
#include <array>
#include <complex>
#include <string>
#include <vector>

#include "openspins/method/dicke/dicke_basis.hpp"
#include "openspins/model/collective_polynomial.hpp"
#include "openspins/model/density_blocks.hpp"
#include "openspins/model/initial_state.hpp"
#include "openspins/model/protocol.hpp"

namespace openspins::dicke {

// True when the state is diagonal in every |j, m⟩ block (given H at t = 0 for thermal states).
bool initial_is_diagonal(const InitialState& initial, const CollectivePolynomial& hamiltonian);
bool pulse_keeps_diagonal(const Pulse& pulse);

// exp(−iθ n·J_j) on the block 2j = two_j (rows and columns k = j − m; n need not be a unit vector).
Eigen::Matrix<std::complex<double>, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> wigner_rotation(
    int two_j, const std::array<double, 3>& axis, double angle);

// The stored state (reals; populations or full blocks as complex pairs).
std::vector<double> initial_state(const DickeBasis& basis, const InitialState& initial,
                                  const CollectivePolynomial& hamiltonian, bool populations_only);

void apply_pulse(const DickeBasis& basis, const Pulse& pulse, bool populations_only, double* y);

// The Dicke-basis state file at `path` for N spins, checked to be a density matrix
// (finite, Hermitian, unit trace, no negative eigenvalue); throws ModelError naming the file.
DensityBlocks checked_state_file(const std::string& path, int spins);

// The stored state `y` (populations or full blocks) as the blocks ρ^j a state file holds.
DensityBlocks stored_blocks(const DickeBasis& basis, const double* y, bool populations_only);

}  // namespace openspins::dicke
