// A deliberately slow, obviously correct reference: operators as dense matrices
// and the Lindblad generator by plain matrix products. For checking the kernels.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "openspins/model/channel.hpp"
#include "openspins/model/spin_operator.hpp"

namespace openspins::testing {

inline Eigen::MatrixXcd dense(const SpinOperator& op, int spins) {
    const auto dim = Eigen::Index{1} << spins;
    Eigen::MatrixXcd m = Eigen::MatrixXcd::Zero(dim, dim);
    for (Eigen::Index c = 0; c < dim; ++c)
        for (const auto& [r, amp] : op.apply(static_cast<BasisState>(c))) m(static_cast<Eigen::Index>(r), c) += amp;
    return m;
}

inline Eigen::MatrixXcd dense_lindblad(const Eigen::MatrixXcd& rho, const SpinOperator& h,
                                       const std::vector<Jump>& jumps, int spins) {
    const Eigen::MatrixXcd hd = dense(h, spins);
    const std::complex<double> i{0.0, 1.0};
    Eigen::MatrixXcd out = -i * (hd * rho - rho * hd);
    for (const auto& j : jumps) {
        const Eigen::MatrixXcd l = dense(j.op, spins);
        const Eigen::MatrixXcd ldl = l.adjoint() * l;
        out += j.rate * (l * rho * l.adjoint() - 0.5 * (ldl * rho + rho * ldl));
    }
    return out;
}

// A random density matrix (Hermitian, positive, unit trace).
inline Eigen::MatrixXcd random_density(int spins, unsigned seed) {
    std::srand(seed);
    const auto dim = Eigen::Index{1} << spins;
    const Eigen::MatrixXcd a = Eigen::MatrixXcd::Random(dim, dim);
    Eigen::MatrixXcd rho = a * a.adjoint();
    return rho / rho.trace();
}

}  // namespace openspins::testing
