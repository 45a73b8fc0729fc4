// The factor F of seed 000's C_j(N, t) (two_level_factor.hpp) against independent evaluations:
// a Runge–Kutta integration of the 2×2 population equation with phases, the printed (2.25)–(2.27),
// the limits a → 0 (C = 1) and b → 0 (pure dephasing), and the small-r expansion of (3.18).
#include "openspins/method/resonance/two_level_factor.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <complex>

using openspins::resonance::TwoLevelFactor;
using cplx = std::complex<double>;

namespace {

// (1, 1) e^{Mt} p by classical RK4 with 20 000 steps per unit of the largest rate (error ~1e-13).
cplx rk4(double b, double bc, double a, double p, double t) {
    const cplx I{0.0, 1.0};
    std::array<cplx, 2> y{p, 1.0 - p};
    const auto f = [&](const std::array<cplx, 2>& v) {
        return std::array<cplx, 2>{(-bc + I * a) * v[0] + b * v[1], bc * v[0] + (-b - I * a) * v[1]};
    };
    const int steps = 20000;
    const double h = t / steps;
    for (int k = 0; k < steps; ++k) {
        const auto k1 = f(y);
        const auto k2 = f({y[0] + 0.5 * h * k1[0], y[1] + 0.5 * h * k1[1]});
        const auto k3 = f({y[0] + 0.5 * h * k2[0], y[1] + 0.5 * h * k2[1]});
        const auto k4 = f({y[0] + h * k3[0], y[1] + h * k3[1]});
        for (int i = 0; i < 2; ++i) y[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
    }
    return y[0] + y[1];
}

}  // namespace

TEST(TwoLevelFactor, EqualsTheIntegratedPopulationEquation) {
    for (const double a : {-0.2, -0.01, 0.05, 0.3})
        for (const double p : {0.0, 0.3, 1.0})
            for (const double t : {0.1, 1.0, 7.0}) {
                const TwoLevelFactor f(0.3, 0.12, a, p);
                EXPECT_LT(std::abs(f.value(t) - rk4(0.3, 0.12, a, p, t)), 1e-11) << a << ' ' << p << ' ' << t;
            }
}

TEST(TwoLevelFactor, EqualsThePrintedFormula225) {
    // (2.25)–(2.27) as printed, with our a (ϰ_jϰ_l S(0)) and p = [ρ_0]_11 of the other spin.
    for (const double a : {-0.2, -0.01, 0.05, 0.3})
        for (const double p : {0.0, 0.3, 1.0})
            for (const double t : {0.0, 0.5, 3.0, 40.0}) {
                const TwoLevelFactor f(0.3, 0.12, a, p);
                EXPECT_LT(std::abs(f.value(t) - f.printed_value(t)), 1e-12 * (1.0 + std::abs(f.value(t))));
            }
}

TEST(TwoLevelFactor, NoCollectiveConservingCouplingGivesOne) {
    const TwoLevelFactor f(0.3, 0.12, 0.0, 0.4);
    for (const double t : {0.0, 1.0, 100.0, 1e5}) {
        EXPECT_NEAR(std::abs(f.value(t) - 1.0), 0.0, 1e-13);
        EXPECT_NEAR(std::abs(f.log_derivative(t)), 0.0, 1e-13);
    }
    // Seed: a = 0 ⇒ z^+ = ib(1 + c), z^- = 0, α = −1/c.
    EXPECT_NEAR(std::abs(f.z_plus() - cplx(0.0, 0.42)), 0.0, 1e-14);
    EXPECT_NEAR(std::abs(f.z_minus()), 0.0, 1e-14);
    EXPECT_NEAR(std::abs(f.alpha() - cplx(-0.3 / 0.12, 0.0)), 0.0, 1e-13);
}

TEST(TwoLevelFactor, PureDephasingLimitHasTheDerivedSign) {
    // b = 0: F = p e^{iat} + (1 − p) e^{−iat}; the seed's text after (2.35) has the opposite sign.
    const double a = -0.07, p = 0.8;
    const TwoLevelFactor f(0.0, 0.0, a, p);
    const cplx I{0.0, 1.0};
    for (const double t : {0.3, 5.0, 44.0})
        EXPECT_NEAR(std::abs(f.value(t) - (p * std::exp(I * a * t) + (1.0 - p) * std::exp(-I * a * t))), 0.0, 1e-13);
}

TEST(TwoLevelFactor, LogDerivativeAndLargeTimes) {
    const TwoLevelFactor f(0.2, 0.05, -0.04, 0.7);
    for (const double t : {0.2, 3.0, 30.0}) {
        const double h = 1e-5;
        const cplx fd = (f.value(t + h) - f.value(t - h)) / (2.0 * h);
        EXPECT_LT(std::abs(f.log_derivative(t) - fd / f.value(t)), 1e-8);
    }
    // d/dt ln F → i z_slow, finite far beyond where e^{τt} underflows on its own.
    const cplx I{0.0, 1.0};
    EXPECT_LT(std::abs(f.log_derivative(1e5) - I * f.z_slow()), 1e-12);
    EXPECT_TRUE(std::isfinite(f.log_derivative(1e7).real()));
    EXPECT_LE(std::abs(f.value(1e3)), 1.0);
}

TEST(TwoLevelFactor, SmallRatioExpansionOf318) {
    // Derived: z_slow = a tanh(βω/2) + i 4c a²/(b(1 + c)³) + O(a³/b²), tanh(βω/2) = (1 − c)/(1 + c)
    // (the telegraph-noise variance of the other spin, 4c/(1 + c)² = 1 − tanh²(βω/2), times a²/b(1 + c)).
    // The seed's (3.18) prints i z^- = 4ibr tanh(βω/2) + O(r²), r = |a|/b: a factor 4 too large.
    const double b = 0.25, c = 0.3, th = (1.0 - c) / (1.0 + c);
    for (const double r : {1e-2, 1e-3}) {
        const double a = -r * b;
        const TwoLevelFactor f(b, b * c, a, 0.5);
        const cplx z = f.z_slow();
        EXPECT_NEAR(z.real(), a * th, 5.0 * r * r * b);
        EXPECT_NEAR(z.imag(), 4.0 * c * a * a / (b * std::pow(1.0 + c, 3)), 5.0 * r * r * r * b);
        EXPECT_NEAR(std::abs(z.real()) / (4.0 * b * r * th), 0.25, 1e-2);  // the printed value is 4× ours
        EXPECT_EQ(z, f.z_minus());  // a < 0: the slow one is z^-
    }
    // a > 0 (e.g. ϰ_A ϰ_B < 0 between species) makes z^+ the slow one.
    const TwoLevelFactor g(b, b * c, 0.01, 0.5);
    EXPECT_EQ(g.z_slow(), g.z_plus());
}

TEST(TwoLevelFactor, ZeroTemperatureHasNoAbsorption) {
    // c = 0: the printed α (2.27) divides by b c; the closed form does not.
    const TwoLevelFactor f(0.2, 0.0, -0.05, 0.0);
    EXPECT_LT(std::abs(f.value(4.0) - rk4(0.2, 0.0, -0.05, 0.0, 4.0)), 1e-11);
    EXPECT_THROW((void)f.alpha(), std::domain_error);
}
