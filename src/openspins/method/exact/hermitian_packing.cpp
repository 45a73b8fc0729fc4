#include "openspins/method/exact/hermitian_packing.hpp"

#include <algorithm>

#include "openspins/integrate/parallel_loop.hpp"
#include "openspins/method/exact/tiled_loop.hpp"

namespace openspins::exact {

HermitianPacking::HermitianPacking(const BlockLayout& layout) {
    for (const auto& blk : layout.blocks()) {
        if (blk.row_sector > blk.col_sector) continue;
        const Block* mirror = blk.row_sector == blk.col_sector ? nullptr : layout.block(blk.col_sector, blk.row_sector);
        for (std::size_t i0 = 0; i0 < blk.rows; i0 += transpose_tile)
            rows_.push_back({parts_.size(), i0, std::min(blk.rows, i0 + transpose_tile)});
        parts_.push_back({&blk, mirror, size_});
        size_ += mirror == nullptr ? blk.rows * blk.cols : 2 * blk.rows * blk.cols;
    }
}

void HermitianPacking::pack_rows(const Rows& rows, const complex* full, double* packed) const {
    const Part& part = parts_[rows.part];
    const Block& b = *part.block;
    const complex* src = full + b.offset;
    double* dst = packed + part.offset;
    if (part.mirror != nullptr) {
        std::copy(reinterpret_cast<const double*>(src + rows.begin * b.cols),
                  reinterpret_cast<const double*>(src + rows.end * b.cols), dst + 2 * rows.begin * b.cols);
        return;
    }
    const std::size_t m = b.rows;
    for_each_upper_in_rows(rows.begin, rows.end, m, [&](std::size_t i, std::size_t j) {
        dst[i * m + j] = src[i * m + j].real();
        if (j > i) dst[j * m + i] = src[i * m + j].imag();
    });
}

void HermitianPacking::unpack_rows(const Rows& rows, const double* packed, complex* full) const {
    const Part& part = parts_[rows.part];
    const Block& b = *part.block;
    const double* src = packed + part.offset;
    complex* dst = full + b.offset;
    if (part.mirror != nullptr) {
        const auto* block = reinterpret_cast<const complex*>(src);
        std::copy(block + rows.begin * b.cols, block + rows.end * b.cols, dst + rows.begin * b.cols);
        complex* mirror = full + part.mirror->offset;  // cols × rows
        for (std::size_t j0 = 0; j0 < b.cols; j0 += transpose_tile) {
            const std::size_t j1 = std::min(b.cols, j0 + transpose_tile);
            for (std::size_t i = rows.begin; i < rows.end; ++i)
                for (std::size_t j = j0; j < j1; ++j) mirror[j * b.rows + i] = std::conj(block[i * b.cols + j]);
        }
        return;
    }
    const std::size_t m = b.rows;
    for_each_upper_in_rows(rows.begin, rows.end, m,
                           [&](std::size_t i, std::size_t j) { unpack_hermitian_pair(src, m, i, j, dst); });
}

void HermitianPacking::pack(const complex* full, double* packed) const {
    for_each_index(size_, rows_.size(), [&](std::size_t k) { pack_rows(rows_[k], full, packed); });
}

void HermitianPacking::unpack(const double* packed, complex* full) const {
    for_each_index(size_, rows_.size(), [&](std::size_t k) { unpack_rows(rows_[k], packed, full); });
}

}  // namespace openspins::exact
