#include "openspins/method/exact/dense_conversion.hpp"

namespace openspins::exact {

Eigen::MatrixXcd unpack_dense(const complex* packed, const SectorBasis& basis, const BlockLayout& layout) {
    const auto dim = static_cast<Eigen::Index>(basis.dimension());
    Eigen::MatrixXcd dense = Eigen::MatrixXcd::Zero(dim, dim);
    for (const auto& blk : layout.blocks()) {
        const auto& rows = basis.states(blk.row_sector);
        const auto& cols = basis.states(blk.col_sector);
        for (std::size_t i = 0; i < blk.rows; ++i)
            for (std::size_t j = 0; j < blk.cols; ++j)
                dense(static_cast<Eigen::Index>(rows[i]), static_cast<Eigen::Index>(cols[j])) =
                    packed[blk.offset + i * blk.cols + j];
    }
    return dense;
}

double pack_dense(const Eigen::MatrixXcd& dense, const SectorBasis& basis, const BlockLayout& layout,
                  complex* packed) {
    for (const auto& blk : layout.blocks()) {
        const auto& rows = basis.states(blk.row_sector);
        const auto& cols = basis.states(blk.col_sector);
        for (std::size_t i = 0; i < blk.rows; ++i)
            for (std::size_t j = 0; j < blk.cols; ++j)
                packed[blk.offset + i * blk.cols + j] =
                    dense(static_cast<Eigen::Index>(rows[i]), static_cast<Eigen::Index>(cols[j]));
    }
    double outside = 0.0;
    if (layout.kind() == BlockLayout::Kind::all_orders) return outside;
    for (Eigen::Index c = 0; c < dense.cols(); ++c)
        for (Eigen::Index r = 0; r < dense.rows(); ++r)
            if (layout.find(SectorBasis::sector_of(static_cast<BasisState>(r)),
                            SectorBasis::sector_of(static_cast<BasisState>(c))) < 0)
                outside = std::max(outside, std::abs(dense(r, c)));
    return outside;
}

}  // namespace openspins::exact
