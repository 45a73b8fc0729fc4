// Method "heom": hierarchical equations of motion for N spins coupled through [[coupling]]
// operators to bosonic [[bath]]es (Drude–Lorentz or underdamped Brownian spectral densities),
// exact for the spin–boson model up to the truncation of the hierarchy (depth) and of the
// correlation function's exponential expansion (terms). Same run file as `redfield`.
//
//   ρ(t) = ρ_0(t) of the hierarchy in hierarchy_generator.hpp, ρ_n(0) = ρ(0)·δ_{n,0}
//   (a factorised initial state: the baths start in their thermal states).
//
// Storage: M = C(K + depth, depth) auxiliary density operators, each a dense 2^N × 2^N matrix
// (complex, not Hermitian), integrated by CVODE as 2·M·4^N reals. The memory is estimated
// before allocating (the error names the largest depth that fits). N ≤ 6 (operators are built as
// dense 2^N matrices once, then applied as lists of their non-zero entries).
//
// Convergence: unless [method] convergence_check = "none", the protocol is run a second time
// with depth + 1 ("depth") or one more expansion term per bath ("terms"); the largest difference
// of any observable at any output time is recorded (notes heom.convergence_*) and a warning
// (heom.warning) is issued when it exceeds convergence_tolerance. The first run is the result.
// Pulses act on every ADO as ρ_n → R ρ_n R† (the unitary acts on the system only). No steady state.
#pragma once

#include "openspins/method/method.hpp"

namespace openspins {

class HeomMethod final : public Method {
public:
    static constexpr int max_spins = 6;

    [[nodiscard]] std::string name() const override { return "heom"; }
    void validate(const RunSpec& spec) const override;
    [[nodiscard]] std::size_t memory_estimate(const RunSpec& spec) const override;
    [[nodiscard]] std::string storage_description(const RunSpec& spec) const override;
    [[nodiscard]] IntegratorChoice integrator_choice(const RunSpec& spec) const override;
    RunResult run(const RunSpec& spec, const RunControl& control) const override;
};

}  // namespace openspins
