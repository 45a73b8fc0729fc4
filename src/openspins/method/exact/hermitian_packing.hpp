// The integrator's view of ρ: a Hermitian matrix stored in as many reals as the
// layout has complex elements — half of what the complex storage needs.
//
// Per diagonal block (a, a) of size m: an m × m real array P with
//   P[i][j] = Re ρ_ij (i ≤ j),   P[j][i] = Im ρ_ij (i < j).
// Per off-diagonal pair (a, b), a < b: block (a, b) as complex numbers (2 reals
// each); block (b, a) = block (a, b)† is not stored.
// Unpacking yields an exactly Hermitian ρ, so integration error cannot create an
// anti-Hermitian part, and CVODE's many history vectors cost half the memory and
// half the bandwidth.
#pragma once

#include <vector>

#include "openspins/method/exact/block_layout.hpp"

namespace openspins::exact {

class HermitianPacking {
public:
    explicit HermitianPacking(const BlockLayout& layout);

    [[nodiscard]] std::size_t size() const { return size_; }  // reals
    void pack(const complex* full, double* packed) const;
    void unpack(const double* packed, complex* full) const;

private:
    struct Part {
        const Block* block;
        const Block* mirror;  // block (b, a) for a < b, nullptr for a diagonal block
        std::size_t offset;   // in reals
    };
    // The work of pack() and unpack(): rows [begin, end) of a part (tiles of transpose_tile rows), spread over
    // the helper threads; each element is written by one of them.
    struct Rows {
        std::size_t part, begin, end;
    };
    void pack_rows(const Rows& rows, const complex* full, double* packed) const;
    void unpack_rows(const Rows& rows, const double* packed, complex* full) const;
    std::vector<Part> parts_;
    std::vector<Rows> rows_;
    std::size_t size_ = 0;
};

}  // namespace openspins::exact
