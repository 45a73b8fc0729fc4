// Seed 004, energy-conserving case (energy_conserving_mode.hpp): (2.18) and the single-oscillator
// picture (1.25), and the exact finite-N solution they are the limit of.
//  * EnergyConservingFiniteN against QuTiP (N = 6, G = σ^z, spins |+x⟩, coherent field, λ = 0.8;
//    tests/data/seed004_ec_n6_plusx.csv, accurate to 1.3e-10): ⟨a†a⟩, ⟨a⟩, P(0) to 1e-9;
//  * the derived (2.18) equals the exact ⟨a†a⟩ for every N (1, 7, 50: 1e-12) — the exact result
//    does not depend on N; the printed (2.18) is off by the factor 2 on the change 𝒩(t) − 𝒩(0);
//  * the picture's ⟨a†a⟩ (derived coupling √(2ϰ)) equals the derived (2.18); with the printed 2√ϰ
//    it equals the printed (2.18) — the two seed formulas are consistent with each other, both wrong;
//  * P(0) of the picture (Gauss–Hermite) = (1 + |d|²)^{−1/2} in closed form (vacuum; 1e-12);
//  * P(0) at finite N approaches the picture as 1/N: N·(P_N − P_∞) changes by < 1 % from N = 2000
//    to N = 4000 (a 1/√N law would change it by 41 %);
//  * refusals: [h, G] ≠ 0; μ_S(G) ≠ 0 for the picture.
#include "openspins/method/analytic/energy_conserving_mode.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "method/analytic/seed004_test_support.hpp"
#include "openspins/errors.hpp"
#include "reference/reference_csv.hpp"

using namespace openspins;
using namespace openspins::test::seed004;
using analytic::EnergyConservingFiniteN;
using analytic::OscillatorCoupling;
using analytic::SingleOscillatorPicture;

namespace {

// G = σ^z, spins in |+x⟩ (μ_S = ½(1 + σ^x): μ_S(G) = 0, μ_S(G²) = 1).
analytic::MeanFieldModeModel plus_x(double omega, double lambda, complex alpha) {
    auto m = spin_half(1.0, omega, lambda, 0.5, 'z');
    m.rho = 0.5 * (Matrix::Identity(2, 2) + pauli('x'));
    m.alpha = alpha;
    return m;
}

}  // namespace

TEST(Seed004EnergyConserving, FiniteNMatchesQutip) {
    namespace fs = std::filesystem;
    const auto ref =
        test::read_reference_csv(fs::path(OPENSPINS_SOURCE_DIR) / "tests" / "data" / "seed004_ec_n6_plusx.csv");
    const EnergyConservingFiniteN exact(plus_x(1.3, 0.8, complex(0.5, 0.2)), 6);
    for (const auto& row : ref.rows) {
        const double t = row[0];
        EXPECT_NEAR(exact.excitation(t), row[ref.column("n")], 1e-9) << t;
        EXPECT_NEAR(exact.field(t).real(), row[ref.column("a_re")], 1e-9) << t;
        EXPECT_NEAR(exact.field(t).imag(), row[ref.column("a_im")], 1e-9) << t;
        EXPECT_NEAR(exact.fock_distribution(t, 0)[0], row[ref.column("p0")], 1e-9) << t;
    }
}

TEST(Seed004EnergyConserving, Derived218IsExactAtEveryNAndThePrintedOneIsTwiceTheChange) {
    const auto model = plus_x(1.3, 0.8, complex(0.5, 0.2));
    for (int n : {1, 7, 50}) {
        const EnergyConservingFiniteN exact(model, n);
        for (double t : {0.3, 1.0, 2.4, 4.8}) {
            EXPECT_NEAR(analytic::energy_conserving_excitation(model, t), exact.excitation(t), 1e-12);
            const double n0 = std::norm(model.alpha);
            EXPECT_NEAR(analytic::energy_conserving_excitation_printed(model, t) - n0, 2.0 * (exact.excitation(t) - n0),
                        1e-12);
        }
    }
}

TEST(Seed004EnergyConserving, PictureReproducesEither218) {
    const auto model = plus_x(0.9, 0.5, complex(-0.3, 0.4));
    const SingleOscillatorPicture derived(model), printed(model, OscillatorCoupling::printed);
    EXPECT_NEAR(derived.ancilla_coupling(), std::sqrt(2.0 * 0.25), 1e-15);
    EXPECT_NEAR(printed.ancilla_coupling(), 2.0 * 0.5, 1e-15);
    for (double t : {0.2, 1.5, 3.3}) {
        EXPECT_NEAR(derived.excitation(t), analytic::energy_conserving_excitation(model, t), 1e-13);
        EXPECT_NEAR(printed.excitation(t), analytic::energy_conserving_excitation_printed(model, t), 1e-13);
        EXPECT_NEAR(std::abs(derived.field(t) - model.alpha * std::polar(1.0, -0.9 * t)), 0.0, 1e-15);
        // The Fock distribution's mean (Gauss–Hermite) equals the closed-form ⟨a†a⟩.
        const auto p = derived.fock_distribution(t, 60);
        double mean = 0.0, total = 0.0;
        for (std::size_t k = 0; k < p.size(); ++k) {
            mean += static_cast<double>(k) * p[k];
            total += p[k];
        }
        EXPECT_NEAR(total, 1.0, 1e-12);
        EXPECT_NEAR(mean, derived.excitation(t), 1e-11);
    }
}

TEST(Seed004EnergyConserving, VacuumProbabilityClosedFormAndOneOverNApproach) {
    const auto model = plus_x(1.0, 1.2, 0.0);
    const SingleOscillatorPicture picture(model);
    for (double t : {0.7, 2.0, 3.1}) {
        const double change = analytic::energy_conserving_excitation(model, t);  // |d|²/2
        EXPECT_NEAR(picture.fock_distribution(t, 0)[0], 1.0 / std::sqrt(1.0 + 2.0 * change), 1e-12);
        const double p_inf = picture.fock_distribution(t, 0)[0];
        const double c2000 = 2000.0 * (EnergyConservingFiniteN(model, 2000).fock_distribution(t, 0)[0] - p_inf);
        const double c4000 = 4000.0 * (EnergyConservingFiniteN(model, 4000).fock_distribution(t, 0)[0] - p_inf);
        EXPECT_GT(std::abs(c2000), 1e-4);
        EXPECT_NEAR(c4000 / c2000, 1.0, 0.01) << t;
    }
}

TEST(Seed004EnergyConserving, Refusals) {
    auto model = plus_x(1.0, 0.5, 0.0);
    model.G = pauli('x');  // does not commute with h = σ^z/2
    EXPECT_THROW((void)analytic::energy_conserving_excitation(model, 1.0), ModelError);
    EXPECT_THROW(SingleOscillatorPicture{model}, ModelError);
    auto polarised = spin_half(1.0, 1.0, 0.5, 0.8, 'z');  // μ_S(σ^z) = 0.6: (A0) fails
    EXPECT_THROW(SingleOscillatorPicture{polarised}, ModelError);
    EXPECT_NO_THROW(EnergyConservingFiniteN(polarised, 10));  // the exact solution needs no (A0)
}
