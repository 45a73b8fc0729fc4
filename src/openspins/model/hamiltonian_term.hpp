// One named term of the system Hamiltonian: strength × a Hermitian operator.
//
// The operator is stored at unit strength; a protocol step may scale the
// strength by name (switching a drive or a coupling on and off). Built-in kinds
// and their operators (S = σ/2, J the coupling constant, Ω the Rabi frequency):
//   zeeman      sign · Σ_i ω_i S^z_i       (sign = +1: |↑⟩ excited; −1: seed 000)
//   drive       Σ_i (Ω_x S^x_i + Ω_y S^y_i) (Ω is the Rabi frequency)
//   zz          J Σ_pairs S^z_i S^z_j
//   xy          J Σ_pairs (S^x_i S^x_j + S^y_i S^y_j)
//   heisenberg  J Σ_pairs S_i · S_j
//   custom      the operator expression as written; with the mode letters a, ad, n
//               (model/spin_mode_polynomial.hpp) it is a spin–mode term: `mode` holds
//               it, `op` and `collective` stay empty
#pragma once

#include <optional>
#include <string>

#include "openspins/model/collective_polynomial.hpp"
#include "openspins/model/spin_mode_polynomial.hpp"
#include "openspins/model/spin_operator.hpp"

namespace openspins {

struct HamiltonianTerm {
    std::string name;  // unique within a model; used by protocol scaling
    std::string kind;  // zeeman, drive, zz, xy, heisenberg, custom
    double strength = 1.0;
    SpinOperator op;   // Hermitian, at unit strength
    // The same operator in collective letters when it is permutation-symmetric over
    // all spins (read by the dicke method; for models read for it, op stays empty).
    std::optional<CollectivePolynomial> collective = std::nullopt;
    // A term with mode operators (spins ⊗ one bosonic mode; needs the model's cavity), at unit
    // strength; Model::mode_hamiltonian collects these.
    std::optional<SpinModePolynomial> mode = std::nullopt;
};

}  // namespace openspins
