// Davies / partial secular for coupled spins run in the eigenbasis of H_S (derived_generator.hpp,
// model/basis_frame.hpp): the same run written back in the product basis (N ≤ 4) gives the same
// series — which checks the transformed ρ0 (a non-zero-quantum product state), the pulse, the
// observables and the sparse jumps — and at N = 5 the steady state is the Gibbs state of the
// coupled H_S at the bath temperature while ρ stays positive.
#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <string>

#include "method/redfield/redfield_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/method/exact/exact_method.hpp"
#include "openspins/method/redfield/dense_operator.hpp"
#include "openspins/method/redfield/redfield_method.hpp"

using namespace openspins;
using openspins::testing::coupled_chain;
using openspins::testing::steady_value;

namespace {

const std::string tilted = "[initial]\nkind = \"product\"\nbloch = [0.6, 0.3, -0.7]\n";
const std::string pulsed = R"(
[[protocol]]
evolve = 1.5
[[protocol]]
pulse = { axis = "y", angle_deg = 70 }
spins = [1]
[[protocol]]
evolve = 1.5
[time]
times = [0.5, 1.0, 2.0, 3.0]
)";

RunResult run_in(const RunSpec& spec, redfield::EigenbasisForm form) {
    return ExactMethod().run(RedfieldMethod::derived_spec(spec, nullptr, form), {});
}

}  // namespace

TEST(EigenbasisFrame, EqualsTheProductBasisForm) {
    // Both forms integrate the same generator in different bases with CVODE at rtol 1e-12, atol
    // 1e-14: the series agree to 1e-10 (at the default rtol 1e-8 they differ by 4e-9, the
    // integrator's error).
    // N = 4 davies is left out: its product-basis form takes 17 s (a few thousand dense jumps).
    for (const auto& [n, g] : {std::pair{3, std::string("davies")}, std::pair{3, std::string("partial_secular")},
                               std::pair{4, std::string("partial_secular")}}) {
            const std::string extra = std::string(g == "partial_secular" ? "secular_window = 0.2\n" : "") +
                                      "rtol = 1e-12\natol = 1e-14";
            const RunSpec spec = read_run_toml(coupled_chain(n, g, extra, tilted, pulsed), "run.toml");
            const auto a = run_in(spec, redfield::EigenbasisForm::product_basis);
            const auto b = run_in(spec, redfield::EigenbasisForm::eigenbasis);
            ASSERT_EQ(a.series.columns, b.series.columns);
            ASSERT_EQ(a.series.rows(), b.series.rows());
            ASSERT_GT(a.series.rows(), 3U);
            double worst = 0.0;
            for (std::size_t r = 0; r < a.series.rows(); ++r)
                for (std::size_t c = 0; c < a.series.values[r].size(); ++c)
                    worst = std::max(worst, std::abs(a.series.values[r][c] - b.series.values[r][c]));
            EXPECT_LT(worst, 1e-10) << "N = " << n << " " << g;
        }
}

// N = 6 and 7 the same way from the command line: tests/reference/check_eigenbasis_gibbs.py.
TEST(EigenbasisFrame, FiveCoupledSpinsRelaxToGibbsAndStayPositive) {
    for (const int n : {5}) {
        const std::string text = coupled_chain(n, "davies", "steady_state = true\nsteady_state_tolerance = 1e-12", tilted,
                                       "[time]\nstop = 1.0\npoints = 3\n");
        const RunSpec spec = read_run_toml(text, "run.toml");
        const auto r = make_method(spec.method)->run(spec, {});
        EXPECT_EQ(r.notes.at("redfield.eigenbasis"), "frame, d = " + std::to_string(1 << n));
        // Davies is completely positive: the smallest eigenvalue of ρ at the outputs stays ≥ 0 up to
        // the integrator's error (1e-9).
        EXPECT_GT(std::stod(r.notes.at("redfield.min_eigenvalue_of_rho")), -1e-9) << n;
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eig(redfield::dense_matrix(spec.model.hamiltonian_operator(), n));
        const Eigen::VectorXd w = (-(eig.eigenvalues().array() - eig.eigenvalues().minCoeff()) / 0.6).exp();
        const Eigen::MatrixXcd gibbs =
            eig.eigenvectors() * (w / w.sum()).cast<complex>().asDiagonal() * eig.eigenvectors().adjoint();
        // The Lamb shift commutes with H_S within each degenerate eigenspace only; for a
        // non-degenerate H_S (this chain) Davies' steady state is exactly e^{−H_S/T}/Z: the GMRES
        // solve at 1e-12 gives it to 1e-9.
        for (int i = 0; i < n; ++i) {
            const auto z = redfield::dense_matrix(SpinOperator::sigma_z(i), n);
            const auto x = redfield::dense_matrix(SpinOperator::sigma_x(i), n);
            EXPECT_NEAR(steady_value(r, "sz_" + std::to_string(i)), (gibbs * z).trace().real(), 1e-9) << n << " " << i;
            EXPECT_NEAR(steady_value(r, "sx_" + std::to_string(i)), (gibbs * x).trace().real(), 1e-9) << n << " " << i;
        }
    }
}
