#include "openspins/method/exact/row_operator.hpp"

namespace openspins::exact {

RowOperator::RowOperator(const SpinOperator& op, complex factor, const SectorBasis& basis)
    : row_start_(static_cast<std::size_t>(basis.sectors())), entries_(static_cast<std::size_t>(basis.sectors())) {
    const SpinOperator simple = op.simplified();
    // Count entries per target row, then fill (CSR).
    for (int a = 0; a < basis.sectors(); ++a) row_start_[static_cast<std::size_t>(a)].assign(basis.sector_size(a) + 1, 0);
    for (const auto& m : simple.terms())
        for (BasisState b = 0; b < basis.dimension(); ++b) {
            BasisState source = 0;
            if (m.preimage(b, source)) ++row_start_[static_cast<std::size_t>(SectorBasis::sector_of(b))][basis.index_of(b) + 1];
        }
    for (int a = 0; a < basis.sectors(); ++a) {
        auto& start = row_start_[static_cast<std::size_t>(a)];
        for (std::size_t t = 1; t < start.size(); ++t) start[t] += start[t - 1];
        entries_[static_cast<std::size_t>(a)].resize(start.back());
        terms_ += start.back();
    }
    std::vector<std::vector<std::uint32_t>> fill(row_start_.size());
    for (std::size_t a = 0; a < row_start_.size(); ++a) fill[a].assign(row_start_[a].begin(), row_start_[a].end() - 1);
    for (const auto& m : simple.terms()) {
        const int delta = m.delta_down();
        for (BasisState b = 0; b < basis.dimension(); ++b) {
            BasisState source = 0;
            if (!m.preimage(b, source)) continue;
            const auto a = static_cast<std::size_t>(SectorBasis::sector_of(b));
            entries_[a][fill[a][basis.index_of(b)]++] = {static_cast<std::int32_t>(a) - delta, basis.index_of(source),
                                                         factor * m.coeff};
        }
    }
}

std::vector<std::uint32_t> RowOperator::reached_rows(int sector) const {
    const auto& start = row_start_[static_cast<std::size_t>(sector)];
    std::vector<std::uint32_t> rows;
    for (std::size_t t = 0; t + 1 < start.size(); ++t)
        if (start[t + 1] > start[t]) rows.push_back(static_cast<std::uint32_t>(t));
    return rows;
}

std::size_t RowOperator::bytes() const {
    std::size_t total = 0;
    for (const auto& s : row_start_) total += s.size() * sizeof(std::uint32_t);
    return total + terms_ * sizeof(Entry);
}

std::size_t RowOperator::streamed_bytes(const BlockLayout& src_layout, const BlockLayout& dst_layout) const {
    std::size_t bytes = 0;
    for (const auto& blk : dst_layout.blocks()) {
        const auto a = static_cast<std::size_t>(blk.row_sector);
        if (entries_[a].empty()) continue;
        std::size_t reads = 0;
        for (const auto& e : entries_[a])
            if (src_layout.block(e.source_sector, blk.col_sector) != nullptr) ++reads;
        bytes += (reads + 2 * blk.rows) * blk.cols * sizeof(complex);
    }
    return bytes;
}

void RowOperator::add_product(const BlockLayout& src_layout, const complex* src, const BlockLayout& dst_layout,
                              complex* dst) const {
    for (const auto& blk : dst_layout.blocks()) {
        const auto a = static_cast<std::size_t>(blk.row_sector);
        const auto& start = row_start_[a];
        const auto& entries = entries_[a];
        if (entries.empty()) continue;
        for (std::size_t t = 0; t < blk.rows; ++t) {
            complex* d = dst + blk.offset + t * blk.cols;
            for (std::uint32_t k = start[t]; k < start[t + 1]; ++k) {
                const Entry& e = entries[k];
                const Block* sblk = src_layout.block(e.source_sector, blk.col_sector);
                if (sblk == nullptr) continue;
                const complex* s = src + sblk->offset + e.source * blk.cols;
                const complex w = e.weight;
                for (std::size_t j = 0; j < blk.cols; ++j) d[j] += w * s[j];
            }
        }
    }
}

}  // namespace openspins::exact
