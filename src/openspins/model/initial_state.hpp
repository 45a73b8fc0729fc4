// The state a run starts from.
//   all_up / all_down  |↑…↑⟩ / |↓…↓⟩
//   product            ⊗_i ρ_i with ρ_i = (1 + r_i·σ)/2, |r_i| ≤ 1 (Bloch vectors)
//   thermal            e^{−H/T}/Z for the model's Hamiltonian at temperature T > 0
//   file               a density matrix read from a .npy (complex128 / float64) or
//                      text file (D rows of D "re im" pairs) in this library's basis
//                      order (spin 0 = least significant bit, bit 0 = |↑⟩)
//   dicke              the permutation-invariant state with total spin j and J_z = m:
//                      ρ = P_{j,m} / d_j, P_{j,m} the projector onto J² = j(j+1), J_z = m.
//                      The spin-j irrep occurs d_j = N!(2j+1)/((N/2+j+1)!(N/2−j)!) times,
//                      so for j < N/2 this is the equal mixture |j,m⟩⟨j,m| ⊗ 1_{d_j}/d_j
//                      over the degenerate copies α (a single |j,m,α⟩ is not
//                      permutation-invariant); for j = N/2 it is the pure symmetric
//                      Dicke state. j ∈ {N/2, N/2 − 1, …, 0 or ½}, m ∈ {−j, …, j}.
//   mixture            Σ_k w_k ρ_k of other initial states; weights ≥ 0 and relative:
//                      each is divided by their sum (which must be > 0).
#pragma once

#include <array>
#include <string>
#include <vector>

namespace openspins {

struct InitialState {
    enum class Kind { all_up, all_down, product, thermal, file, dicke, mixture };
    Kind kind = Kind::all_up;
    std::vector<std::array<double, 3>> bloch;  // product: one vector per spin
    double temperature = 0.0;                  // thermal
    std::string path;                          // file
    int two_j = 0, two_m = 0;                  // dicke: 2j and 2m
    std::vector<InitialState> components;      // mixture: the states ρ_k …
    std::vector<double> weights;               // … and their relative weights w_k
};

// The name of a kind as written in the run file ("all_up", …, "mixture").
const char* kind_name(InitialState::Kind kind);

// Throws ModelError when the state does not describe a density matrix of N spins:
// product without one Bloch vector per spin, 2j or 2m out of range or of the wrong
// parity, a mixture without components, with a negative, non-finite or all-zero weight.
void validate_initial_state(const InitialState& state, int n);

// True when the state or one of its mixture components (recursively) satisfies `test`.
template <class Test>
bool any_part(const InitialState& state, const Test& test) {
    if (test(state)) return true;
    for (const auto& c : state.components)
        if (any_part(c, test)) return true;
    return false;
}

// True when the state and every mixture component (recursively) satisfy `test`
// (a mixture itself is judged by its components only).
template <class Test>
bool all_parts(const InitialState& state, const Test& test) {
    if (state.kind != InitialState::Kind::mixture) return test(state);
    for (const auto& c : state.components)
        if (!all_parts(c, test)) return false;
    return true;
}

// The mixture weights divided by their sum (validate_initial_state first).
std::vector<double> normalised_weights(const InitialState& mixture);

}  // namespace openspins
