#include "openspins/method/exact/block_layout.hpp"

namespace openspins::exact {

BlockLayout::BlockLayout(Kind kind, int sectors, std::vector<Block> blocks)
    : kind_(kind), sectors_(sectors), blocks_(std::move(blocks)),
      lookup_(static_cast<std::size_t>(sectors * sectors), -1) {
    for (std::size_t k = 0; k < blocks_.size(); ++k) {
        blocks_[k].offset = size_;
        size_ += blocks_[k].rows * blocks_[k].cols;
        lookup_[static_cast<std::size_t>(blocks_[k].row_sector * sectors_ + blocks_[k].col_sector)] =
            static_cast<int>(k);
    }
}

BlockLayout BlockLayout::zero_quantum(const SectorBasis& basis) {
    std::vector<Block> blocks;
    for (int n = 0; n < basis.sectors(); ++n) blocks.push_back({n, n, 0, basis.sector_size(n), basis.sector_size(n)});
    return {Kind::zero_quantum, basis.sectors(), std::move(blocks)};
}

BlockLayout BlockLayout::all_orders(const SectorBasis& basis) {
    std::vector<Block> blocks;
    for (int a = 0; a < basis.sectors(); ++a)
        for (int b = 0; b < basis.sectors(); ++b) blocks.push_back({a, b, 0, basis.sector_size(a), basis.sector_size(b)});
    return {Kind::all_orders, basis.sectors(), std::move(blocks)};
}

BlockLayout BlockLayout::diagonal(const std::vector<std::size_t>& sizes) {
    std::vector<Block> blocks;
    for (std::size_t k = 0; k < sizes.size(); ++k)
        blocks.push_back({static_cast<int>(k), static_cast<int>(k), 0, sizes[k], sizes[k]});
    return {Kind::zero_quantum, static_cast<int>(sizes.size()), std::move(blocks)};
}

BlockLayout BlockLayout::coherence_pair(const SectorBasis& basis, int order) {
    if (order == 0) return zero_quantum(basis);
    std::vector<Block> blocks;
    for (int a = 0; a < basis.sectors(); ++a)
        for (int b = 0; b < basis.sectors(); ++b)
            if (a - b == order || b - a == order)
                blocks.push_back({a, b, 0, basis.sector_size(a), basis.sector_size(b)});
    return {Kind::coherence_pair, basis.sectors(), std::move(blocks)};
}

BlockLayout BlockLayout::shifted(const BlockLayout& base, const SectorBasis& basis, int row_shift) {
    if (base.kind_ == Kind::all_orders) return base;
    std::vector<Block> blocks;
    for (const auto& b : base.blocks_) {
        const int a = b.row_sector + row_shift;
        if (a < 0 || a >= basis.sectors()) continue;
        blocks.push_back({a, b.col_sector, 0, basis.sector_size(a), b.cols});
    }
    return {Kind::shifted, basis.sectors(), std::move(blocks)};
}

int BlockLayout::find(int row_sector, int col_sector) const {
    if (row_sector < 0 || col_sector < 0 || row_sector >= sectors_ || col_sector >= sectors_) return -1;
    return lookup_[static_cast<std::size_t>(row_sector * sectors_ + col_sector)];
}

std::string BlockLayout::description() const {
    switch (kind_) {
        case Kind::zero_quantum: return "zero-quantum blocks (coherence order 0)";
        case Kind::all_orders: return "all coherence orders (full matrix)";
        case Kind::shifted: return "shifted";
        case Kind::coherence_pair: return "coherence orders ±k";
    }
    return "";
}

}  // namespace openspins::exact
