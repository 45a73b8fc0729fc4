// Spin–mode polynomials (model/spin_mode_polynomial.hpp): normal ordering, adjoints,
// excitation-number bookkeeping, the truncated matrices against explicit Kronecker products,
// the parser's mode letters and the seed-002 coupling as one case of the general terms.
#include "openspins/model/spin_mode_polynomial.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>

#include "openspins/model/model.hpp"
#include "openspins/model/operator_expression.hpp"

namespace openspins::testing {
namespace {

using cplx = std::complex<double>;
using Dense = Eigen::MatrixXcd;

SpinSystem spins(int n) { return SpinSystem({Species{"s", n, 0.0, {}, {}}}); }

// The truncated annihilator on 0 … n_max.
Dense annihilator(int n_max) {
    Dense a = Dense::Zero(n_max + 1, n_max + 1);
    for (int n = 1; n <= n_max; ++n) a(n - 1, n) = std::sqrt(static_cast<double>(n));
    return a;
}

Dense kron(const Dense& mode, const Dense& spin) {
    Dense out(mode.rows() * spin.rows(), mode.cols() * spin.cols());
    for (int r = 0; r < mode.rows(); ++r)
        for (int c = 0; c < mode.cols(); ++c)
            out.block(r * spin.rows(), c * spin.cols(), spin.rows(), spin.cols()) = mode(r, c) * spin;
    return out;
}

Dense dense(const BlockMatrix& m) { return Dense(m); }

double largest(const Dense& m) { return m.cwiseAbs().maxCoeff(); }

TEST(SpinModePolynomial, NormalOrdersProductsOfModeLetters) {
    // a a† = a†a + 1
    const auto a = SpinModePolynomial::mode(0, 1), ad = SpinModePolynomial::mode(1, 0);
    const auto p = (a * ad).simplified();
    ASSERT_EQ(p.terms().size(), 2u);
    EXPECT_EQ(p.terms()[0].creations, 0);
    EXPECT_EQ(p.terms()[1].creations, 1);
    EXPECT_EQ(p.terms()[1].annihilations, 1);
    // a² (a†)² = (a†)²a² + 4 a†a + 2, checked as matrices away from the truncation edge.
    const auto q = (a * a * ad * ad).simplified();
    const Dense m = dense(mode_block_matrix(q, 0, 8));
    const Dense ref = annihilator(10) * annihilator(10) * annihilator(10).adjoint() * annihilator(10).adjoint();
    EXPECT_LT(largest(m - ref.topLeftCorner(9, 9)), 1e-12);
}

TEST(SpinModePolynomial, TruncatedMatricesAreKroneckerProducts) {
    const int n_max = 5, two_j = 4;
    const SpinSystem s = spins(4);
    const Dense a = annihilator(n_max);
    const Dense jx = dense(letter_matrix(CollectiveLetter::Jx, two_j));
    const Dense jz = dense(letter_matrix(CollectiveLetter::Jz, two_j));
    const Dense jp = dense(letter_matrix(CollectiveLetter::Jp, two_j));
    const Dense jm = dense(letter_matrix(CollectiveLetter::Jm, two_j));
    const Dense id_s = Dense::Identity(two_j + 1, two_j + 1);
    struct Case {
        const char* text;
        Dense expected;
    };
    const Case cases[] = {
        {"(a + ad)*Jx", kron(a + a.adjoint(), jx)},
        {"ad*Jm + a*Jp", kron(a.adjoint(), jm) + kron(a, jp)},
        {"n*Jz", kron(a.adjoint() * a, jz)},
        {"0.5*n + 2*Jz*(ad + a)", 0.5 * kron(a.adjoint() * a, id_s) + 2.0 * kron(a.adjoint() + a, jz)},
        {"Jz*Jz - 1j*ad*Jm", kron(Dense::Identity(n_max + 1, n_max + 1), jz * jz) - cplx{0, 1} * kron(a.adjoint(), jm)},
    };
    for (const auto& c : cases) {
        const SpinModePolynomial p = parse_spin_mode(c.text, s);
        EXPECT_LT(largest(dense(mode_block_matrix(p, two_j, n_max)) - c.expected), 1e-12) << c.text;
        // The matrix of the adjoint polynomial is the adjoint matrix at any truncation.
        EXPECT_LT(largest(dense(mode_block_matrix(p.adjoint(), two_j, n_max)) - c.expected.adjoint()), 1e-12) << c.text;
    }
}

TEST(SpinModePolynomial, HermiticityAndExcitationNumber) {
    const SpinSystem s = spins(6);
    struct Case {
        const char* text;
        bool hermitian, conserving, has_mode;
    };
    const Case cases[] = {
        {"(a + ad)*Jx", true, false, true},        // Dicke coupling without the RWA
        {"ad*Jm + a*Jp", true, true, true},        // Tavis–Cummings (RWA)
        {"ad*Jp + a*Jm", true, false, true},       // the counter-rotating pair alone
        {"n*Jz", true, true, true},                // energy conserving (dispersive)
        {"(a + ad)*Jz", true, false, true},        // energy conserving for the spins, displaces the mode
        {"n", true, true, true},                   // the mode frequency term
        {"1j*ad*Jm - 1j*a*Jp", true, true, true},  // seed 002's coupling
        {"a*Jp", false, true, true},
        {"1j*(a + ad)*Jx", false, false, true},
        {"Jz", true, true, false},
        {"n - n + Jz", true, true, false},
    };
    for (const auto& c : cases) {
        const SpinModePolynomial p = parse_spin_mode(c.text, s);
        EXPECT_EQ(is_hermitian_spin_mode(p, 6), c.hermitian) << c.text;
        EXPECT_EQ(p.conserves_excitations(), c.conserving) << c.text;
        EXPECT_EQ(p.has_mode(), c.has_mode) << c.text;
    }
}

TEST(SpinModePolynomial, ModeLettersOnlyWhereTheyAreRead) {
    const SpinSystem s = spins(3);
    // The collective parser (observables, spins-only terms) refuses them by name.
    try {
        (void)parse_collective("Jz + n", s, false);
        FAIL() << "no error";
    } catch (const ExpressionError& e) {
        EXPECT_EQ(e.column(), 6);
        EXPECT_NE(std::string(e.what()).find("bosonic mode"), std::string::npos) << e.what();
    }
    // The monomial parser (exact, redfield, analytic) names the method that takes them.
    try {
        (void)parse_operator("ad*Jm", s);
        FAIL() << "no error";
    } catch (const ExpressionError& e) {
        EXPECT_EQ(e.column(), 1);
        EXPECT_NE(std::string(e.what()).find("\"dicke\""), std::string::npos) << e.what();
    }
}

// Seed 002's [cavity] coupling is the expression "n" at strength δ plus
// "1j*ad*Jm - 1j*a*Jp" at strength g, and protocol steps scale g by the name "cavity".
TEST(SpinModePolynomial, SeedTwoCouplingIsOneCaseOfTheModeTerms) {
    Model model;
    model.spins = spins(4);
    model.cavity = Cavity{};
    model.cavity->n_max = 3;
    model.cavity->detuning = 0.7;
    model.cavity->coupling = 0.3;
    model.cavity->loss = 2.0;
    model.cavity->thermal_occupation = 0.25;
    const auto expected = (parse_spin_mode("n", model.spins) * cplx{0.7} +
                           parse_spin_mode("1j*ad*Jm - 1j*a*Jp", model.spins) * cplx{0.3 * 0.5})
                              .simplified();
    const auto h = model.mode_hamiltonian({{"cavity", 0.5}});
    EXPECT_LT(largest(dense(mode_block_matrix(h, 4, 3)) - dense(mode_block_matrix(expected, 4, 3))), 1e-15);
    const auto jumps = model.mode_jumps();
    ASSERT_EQ(jumps.size(), 2u);  // κ(n̄+1) D[a] + κ n̄ D[a†]
    EXPECT_DOUBLE_EQ(jumps[0].rate, 2.0 * 1.25);
    EXPECT_DOUBLE_EQ(jumps[1].rate, 2.0 * 0.25);
    EXPECT_EQ(jumps[0].op.terms()[0].annihilations, 1);
    EXPECT_EQ(jumps[1].op.terms()[0].creations, 1);
}

TEST(SpinModePolynomial, InitialModeStates) {
    Cavity c;
    c.n_max = 30;
    c.initial = Cavity::Initial::coherent;
    c.alpha = {1.2, -0.5};
    auto m = initial_mode_mixture(c);
    ASSERT_EQ(m.vectors.size(), 1u);
    cplx mean_a = 0.0;
    double mean_n = 0.0;
    for (int n = 1; n <= 30; ++n) {
        mean_a += std::sqrt(n) * std::conj(m.vectors[0][n - 1]) * m.vectors[0][n];
        mean_n += n * std::norm(m.vectors[0][n]);
    }
    EXPECT_LT(std::abs(mean_a - c.alpha), 1e-12);
    EXPECT_NEAR(mean_n, std::norm(c.alpha), 1e-12);
    c.initial = Cavity::Initial::thermal;
    c.n_thermal = 0.8;
    m = initial_mode_mixture(c);
    mean_n = 0.0;
    for (std::size_t k = 0; k < m.weights.size(); ++k)
        for (int n = 0; n <= 30; ++n) mean_n += m.weights[k] * n * std::norm(m.vectors[k][n]);
    EXPECT_NEAR(mean_n, 0.8, 1e-6);  // the truncated tail (0.8/1.8)^31 ≈ 1e-11 barely shifts it
    EXPECT_NEAR(m.mass_at_top, std::pow(0.8 / 1.8, 30), 1e-18);
}

}  // namespace
}  // namespace openspins::testing
