// The model's inhomogeneous terms (model/source_term.hpp) as one matrix C in a BlockLayout,
// for LindbladGenerator's source (out += Tr(ρ)·C):
//
//   C = Σ_sources [constant − Σ_k γ_k D[L_k](ρ_ref)]
//
// The constant is written element by element (SpinOperator::apply on each basis state). The
// relaxation part is the exact kernel itself applied once to ρ_ref = e^{−H/T_ref}/Z (built as a
// thermal initial state, initial_density.hpp), so it costs one right-hand side and the memory of
// a thermal state — any N the exact method holds, coupled spins included.
#pragma once

#include <vector>

#include "openspins/method/exact/block_layout.hpp"
#include "openspins/model/model.hpp"

namespace openspins::exact {

// True when every source fits the zero-quantum layout: constants conserve the down count,
// relaxation jumps change it by one definite amount and H conserves it (for ρ_ref).
bool sources_are_zero_quantum(const Model& model);

// Empty when the model has no sources. Throws std::logic_error when C has elements outside
// the layout (the storage choice must have checked sources_are_zero_quantum).
std::vector<complex> source_vector(const Model& model, const SectorBasis& basis, const BlockLayout& layout);

}  // namespace openspins::exact
