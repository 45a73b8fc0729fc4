// Seed 003's inhomogeneous forms through the kernel's source term (model/source_term.hpp):
//   abragam (66)  dσ/dt = R(σ − σ_eq): holds σ_eq = e^{−βH_S}/Z exactly (detailed balance), for
//                 uncoupled spins at N = 8 (beyond the former N ≤ 6) and for coupled spins (an xy
//                 chain and a transverse drive: Davies in the eigenbasis of H_S);
//   hubbard (64)  dσ/dt = Rσ + (β/2d)Σ_ω ωγ(ω)[A(ω), A(ω)†]: R has symmetric (classical) rates,
//                 and on the populations of H_S's eigenstates the source cancels R's flow exactly
//                 at p_m = (1 − β(E_m − Ē))/d, Ē = Tr H_S/d — so the steady state is the
//                 first-order Boltzmann state ρ = (1 − β(H_S − Ē))/d, ⟨O⟩ = −(β/d)Tr(O H_S) for
//                 traceless O (uncoupled spins: ⟨σ^z_i⟩ = βω_i/2).
// Steady states by GMRES at 1e-12; asserted to 1e-9. And at two spins (where the former
// representation — jumps |i⟩⟨j| with signed rates c_i, c diagonal — was exact) the generator's
// action equals the former one to 1e-12.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "method/exact/dense_reference.hpp"
#include "method/redfield/redfield_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/method/exact/dense_conversion.hpp"
#include "openspins/method/exact/lindblad_generator.hpp"
#include "openspins/method/exact/source_vector.hpp"
#include "openspins/method/redfield/bohr_decomposition.hpp"
#include "openspins/method/redfield/dense_operator.hpp"
#include "openspins/method/redfield/redfield_method.hpp"

using namespace openspins;
using openspins::testing::run_toml;
using openspins::testing::steady_value;

namespace {

constexpr double T = 2.0;

std::string model(const std::string& thermal, const std::string& frequencies, const std::string& hamiltonian_extra) {
    return R"(
[method]
name = "redfield"
generator = "davies"
lamb_shift = false
thermal = ")" + thermal + R"("
steady_state = true
steady_state_tolerance = 1e-12
[spins]
frequencies = )" + frequencies + R"(
[hamiltonian]
zeeman = "-"
)" + hamiltonian_extra + R"(
[[bath]]
name = "collective"
temperature = 2.0
spectral_density = { kind = "lorentzian", amplitude = 0.05, correlation_time = 0.5 }
[[bath]]
name = "local"
temperature = 2.0
scope = "local"
spectral_density = { kind = "lorentzian", amplitude = 0.05, correlation_time = 0.5 }
[[coupling]]
bath = "collective"
kind = "exchange"
strength = 0.3
[[coupling]]
bath = "local"
kind = "exchange"
strength = 0.25
[[coupling]]
bath = "local"
kind = "conserving"
strength = 0.1
[initial]
kind = "all_down"
[time]
stop = 1.0
points = 2
[output]
observables = ["spins"]
plot = false
)";
}

const std::string eight = "[1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7]";
const std::string coupled = R"([[hamiltonian.coupling]]
kind = "xy"
J = 0.15
pairs = "chain"
[[hamiltonian.drive]]
omega_x = 0.1
spins = [0]
)";

TEST(InhomogeneousSource, AbragamHoldsTheGibbsStateOfEightSpins) {
    const auto r = run_toml(model("abragam", eight, ""));
    for (int i = 0; i < 8; ++i)
        EXPECT_NEAR(steady_value(r, "sz_" + std::to_string(i)), std::tanh((1.0 + 0.1 * i) / (2 * T)), 1e-9) << i;
    EXPECT_EQ(r.notes.at("redfield.inhomogeneous"), "abragam");
}

TEST(InhomogeneousSource, HubbardRelaxesEightSpinsToFirstOrderPopulations) {
    const auto r = run_toml(model("hubbard", eight, ""));
    for (int i = 0; i < 8; ++i)
        EXPECT_NEAR(steady_value(r, "sz_" + std::to_string(i)), (1.0 + 0.1 * i) / (2 * T), 1e-9) << i;
}

// ⟨σ^α_i⟩ in e^{−H/T}/Z (gibbs) or (1 − (H − Ē)/T)/d (first order) for the coupled H_S.
double expected(const RunSpec& spec, const std::string& column, bool gibbs) {
    const int n = spec.model.spins.size();
    const Eigen::MatrixXcd h = redfield::dense_matrix(spec.model.hamiltonian_operator(), n);
    const auto d = h.rows();
    Eigen::MatrixXcd rho;
    if (gibbs) {
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eig(h);
        const Eigen::VectorXd w = (-(eig.eigenvalues().array() - eig.eigenvalues().minCoeff()) / T).exp();
        rho = eig.eigenvectors() * (w / w.sum()).asDiagonal() * eig.eigenvectors().adjoint();
    } else {
        const complex mean = h.trace() / static_cast<double>(d);
        rho = (Eigen::MatrixXcd::Identity(d, d) - (h - mean * Eigen::MatrixXcd::Identity(d, d)) / T) / static_cast<double>(d);
    }
    const int spin = std::stoi(column.substr(3));
    const char axis = column[1];
    const SpinOperator s = axis == 'x' ? SpinOperator::sigma_x(spin)
                         : axis == 'y' ? SpinOperator::sigma_y(spin)
                                       : SpinOperator::sigma_z(spin);
    return (rho * redfield::dense_matrix(s, n)).trace().real();
}

TEST(InhomogeneousSource, CoupledSpinsAbragamGibbsAndHubbardFirstOrder) {
    for (const bool abragam : {true, false}) {
        const std::string text = model(abragam ? "abragam" : "hubbard", "[1.0, 1.15, 1.3]", coupled);
        const RunSpec spec = read_run_toml(text, "run.toml");
        const auto r = make_method(spec.method)->run(spec, {});
        double largest = 0.0;
        for (const auto& column : r.series.columns) {
            const double want = expected(spec, column, abragam);
            largest = std::max(largest, std::abs(want));
            EXPECT_NEAR(steady_value(r, column), want, 1e-9) << column << (abragam ? " abragam" : " hubbard");
        }
        EXPECT_GT(largest, 0.1);  // the state is far from 1/d: the check has teeth
    }
}

// The former representation at two uncoupled spins: c diagonal, applied as jumps |i⟩⟨j| (all j)
// with signed rates c_i; abragam c = −diag(Rσ_eq), hubbard c = diag((β/2d)Σ_ω ωγ[A(ω), A(ω)†])
// with γ[A(ω), A(ω)†] = [L, L†] for each Davies jump L = √γ A(ω) (ω from its first monomial).
TEST(InhomogeneousSource, TwoSpinsMatchTheFormerSignedRateRepresentation) {
    for (const std::string thermal : {"abragam", "hubbard"}) {
        const RunSpec spec = read_run_toml(model(thermal, "[1.0, 1.37]", ""), "run.toml");
        const RunSpec derived = RedfieldMethod::derived_spec(spec);
        ASSERT_EQ(derived.model.sources.size(), 1U);
        const int n = 2;
        const auto d = Eigen::Index{1} << n;
        const Eigen::MatrixXcd h = redfield::dense_matrix(spec.model.hamiltonian_operator(), n);
        Eigen::VectorXd c = Eigen::VectorXd::Zero(d);
        if (thermal == "abragam") {
            const Eigen::VectorXd e = h.diagonal().real();
            const Eigen::VectorXd w = (-(e.array() - e.minCoeff()) / T).exp();
            const Eigen::MatrixXcd rho_eq = (w / w.sum()).cast<complex>().asDiagonal();
            c = -openspins::testing::dense_lindblad(rho_eq, SpinOperator{}, derived.model.jumps(), n).diagonal().real();
        } else {
            const auto energies = redfield::single_spin_energies(spec.model.hamiltonian_operator(), n);
            for (const auto& jump : derived.model.jumps()) {
                const auto comps = redfield::bohr_components(jump.op, *energies, 1e-9);
                ASSERT_EQ(comps.size(), 1U);  // a Davies jump has one Bohr frequency
                const Eigen::MatrixXcd l = redfield::dense_matrix(jump.op, n);
                c += (comps.front().omega * jump.rate * (l * l.adjoint() - l.adjoint() * l)).diagonal().real() /
                     (2 * T * static_cast<double>(d));
            }
        }
        std::vector<Jump> former = derived.model.jumps();
        for (Eigen::Index i = 0; i < d; ++i)
            for (Eigen::Index j = 0; j < d; ++j)
                former.push_back({c(i), SpinOperator({Monomial{static_cast<BasisState>(d - 1), static_cast<BasisState>(i),
                                                               static_cast<BasisState>(j), complex(1.0, 0.0)}})});
        const exact::SectorBasis basis(n);
        const auto layout = exact::BlockLayout::all_orders(basis);
        const SpinOperator hs = derived.model.hamiltonian_operator();
        const Eigen::MatrixXcd rho = 0.7 * openspins::testing::random_density(n, 3);
        std::vector<complex> packed(layout.size()), now(layout.size()), before(layout.size());
        exact::pack_dense(rho, basis, layout, packed.data());
        exact::LindbladGenerator(basis, layout, hs, derived.model.jumps(), exact::source_vector(derived.model, basis, layout))
            .apply(packed.data(), now.data());
        exact::LindbladGenerator(basis, layout, hs, former).apply(packed.data(), before.data());
        double err = 0.0, scale = 0.0;
        for (std::size_t k = 0; k < now.size(); ++k) {
            err = std::max(err, std::abs(now[k] - before[k]));
            scale = std::max(scale, std::abs(now[k]));
        }
        EXPECT_GT(c.cwiseAbs().maxCoeff(), 1e-4) << thermal;
        EXPECT_LT(err, 1e-12) << thermal << " (largest element " << scale << ")";
    }
}

}  // namespace
