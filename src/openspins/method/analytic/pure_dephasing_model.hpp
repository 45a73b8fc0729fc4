// A model read as pure dephasing: every operator diagonal in the z basis, so each
// element ρ_ab (a, b basis states, docs/conventions.md: spin 0 the least significant bit,
// bit 0 = |↑⟩) evolves on its own by a factor (analytic_method.hpp).
//
// What it holds, as values on the 2^N basis states:
//   - each Hamiltonian term's diagonal h_term(b) (at unit strength × the term's strength;
//     protocol scale factors are applied by the method);
//   - each dissipative channel's diagonal jumps L_k(b) with rates γ_k: γ D[L]ρ gives
//     dρ_ab/dt = γ (L_a L_b* − ½|L_a|² − ½|L_b|²) ρ_ab;
//   - each independent noise channel of the Environment (model/bath/environment.hpp:
//     couplings to one bath copy summed, correlated local copies decorrelated into modes
//     of weight w_k) as A_k(b), real.
// Refusals name the offending term, channel or coupling and point to the methods that
// solve the general case.
#pragma once

#include <string>
#include <vector>

#include "openspins/model/model.hpp"

namespace openspins::analytic {

struct DiagonalTerm {
    std::string name;
    std::vector<double> values;  // ⟨b|H_term|b⟩ including its strength
};

struct DiagonalJump {
    double rate = 0.0;
    std::vector<complex> values;  // ⟨b|L|b⟩
};

struct DiagonalChannel {
    std::string name;
    std::vector<DiagonalJump> jumps;
};

struct DiagonalNoise {
    int bath = 0;
    double weight = 1.0;
    std::string label;
    std::vector<double> values;  // ⟨b|A_k|b⟩
};

struct PureDephasingModel {
    int spins = 0;
    std::vector<DiagonalTerm> hamiltonian;
    std::vector<DiagonalChannel> channels;
    std::vector<DiagonalNoise> noise;
};

// Throws ModelError when an operator of the model is not diagonal in the z basis.
void check_pure_dephasing(const Model& model);
// The diagonals (after check_pure_dephasing); memory 2^N × (terms + jumps + noise channels).
PureDephasingModel pure_dephasing_model(const Model& model);

}  // namespace openspins::analytic
