// The generator on Pauli coordinates against the dense Lindblad generator (through the basis change
// of pauli_basis.hpp), its fast passes against its element-by-element reference, and the basis change
// itself. Tolerances: 1e-12 of the largest element of the result — the two sides sum the same terms in
// different orders (and the basis change adds N stages of 4-term sums), so only rounding may differ.
#include "openspins/method/exact/pauli_generator.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <cstring>
#include <random>
#include <string>

#include "method/exact/dense_reference.hpp"
#include "method/exact/random_model.hpp"
#include "method/exact/recurrence_check.hpp"
#include "openspins/method/exact/fused_full_generator.hpp"
#include "openspins/method/exact/pauli_basis.hpp"
#include "openspins/method/exact/pauli_readout.hpp"

namespace openspins {
namespace {

using exact::PauliGenerator;

Eigen::MatrixXcd as_matrix(const std::vector<complex>& rho, std::size_t d) {
    Eigen::MatrixXcd m(d, d);
    for (std::size_t r = 0; r < d; ++r)
        for (std::size_t c = 0; c < d; ++c) m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rho[r * d + c];
    return m;
}

std::vector<complex> as_vector(const Eigen::MatrixXcd& m) {
    const auto d = static_cast<std::size_t>(m.rows());
    std::vector<complex> v(d * d);
    for (std::size_t r = 0; r < d; ++r)
        for (std::size_t c = 0; c < d; ++c) v[r * d + c] = m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c));
    return v;
}

double largest(const std::vector<double>& v) {
    double m = 0.0;
    for (const double x : v) m = std::max(m, std::abs(x));
    return m;
}

double difference(const std::vector<double>& a, const std::vector<double>& b) {
    double m = 0.0;
    for (std::size_t k = 0; k < a.size(); ++k) m = std::max(m, std::abs(a[k] - b[k]));
    return m;
}

std::vector<PauliGenerator::Isa> available_isas() {
    std::vector<PauliGenerator::Isa> isas{PauliGenerator::Isa::generic};
    if (PauliGenerator::best_isa() == PauliGenerator::Isa::avx2) isas.push_back(PauliGenerator::Isa::avx2);
    return isas;
}

// M a against the coordinates of the dense L(ρ) (N ≤ 7) and the fast passes against the reference loop.
void expect_matches_dense(int spins, const SpinOperator& h, const std::vector<Jump>& jumps, unsigned seed,
                          const std::string& what) {
    const std::size_t d = std::size_t{1} << spins;
    const std::vector<complex> rho = testing::random_hermitian(spins, seed);
    const std::vector<double> a = exact::pauli_coordinates(rho, spins);
    PauliGenerator g(spins, h, jumps);
    std::vector<double> reference(a.size());
    g.apply_reference(a.data(), reference.data());
    const double scale = largest(reference);
    ASSERT_GT(scale, 0.1) << what;  // not vacuous
    if (spins <= 7) {
        const Eigen::MatrixXcd l = testing::dense_lindblad(as_matrix(rho, d), h, jumps, spins);
        const std::vector<double> expected = exact::pauli_coordinates(as_vector(l), spins);
        EXPECT_LT(difference(reference, expected), 1e-12 * scale) << what << " N = " << spins;
    }
    for (const auto isa : available_isas()) {
        g.set_isa(isa);
        StateVector in(a.begin(), a.end()), out(a.size());
        g.apply(in.data(), out.data());
        EXPECT_LT(difference(std::vector<double>(out.begin(), out.end()), reference), 1e-12 * scale)
            << what << " N = " << spins << " isa " << static_cast<int>(isa);
    }
}

SpinOperator ising(int spins, std::vector<Jump>& jumps) {
    SpinOperator h;
    for (int i = 0; i < spins; ++i) h += SpinOperator::sigma_z(i) * complex{0.2};
    for (int i = 0; i + 1 < spins; ++i) h += SpinOperator::sigma_x(i) * SpinOperator::sigma_x(i + 1) * complex{1.0};
    for (int i = 0; i < spins; ++i) jumps.push_back({1.0, SpinOperator::sigma_minus(i)});
    return h;
}

TEST(PauliBasis, CoordinatesAreTheExpectationsAndRoundTrip) {
    for (int spins = 1; spins <= 4; ++spins) {
        const std::size_t d = std::size_t{1} << spins;
        const std::vector<complex> rho = testing::random_hermitian(spins, 7U + static_cast<unsigned>(spins));
        const std::vector<double> a = exact::pauli_coordinates(rho, spins);
        const Eigen::MatrixXcd m = as_matrix(rho, d);
        // a_Q = Tr(σ_Q ρ) for σ_Q built from the model's own Pauli operators.
        for (std::size_t q = 0; q < a.size(); ++q) {
            SpinOperator s = SpinOperator::identity();
            for (int i = 0; i < spins; ++i) {
                const unsigned e = (q >> (2 * i)) & 3U;
                if (e == 1) s = s * SpinOperator::sigma_x(i);
                if (e == 2) s = s * SpinOperator::sigma_z(i);
                if (e == 3) s = s * SpinOperator::sigma_y(i);
            }
            const complex expectation = (testing::dense(s, spins) * m).trace();
            EXPECT_NEAR(a[q], expectation.real(), 1e-12) << "N = " << spins << " Q = " << q;
        }
        const std::vector<complex> back = exact::density_from_pauli(a, spins);
        double err = 0.0;
        for (std::size_t k = 0; k < rho.size(); ++k) err = std::max(err, std::abs(back[k] - rho[k]));
        EXPECT_LT(err, 1e-13) << "N = " << spins;
    }
}

TEST(PauliBasis, FastConversionsOfThePackedStateMatchTheReference) {
    // N ≤ 7: one pass of blocks; from 8 spins the second pass over the high spins (columns of 1 … 256 reals).
    for (int spins = 1; spins <= 9; ++spins) {
        const std::size_t d = std::size_t{1} << spins;
        const std::vector<complex> rho = testing::random_hermitian(spins, 50U + static_cast<unsigned>(spins));
        const std::vector<double> expected = exact::pauli_coordinates(rho, spins);
        std::vector<double> packed(d * d), a(d * d), back(d * d), scratch;
        exact::FusedFullGenerator::pack(rho.data(), d, packed.data());
        exact::pauli_from_packed(packed.data(), spins, a.data());
        // |a_Q| ≤ Σ|ρ_rc| ≤ √2 D²: relative to the largest, rounding of N stages of 4-term sums.
        EXPECT_LT(difference(a, expected), 1e-13 * largest(expected)) << "N = " << spins;
        exact::packed_from_pauli(a.data(), spins, back.data(), scratch);
        EXPECT_LT(difference(back, packed), 1e-13 * largest(packed)) << "N = " << spins;
    }
}

TEST(PauliReadout, ObservablesOffTheCoordinatesAreTraces) {
    // Re and Im Tr(Oρ) (Im only for an O that is not Hermitian), Tr ρ last; purity has no linear readout.
    const int spins = 4;
    const std::size_t d = std::size_t{1} << spins;
    const std::vector<complex> rho = testing::random_hermitian(spins, 77);
    const std::vector<double> a = exact::pauli_coordinates(rho, spins);
    const SpinOperator energy = SpinOperator::sigma_x(0) * SpinOperator::sigma_x(1) + SpinOperator::sigma_z(3) * complex{0.3};
    const SpinOperator raise = SpinOperator::sigma_plus(2) * SpinOperator::sigma_z(1);
    const std::vector<Observable> observables{{"E", Observable::Kind::expectation, energy},
                                              {"up", Observable::Kind::expectation, raise},
                                              {"trace", Observable::Kind::trace, {}}};
    const exact::PauliReadout readout(observables);
    ASSERT_TRUE(readout.linear());
    ASSERT_EQ(readout.count(), 5U);  // E, Re up, Im up, trace, and Tr ρ
    std::vector<double> values(readout.count());
    readout.evaluate(a.data(), values.data());
    const Eigen::MatrixXcd m = as_matrix(rho, d);
    const complex e = (testing::dense(energy, spins) * m).trace(), u = (testing::dense(raise, spins) * m).trace();
    EXPECT_NEAR(values[0], e.real(), 1e-12);
    EXPECT_NEAR(values[1], u.real(), 1e-12);
    EXPECT_NEAR(values[2], u.imag(), 1e-12);
    EXPECT_NEAR(values[3], m.trace().real(), 1e-12);
    EXPECT_NEAR(values[4], m.trace().real(), 1e-12);
    EXPECT_FALSE(exact::PauliReadout({{"purity", Observable::Kind::purity, {}}}).linear());
}

TEST(PauliGenerator, MatchesTheDenseGeneratorOnRandomModels) {
    // Fields along x, y, z, two-spin Pauli products, emission, absorption, dephasing, two-spin jumps, sums
    // of units, the collective lowering operator: N = 1 … 7 against the dense generator. Collective and
    // random two-spin terms touch spins 0–2 together with high spins, so N ≥ 8 would take the reference loop.
    for (int spins = 1; spins <= 7; ++spins) {
        const testing::RandomModel model = testing::random_model(spins, 100U + static_cast<unsigned>(spins));
        expect_matches_dense(spins, model.h, model.jumps, 200U + static_cast<unsigned>(spins), "random");
    }
}

TEST(PauliGenerator, IsingChainsRunTheFastPassesAndMatch) {
    // From 8 spins the entries on spins ≥ 7 (and the bond 6–7) run in pass B.
    for (int spins = 3; spins <= 9; ++spins) {
        std::vector<Jump> jumps;
        const SpinOperator h = ising(spins, jumps);
        const PauliGenerator g(spins, h, jumps);
        EXPECT_TRUE(g.fast()) << spins;
        EXPECT_EQ(g.tile_spins(), std::min(spins, 7)) << spins;
        EXPECT_EQ(g.second_pass_spin(), spins >= 8 ? 6 : 0) << spins;
        expect_matches_dense(spins, h, jumps, 300U + static_cast<unsigned>(spins), "ising");
    }
}

TEST(PauliGenerator, LocalRandomChainsRunTheFastPassesAndMatch) {
    // Nearest-neighbour products of random Paulis, fields along x, y, z, and every local jump kind: complex
    // weights of every kind in pass A, the bonds across the tile's edge in pass B.
    for (int spins : {5, 8, 9}) {
        std::mt19937 gen(static_cast<unsigned>(spins));
        std::uniform_real_distribution<double> u(-1.0, 1.0);
        std::uniform_int_distribution<int> axis(0, 2);
        SpinOperator h;
        std::vector<Jump> jumps;
        for (int i = 0; i < spins; ++i)
            for (int a = 0; a < 3; ++a) h += testing::pauli(a, i) * complex{u(gen)};
        for (int i = 0; i + 1 < spins; ++i)
            h += testing::pauli(axis(gen), i) * testing::pauli(axis(gen), i + 1) * complex{u(gen)};
        for (int i = 0; i < spins; ++i) {
            jumps.push_back({0.5 + 0.5 * u(gen), SpinOperator::sigma_minus(i)});
            jumps.push_back({0.5 + 0.5 * u(gen), SpinOperator::sigma_plus(i)});
            jumps.push_back({0.5 + 0.5 * u(gen), SpinOperator::sigma_z(i)});
        }
        for (int i = 0; i + 1 < spins; ++i)
            jumps.push_back({0.5, SpinOperator::sigma_minus(i) + SpinOperator::sigma_plus(i + 1) * complex{0.0, 0.5}});
        const PauliGenerator g(spins, h, jumps);
        EXPECT_TRUE(g.fast()) << spins;
        EXPECT_TRUE(PauliGenerator::suits(spins, h, jumps)) << spins;
        expect_matches_dense(spins, h, jumps, 400U + static_cast<unsigned>(spins), "local");
        // Beyond the dense reference's reach: against the product-order fused kernel (itself tested against the
        // block kernel), through the conversion of its output.
        const std::size_t d = std::size_t{1} << spins;
        const std::vector<complex> rho = testing::random_hermitian(spins, 450U + static_cast<unsigned>(spins));
        StateVector packed(d * d), packed_out(d * d), a(d * d), out(d * d);
        std::vector<double> expected(d * d);
        exact::FusedFullGenerator::pack(rho.data(), d, packed.data());
        exact::FusedFullGenerator(spins, h, jumps).apply(packed.data(), packed_out.data());
        exact::pauli_from_packed(packed_out.data(), spins, expected.data());
        exact::pauli_from_packed(packed.data(), spins, a.data());
        g.apply(a.data(), out.data());
        EXPECT_LT(difference(std::vector<double>(out.begin(), out.end()), expected), 1e-12 * largest(expected))
            << "against the fused kernel, N = " << spins;
    }
}

TEST(PauliGenerator, SuitsLocalModelsOnly) {
    std::vector<Jump> jumps;
    const SpinOperator h = ising(9, jumps);
    EXPECT_TRUE(PauliGenerator::suits(9, h, jumps));
    EXPECT_FALSE(PauliGenerator::suits(2, SpinOperator::sigma_z(0), {}));  // below 3 spins
    // A coupling across 5 spins, a jump on two distant spins, the collective lowering operator: not local.
    EXPECT_FALSE(PauliGenerator::suits(9, h + SpinOperator::sigma_x(2) * SpinOperator::sigma_x(6), jumps));
    std::vector<Jump> far = jumps;
    far.push_back({1.0, SpinOperator::sigma_minus(0) + SpinOperator::sigma_minus(8)});
    EXPECT_FALSE(PauliGenerator::suits(9, h, far));
    SpinOperator collective;
    for (int i = 0; i < 9; ++i) collective += SpinOperator::sigma_minus(i);
    EXPECT_FALSE(PauliGenerator::suits(9, h, {{1.0, collective}}));
    // A neighbour's jump and a three-spin product within 4 spins are.
    std::vector<Jump> near = jumps;
    near.push_back({0.5, SpinOperator::sigma_minus(3) * SpinOperator::sigma_plus(4)});
    const SpinOperator three = SpinOperator::sigma_y(5) * SpinOperator::sigma_z(6) * SpinOperator::sigma_x(8);
    EXPECT_TRUE(PauliGenerator::suits(9, h + three * complex{0.3}, near));
    EXPECT_TRUE(PauliGenerator(9, h + three * complex{0.3}, near).fast());
}

TEST(PauliGenerator, LongRangeTermsFallBackToTheReferenceLoop) {
    // A coupling of spin 0 to spin 8 would need weight patterns in pass B: the reference loop runs instead.
    const int spins = 9;
    std::vector<Jump> jumps;
    SpinOperator h = ising(spins, jumps);
    h += SpinOperator::sigma_y(0) * SpinOperator::sigma_y(8) * complex{0.3};
    const PauliGenerator g(spins, h, jumps);
    EXPECT_FALSE(g.fast());
    expect_matches_dense(spins, h, jumps, 500U, "long range");
}

TEST(PauliGenerator, BitIdenticalForAnyThreadCount) {
    const int spins = 9;
    std::vector<Jump> jumps;
    const SpinOperator h = ising(spins, jumps);
    const PauliGenerator g(spins, h, jumps);
    const std::vector<double> a0 = exact::pauli_coordinates(testing::random_hermitian(spins, 9), spins);
    const StateVector a(a0.begin(), a0.end());
    const int before = omp_get_max_threads();
    std::vector<StateVector> outs;
    for (int threads : {1, 2, 3}) {
        omp_set_num_threads(threads);
        outs.emplace_back(a.size());
        g.apply(a.data(), outs.back().data());
    }
    omp_set_num_threads(before);
    EXPECT_EQ(std::memcmp(outs[0].data(), outs[1].data(), a.size() * sizeof(double)), 0);
    EXPECT_EQ(std::memcmp(outs[0].data(), outs[2].data(), a.size() * sizeof(double)), 0);
}

TEST(PauliGenerator, ApplyStepIsApplyThenTheRecurrenceToTheBit) {
    // apply_step() finishes the Chebyshev recurrence's term in the pass's last write (recurrence_step.hpp): against
    // apply() and the propagator's loop, written here in a translation unit without fused multiply-adds as the
    // propagator's is, previous, sum and the largest |term| the same to the bit. N = 3, 7: pass A alone; 9, 10: with
    // pass B (10: apply() streams its output). Every instruction set, one and two threads.
    const int before = omp_get_max_threads();
    for (int spins : {3, 7, 9, 10}) {
        const std::size_t n = std::size_t{1} << (2 * spins);
        std::vector<Jump> jumps;
        const SpinOperator h = ising(spins, jumps);
        PauliGenerator g(spins, h, jumps);
        ASSERT_TRUE(g.fast());
        std::mt19937 gen(600U + static_cast<unsigned>(spins));
        std::uniform_real_distribution<double> u(-1.0, 1.0);
        StateVector current(n), previous(n), sum(n);
        for (std::size_t i = 0; i < n; ++i) {
            current[i] = u(gen);
            previous[i] = u(gen);
            sum[i] = u(gen);
        }
        const double sign = spins % 2 == 0 ? 1.0 : -1.0;
        const RecurrenceStep base{0.0137 * spins, 0.41, sign, 0.29, current.data(), nullptr, nullptr, nullptr};
        for (const auto isa : available_isas()) {
            g.set_isa(isa);
            for (const int threads : {1, 2}) {
                omp_set_num_threads(threads);
                const std::string what = "N = " + std::to_string(spins) + ", isa " +
                                         std::to_string(static_cast<int>(isa)) + ", " + std::to_string(threads) +
                                         " threads";
                testing::expect_step_is_apply_then_recurrence(
                    [&](const double* in, double* out) { g.apply(in, out); },
                    [&](const RecurrenceStep& st) { return g.apply_step(st); }, base, previous, sum, what);
            }
        }
    }
    omp_set_num_threads(before);
}

TEST(PauliGenerator, IsingChainHasTheDerivedEntries) {
    // σ^z_i and the decay's I → Z share the flip z_i (one entry per spin); each bond flips x_i x_(i+1); the
    // diagonal is one entry per spin and a constant (L†L = σ^+σ^- = (I + Z)/2 has an identity part):
    // 3N − 1 + 1 entries, and on a string with one Pauli e on spin 1 the diagonal sums to 0 (I), −γ/2 (X, Y),
    // −γ (Z).
    const int spins = 4;
    std::vector<Jump> jumps;
    const SpinOperator h = ising(spins, jumps);
    const PauliGenerator g(spins, h, jumps);
    EXPECT_EQ(g.terms().size(), 3U * spins);
    const double diagonal[4] = {0.0, -0.5, -1.0, -0.5};
    for (unsigned e = 0; e < 4; ++e) {
        const exact::PauliCode q = exact::PauliCode{e} << 2;
        double d = 0.0;
        for (const auto& t : g.terms())
            if (t.flip == 0) d += t.weight[PauliGenerator::weight_index(q, t.support)];
        EXPECT_DOUBLE_EQ(d, diagonal[e]) << e;
    }
    int fields = 0;
    for (const auto& t : g.terms()) {
        if (t.flip == 0 || std::popcount(t.support) != 2) continue;
        // d⟨X⟩/dt = −2h⟨Y⟩, d⟨Y⟩/dt = 2h⟨X⟩, d⟨Z⟩/dt ∋ −γ⟨I⟩.
        ++fields;
        EXPECT_DOUBLE_EQ(t.weight[0], 0.0);
        EXPECT_DOUBLE_EQ(t.weight[1], -0.4);
        EXPECT_DOUBLE_EQ(t.weight[2], -1.0);
        EXPECT_DOUBLE_EQ(t.weight[3], 0.4);
    }
    EXPECT_EQ(fields, spins);
}

}  // namespace
}  // namespace openspins
