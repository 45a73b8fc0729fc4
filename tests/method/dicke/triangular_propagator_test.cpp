// TriangularPropagator (method/dicke/triangular_propagator.hpp): the rational exp of the
// population generator, swept level by level in m, against the dense matrix exponential
// of the same generator (augmented with the emitted-quanta rows) for small N, and on a
// stiff large-N battery step against conservation laws and the semigroup property.
// Tolerances: the CRAM error is ~3e-14 relative to the state per application
// (cram_coefficients_test); the first test bounds the sum over the applications used.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <random>
#include <stdexcept>
#include <utility>
#include <unsupported/Eigen/MatrixFunctions>

#include "openspins/method/dicke/triangular_propagator.hpp"

namespace openspins::dicke {
namespace {

GeneratorTerms terms(double emission, double dephasing, double collective_emission, double collective_dephasing) {
    GeneratorTerms t;
    const auto jz = CollectivePolynomial::letter(CollectiveLetter::Jz);
    t.hamiltonian = jz * 0.7 + jz * jz * 0.2;  // diagonal in m: no effect on populations
    t.collective = {{collective_emission, CollectiveLetter::Jm}, {collective_dephasing, CollectiveLetter::Jz}};
    t.local = {{emission, LocalKind::emission}, {dephasing, LocalKind::dephasing}};
    return t;
}

// dp/dt = A p, dE/dt = f·p, as one dense matrix.
Eigen::MatrixXd augmented_generator(const DickeBasis& basis, const DickeGenerator& generator) {
    const auto size = static_cast<Eigen::Index>(basis.population_size());
    Eigen::MatrixXd m = Eigen::MatrixXd::Zero(size + 2, size + 2);
    m.topLeftCorner(size, size) = Eigen::MatrixXd(generator.population_matrix());
    for (int b = 0; b < basis.blocks(); ++b)
        for (int k = 0; k < basis.dim(b); ++k) {
            const auto index = static_cast<Eigen::Index>(basis.population_offset(b)) + k;
            const auto w = generator.emission_weights(b, k);
            m(size, index) = w[0];
            m(size + 1, index) = w[1];
        }
    return m;
}

// The bound: each CRAM application is accurate to ~3e-14 relative to the state
// (cram_coefficients_test), and over h the propagator applies it once per sub-step
// (k₀ = ⌈hΛ/4⌉) and three times per step-doubling check — 3 applications for h ≤ 0.05,
// 44 to 105 at h = 30 for N = 5, 6 — so the errors add up to applications × 3e-14 ×
// max|y| (the accumulators reach ~2.3 here, the populations stay ≤ 1). The former
// absolute 1e-12 ignored both factors: at N = 6, h = 30 gcc's Release build gave up to
// 7.8e-13 and clang's Debug build 2.5e-12, while in its two emitting cases the sub-steps
// alone (k₀ = 32 or 50, max|y| ≥ 2.05) make the bound ≥ 3.4e-12. cram_error = 5e-14
// leaves room above the 3e-14; reference_rounding covers Eigen's scaling-and-squaring of the dense reference, which
// alone accounts for the ~1e-14 errors at small h.
TEST(TriangularPropagator, MatchesTheDenseExponentialOfTheAugmentedGenerator) {
    constexpr double cram_error = 5e-14;
    constexpr double reference_rounding = 1e-13;
    std::mt19937 random(7);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    for (int n : {1, 2, 5, 6}) {
        for (const auto& t : {terms(0.7, 0.0, 3.0, 0.0), terms(0.7, 0.4, 3.0, 0.3), terms(0.0, 0.5, 0.0, 0.0)}) {
            const DickeBasis basis(n);
            const DickeGenerator generator(basis, t, true);
            TriangularPropagator propagator(basis, generator, t, 1e-12, 1e-15);
            const Eigen::MatrixXd m = augmented_generator(basis, generator);
            Eigen::VectorXd y(m.rows());
            for (Eigen::Index i = 0; i + 2 < y.size(); ++i) y[i] = uniform(random);
            y.head(y.size() - 2) /= y.head(y.size() - 2).sum();
            y[y.size() - 2] = 0.25;  // accumulators from earlier steps
            y[y.size() - 1] = 0.5;
            for (double h : {1e-4, 0.05, 1.0, 30.0}) {
                const Eigen::VectorXd reference = (h * m).exp() * y;
                Eigen::VectorXd propagated = y;
                const long before = propagator.statistics().applications;
                EXPECT_TRUE(propagator.propagate(h, propagated.data()));
                const auto applications = static_cast<double>(propagator.statistics().applications - before);
                const double error = (propagated - reference).cwiseAbs().maxCoeff();
                const double bound = applications * cram_error * reference.cwiseAbs().maxCoeff() + reference_rounding;
                EXPECT_LE(error, bound) << "N = " << n << ", h = " << h << ", " << applications << " applications";
            }
        }
    }
}

// Where one CRAM application is not enough: a collective chain whose top rates Γ·2j·h sit
// between 1 and 25 (one application is off by ~1e-5 here, docs in the header) and a
// local-emission chain with γNh = 80. The step-doubling check must find sub-steps that
// bring the answer to the dense exponential.
TEST(TriangularPropagator, SplitsIntervalsWhereOneApplicationIsNotEnough) {
    const int n = 40;
    const DickeBasis basis(n);
    for (const auto& [t, h] : {std::pair{terms(0.0, 0.0, 0.1, 0.0), 1.0}, std::pair{terms(1.0, 0.0, 0.0, 0.0), 2.0}}) {
        const DickeGenerator generator(basis, t, true);
        TriangularPropagator propagator(basis, generator, t, 1e-9, 1e-11);
        const Eigen::MatrixXd m = augmented_generator(basis, generator);
        Eigen::VectorXd y = Eigen::VectorXd::Zero(m.rows());
        y[0] = 1.0;  // all up: the whole j = N/2 chain lies ahead
        const Eigen::VectorXd reference = (h * m).exp() * y;
        ASSERT_TRUE(propagator.propagate(h, y.data()));
        EXPECT_LE((y - reference).cwiseAbs().maxCoeff(), 1e-9);
        EXPECT_GT(propagator.statistics().applications, 3);
    }
}

TEST(TriangularPropagator, AppliesOnlyWhenNothingRaisesM) {
    EXPECT_TRUE(TriangularPropagator::applies(terms(1.0, 0.3, 2.0, 0.1)));
    auto absorbing = terms(1.0, 0.0, 2.0, 0.0);
    absorbing.local.push_back({0.1, LocalKind::absorption});
    EXPECT_FALSE(TriangularPropagator::applies(absorbing));
    const DickeBasis basis(4);
    EXPECT_THROW(TriangularPropagator(basis, DickeGenerator(basis, absorbing, true), absorbing, 1e-10, 1e-12),
                 std::logic_error);
    auto pumped = terms(1.0, 0.0, 2.0, 0.0);
    pumped.collective.push_back({0.1, CollectiveLetter::Jp});
    EXPECT_FALSE(TriangularPropagator::applies(pumped));
    pumped.collective.back().rate = 0.0;  // switched off by a step's scale
    EXPECT_TRUE(TriangularPropagator::applies(pumped));
}

// Seed 002's discharge at N = 300 (Γ j² h ≈ 7e5): one application over the step equals
// three over its thirds, the trace stays 1, and every quantum that left the spins is
// counted by the accumulators.
TEST(TriangularPropagator, StiffBatteryStepConservesQuantaAndComposes) {
    const int n = 300;
    const DickeBasis basis(n);
    const auto battery = terms(1.0, 0.0, 1600.0, 0.0);
    const DickeGenerator generator(basis, battery, true);
    TriangularPropagator propagator(basis, generator, battery, 1e-11, 1e-15);
    std::vector<double> once(basis.population_size() + 2, 0.0);
    once[0] = 1.0;  // all up
    auto thirds = once;
    const double h = 0.0187;
    ASSERT_TRUE(propagator.propagate(h, once.data()));
    for (int k = 0; k < 3; ++k) ASSERT_TRUE(propagator.propagate(h / 3, thirds.data()));
    double trace = 0.0, excitations = 0.0, worst = 0.0, lowest = 0.0;
    for (int b = 0; b < basis.blocks(); ++b)
        for (int k = 0; k < basis.dim(b); ++k) {
            const std::size_t i = basis.population_offset(b) + static_cast<std::size_t>(k);
            trace += once[i];
            excitations += (n - b - k) * once[i];  // N/2 + m with j = N/2 − b, m = j − k
            worst = std::max(worst, std::abs(once[i] - thirds[i]));
            lowest = std::min(lowest, once[i]);
        }
    const std::size_t e = basis.population_size();
    EXPECT_NEAR(trace, 1.0, 1e-12);
    EXPECT_NEAR(excitations + once[e] + once[e + 1], n, 1e-9);  // quanta: relative 3e-12
    EXPECT_LE(worst, 1e-11);  // the check's rtol
    EXPECT_NEAR(once[e], thirds[e], 1e-9);
    EXPECT_NEAR(once[e + 1], thirds[e + 1], 1e-9);
    EXPECT_GE(lowest, -1e-13);
    EXPECT_GT(once[e], 200.0);  // superradiant: most quanta went into the cavity
}

}  // namespace
}  // namespace openspins::dicke
