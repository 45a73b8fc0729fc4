#include "openspins/method/exact/packed_dense_generator.hpp"

#include <stdexcept>

namespace openspins::exact {

PackedDenseGenerator::PackedDenseGenerator(const LindbladGenerator& generator, const HermitianPacking& packing,
                                           std::size_t layout_size) {
    const auto n = static_cast<Eigen::Index>(packing.size());
    if (packing.size() > max_size) throw std::logic_error("PackedDenseGenerator: state too large for a dense matrix");
    matrix_.resize(n, n);
    std::vector<double> unit(packing.size(), 0.0);
    std::vector<complex> rho(layout_size), out(layout_size);
    for (Eigen::Index k = 0; k < n; ++k) {
        unit[static_cast<std::size_t>(k)] = 1.0;
        packing.unpack(unit.data(), rho.data());
        generator.apply(rho.data(), out.data());
        packing.pack(out.data(), matrix_.col(k).data());
        unit[static_cast<std::size_t>(k)] = 0.0;
    }
}

void PackedDenseGenerator::apply(const double* in, double* out) const {
    const auto n = matrix_.rows();
    Eigen::Map<Eigen::VectorXd>(out, n).noalias() = matrix_ * Eigen::Map<const Eigen::VectorXd>(in, n);
}

}  // namespace openspins::exact
