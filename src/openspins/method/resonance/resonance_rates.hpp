// The rates and constants of seed 000's resonance theory for `openspins rates` on a model of
// method "resonance": per species (its first spin stands for the species, §3.2.1–3.2.2), each
// value labelled with the seed's equation number, and for those that are eigenvalues of the
// second-order generator (Davies with Lamb shift, distinct frequencies) the predicted eigenvalue,
// which the rates command sets beside the generator's nearest computed one.
//   population mode of spin j      λ = −γ_relax,j                                  (3.1)
//   slowest coherence of spin j    λ = −i(ω_j + X_j) − Y_j + i Σ_{l≠j} z_slow,jl    (3.25), (4.19)
#pragma once

#include <complex>
#include <optional>
#include <string>
#include <vector>

#include "openspins/model/run_spec.hpp"

namespace openspins::resonance {

struct AnalyticRate {
    std::string label;     // "A: γ_relax = b(1 + c)"
    std::string equation;  // "(3.1)"
    std::complex<double> value;
    std::optional<std::complex<double>> eigenvalue;  // predicted generator eigenvalue, if it is one
};

// Throws ModelError (resonance_outside_form) for a spec outside the theory.
std::vector<AnalyticRate> analytic_rates(const RunSpec& spec);

// The spec whose Davies generator (with Lamb shift) the theory is the second-order solution of.
RunSpec davies_spec(const RunSpec& spec);

}  // namespace openspins::resonance
