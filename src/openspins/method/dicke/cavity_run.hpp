// The dicke method for a model with a cavity mode (model/cavity.hpp): N permutation-
// symmetric spins and one truncated bosonic mode on the blocks |n⟩ ⊗ |j, m⟩
// (cavity_generator.hpp), integrated by CVODE through the shared protocol walk.
//
// Supported: everything the spin-only path accepts for the Hamiltonian and the
// channels, any spin–mode term and custom spin–mode jump (Model::mode_hamiltonian,
// Model::mode_jumps), pulses on all spins (R ⊗ 1_mode), initial spin states of every kind the
// dicke method builds times the initial mode state of [cavity] (vacuum, Fock, coherent,
// thermal; model/cavity.hpp), the spin observables (evaluated on
// the reduced spin state Tr_mode ρ, so `purity` is that of the spins) and the dicke-only
// columns, plus the column `photons` = ⟨a†a⟩; protocol steps may scale the coupling g by
// the name "cavity". Storage: dense blocks (Σ_j ((n_max+1)(2j+1))² complex numbers), meant for
// N ≲ 20, n_max ≲ 20; the integrator holds their Hermitian packing, and only the entries of
// equal parity (−1)^{n+k} of row and column when the model and the initial state allow it
// (cavity_parity.hpp: about half).
// The run stops with a NumericalError naming cavity.n_max when the population of the
// top Fock level exceeds cavity.top_level_threshold at a recorded time.
#pragma once

#include "openspins/method/integrator_choice.hpp"
#include "openspins/method/method.hpp"

namespace openspins::dicke {

// Throws ModelError for what the cavity path does not support (call after the spin checks).
void validate_cavity_run(const RunSpec& spec);
std::size_t cavity_state_reals(const RunSpec& spec);
// The integrator of the density path: CVODE's choice (integrator_choice.hpp), or under "auto" the Chebyshev
// propagator (integrate/chebyshev_propagator.hpp) when no evolve step is interrupted by pulses.
IntegratorChoice cavity_integrator_choice(const RunSpec& spec);
// `allow_parity_blocks` = false keeps the full blocks where the parity blocks would apply (the tests compare
// the two; cavity_parity.hpp, CavityLayout).
std::string cavity_storage_description(const RunSpec& spec, bool allow_parity_blocks = true);
RunResult run_with_cavity(const RunSpec& spec, const RunControl& control, bool allow_parity_blocks = true);

}  // namespace openspins::dicke
