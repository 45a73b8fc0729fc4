#include "openspins/method/exact/positivity_monitor.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>

#include "openspins/method/exact/dense_conversion.hpp"

namespace openspins::exact {

namespace {

double lowest(const Eigen::MatrixXcd& hermitian) {
    // Only the lower triangle is read; ρ is exactly Hermitian after unpacking (hermitian_packing.hpp).
    return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(hermitian, Eigen::EigenvaluesOnly).eigenvalues().minCoeff();
}

}  // namespace

std::optional<double> smallest_eigenvalue(const complex* rho, const SectorBasis& basis, const BlockLayout& layout) {
    if (layout.kind() != BlockLayout::Kind::zero_quantum) {
        if (basis.dimension() > max_block_rows) return std::nullopt;
        return lowest(unpack_dense(rho, basis, layout));
    }
    double result = std::numeric_limits<double>::infinity();
    for (const auto& blk : layout.blocks()) {
        if (blk.rows > max_block_rows) return std::nullopt;
        const Eigen::Map<const Eigen::Matrix<complex, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> block(
            rho + blk.offset, static_cast<Eigen::Index>(blk.rows), static_cast<Eigen::Index>(blk.cols));
        result = std::min(result, lowest(block));
    }
    return result;
}

}  // namespace openspins::exact
