// An operator's left action on block-stored matrices, fused over its monomials.
//
// For every target row t of sector a, the list of (source sector, source row s,
// weight w) with (O X)[t, ·] = Σ w · X[s, ·]. Applying it walks each destination
// row once and adds all its source rows while the destination stays in cache —
// instead of one pass over the matrix per monomial. Rows are stored CSR-style per
// target sector.
#pragma once

#include <cstdint>
#include <vector>

#include "openspins/method/exact/block_layout.hpp"

namespace openspins::exact {

class RowOperator {
public:
    RowOperator(const SpinOperator& op, complex factor, const SectorBasis& basis);

    // dst += factor · O · src (src in src_layout, dst in dst_layout; blocks of dst
    // whose source block is absent from src_layout receive nothing).
    void add_product(const BlockLayout& src_layout, const complex* src, const BlockLayout& dst_layout,
                     complex* dst) const;
    [[nodiscard]] bool empty() const { return terms_ == 0; }
    // The rows of target sector a that receive anything (O's non-zero rows there).
    [[nodiscard]] std::vector<std::uint32_t> reached_rows(int sector) const;
    [[nodiscard]] std::size_t bytes() const;
    // Bytes add_product streams for these layouts: each source row read once per
    // entry, each destination row read and written once.
    [[nodiscard]] std::size_t streamed_bytes(const BlockLayout& src_layout, const BlockLayout& dst_layout) const;

private:
    struct Entry {
        std::int32_t source_sector;
        std::uint32_t source;
        complex weight;
    };
    std::vector<std::vector<std::uint32_t>> row_start_;  // per target sector: rows + 1
    std::vector<std::vector<Entry>> entries_;            // per target sector
    std::size_t terms_ = 0;
};

}  // namespace openspins::exact
