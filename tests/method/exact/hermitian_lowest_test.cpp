// λ_min of Hermitian blocks above the dense limit (hermitian_lowest.hpp, positivity_monitor.hpp):
// matrices with known spectra ρ = V D V†, V = 1 − 2uu† a Householder reflection (|u| = 1, so the
// eigenvalues are exactly D's), against D's minimum; and one block just above 512 rows against
// Eigen's dense solver.
#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <random>

#include "openspins/method/exact/block_layout.hpp"
#include "openspins/method/exact/dense_conversion.hpp"
#include "openspins/method/exact/hermitian_lowest.hpp"
#include "openspins/method/exact/positivity_monitor.hpp"

using namespace openspins;
using namespace openspins::exact;

namespace {

// V D V† with V = 1 − 2uu†, formed in O(m²): D − 2u(u†D) − 2(Du)u† + 4(u†Du)uu†.
Eigen::MatrixXcd reflected(const Eigen::VectorXd& d, std::mt19937& rng) {
    std::normal_distribution<double> g;
    const auto m = d.size();
    Eigen::VectorXcd u(m);
    for (Eigen::Index i = 0; i < m; ++i) u(i) = complex(g(rng), g(rng));
    u.normalize();
    const Eigen::VectorXcd du = d.cast<complex>().cwiseProduct(u);
    const complex udu = u.dot(du);  // u†Du
    Eigen::MatrixXcd rho = -2.0 * u * du.adjoint() - 2.0 * du * u.adjoint() + 4.0 * udu * u * u.adjoint();
    rho.diagonal() += d.cast<complex>();
    return rho;
}

// A mixed state's spectrum with one eigenvalue pushed below zero (a Redfield-like ρ), trace 1.
Eigen::VectorXd spectrum(Eigen::Index m, double negative, std::mt19937& rng) {
    std::exponential_distribution<double> e(1.0);
    Eigen::VectorXd d(m);
    for (Eigen::Index i = 0; i < m; ++i) d(i) = e(rng) * std::exp(-8.0 * static_cast<double>(i) / static_cast<double>(m));
    d /= d.sum();
    d(m / 3) = negative;
    return d;
}

using RowMajor = Eigen::Matrix<complex, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

}  // namespace

TEST(HermitianLowest, BlockJustAbove512RowsEqualsTheDenseSolver) {
    // ARPACK's tolerance 1e-10 (relative, floor ε^{2/3}): 1e-9 absolute on a trace-one ρ.
    std::mt19937 rng(7);
    const Eigen::Index m = 600;
    const RowMajor rho = reflected(spectrum(m, -2.5e-3, rng), rng);
    const double dense =
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(Eigen::MatrixXcd(rho), Eigen::EigenvaluesOnly).eigenvalues().minCoeff();
    const HermitianPieces h{static_cast<std::size_t>(m), {{0, 0, 600, 600, rho.data()}}};
    EXPECT_LT(gershgorin_lower_bound(h), 0.0);  // so the check must run Arnoldi
    const auto arnoldi = lowest_by_arnoldi(h);
    ASSERT_TRUE(arnoldi.has_value());
    EXPECT_NEAR(*arnoldi, dense, 1e-9);
    EXPECT_NEAR(*arnoldi, -2.5e-3, 1e-9);
    EXPECT_NEAR(*lowest_of_large_block(h), dense, 1e-9);
}

TEST(HermitianLowest, FullStorageOfTenSpinsPlacesTheBlocksBySector) {
    // N = 10 in full storage: the 1024 × 1024 ρ is 121 blocks; its λ_min is D's minimum.
    std::mt19937 rng(11);
    const SectorBasis basis(10);
    const BlockLayout layout = BlockLayout::all_orders(basis);
    const Eigen::MatrixXcd rho = reflected(spectrum(1024, -4e-4, rng), rng);
    std::vector<complex> packed(layout.size());
    ASSERT_EQ(pack_dense(rho, basis, layout, packed.data()), 0.0);
    const auto lowest = smallest_eigenvalue(packed.data(), basis, layout);
    ASSERT_TRUE(lowest.has_value());
    EXPECT_NEAR(*lowest, -4e-4, 1e-9);
}

TEST(HermitianLowest, GershgorinCertifiesADominantDiagonalWithALowerBound) {
    // Near the maximally mixed state the discs stay right of 0: the bound (≤ λ_min) is recorded.
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> small(-1e-6, 1e-6);
    const Eigen::Index m = 700;
    RowMajor rho = RowMajor::Zero(m, m);
    for (Eigen::Index i = 0; i < m; ++i) {
        rho(i, i) = 1.0 / static_cast<double>(m);
        for (Eigen::Index j = 0; j < i; ++j) {
            rho(i, j) = complex(small(rng), small(rng));
            rho(j, i) = std::conj(rho(i, j));
        }
    }
    const double dense =
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(Eigen::MatrixXcd(rho), Eigen::EigenvaluesOnly).eigenvalues().minCoeff();
    const HermitianPieces h{static_cast<std::size_t>(m), {{0, 0, 700, 700, rho.data()}}};
    const auto recorded = lowest_of_large_block(h);
    ASSERT_TRUE(recorded.has_value());
    EXPECT_GE(*recorded, 0.0);
    EXPECT_LE(*recorded, dense + 1e-15);
}

TEST(HermitianLowest, BeyondTheIterativeLimitIsNotChecked) {
    const HermitianPieces h{max_iterative_rows + 1, {}};
    EXPECT_FALSE(lowest_of_large_block(h).has_value());
}
