// The derived moment equations against a brute-force reference: for N = 4 spins, a random
// permutation-symmetric ρ (a random density matrix averaged over the 24 permutations), the
// exact d⟨O⟩/dt = Tr(O 𝓛ρ) from dense 16×16 matrices built here independently, against
// Σ c(N) M(K') of the derived equations with the exact moments of ρ (no closure: every K'
// has at most N spins). Agreement to 1e-12 says the algebra (site reduction, the factors
// N − m, the adjoint dissipators, J² expanded) is right for every piece.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <algorithm>
#include <complex>
#include <numeric>

#include "openspins/method/cumulant/cumulant_closure.hpp"
#include "openspins/method/cumulant/moment_equations.hpp"

namespace openspins::cumulant {
namespace {

using cplx = std::complex<double>;
using Mat = Eigen::MatrixXcd;
constexpr int n_spins = 4;
constexpr int dim = 1 << n_spins;

// Single-site matrices, |↑⟩ = index 0.
Mat site(Letter l) {
    Mat m = Mat::Zero(2, 2);
    switch (l) {
        case Letter::one: m(0, 0) = m(1, 1) = 1.0; break;
        case Letter::plus: m(0, 1) = 1.0; break;
        case Letter::minus: m(1, 0) = 1.0; break;
        case Letter::z: m(0, 0) = 1.0; m(1, 1) = -1.0; break;
    }
    return m;
}

Mat kron(const Mat& a, const Mat& b) {
    Mat k(a.rows() * b.rows(), a.cols() * b.cols());
    for (int i = 0; i < a.rows(); ++i)
        for (int j = 0; j < a.cols(); ++j) k.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
    return k;
}

// The operator with letters[k] on spin k (spin 0 the leftmost factor), identity elsewhere.
Mat on_sites(const std::vector<Letter>& letters) {
    Mat m = Mat::Identity(1, 1);
    for (int k = 0; k < n_spins; ++k) m = kron(m, site(k < static_cast<int>(letters.size()) ? letters[k] : Letter::one));
    return m;
}

Mat single(Letter l, int spin) {
    std::vector<Letter> w(n_spins, Letter::one);
    w[spin] = l;
    return on_sites(w);
}


Mat sum_over_spins(Letter l, cplx c) {
    Mat m = Mat::Zero(dim, dim);
    for (int k = 0; k < n_spins; ++k) m += c * single(l, k);
    return m;
}

Mat jx() { return sum_over_spins(Letter::plus, 0.5) + sum_over_spins(Letter::minus, 0.5); }
Mat jy() { return sum_over_spins(Letter::plus, cplx(0, -0.5)) + sum_over_spins(Letter::minus, cplx(0, 0.5)); }
Mat jz() { return sum_over_spins(Letter::z, 0.5); }

Mat permutation_matrix(const std::vector<int>& p) {
    Mat m = Mat::Zero(dim, dim);
    for (int s = 0; s < dim; ++s) {
        int t = 0;
        for (int k = 0; k < n_spins; ++k)
            if (s & (1 << (n_spins - 1 - k))) t |= 1 << (n_spins - 1 - p[k]);
        m(t, s) = 1.0;
    }
    return m;
}

Mat symmetric_random_state() {
    std::srand(7);
    Mat a = Mat::Random(dim, dim);
    Mat rho = a * a.adjoint();
    Mat sym = Mat::Zero(dim, dim);
    std::vector<int> p(n_spins);
    std::iota(p.begin(), p.end(), 0);
    do {
        const Mat q = permutation_matrix(p);
        sym += q * rho * q.adjoint();
    } while (std::next_permutation(p.begin(), p.end()));
    return sym / sym.trace();
}

cplx moment(const Mat& rho, const MomentKey& k) { return (on_sites(k.word()) * rho).trace(); }

// 𝓛ρ for H and jumps (rate, L).
Mat lindblad(const Mat& rho, const Mat& h, const std::vector<std::pair<double, Mat>>& jumps) {
    const cplx i(0, 1);
    Mat d = -i * (h * rho - rho * h);
    for (const auto& [g, l] : jumps)
        d += g * (l * rho * l.adjoint() - 0.5 * (l.adjoint() * l * rho + rho * l.adjoint() * l));
    return d;
}

void expect_equations_match(const MomentEquations& eq, const Mat& h, const std::vector<std::pair<double, Mat>>& jumps) {
    const Mat rho = symmetric_random_state();
    const Mat drho = lindblad(rho, h, jumps);
    for (const auto& [k, sum] : eq) {
        const cplx exact = (on_sites(k.word()) * drho).trace();
        cplx derived = 0.0;
        for (const auto& [source, c] : sum) {
            const cplx weight = c.at(n_spins);
            if (std::abs(weight) < 1e-9) continue;  // a moment of more than N spins comes with a factor (N − m), m ≥ N
            ASSERT_LE(source.order(), n_spins);
            derived += weight * moment(rho, source);
        }
        EXPECT_NEAR(std::abs(derived - exact), 0.0, 1e-12) << key_text(k, false);
    }
}

const std::vector<MomentKey> keys = canonical_keys(3);

TEST(CumulantMomentEquations, ZeemanDriveAndTwistingMatchDenseHeisenberg) {
    // H = 0.7 Jz + 0.3 Jx − 0.2 Jy + 0.45 Jz² + 0.1 J² + 0.05 (J⁺J⁻J⁺ + h.c.)
    CollectivePolynomial p = CollectivePolynomial::letter(CollectiveLetter::Jz, 0.7) +
                             CollectivePolynomial::letter(CollectiveLetter::Jx, 0.3) +
                             CollectivePolynomial::letter(CollectiveLetter::Jy, -0.2) +
                             CollectivePolynomial::letter(CollectiveLetter::Jz, 0.45) *
                                 CollectivePolynomial::letter(CollectiveLetter::Jz) +
                             CollectivePolynomial::letter(CollectiveLetter::J2, 0.1);
    const auto jp = CollectivePolynomial::letter(CollectiveLetter::Jp), jm = CollectivePolynomial::letter(CollectiveLetter::Jm);
    p += (jp * jm * jp + jm * jp * jm) * 0.05;
    const Mat jpm = sum_over_spins(Letter::plus, 1.0), jmm = sum_over_spins(Letter::minus, 1.0);
    const Mat h = 0.7 * jz() + 0.3 * jx() - 0.2 * jy() + 0.45 * jz() * jz() +
                  0.1 * (jx() * jx() + jy() * jy() + jz() * jz()) + 0.05 * (jpm * jmm * jpm + jmm * jpm * jmm);
    expect_equations_match(hamiltonian_equations(p, keys), h, {});
}

TEST(CumulantMomentEquations, LocalChannelsMatchDenseLindblad) {
    for (const std::string kind : {"emission", "absorption", "dephasing"}) {
        const SiteOperator l = *channel_site_operator(kind);
        std::vector<std::pair<double, Mat>> jumps;
        const Letter letter = kind == "emission" ? Letter::minus : kind == "absorption" ? Letter::plus : Letter::z;
        for (int k = 0; k < n_spins; ++k) jumps.emplace_back(1.0, single(letter, k));
        SCOPED_TRACE(kind);
        expect_equations_match(local_channel_equations(l, keys), Mat::Zero(dim, dim), jumps);
    }
}

TEST(CumulantMomentEquations, CollectiveChannelsMatchDenseLindblad) {
    const std::vector<std::pair<std::string, Mat>> cases{{"collective_emission", sum_over_spins(Letter::minus, 1.0)},
                                                         {"collective_absorption", sum_over_spins(Letter::plus, 1.0)},
                                                         {"collective_dephasing", jz()}};
    for (const auto& [kind, l] : cases) {
        SCOPED_TRACE(kind);
        expect_equations_match(collective_channel_equations(*channel_site_operator(kind), keys), Mat::Zero(dim, dim),
                               {{1.0, l}});
    }
}

TEST(CumulantMomentEquations, CollectiveExpectationsCarryTheCombinatorialFactors) {
    // ⟨J⁺J⁻⟩ = N (1 + ⟨σᶻ⟩)/2 + N(N − 1) ⟨σ⁺₁σ⁻₂⟩ and ⟨J²⟩ against the dense state.
    const Mat rho = symmetric_random_state();
    const Mat jpm = sum_over_spins(Letter::plus, 1.0), jmm = sum_over_spins(Letter::minus, 1.0);
    const auto jp = CollectivePolynomial::letter(CollectiveLetter::Jp), jm = CollectivePolynomial::letter(CollectiveLetter::Jm);
    const MomentSum s = collective_expectation(jp * jm);
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(to_text(s.at({1, 1, 0}), false), "N(N - 1)");
    EXPECT_EQ(to_text(s.at({0, 0, 1}), false), "1/2 N");
    EXPECT_EQ(to_text(s.at({0, 0, 0}), false), "1/2 N");
    const std::vector<std::pair<CollectivePolynomial, Mat>> cases{
        {jp * jm, jpm * jmm},
        {CollectivePolynomial::letter(CollectiveLetter::J2), jx() * jx() + jy() * jy() + jz() * jz()},
        {CollectivePolynomial::letter(CollectiveLetter::Jz) * CollectivePolynomial::letter(CollectiveLetter::Jx) *
             CollectivePolynomial::letter(CollectiveLetter::Jy),
         jz() * jx() * jy()}};
    for (const auto& [p, m] : cases) {
        cplx derived = 0.0;
        for (const auto& [k, c] : collective_expectation(p)) derived += c.at(n_spins) * moment(rho, k);
        EXPECT_NEAR(std::abs(derived - (m * rho).trace()), 0.0, 1e-12) << to_string(p);
    }
}

TEST(CumulantClosure, SecondAndThirdOrderFormulas) {
    // ⟨σ⁺σ⁻σᶻ⟩ at order 2: ⟨+−⟩⟨z⟩ + ⟨+z⟩⟨−⟩ + ⟨−z⟩⟨+⟩ − 2⟨+⟩⟨−⟩⟨z⟩ (seed 002's Appendix rule).
    const MomentPolynomial c2 = closure({1, 1, 1}, 2);
    EXPECT_EQ(c2.size(), 4u);
    EXPECT_EQ(c2.at({{0, 0, 1}, {1, 1, 0}}), 1.0);
    EXPECT_EQ(c2.at({{0, 1, 0}, {1, 0, 1}}), 1.0);
    EXPECT_EQ(c2.at({{0, 1, 1}, {1, 0, 0}}), 1.0);
    EXPECT_EQ(c2.at({{0, 0, 1}, {0, 1, 0}, {1, 0, 0}}), -2.0);
    // ⟨zzzz⟩ at order 3: 4⟨zzz⟩⟨z⟩ + 3⟨zz⟩² − 12⟨zz⟩⟨z⟩² + 6⟨z⟩⁴; at order 1: ⟨z⟩⁴.
    const MomentPolynomial c3 = closure({0, 0, 4}, 3);
    EXPECT_EQ(c3.size(), 4u);
    EXPECT_EQ(c3.at({{0, 0, 1}, {0, 0, 3}}), 4.0);
    EXPECT_EQ(c3.at({{0, 0, 2}, {0, 0, 2}}), 3.0);
    EXPECT_EQ(c3.at({{0, 0, 1}, {0, 0, 1}, {0, 0, 2}}), -12.0);
    EXPECT_EQ(c3.at({{0, 0, 1}, {0, 0, 1}, {0, 0, 1}, {0, 0, 1}}), 6.0);
    const MomentPolynomial c1 = closure({0, 0, 4}, 1);
    EXPECT_EQ(c1.size(), 1u);
    EXPECT_EQ(c1.at({{0, 0, 1}, {0, 0, 1}, {0, 0, 1}, {0, 0, 1}}), 1.0);
    // For a product state every closure is exact: moments factorise, all cumulants of ≥ 2 spins vanish.
}

}  // namespace
}  // namespace openspins::cumulant
