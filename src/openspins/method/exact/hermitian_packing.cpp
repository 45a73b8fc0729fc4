#include "openspins/method/exact/hermitian_packing.hpp"

#include <algorithm>

#include "openspins/method/exact/tiled_loop.hpp"

namespace openspins::exact {

HermitianPacking::HermitianPacking(const BlockLayout& layout) {
    for (const auto& blk : layout.blocks()) {
        if (blk.row_sector > blk.col_sector) continue;
        const Block* mirror = blk.row_sector == blk.col_sector ? nullptr : layout.block(blk.col_sector, blk.row_sector);
        parts_.push_back({&blk, mirror, size_});
        size_ += mirror == nullptr ? blk.rows * blk.cols : 2 * blk.rows * blk.cols;
    }
}

void HermitianPacking::pack(const complex* full, double* packed) const {
    for (const auto& part : parts_) {
        const Block& b = *part.block;
        const complex* src = full + b.offset;
        double* dst = packed + part.offset;
        if (part.mirror != nullptr) {
            std::copy(reinterpret_cast<const double*>(src), reinterpret_cast<const double*>(src + b.rows * b.cols), dst);
            continue;
        }
        const std::size_t m = b.rows;
        for_each_tiled(m, m, true, [&](std::size_t i, std::size_t j) {
            dst[i * m + j] = src[i * m + j].real();
            if (j > i) dst[j * m + i] = src[i * m + j].imag();
        });
    }
}

void HermitianPacking::unpack(const double* packed, complex* full) const {
    for (const auto& part : parts_) {
        const Block& b = *part.block;
        const double* src = packed + part.offset;
        complex* dst = full + b.offset;
        if (part.mirror != nullptr) {
            const auto* block = reinterpret_cast<const complex*>(src);
            std::copy(block, block + b.rows * b.cols, dst);
            complex* mirror = full + part.mirror->offset;  // cols × rows
            for_each_tiled(b.rows, b.cols, false, [&](std::size_t i, std::size_t j) {
                mirror[j * b.rows + i] = std::conj(block[i * b.cols + j]);
            });
            continue;
        }
        const std::size_t m = b.rows;
        for_each_tiled(m, m, true, [&](std::size_t i, std::size_t j) {
            if (j == i) {
                dst[i * m + i] = src[i * m + i];
            } else {
                const complex v(src[i * m + j], src[j * m + i]);
                dst[i * m + j] = v;
                dst[j * m + i] = std::conj(v);
            }
        });
    }
}

}  // namespace openspins::exact
