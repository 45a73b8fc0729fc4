// The Lindblad generator as a dense real matrix acting on the integrator's packed Hermitian
// state (hermitian_packing.hpp), for tiny states: at two spins ρ is 16 reals, and the
// matrix-free kernel's per-call bookkeeping (block look-ups, index tables, scratch clears)
// costs several times the arithmetic of a 16 × 16 matrix–vector product.
//
// The matrix is assembled column by column from the kernel itself (unpack the unit vector
// e_k, apply, pack), so it is the same real-linear map — Hamiltonian, jumps and any source
// term Tr(ρ)·C alike — to rounding. Used when the packed state has at most `max_size` reals
// (two spins in full storage, three spins in full storage: 64); beyond that the matrix would
// stream more bytes per call than the kernel does.
#pragma once

#include <Eigen/Dense>

#include "openspins/method/exact/hermitian_packing.hpp"
#include "openspins/method/exact/lindblad_generator.hpp"

namespace openspins::exact {

class PackedDenseGenerator {
public:
    static constexpr std::size_t max_size = 64;

    PackedDenseGenerator(const LindbladGenerator& generator, const HermitianPacking& packing, std::size_t layout_size);

    // out = M in, both packing.size() reals.
    void apply(const double* in, double* out) const;
    [[nodiscard]] std::size_t streamed_bytes() const {
        return static_cast<std::size_t>(matrix_.size() + 2 * matrix_.rows()) * sizeof(double);
    }

private:
    Eigen::MatrixXd matrix_;
};

}  // namespace openspins::exact
