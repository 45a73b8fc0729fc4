// An inhomogeneous (source) term of the master equation:
//
//   dρ/dt ∋ Tr(ρ) · C,   C = constant − Σ_k γ_k D[L_k](ρ_ref),   ρ_ref = e^{−H/T_ref}/Z
//
// with H the model's Hamiltonian. Tr ρ = 1 makes the term a constant in value; written with
// Tr ρ it stays linear in ρ, as the integrator's packed form and the steady-state solver need.
// The relaxation part makes the channels {γ_k, L_k} (which must also be among the model's
// channels) relax toward ρ_ref instead of their own fixed point: Σ_k γ_k D[L_k](ρ − Tr(ρ) ρ_ref)
// — seed 003's Abragam form (66). The constant part is Hubbard's first-order thermal term (64).
// C must be traceless (trace preservation); it is Hermitian by construction of both parts.
// Sources are derived by the redfield method (method/redfield/derived_generator.hpp) and applied
// by the exact kernel (method/exact/source_vector.hpp); they are not scaled by protocol steps.
#pragma once

#include <string>
#include <vector>

#include "openspins/model/channel.hpp"

namespace openspins {

struct SourceTerm {
    std::string name;
    SpinOperator constant;               // Hermitian, traceless (possibly empty)
    std::vector<Jump> relaxation;        // the channels relaxing toward ρ_ref (possibly empty)
    double reference_temperature = 0.0;  // T_ref > 0 when relaxation is non-empty
};

}  // namespace openspins
