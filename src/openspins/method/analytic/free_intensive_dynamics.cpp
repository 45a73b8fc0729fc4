#include "openspins/method/analytic/free_intensive_dynamics.hpp"

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"

namespace openspins::analytic {

std::complex<double> free_intensive_expectation(const MeanFieldModeModel& model, const Eigen::MatrixXcd& A, double t) {
    const EigenFrame f = eigen_frame(model);
    if (A.rows() != f.energy.size() || A.cols() != f.energy.size())
        throw ModelError(messages::format_message("seed004_observable_dimension", {"1.28"}));
    Eigen::MatrixXcd a = f.to_frame(A);
    for (Eigen::Index i = 0; i < a.rows(); ++i)
        for (Eigen::Index j = 0; j < a.cols(); ++j) a(i, j) *= std::polar(1.0, (f.energy(i) - f.energy(j)) * t);
    return (f.rho * a).trace();
}

}  // namespace openspins::analytic
