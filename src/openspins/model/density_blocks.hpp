// A density matrix as a state file holds it ([initial] kind = "file", [output] final_state):
// either the full 2^N × 2^N matrix in openspins' product basis (spin 0 = least significant
// bit of the row index, bit 0 = |↑⟩), or the dicke method's reduced blocks ρ^j in the
// |j, m⟩ basis (method/dicke/dicke_basis.hpp: rows and columns m = j, j − 1, …, −j; the
// permutation-invariant ρ is ⊕_j ρ^j ⊗ 1_{d_j}/d_j, so Σ_j Tr ρ^j = 1).
#pragma once

#include <Eigen/Dense>
#include <vector>

namespace openspins {

struct DensityBlocks {
    int spins = 0;
    // Empty: `blocks` is the one full 2^N matrix. Otherwise 2j of each Dicke block, in the
    // order of `blocks` (the dicke method's order: j = N/2, N/2 − 1, …).
    std::vector<int> two_j;
    std::vector<Eigen::MatrixXcd> blocks;

    [[nodiscard]] bool is_dicke() const { return !two_j.empty(); }
};

}  // namespace openspins
