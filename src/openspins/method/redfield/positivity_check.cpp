#include "openspins/method/redfield/positivity_check.hpp"

#include <Eigen/Eigenvalues>
#include <variant>

#include "openspins/method/exact/block_layout.hpp"
#include "openspins/method/exact/dense_conversion.hpp"
#include "openspins/method/exact/initial_density.hpp"
#include "openspins/method/exact/sector_basis.hpp"
#include "openspins/method/redfield/generator_spectrum.hpp"

namespace openspins::redfield {

std::optional<PositivityReport> check_positivity(const RunSpec& spec) {
    const int n = spec.model.spins.size();
    if (n > max_positivity_check_spins || spec.protocol.steps.size() != 1) return std::nullopt;
    const auto* evolve = std::get_if<Evolve>(&spec.protocol.steps.front().action);
    if (!evolve || !evolve->scale.empty()) return std::nullopt;

    const exact::SectorBasis basis(n);
    const auto layout = exact::BlockLayout::all_orders(basis);
    const auto packed = exact::initial_density(spec.model, basis, layout);
    const Eigen::MatrixXcd rho0 = exact::unpack_dense(packed.data(), basis, layout);
    const auto d = rho0.rows();
    const Eigen::VectorXcd v0 = Eigen::Map<const Eigen::VectorXcd>(rho0.data(), d * d);  // column-major vec

    const Eigen::ComplexEigenSolver<Eigen::MatrixXcd> eig(dense_liouvillian(spec.model), true);
    if (eig.info() != Eigen::Success) return std::nullopt;
    const Eigen::VectorXcd c = eig.eigenvectors().partialPivLu().solve(v0);

    PositivityReport report{1.0, 0.0};
    for (double t : spec.output_times) {
        const Eigen::VectorXcd weights = c.array() * (eig.eigenvalues().array() * t).exp();
        const Eigen::VectorXcd vt = eig.eigenvectors() * weights;
        const Eigen::MatrixXcd rho = Eigen::Map<const Eigen::MatrixXcd>(vt.data(), d, d);
        const Eigen::MatrixXcd hermitian = 0.5 * (rho + rho.adjoint());
        const double lowest =
            Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(hermitian, Eigen::EigenvaluesOnly).eigenvalues().minCoeff();
        if (lowest < report.min_eigenvalue) report = {lowest, t};
    }
    return report;
}

}  // namespace openspins::redfield
