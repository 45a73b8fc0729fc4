// The state a run starts from.
//   all_up / all_down  |↑…↑⟩ / |↓…↓⟩
//   product            ⊗_i ρ_i with ρ_i = (1 + r_i·σ)/2, |r_i| ≤ 1 (Bloch vectors)
//   thermal            e^{−H/T}/Z for the model's Hamiltonian at temperature T > 0
//   file               a density matrix read from a .npy (complex128 / float64) or
//                      text file (D rows of D "re im" pairs) in this library's basis
//                      order (spin 0 = least significant bit, bit 0 = |↑⟩)
#pragma once

#include <array>
#include <string>
#include <vector>

namespace openspins {

struct InitialState {
    enum class Kind { all_up, all_down, product, thermal, file };
    Kind kind = Kind::all_up;
    std::vector<std::array<double, 3>> bloch;  // product: one vector per spin
    double temperature = 0.0;                  // thermal
    std::string path;                          // file
};

}  // namespace openspins
