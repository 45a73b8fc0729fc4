// Does ρ(t) stay positive under a (non-completely-positive) Bloch–Redfield generator?
// For small N and a single evolution step, ρ(t) = exp(𝓛t)ρ_0 is evaluated densely at the
// output times through the eigendecomposition of 𝓛 (generator_spectrum.hpp) and the smallest
// eigenvalue of each ρ(t) is taken (Eigen's SelfAdjointEigenSolver on the Hermitian part).
#pragma once

#include <optional>

#include "openspins/model/run_spec.hpp"

namespace openspins::redfield {

inline constexpr int max_positivity_check_spins = 4;  // 𝓛 is 256 × 256

struct PositivityReport {
    double min_eigenvalue = 0.0;  // smallest eigenvalue of ρ over the output times
    double at_time = 0.0;
};

// nullopt when the check does not apply (N > 4, pulses or several evolve steps).
// `spec` is the spec the kernel integrates (RedfieldMethod::derived_spec).
std::optional<PositivityReport> check_positivity(const RunSpec& spec);

}  // namespace openspins::redfield
