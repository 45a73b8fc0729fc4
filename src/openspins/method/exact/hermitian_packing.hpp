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

#include <complex>
#include <cstddef>
#include <vector>

#include "openspins/method/exact/block_layout.hpp"

namespace openspins::exact {

// Elements (i, j) and (j, i), j ≥ i, of the m × m Hermitian matrix whose packed form P (P[i][j] = Re ρ_ij,
// P[j][i] = Im ρ_ij for i < j) is at src, into dst (m × m).
inline void unpack_hermitian_pair(const double* src, std::size_t m, std::size_t i, std::size_t j, complex* dst) {
    if (j == i) {
        dst[i * m + i] = src[i * m + i];
        return;
    }
    const complex v(src[i * m + j], src[j * m + i]);
    dst[i * m + j] = v;
    dst[j * m + i] = std::conj(v);
}

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
