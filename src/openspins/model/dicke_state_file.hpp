// The Dicke-basis state file: what a dicke run writes with [output] final_state = true
// and what the dicke method's [initial] kind = "file" reads, so dicke runs can be
// chained at any N (the 2^N matrix would not fit beyond N ≈ 14).
//
// Text, one item per line; blank lines and lines starting with '#' are ignored:
//   spins N
//   two_j K            a block ρ^j with j = K/2 (0 ≤ K ≤ N, N − K even), each at most once
//   re im re im …      K + 1 rows of K + 1 complex entries, rows and columns m = j, j − 1, …, −j
//   two_j K'           further blocks; a block not listed is zero
// The state is ⊕_j ρ^j ⊗ 1_{d_j}/d_j (model/density_blocks.hpp), so Σ_j Tr ρ^j = 1.
// Numbers are written with 17 significant digits: a chained run starts from the same doubles.
#pragma once

#include <string>

#include "openspins/model/density_blocks.hpp"

namespace openspins {

// Every block j of N spins, in the dicke method's order (j = N/2 first); blocks the
// file leaves out are zero. Throws ModelError "path: line L: what" for content that
// does not follow the format, or whose `spins` differs from `spins`.
[[nodiscard]] DensityBlocks read_dicke_state_file(const std::string& path, int spins);

// Throws std::filesystem::filesystem_error when the file cannot be written.
void write_dicke_state_file(const std::string& path, const DensityBlocks& state);

}  // namespace openspins
