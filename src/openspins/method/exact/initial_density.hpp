// The initial ρ of a model, written straight into a BlockLayout.
#pragma once

#include <vector>

#include "openspins/method/exact/block_layout.hpp"
#include "openspins/model/model.hpp"

namespace openspins::exact {

// True when the initial state has no coherence order other than 0, decided from
// its description (product states along z, all up/down, thermal with a Hamiltonian
// that conserves the down count); a file is checked by reading it.
bool initial_is_zero_quantum(const Model& model);

// Throws ModelError for a file that is not a density matrix (shape, trace, hermiticity).
std::vector<complex> initial_density(const Model& model, const SectorBasis& basis, const BlockLayout& layout);

}  // namespace openspins::exact
