#include "openspins/method/analytic/free_intensive_dynamics.hpp"

#include "openspins/errors.hpp"

namespace openspins::analytic {

std::complex<double> free_intensive_expectation(const MeanFieldModeModel& model, const Eigen::MatrixXcd& A, double t) {
    const EigenFrame f = eigen_frame(model);
    if (A.rows() != f.energy.size() || A.cols() != f.energy.size())
        throw ModelError("seed 004 (1.28): the observable must be a one-particle operator of h's dimension");
    Eigen::MatrixXcd a = f.to_frame(A);
    for (Eigen::Index i = 0; i < a.rows(); ++i)
        for (Eigen::Index j = 0; j < a.cols(); ++j) a(i, j) *= std::polar(1.0, (f.energy(i) - f.energy(j)) * t);
    return (f.rho * a).trace();
}

}  // namespace openspins::analytic
