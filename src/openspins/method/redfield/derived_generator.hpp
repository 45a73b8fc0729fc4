// The master equation derived from a model's environment (model/bath/environment.hpp),
// written as extra Hamiltonian terms and Lindblad-form channels that the exact kernel
// (method/exact/lindblad_generator.hpp) applies matrix-free.
//
// Per independent noise channel k (operator A_k, weight w_k, bath spectrum γ, S), with
// A_k = Σ_ω A_k(ω) its Bohr components (bohr_decomposition.hpp), Γ(ω) = ½γ(ω) + iS(ω):
//
//   davies           Σ_ω w γ(ω) D[A(ω)]ρ − i[H_LS, ρ],  H_LS = Σ_ω w S(ω) A(ω)†A(ω)
//                    (degenerate ω grouped to 1e-9 relative; completely positive)
//   partial_secular  components whose frequencies lie within `secular_window` of a neighbour
//                    form a cluster c: D[L_c], L_c = Σ_{ω∈c} √(wγ(ω)) A(ω) (completely positive;
//                    Lamb shift as in davies, cross-frequency shifts dropped)
//   bloch_redfield   Λ = Σ_ω wΓ(ω) A(ω):  dρ/dt ∋ [Λρ, A] + [A, ρΛ†]
//                    = ½D[A + Λ] − ½D[A − Λ] − i[(AΛ − Λ†A)/(2i), ρ]
//                    (a negative-rate channel: not completely positive in general)
// Without lamb_shift, S is dropped (H_LS = 0; Γ = ½γ in Redfield).
//
// Supported now: spins whose H_S is a sum of single-spin diagonal terms (Zeeman, any
// frequencies and sign). Spin–spin terms or drives need the dense eigenbasis (next step).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "openspins/model/model.hpp"

namespace openspins::redfield {

struct DerivedGenerator {
    std::vector<HamiltonianTerm> hamiltonian;  // Lamb shift / Redfield Hermitian part (possibly empty)
    std::vector<Channel> channels;             // one per noise channel
    bool completely_positive = true;
    std::map<std::string, std::string> notes;  // for the run's metadata
};

// Throws ModelError when the model's Hamiltonian is not of the supported form or a bath
// spectrum is invalid at a needed frequency; NumericalError when a Lamb-shift quadrature fails.
DerivedGenerator derive_generator(const Model& model);

}  // namespace openspins::redfield
