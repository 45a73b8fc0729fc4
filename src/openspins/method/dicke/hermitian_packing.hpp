// The full Dicke blocks packed by Hermiticity, for the integrator.
//
// ρ^j is Hermitian, so its (2j+1)² complex entries carry (2j+1)² reals. The packing is the
// exact method's (method/exact/hermitian_packing.hpp: per block P[i][j] = Re ρ_ij for i ≤ j,
// P[j][i] = Im ρ_ij for i < j) on the layout of the j blocks, so block b starts at real index
// basis.full_offset(b): half the reals CVODE would otherwise carry, and every state the
// integrator can hold is exactly Hermitian. Packing reads the diagonals and upper triangles only.
#pragma once

#include <cstddef>

#include "openspins/method/dicke/dicke_basis.hpp"
#include "openspins/method/exact/block_layout.hpp"
#include "openspins/method/exact/hermitian_packing.hpp"

namespace openspins::dicke {

class PackedBlocks {
public:
    explicit PackedBlocks(const DickeBasis& basis);
    PackedBlocks(const PackedBlocks&) = delete;  // packing_ points into layout_
    PackedBlocks& operator=(const PackedBlocks&) = delete;

    [[nodiscard]] std::size_t size() const { return packing_.size(); }  // reals
    // full: the "full" storage (complex entries as two reals, real part first).
    void pack(const double* full, double* packed) const;
    void unpack(const double* packed, double* full) const;
    // Where ρ^b_kk (real) sits in the packing.
    [[nodiscard]] std::size_t diagonal_index(int b, int k) const;

private:
    const DickeBasis& basis_;
    exact::BlockLayout layout_;
    exact::HermitianPacking packing_;
};

}  // namespace openspins::dicke
