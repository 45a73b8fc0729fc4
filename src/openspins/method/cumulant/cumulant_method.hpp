// Method "cumulant": N identical spins-1/2 by the moments of up to `order` spins
// ([method] order = 1, 2 or 3; 1 = mean field, 2 = pair correlations as in seed 002's
// Appendix, 3 = three-spin correlations), the higher moments closed by setting their joint
// cumulants to zero (cumulant_closure.hpp). The equations are derived from the model at
// run time (moment_equations.hpp); the cost does not grow with N (3, 9, 19 reals).
//
// Supports what the dicke method supports without a state file or a cavity: collective
// Hamiltonians (any polynomial in Jx Jy Jz J± J²), local and collective emission,
// absorption, dephasing with the same rate on every spin, initial product (identical),
// thermal (H = c·Jz), symmetric Dicke (j = N/2) and mixed states, pulses on all spins,
// collective observables and S, emitted_collective, emitted_local, energy.
// Not exact: the closure can leave the physical bounds (⟨σᶻ⟩ outside [−1, 1], ⟨J²⟩ outside
// [0, N/2(N/2+1)]); the run then records a warning with the first time and the size.
// Docs: docs/methods/cumulant.md.
#pragma once

#include "openspins/method/method.hpp"

namespace openspins {

class CumulantMethod final : public Method {
public:
    [[nodiscard]] std::string name() const override { return "cumulant"; }
    void validate(const RunSpec& spec) const override;
    [[nodiscard]] std::size_t memory_estimate(const RunSpec& spec) const override;
    [[nodiscard]] std::string storage_description(const RunSpec& spec) const override;
    [[nodiscard]] bool reads_spin_operators() const override { return false; }
    RunResult run(const RunSpec& spec, const RunControl& control) const override;
};

}  // namespace openspins
