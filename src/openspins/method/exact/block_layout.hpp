// Memory layout of a density matrix (or of an intermediate such as Lρ) as dense
// blocks between sectors of the SectorBasis.
//
// Block (a, b) holds ⟨r|ρ|c⟩ for r in sector a, c in sector b, row-major:
//   element (i, j) at data[offset + i · cols + j], i = index of r in sector a,
//   j = index of c in sector b. Blocks are stored one after another.
// Two layouts are used for ρ itself:
//   zero_quantum          blocks (n, n): the coherence order q(r) − q(c) = 0 part.
//                         Sufficient when the generator conserves coherence order
//                         and the initial state and pulses have none other;
//                         Σ_n C(N,n)² = C(2N, N) elements instead of 4^N.
//   all_orders            all (a, b): the full 2^N × 2^N matrix.
//   coherence_pair        blocks (a, b) with |a − b| = k: orders k and −k together, the
//                         Hermitian-closed part a generator conserving coherence order maps
//                         to itself (k = 0 is zero_quantum; used for generator spectra).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "openspins/method/exact/sector_basis.hpp"

namespace openspins::exact {

struct Block {
    int row_sector = 0;
    int col_sector = 0;
    std::size_t offset = 0;
    std::size_t rows = 0;
    std::size_t cols = 0;
};

class BlockLayout {
public:
    enum class Kind { zero_quantum, all_orders, shifted, coherence_pair };

    static BlockLayout zero_quantum(const SectorBasis& basis);
    static BlockLayout all_orders(const SectorBasis& basis);
    static BlockLayout coherence_pair(const SectorBasis& basis, int order);
    // Square diagonal blocks of the given sizes, one after another (e.g. the dicke
    // method's j blocks, for HermitianPacking); kind zero_quantum.
    static BlockLayout diagonal(const std::vector<std::size_t>& sizes);
    // The layout of Mρ for ρ in `base` and M lowering... any operator adding
    // `row_shift` down spins on the left: blocks (a + row_shift, b).
    static BlockLayout shifted(const BlockLayout& base, const SectorBasis& basis, int row_shift);

    [[nodiscard]] Kind kind() const { return kind_; }
    [[nodiscard]] std::string description() const;
    [[nodiscard]] const std::vector<Block>& blocks() const { return blocks_; }
    [[nodiscard]] std::size_t size() const { return size_; }  // complex elements
    // Index into blocks() of block (a, b), or −1 when the layout has none.
    [[nodiscard]] int find(int row_sector, int col_sector) const;
    [[nodiscard]] const Block* block(int row_sector, int col_sector) const {
        const int k = find(row_sector, col_sector);
        return k < 0 ? nullptr : &blocks_[static_cast<std::size_t>(k)];
    }

private:
    BlockLayout(Kind kind, int sectors, std::vector<Block> blocks);
    Kind kind_;
    int sectors_;
    std::vector<Block> blocks_;
    std::vector<int> lookup_;  // sectors × sectors → block index or −1
    std::size_t size_ = 0;
};

}  // namespace openspins::exact
