// Method "exact": the full 2^N Hilbert space, ρ evolved under the Lindblad
// generator (lindblad_generator.hpp) with CVODE, or as exp(tL) by a Chebyshev series
// (integrate/chebyshev_propagator.hpp) on each evolve step, where the generator is constant.
//
// Storage: when every evolution step's generator conserves coherence order and the
// initial state and pulses carry only order 0, ρ is kept as its zero-quantum
// blocks (C(2N, N) complex numbers); otherwise as the full matrix (4^N).
// Limits: memory ≈ (integrator vectors + 3) × 16 bytes × stored elements; the run
// is refused beforehand when that exceeds the limit (N ≈ 12–13 on 24 GiB for the
// full matrix, N ≈ 14 for zero-quantum blocks).
#pragma once

#include "openspins/method/method.hpp"

namespace openspins {

namespace exact {
struct PositivityReport;
}

class ExactMethod final : public Method {
public:
    [[nodiscard]] std::string name() const override { return "exact"; }
    void validate(const RunSpec& spec) const override;
    [[nodiscard]] std::size_t memory_estimate(const RunSpec& spec) const override;
    [[nodiscard]] std::string storage_description(const RunSpec& spec) const override;
    // integrate/integrator_choice.hpp's rule, and `auto` takes the Chebyshev propagator where
    // chebyshev_pays() (docs/methods/exact.md, "Integrators").
    [[nodiscard]] IntegratorChoice integrator_choice(const RunSpec& spec) const override;
    RunResult run(const RunSpec& spec, const RunControl& control) const override;
    // The same run, also recording the smallest eigenvalue of ρ at every output time
    // (positivity_monitor.hpp) — for generators that are not completely positive.
    RunResult run(const RunSpec& spec, const RunControl& control, exact::PositivityReport* positivity) const;

    // Which storage the run would use: true for zero-quantum blocks.
    [[nodiscard]] static bool uses_zero_quantum_storage(const RunSpec& spec);
};

}  // namespace openspins
