// The derived spin–mode moment equations against a brute-force reference, as
// moment_equations_test.cpp does for spins alone: N = 3 spins ⊗ one mode, a random ρ symmetric
// under spin permutations and supported on the Fock states n ≤ 2, the exact d⟨O⟩/dt = Tr(O 𝓛ρ)
// from dense matrices built here (mode truncated at n_max = 12, far above anything the operators
// reach from n ≤ 2, so the truncation never enters), against Σ c(N) M(K') of the derived
// equations with the exact moments of ρ (no closure). Agreement to 1e-11 says the normal
// ordering ([a, a†] = 1), the mode factors' bookkeeping and every spin–mode piece are right.
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
constexpr int n_spins = 3;
constexpr int spin_dim = 1 << n_spins;
constexpr int n_max = 12;
constexpr int fock = n_max + 1;
constexpr int populated = 3;  // ρ lives on n = 0, 1, 2

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

Mat spin_word(const PauliWord& letters) {
    Mat m = Mat::Identity(1, 1);
    for (int k = 0; k < n_spins; ++k) m = kron(m, site(k < static_cast<int>(letters.size()) ? letters[k] : Letter::one));
    return m;
}

Mat annihilation() {
    Mat a = Mat::Zero(fock, fock);
    for (int n = 1; n < fock; ++n) a(n - 1, n) = std::sqrt(static_cast<double>(n));
    return a;
}

Mat mode_monomial(int p, int q) {
    const Mat a = annihilation();
    const Mat ad = a.adjoint();
    Mat m = Mat::Identity(fock, fock);
    for (int k = 0; k < p; ++k) m = m * ad;
    for (int k = 0; k < q; ++k) m = m * a;
    return m;
}

Mat collective_sum(Letter l, cplx c) {
    Mat m = Mat::Zero(spin_dim, spin_dim);
    for (int k = 0; k < n_spins; ++k) {
        PauliWord w(n_spins, Letter::one);
        w[static_cast<std::size_t>(k)] = l;
        m += c * spin_word(w);
    }
    return m;
}

Mat collective_letter(CollectiveLetter l) {
    const Mat jx = collective_sum(Letter::plus, 0.5) + collective_sum(Letter::minus, 0.5);
    const Mat jy = collective_sum(Letter::plus, cplx(0, -0.5)) + collective_sum(Letter::minus, cplx(0, 0.5));
    const Mat jz = collective_sum(Letter::z, 0.5);
    switch (l) {
        case CollectiveLetter::Jx: return jx;
        case CollectiveLetter::Jy: return jy;
        case CollectiveLetter::Jz: return jz;
        case CollectiveLetter::Jp: return collective_sum(Letter::plus, 1.0);
        case CollectiveLetter::Jm: return collective_sum(Letter::minus, 1.0);
        case CollectiveLetter::J2: return jx * jx + jy * jy + jz * jz;
    }
    return Mat();
}

// The dense operator of a spin–mode polynomial, spins ⊗ mode.
Mat dense(const SpinModePolynomial& p) {
    Mat m = Mat::Zero(spin_dim * fock, spin_dim * fock);
    for (const auto& t : p.terms()) {
        Mat s = Mat::Zero(spin_dim, spin_dim);
        for (const auto& mono : t.spin.terms()) {
            Mat x = Mat::Identity(spin_dim, spin_dim);
            for (const auto l : mono.letters) x = x * collective_letter(l);
            s += mono.coeff * x;
        }
        m += kron(s, mode_monomial(t.creations, t.annihilations));
    }
    return m;
}

Mat permutation_matrix(const std::vector<int>& p) {
    Mat m = Mat::Zero(spin_dim, spin_dim);
    for (int s = 0; s < spin_dim; ++s) {
        int t = 0;
        for (int k = 0; k < n_spins; ++k)
            if (s & (1 << (n_spins - 1 - k))) t |= 1 << (n_spins - 1 - p[static_cast<std::size_t>(k)]);
        m(t, s) = 1.0;
    }
    return m;
}

Mat symmetric_random_state() {
    std::srand(11);
    Mat v = Mat::Zero(spin_dim * fock, 6);
    for (int s = 0; s < spin_dim; ++s)
        for (int n = 0; n < populated; ++n) v.row(s * fock + n) = Mat::Random(1, 6);
    const Mat rho = v * v.adjoint();
    Mat sym = Mat::Zero(rho.rows(), rho.cols());
    std::vector<int> p(n_spins);
    std::iota(p.begin(), p.end(), 0);
    do {
        const Mat q = kron(permutation_matrix(p), Mat::Identity(fock, fock));
        sym += q * rho * q.adjoint();
    } while (std::next_permutation(p.begin(), p.end()));
    return sym / sym.trace();
}

Mat moment_operator(const MomentKey& k) { return kron(spin_word(k.word()), mode_monomial(k.creations, k.annihilations)); }

cplx moment(const Mat& rho, const MomentKey& k) { return (moment_operator(k) * rho).trace(); }

void expect_match(const MomentEquations& eq, const Mat& drho, const Mat& rho, const std::string& what) {
    for (const auto& [k, sum] : eq) {
        const cplx exact = (moment_operator(k) * drho).trace();
        cplx derived = 0.0;
        for (const auto& [source, c] : sum) {
            const cplx weight = c.at(n_spins);
            if (std::abs(weight) < 1e-9) continue;  // more than N spins: a factor (N − m), m ≥ N
            ASSERT_LE(source.spins(), n_spins);
            derived += weight * moment(rho, source);
        }
        EXPECT_NEAR(std::abs(derived - exact), 0.0, 1e-11 * (1.0 + std::abs(exact))) << what << ": " << key_text(k, false);
    }
}

const std::vector<MomentKey> keys = canonical_keys_with_mode(3, n_spins);

SpinModePolynomial spins(CollectiveLetter l) { return SpinModePolynomial::spins_only(CollectivePolynomial::letter(l)); }
SpinModePolynomial mode(int p, int q, cplx c = 1.0) { return SpinModePolynomial::mode(p, q, c); }

TEST(CumulantModeEquations, HamiltoniansMatchDenseHeisenberg) {
    const Mat rho = symmetric_random_state();
    const cplx i(0, 1);
    const std::vector<std::pair<std::string, SpinModePolynomial>> hamiltonians{
        {"n", mode(1, 1)},
        {"(a + ad) Jx", (mode(0, 1) + mode(1, 0)) * spins(CollectiveLetter::Jx)},
        {"i(ad Jm - a Jp)", mode(1, 0, i) * spins(CollectiveLetter::Jm) + mode(0, 1, -i) * spins(CollectiveLetter::Jp)},
        {"ad Jm + a Jp", mode(1, 0) * spins(CollectiveLetter::Jm) + mode(0, 1) * spins(CollectiveLetter::Jp)},
        {"n Jz", mode(1, 1) * spins(CollectiveLetter::Jz)},
        {"(a + ad) Jz", (mode(0, 1) + mode(1, 0)) * spins(CollectiveLetter::Jz)},
        {"drive a + ad", mode(0, 1, 0.7) + mode(1, 0, 0.7)},
        {"Kerr ad^2 a^2", mode(2, 2)},
        {"n J2", mode(1, 1) * spins(CollectiveLetter::J2)},
    };
    for (const auto& [name, h] : hamiltonians) {
        const Mat hd = dense(h);
        const Mat drho = -i * (hd * rho - rho * hd);
        expect_match(spin_mode_hamiltonian_equations(h, keys), drho, rho, name);
    }
}

TEST(CumulantModeEquations, JumpsMatchDenseLindblad) {
    const Mat rho = symmetric_random_state();
    const std::vector<std::pair<std::string, SpinModePolynomial>> jumps{
        {"a (loss)", mode(0, 1)},
        {"ad (pumping)", mode(1, 0)},
        {"a Jz (custom)", mode(0, 1) * spins(CollectiveLetter::Jz)},
        {"n (mode dephasing)", mode(1, 1)},
        {"Jm + a (mixed)", spins(CollectiveLetter::Jm) + mode(0, 1, 0.5)},
    };
    for (const auto& [name, l] : jumps) {
        const Mat ld = dense(l);
        const Mat drho = ld * rho * ld.adjoint() - 0.5 * (ld.adjoint() * ld * rho + rho * ld.adjoint() * ld);
        expect_match(spin_mode_jump_equations(l, keys), drho, rho, name);
    }
}

TEST(CumulantModeEquations, SpinPiecesLeaveTheModeFactorAlone) {
    // The spins-only pieces on words that carry a mode monomial (the mode is a spectator).
    const Mat rho = symmetric_random_state();
    const cplx i(0, 1);
    const CollectivePolynomial h = CollectivePolynomial::letter(CollectiveLetter::Jz) * CollectivePolynomial::letter(CollectiveLetter::Jz) +
                                   CollectivePolynomial::letter(CollectiveLetter::Jx, 0.3);
    const Mat hd = dense(SpinModePolynomial::spins_only(h));
    expect_match(hamiltonian_equations(h, keys), -i * (hd * rho - rho * hd), rho, "Jz^2 + 0.3 Jx");
    const Mat jm = dense(spins(CollectiveLetter::Jm));
    expect_match(collective_channel_equations(letter_operator(Letter::minus), keys),
                 jm * rho * jm.adjoint() - 0.5 * (jm.adjoint() * jm * rho + rho * jm.adjoint() * jm), rho, "D[J-]");
    Mat local = Mat::Zero(rho.rows(), rho.cols());
    for (int k = 0; k < n_spins; ++k) {
        PauliWord w(n_spins, Letter::one);
        w[static_cast<std::size_t>(k)] = Letter::minus;
        const Mat l = kron(spin_word(w), Mat::Identity(fock, fock));
        local += l * rho * l.adjoint() - 0.5 * (l.adjoint() * l * rho + rho * l.adjoint() * l);
    }
    expect_match(local_channel_equations(letter_operator(Letter::minus), keys), local, rho, "sum D[s-_i]");
}

TEST(CumulantModeEquations, VariableCountsAndClosureWithTheMode) {
    // Order 1: <s+>, <sz>, <a> (5 reals); the closure splits a† and a like spins.
    const auto count = [](int order) {
        std::size_t reals = 0;
        for (const auto& k : canonical_keys_with_mode(order, 100)) reals += k.is_real() ? 1 : 2;
        return reals;
    };
    EXPECT_EQ(count(1), 5u);
    const MomentKey photons{0, 0, 0, 1, 1}, a{0, 0, 0, 0, 1}, ad{0, 0, 0, 1, 0};
    const MomentPolynomial c1 = closure(photons, 1);
    ASSERT_EQ(c1.size(), 1u);
    EXPECT_EQ(c1.begin()->first, (std::vector<MomentKey>{std::min(a, ad), std::max(a, ad)}));
    EXPECT_DOUBLE_EQ(c1.begin()->second, 1.0);
    // Order 2: <ad a sz> ~ <ad a><sz> + <ad sz><a> + <a sz><ad> - 2<ad><a><sz>
    const MomentKey z{0, 0, 1}, adaz{0, 0, 1, 1, 1}, adz{0, 0, 1, 1, 0}, az{0, 0, 1, 0, 1};
    MomentPolynomial expected;
    const auto sorted = [](std::vector<MomentKey> v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    expected[sorted({photons, z})] = 1.0;
    expected[sorted({adz, a})] = 1.0;
    expected[sorted({az, ad})] = 1.0;
    expected[sorted({ad, a, z})] = -2.0;
    EXPECT_EQ(closure(adaz, 2), expected);
}

}  // namespace
}  // namespace openspins::cumulant
