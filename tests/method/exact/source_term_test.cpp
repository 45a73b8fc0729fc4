// The kernel's source term Tr(ρ)·C (model/source_term.hpp) against the dense reference:
// a constant Hermitian traceless C with coherences, in both layouts (on a ρ of trace 0.7, so the
// Tr ρ factor is tested), and the relaxation part −Σγ D[L](ρ_ref), ρ_ref = e^{−H/T}/Z, built by
// source_vector from a thermal state. Agreement to rounding (1e-12): the same sums in another order.
// Also: a diagonal constant source equals the representation openspins used before (jumps |i⟩⟨j|
// for every j with signed rates c_i, which sum to c_i|i⟩⟨i| Tr ρ) to 1e-12.
#include <gtest/gtest.h>

#include "method/exact/dense_reference.hpp"
#include "openspins/method/exact/dense_conversion.hpp"
#include "openspins/method/exact/lindblad_generator.hpp"
#include "openspins/method/exact/source_vector.hpp"

namespace openspins {
namespace {

using exact::BlockLayout;
using exact::SectorBasis;

constexpr int spins = 3;

SpinOperator hamiltonian() {
    SpinOperator h;
    for (int i = 0; i < spins; ++i) h += SpinOperator::sigma_z(i) * (-0.5 * (1.0 + 0.2 * i));
    return h + SpinOperator::sigma_plus(0) * SpinOperator::sigma_minus(1) * 0.1 +
           SpinOperator::sigma_minus(0) * SpinOperator::sigma_plus(1) * 0.1;
}

std::vector<Jump> jumps() {
    std::vector<Jump> j;
    for (int i = 0; i < spins; ++i) {
        j.push_back({0.1 + 0.05 * i, SpinOperator::sigma_minus(i)});
        j.push_back({0.04, SpinOperator::sigma_plus(i)});
        j.push_back({0.03, SpinOperator::sigma_z(i)});
    }
    return j;
}

Model model_with(const SourceTerm& source) {
    Model m;
    m.spins = SpinSystem({Species{"s", spins, 1.0, {}, {}}});
    HamiltonianTerm h;
    h.name = "h";
    h.kind = "custom";
    h.op = hamiltonian();
    m.hamiltonian.push_back(h);
    m.sources.push_back(source);
    return m;
}

// max |L_kernel(ρ) − L_dense(ρ) − Tr(ρ)·C_dense| over the layout
double error(const Model& model, const Eigen::MatrixXcd& c_dense, bool zero_quantum) {
    const SectorBasis basis(spins);
    const BlockLayout layout = zero_quantum ? BlockLayout::zero_quantum(basis) : BlockLayout::all_orders(basis);
    Eigen::MatrixXcd rho = 0.7 * testing::random_density(spins, 5);
    std::vector<complex> packed(layout.size());
    exact::pack_dense(rho, basis, layout, packed.data());
    rho = exact::unpack_dense(packed.data(), basis, layout);
    const exact::LindbladGenerator generator(basis, layout, hamiltonian(), jumps(),
                                             exact::source_vector(model, basis, layout));
    std::vector<complex> out(layout.size()), expected(layout.size());
    generator.apply(packed.data(), out.data());
    const Eigen::MatrixXcd dense = testing::dense_lindblad(rho, hamiltonian(), jumps(), spins) + rho.trace() * c_dense;
    double err = exact::pack_dense(dense, basis, layout, expected.data());
    for (std::size_t k = 0; k < out.size(); ++k) err = std::max(err, std::abs(out[k] - expected[k]));
    return err;
}

TEST(SourceTerm, ConstantSourceMatchesTheDenseReference) {
    SourceTerm s;
    s.name = "c";
    // Hermitian, traceless, with zero-quantum coherences (σ^+_0σ^-_2 + h.c.) and populations.
    s.constant = SpinOperator::sigma_z(0) * 0.02 - SpinOperator::sigma_z(1) * SpinOperator::sigma_z(2) * 0.01 +
                 SpinOperator::sigma_plus(0) * SpinOperator::sigma_minus(2) * complex(0.01, 0.02) +
                 SpinOperator::sigma_minus(0) * SpinOperator::sigma_plus(2) * complex(0.01, -0.02);
    const Model m = model_with(s);
    EXPECT_TRUE(exact::sources_are_zero_quantum(m));
    EXPECT_LT(error(m, testing::dense(s.constant, spins), true), 1e-12);
    EXPECT_LT(error(m, testing::dense(s.constant, spins), false), 1e-12);
}

TEST(SourceTerm, RelaxationTowardAThermalStateMatchesTheDenseReference) {
    SourceTerm s;
    s.name = "abragam";
    s.relaxation = jumps();
    s.reference_temperature = 0.8;
    const Model m = model_with(s);
    const Eigen::MatrixXcd h = testing::dense(hamiltonian(), spins);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eig(h);
    const Eigen::VectorXd w = (-(eig.eigenvalues().array() - eig.eigenvalues().minCoeff()) / 0.8).exp();
    const Eigen::MatrixXcd rho_ref = eig.eigenvectors() * (w / w.sum()).asDiagonal() * eig.eigenvectors().adjoint();
    const Eigen::MatrixXcd c = -testing::dense_lindblad(rho_ref, SpinOperator{}, jumps(), spins);
    EXPECT_GT(c.cwiseAbs().maxCoeff(), 1e-3);  // these rates do not hold ρ_ref: C is not trivially zero
    EXPECT_LT(error(m, c, true), 1e-12);
    EXPECT_LT(error(m, c, false), 1e-12);
}

TEST(SourceTerm, DiagonalSourceEqualsSignedRateJumps) {
    // The former representation of a diagonal c: Σ_i Σ_j c_i D[|i⟩⟨j|].
    const SectorBasis basis(spins);
    const BlockLayout layout = BlockLayout::all_orders(basis);
    const BasisState d = basis.dimension();
    std::vector<double> c(d);
    for (BasisState i = 0; i < d; ++i) c[i] = 0.01 * (static_cast<double>(i) - 0.5 * static_cast<double>(d - 1));
    SourceTerm s;
    s.name = "c";
    std::vector<Jump> with_jumps = jumps();
    for (BasisState i = 0; i < d; ++i) {
        s.constant += SpinOperator({Monomial{d - 1, i, i, complex(c[i], 0.0)}});
        for (BasisState j = 0; j < d; ++j) with_jumps.push_back({c[i], SpinOperator({Monomial{d - 1, i, j, 1.0}})});
    }
    const Model m = model_with(s);
    Eigen::MatrixXcd rho = 0.7 * testing::random_density(spins, 9);
    std::vector<complex> packed(layout.size()), a(layout.size()), b(layout.size());
    exact::pack_dense(rho, basis, layout, packed.data());
    exact::LindbladGenerator(basis, layout, hamiltonian(), jumps(), exact::source_vector(m, basis, layout))
        .apply(packed.data(), a.data());
    exact::LindbladGenerator(basis, layout, hamiltonian(), with_jumps).apply(packed.data(), b.data());
    double err = 0.0;
    for (std::size_t k = 0; k < a.size(); ++k) err = std::max(err, std::abs(a[k] - b[k]));
    EXPECT_LT(err, 1e-12);
}

}  // namespace
}  // namespace openspins
