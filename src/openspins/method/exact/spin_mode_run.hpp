// The exact method for a model with a bosonic mode (a [cavity] table, model/cavity.hpp): N spins,
// identical or not, and one truncated mode on 2^N ⊗ {|0⟩ … |n_max⟩} (spin_mode_generator.hpp),
// integrated by CVODE through the shared protocol walk.
//
// Accepted: everything the exact method reads for the spins (per-spin frequencies, drives and
// couplings on subsets, per-spin channel rates, custom spin operators, every initial spin state,
// pulses on any spins as R ⊗ 1_mode), the cavity's built-in coupling, loss and thermal pumping,
// the spin–mode terms and custom spin–mode jumps whose spin factors are collective letters (the
// same terms the dicke method takes), the initial mode states of [cavity], and the mode columns
// (`photons`, [cavity] observables "a", "x", "fock", "emitted"). Observables are evaluated on the
// reduced spin state Tr_mode ρ (so `purity` is the spins'). ρ(0) = ρ_spins ⊗ ρ_mode.
// Refused (ModelError): steady_state, sources, a basis frame, mode terms with per-spin factors
// (the reader reports those). The run stops with the dicke path's NumericalError naming
// cavity.n_max when the population of |n_max⟩ exceeds cavity.top_level_threshold at a recorded
// time.
//
// Memory: (vectors of the integrator + 4) × D² complex numbers, D = (n_max + 1)·2^N.
#pragma once

#include <cstddef>
#include <string>

#include "openspins/method/method.hpp"

namespace openspins::exact {

void validate_spin_mode_run(const RunSpec& spec);
std::size_t spin_mode_memory_estimate(const RunSpec& spec);
std::string spin_mode_storage_description(const RunSpec& spec);
RunResult run_spin_mode(const RunSpec& spec, const RunControl& control);

}  // namespace openspins::exact
