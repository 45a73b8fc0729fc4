#include "openspins/method/exact/positivity_monitor.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>

#include "openspins/method/exact/dense_conversion.hpp"
#include "openspins/method/exact/hermitian_lowest.hpp"

namespace openspins::exact {

namespace {

double lowest(const Eigen::MatrixXcd& hermitian) {
    // Only the lower triangle is read; ρ is exactly Hermitian after unpacking (hermitian_packing.hpp).
    return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(hermitian, Eigen::EigenvaluesOnly).eigenvalues().minCoeff();
}

Eigen::MatrixXcd dense_of(const HermitianPieces& h) {
    const auto m = static_cast<Eigen::Index>(h.size);
    Eigen::MatrixXcd dense(m, m);
    for (const auto& p : h.pieces)
        for (std::size_t i = 0; i < p.rows; ++i)
            for (std::size_t j = 0; j < p.cols; ++j)
                dense(static_cast<Eigen::Index>(p.row0 + i), static_cast<Eigen::Index>(p.col0 + j)) = p.data[i * p.cols + j];
    return dense;
}

}  // namespace

std::optional<double> lowest_of_large_block(const HermitianPieces& h) {
    if (h.size > max_iterative_rows) return std::nullopt;
    const double bound = gershgorin_lower_bound(h);
    if (bound >= 0.0) return bound;  // certified positive without an eigenvalue
    if (const auto value = lowest_by_arnoldi(h)) return value;
    return lowest(dense_of(h));  // Arnoldi did not converge: the dense solver, slow but certain
}

std::optional<double> smallest_eigenvalue(const complex* rho, const SectorBasis& basis, const BlockLayout& layout) {
    if (layout.kind() != BlockLayout::Kind::zero_quantum) {
        if (basis.dimension() <= max_block_rows) return lowest(unpack_dense(rho, basis, layout));
        // The whole ρ, its blocks placed by sector (sector a starts after the sizes of 0 … a − 1).
        std::vector<std::size_t> start(static_cast<std::size_t>(basis.sectors()) + 1, 0);
        for (int a = 0; a < basis.sectors(); ++a)
            start[static_cast<std::size_t>(a) + 1] = start[static_cast<std::size_t>(a)] + basis.sector_size(a);
        HermitianPieces whole;
        whole.size = basis.dimension();
        for (const auto& blk : layout.blocks())
            whole.pieces.push_back({start[static_cast<std::size_t>(blk.row_sector)],
                                    start[static_cast<std::size_t>(blk.col_sector)], blk.rows, blk.cols,
                                    rho + blk.offset});
        return lowest_of_large_block(whole);
    }
    double result = std::numeric_limits<double>::infinity();
    for (const auto& blk : layout.blocks()) {
        if (blk.rows > max_block_rows) {
            const auto value = lowest_of_large_block({blk.rows, {{0, 0, blk.rows, blk.cols, rho + blk.offset}}});
            if (!value) return std::nullopt;
            result = std::min(result, *value);
            continue;
        }
        const Eigen::Map<const Eigen::Matrix<complex, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> block(
            rho + blk.offset, static_cast<Eigen::Index>(blk.rows), static_cast<Eigen::Index>(blk.cols));
        result = std::min(result, lowest(block));
    }
    return result;
}

}  // namespace openspins::exact
