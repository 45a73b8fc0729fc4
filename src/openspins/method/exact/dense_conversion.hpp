// Conversion between a BlockLayout-packed ρ and a dense 2^N × 2^N matrix.
// Dense matrices use the basis labels b (spin 0 = least significant bit, bit 0 = |↑⟩).
// Used for pulses, file input and thermal states — never inside the time stepping.
#pragma once

#include <Eigen/Dense>

#include "openspins/method/exact/block_layout.hpp"

namespace openspins::exact {

Eigen::MatrixXcd unpack_dense(const complex* packed, const SectorBasis& basis, const BlockLayout& layout);
// Writes the layout's elements of `dense` and returns the largest |element| that
// the layout cannot hold (zero when the layout is sufficient).
double pack_dense(const Eigen::MatrixXcd& dense, const SectorBasis& basis, const BlockLayout& layout,
                  complex* packed);

}  // namespace openspins::exact
