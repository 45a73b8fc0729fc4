// Method "dicke": N identical spins-1/2 whose Hamiltonian, channels, initial state,
// pulses and observables are all symmetric under permutations of the spins, solved
// exactly in the Dicke basis |j, m⟩ with degeneracies (dicke_basis.hpp).
//
// Supports: collective Hamiltonians (any polynomial in Jx Jy Jz J± J², e.g. ω Jz, a
// drive Ω Jx, one-axis twisting χ Jz², all-pairs zz/xy/heisenberg couplings), local
// emission/absorption/dephasing with the same rate on every spin, collective
// emission/absorption/dephasing, initial states all up/down, identical product
// states, thermal, a Dicke-basis state file (the final state of an earlier dicke run,
// model/dicke_state_file.hpp); pulses on all spins. Anything else is refused by name with a
// pointer to method "exact".
// Storage: populations only (≈ N²/4 reals, chosen automatically when H is diagonal in
// m, the initial state is diagonal, and every pulse is a π pulse about an axis in the
// xy plane or a z rotation) or full blocks (≈ N³/6 complex numbers). CVODE integrates.
// Docs: docs/methods/dicke.md.
#pragma once

#include "openspins/method/method.hpp"

namespace openspins {

class DickeMethod final : public Method {
public:
    [[nodiscard]] std::string name() const override { return "dicke"; }
    void validate(const RunSpec& spec) const override;
    [[nodiscard]] std::size_t memory_estimate(const RunSpec& spec) const override;
    [[nodiscard]] std::string storage_description(const RunSpec& spec) const override;
    [[nodiscard]] bool reads_spin_operators() const override { return false; }
    // Counts only the evolve steps CVODE takes (not those of the rational propagator).
    [[nodiscard]] IntegratorChoice integrator_choice(const RunSpec& spec) const override;
    RunResult run(const RunSpec& spec, const RunControl& control) const override;

    // True when the run keeps ρ diagonal in every |j, m⟩ block (population storage).
    [[nodiscard]] static bool uses_population_storage(const RunSpec& spec);
};

}  // namespace openspins
