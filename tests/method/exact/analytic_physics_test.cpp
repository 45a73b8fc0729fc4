// The exact method against closed forms and exact identities of spin-1/2 Lindblad
// dynamics: T1, T2, thermalisation, damped Rabi oscillations, two-spin Dicke
// decay, conservation laws, steady states and Gibbs states.
//
// Conventions (docs/config.md): S = σ/2, |↑⟩ has σ^z = +1, σ^- = |↓⟩⟨↑|.
// For one spin with H = ω S^z + Ω_x S^x + Ω_y S^y and channels emission γ↓ D[σ^-],
// absorption γ↑ D[σ^+], dephasing γφ D[σ^z], the Bloch vector r = ⟨σ⟩ obeys
//   dr/dt = B × r − Γ2 (x, y, 0) − Γ1 (0, 0, z − z_eq),   B = (Ω_x, Ω_y, ω),
//   Γ1 = γ↑ + γ↓,  Γ2 = Γ1/2 + 2γφ,  Γ1 z_eq = γ↑ − γ↓.
// (Derivation: H = B·S gives dr/dt = B × r; e.g. H = ω S^z: ⟨σ^+⟩ ∝ e^{+iωt}, so
// x + iy = (x0 + iy0) e^{iωt}, a counter-clockwise precession x → y. D[σ^∓] moves
// population at γ and damps coherences at γ/2; D[σ^z] damps coherences at 2γφ.)
//
// Tolerances: the runs use rtol 1e-10, atol 1e-12 (spec_builder.hpp). CVODE's
// global error over these O(10) rate-times stays below ~1e-8 for O(1) quantities,
// so closed forms are compared to 1e-7 unless stated. Identities that the
// integrator preserves exactly (trace, Hermiticity: every CVODE step is a linear
// combination of generator evaluations, which preserve both) are checked at 1e-10.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <unsupported/Eigen/MatrixFunctions>
#include <cmath>

#include "method/exact/spec_builder.hpp"

namespace openspins {
namespace {

using testing::max_deviation;
using testing::SpecBuilder;

// A single spin's Bloch equations, solved by the exponential of the affine 4×4
// generator acting on (x, y, z, 1): independent of the library's Lindblad code.
struct BlochModel {
    double omega = 0.0, omega_x = 0.0, omega_y = 0.0;  // B = (Ω_x, Ω_y, ω)
    double down = 0.0, up = 0.0, dephasing = 0.0;      // γ↓, γ↑, γφ

    [[nodiscard]] Eigen::Matrix4d generator() const {
        const double g1 = up + down, g2 = 0.5 * g1 + 2.0 * dephasing;
        Eigen::Matrix4d m;
        m << -g2, -omega, omega_y, 0.0,   //
            omega, -g2, -omega_x, 0.0,    //
            -omega_y, omega_x, -g1, up - down,  //
            0.0, 0.0, 0.0, 0.0;
        return m;
    }
    [[nodiscard]] Eigen::Vector3d at(double t, const Eigen::Vector3d& r0) const {
        const Eigen::Vector4d r = (generator() * t).exp() * Eigen::Vector4d(r0.x(), r0.y(), r0.z(), 1.0);
        return r.head<3>();
    }
};

// max over the series of |⟨σ⟩_0 − Bloch solution|.
double bloch_deviation(const TimeSeries& s, const BlochModel& b, const Eigen::Vector3d& r0) {
    double worst = 0.0;
    const auto x = s.column_values("sx_0"), y = s.column_values("sy_0"), z = s.column_values("sz_0");
    for (std::size_t k = 0; k < s.rows(); ++k) {
        const Eigen::Vector3d r = b.at(s.time[k], r0);
        worst = std::max({worst, std::abs(x[k] - r.x()), std::abs(y[k] - r.y()), std::abs(z[k] - r.z())});
    }
    return worst;
}

// ---- single spin: T1, T2, thermalisation ---------------------------------------------

TEST(AnalyticSingleSpin, EmissionFromUpDecaysAsT1) {
    const double gamma = 0.3;
    const auto r = SpecBuilder(1, 1.0).zeeman(+1).channel("emission", gamma).initial_up().times(10.0, 51).run();
    // ⟨σz⟩ = −1 + 2e^{−γt}; Jz = ⟨σz⟩/2; purity of a diagonal qubit state p² + (1−p)².
    EXPECT_LT(max_deviation(r.series, "sz_0", [&](double t) { return -1.0 + 2.0 * std::exp(-gamma * t); }), 1e-7);
    EXPECT_LT(max_deviation(r.series, "Jz", [&](double t) { return -0.5 + std::exp(-gamma * t); }), 1e-7);
    EXPECT_LT(max_deviation(r.series, "purity",
                            [&](double t) {
                                const double p = std::exp(-gamma * t);
                                return p * p + (1 - p) * (1 - p);
                            }),
              1e-7);
    EXPECT_LT(max_deviation(r.series, "sx_0", [](double) { return 0.0; }), 1e-12);
}

TEST(AnalyticSingleSpin, ThermalisesFromAnArbitraryBlochVector) {
    // γ↓ = 0.4, γ↑ = 0.15: ⟨σz⟩ → (γ↑ − γ↓)/(γ↑ + γ↓) at rate Γ1 = γ↑ + γ↓;
    // x + iy = (x0 + iy0) e^{iωt − Γ1 t/2}.
    const double down = 0.4, up = 0.15, omega = 1.3;
    const double x0 = 0.3, y0 = -0.5, z0 = 0.6;
    const auto r = SpecBuilder(1, omega)
                       .zeeman(+1)
                       .channel("emission", down)
                       .channel("absorption", up)
                       .initial_bloch({{x0, y0, z0}})
                       .times(12.0, 61)
                       .run();
    const double g1 = up + down, zeq = (up - down) / (up + down);
    const auto transverse = [&](double t) {
        return std::complex<double>(x0, y0) * std::exp(std::complex<double>(-0.5 * g1, omega) * t);
    };
    EXPECT_LT(max_deviation(r.series, "sz_0", [&](double t) { return zeq + (z0 - zeq) * std::exp(-g1 * t); }), 1e-7);
    EXPECT_LT(max_deviation(r.series, "sx_0", [&](double t) { return transverse(t).real(); }), 1e-7);
    EXPECT_LT(max_deviation(r.series, "sy_0", [&](double t) { return transverse(t).imag(); }), 1e-7);
}

TEST(AnalyticSingleSpin, T2WithDephasingAndEmission) {
    // From r = (1, 0, 0), H = +ω S^z: ⟨σx⟩ = e^{−(γ/2 + 2γφ)t} cos ωt, ⟨σy⟩ = e^{…} sin ωt
    // (counter-clockwise, see the header), ⟨σz⟩ = −1 + e^{−γt}.
    const double omega = 2.0, gamma = 0.2, dephasing = 0.1;
    const auto r = SpecBuilder(1, omega)
                       .zeeman(+1)
                       .channel("dephasing", dephasing)
                       .channel("emission", gamma)
                       .initial_bloch({{1.0, 0.0, 0.0}})
                       .times(8.0, 161)
                       .run();
    const double t2 = 0.5 * gamma + 2.0 * dephasing;
    EXPECT_LT(max_deviation(r.series, "sx_0", [&](double t) { return std::exp(-t2 * t) * std::cos(omega * t); }), 1e-7);
    EXPECT_LT(max_deviation(r.series, "sy_0", [&](double t) { return std::exp(-t2 * t) * std::sin(omega * t); }), 1e-7);
    EXPECT_LT(max_deviation(r.series, "sz_0", [&](double t) { return -1.0 + std::exp(-gamma * t); }), 1e-7);
}

TEST(AnalyticSingleSpin, ZeemanMinusPrecessesTheOtherWay) {
    // H = −ω S^z: x + iy = e^{−iωt}, so ⟨σy⟩ = −sin ωt.
    const double omega = 1.5;
    const auto r = SpecBuilder(1, omega).zeeman(-1).initial_bloch({{1.0, 0.0, 0.0}}).times(4.0, 41).run();
    EXPECT_LT(max_deviation(r.series, "sy_0", [&](double t) { return -std::sin(omega * t); }), 1e-7);
}

// ---- damped Rabi oscillations ------------------------------------------------------------

TEST(AnalyticSingleSpin, DampedRabiOscillationsOnResonance) {
    // Torrey's case: H = Ω S^x (resonant, rotating frame), emission γ only (T2 = 2 T1),
    // from |↑⟩. Against the 3×3 Bloch equations; and the steady state
    //   x = 0, y = 2Ωγ/(γ² + 2Ω²), z = −1/(1 + 2Ω²/γ²)
    // (from 0 = −γy/2 − Ωz and 0 = Ωy − γ(z + 1)).
    const double rabi = 1.0, gamma = 0.2;
    const auto r = SpecBuilder(1, 0.0)
                       .drive(rabi, 0.0)
                       .channel("emission", gamma)
                       .initial_up()
                       .times(30.0, 301)
                       .steady_state()
                       .run();
    const BlochModel b{0.0, rabi, 0.0, gamma, 0.0, 0.0};
    EXPECT_LT(bloch_deviation(r.series, b, {0, 0, 1}), 1e-7);
    // Undamped limit sanity: ⟨σz⟩ first reaches its minimum near t = π/Ω.
    const auto z = r.series.column_values("sz_0");
    EXPECT_LT(z[testing::row_at(r.series, testing::pi)], -0.6);  // e^{−3γπ/4} ≈ 0.62 damping

    ASSERT_TRUE(r.steady_state.has_value());
    const auto& ss = *r.steady_state;
    const double zss = -1.0 / (1.0 + 2.0 * rabi * rabi / (gamma * gamma));
    const double yss = 2.0 * rabi * gamma / (gamma * gamma + 2.0 * rabi * rabi);
    EXPECT_NEAR(ss[r.series.column("sz_0")], zss, 1e-8);
    EXPECT_NEAR(ss[r.series.column("sy_0")], yss, 1e-8);
    EXPECT_NEAR(ss[r.series.column("sx_0")], 0.0, 1e-8);
    EXPECT_NEAR(ss[r.series.column("trace")], 1.0, 1e-8);
}

TEST(AnalyticSingleSpin, DetunedDriveWithAllChannelsMatchesBlochEquations) {
    // Everything at once on one spin: Zeeman (+), drive along (Ω_x, Ω_y), emission,
    // absorption and dephasing, from a mixed Bloch vector.
    const BlochModel b{0.7, 0.9, -0.4, 0.25, 0.08, 0.05};
    const Eigen::Vector3d r0(-0.2, 0.4, 0.5);
    const auto r = SpecBuilder(1, b.omega)
                       .zeeman(+1)
                       .drive(b.omega_x, b.omega_y)
                       .channel("emission", b.down)
                       .channel("absorption", b.up)
                       .channel("dephasing", b.dephasing)
                       .initial_bloch({{r0.x(), r0.y(), r0.z()}})
                       .times(15.0, 151)
                       .run();
    EXPECT_LT(bloch_deviation(r.series, b, r0), 1e-7);
}

// ---- two-spin Dicke decay ----------------------------------------------------------------

TEST(AnalyticCollective, TwoSpinSuperradiantCascade) {
    // Γ D[J^-], J^- = σ^-_0 + σ^-_1, from |↑↑⟩ = |1,1⟩: J^-|1,m⟩ = √((1+m)(2−m)) |1,m−1⟩
    // gives rates 2Γ for both rungs of |1,1⟩ → |1,0⟩ → |1,−1⟩:
    //   P11 = e^{−2Γt}, P10 = 2Γt e^{−2Γt}, P1−1 = 1 − P11 − P10,
    //   ⟨Jz⟩ = P11 − P1−1, ⟨J+J−⟩ = 2(P11 + P10), ⟨J²⟩ = 2 (stays in the triplet).
    const double g = 0.5;
    const auto r = SpecBuilder(2, 1.0)
                       .zeeman(+1)
                       .channel("collective_emission", g)
                       .initial_up()
                       .times(6.0, 61)
                       .run();
    const auto p11 = [&](double t) { return std::exp(-2 * g * t); };
    const auto p10 = [&](double t) { return 2 * g * t * std::exp(-2 * g * t); };
    EXPECT_LT(max_deviation(r.series, "Jz", [&](double t) { return p11(t) - (1 - p11(t) - p10(t)); }), 1e-7);
    EXPECT_LT(max_deviation(r.series, "JpJm", [&](double t) { return 2 * (p11(t) + p10(t)); }), 1e-7);
    EXPECT_LT(max_deviation(r.series, "J2", [](double) { return 2.0; }), 1e-9);
    // Each spin carries half of Jz: ⟨σz_i⟩ = ⟨Jz⟩ by symmetry.
    EXPECT_LT(max_deviation(r.series, "sz_1", [&](double t) { return p11(t) - (1 - p11(t) - p10(t)); }), 1e-7);
    // The state is a mixture of three pure Dicke states: purity = Σ P².
    EXPECT_LT(max_deviation(r.series, "purity",
                            [&](double t) {
                                const double a = p11(t), b = p10(t), c = 1 - a - b;
                                return a * a + b * b + c * c;
                            }),
              1e-7);
}

// ---- conservation laws -------------------------------------------------------------------

double column_spread(const TimeSeries& s, const std::string& column) {
    const auto v = s.column_values(column);
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    return *hi - *lo;
}

TEST(AnalyticConservation, CollectiveChannelsAndUniformZeemanConserveJ2) {
    // J² commutes with J^±, J^z, a uniform Zeeman term, a uniform drive (Ω J^x) and
    // all-pairs Heisenberg (= (J² − 3N/4)/2 · J), so D†[L](J²) = 0 for L ∈ {J^±, J^z}
    // and ⟨J²⟩ is constant. The product state is not a J² eigenstate.
    const auto base = [] {
        return SpecBuilder(3, 1.0)
            .zeeman(+1)
            .drive(0.5, 0.0)
            .coupling("heisenberg", 0.4)
            .channel("collective_emission", 0.3)
            .channel("collective_absorption", 0.1)
            .channel("collective_dephasing", 0.2)
            .initial_bloch({{0.8, 0.0, 0.5}, {0.0, -0.6, 0.3}, {0.1, 0.2, -0.9}})
            .times(8.0, 81);
    };
    const auto r = base().run();
    EXPECT_LT(column_spread(r.series, "J2"), 1e-9);
    EXPECT_GT(column_spread(r.series, "Jz"), 0.1);  // the dynamics is not trivial
    // Control: one local emission channel breaks the symmetry and J² moves.
    const auto broken = base().channel("emission", 0.2, {0}).run();
    EXPECT_GT(column_spread(broken.series, "J2"), 1e-2);
}

TEST(AnalyticConservation, DephasingAndFlipFlopCouplingsConserveJz) {
    // Local D[σz_i], collective D[Jz], inhomogeneous Zeeman, zz and xy couplings all
    // commute with Jz, so ⟨Jz⟩ is constant while coherences decay.
    const auto r = SpecBuilder(std::vector<double>{1.0, 1.3, 0.7})
                       .zeeman(+1)
                       .coupling("zz", 0.3)
                       .coupling("xy", 0.2, chain_pairs({0, 1, 2}), "xy")
                       .channel_rates("dephasing", {0.05, 0.1, 0.15})
                       .channel("collective_dephasing", 0.2)
                       .initial_bloch({{0.8, 0.0, 0.5}, {0.0, -0.6, 0.3}, {0.1, 0.2, -0.9}})
                       .times(8.0, 81)
                       .run();
    EXPECT_LT(column_spread(r.series, "Jz"), 1e-9);
    EXPECT_GT(column_spread(r.series, "sz_0"), 1e-2);  // xy moves population between spins
    EXPECT_LT(std::abs(r.series.column_values("sx_0").back()), 0.3);  // coherences decayed from 0.8
}

TEST(AnalyticConservation, TraceHermiticityAndPositivityInAGenericModel) {
    // A model with every ingredient; ρ(t) must keep unit trace and stay Hermitian,
    // positive semi-definite: ⟨X†⟩ = conj⟨X⟩ for non-Hermitian X, populations ≥ 0,
    // purity in [1/D, 1], single-spin Bloch vectors inside the ball, ⟨J+J−⟩ ≥ 0.
    SpecBuilder b(std::vector<double>{1.0, 1.2, 0.8});
    b.zeeman(+1)
        .drive(0.6, 0.2, {0, 2})
        .coupling("heisenberg", 0.3, chain_pairs({0, 1, 2}))
        .coupling("zz", 0.2, {{0, 2}}, "zz")
        .channel_rates("emission", {0.1, 0.2, 0.05})
        .channel("absorption", 0.05)
        .channel("dephasing", 0.03)
        .channel("collective_emission", 0.15)
        .jump("custom", SpinOperator::sigma_minus(0) * SpinOperator::sigma_z(1) + SpinOperator::sigma_plus(2), 0.1)
        .initial_bloch({{0.3, 0.4, 0.5}, {0.0, 0.0, -1.0}, {-0.7, 0.1, 0.2}})
        .times(10.0, 101);
    const SpinOperator x = SpinOperator::sigma_plus(0) * SpinOperator::sigma_minus(1) +
                           complex{0.0, 0.5} * SpinOperator::sigma_plus(2);
    b.observe("X", x).observe("Xdag", x.adjoint());
    for (int s = 0; s < 8; ++s) {
        SpinOperator p = SpinOperator::identity();
        for (int i = 0; i < 3; ++i)
            p = p * (((s >> i) & 1) ? SpinOperator::projector_down(i) : SpinOperator::projector_up(i));
        b.observe(std::string("P").append(std::to_string(s)), p);  // not "P" + …: GCC 12 -Wrestrict false positive
    }
    const auto r = b.run();
    const auto& s = r.series;
    EXPECT_LT(max_deviation(s, "trace", [](double) { return 1.0; }), 1e-10);
    for (std::size_t k = 0; k < s.rows(); ++k) {
        const auto v = [&](const std::string& c) { return testing::value(s, k, c); };
        EXPECT_NEAR(v("X.re"), v("Xdag.re"), 1e-10) << "t = " << s.time[k];
        EXPECT_NEAR(v("X.im"), -v("Xdag.im"), 1e-10) << "t = " << s.time[k];
        double total = 0.0;
        for (int p = 0; p < 8; ++p) {
            EXPECT_GE(v(std::string("P").append(std::to_string(p))), -1e-10);
            total += v(std::string("P").append(std::to_string(p)));
        }
        EXPECT_NEAR(total, 1.0, 1e-10);
        EXPECT_LE(v("purity"), 1.0 + 1e-10);
        EXPECT_GE(v("purity"), 1.0 / 8 - 1e-10);
        EXPECT_GE(v("JpJm"), -1e-10);
        for (int i = 0; i < 3; ++i) {
            const auto n = std::to_string(i);
            EXPECT_LE(std::hypot(v("sx_" + n), v("sy_" + n), v("sz_" + n)), 1.0 + 1e-10);
        }
    }
    // Not a trivially stationary run.
    EXPECT_GT(column_spread(s, "X.re") + column_spread(s, "X.im"), 1e-2);
}

// ---- steady states -------------------------------------------------------------------------

// The steady state against the last row of a long run: both approximate the same
// state; the series' distance from it is e^{−(slowest rate)·t_end} < 1e-12 here, and
// the steady-state solve is to 1e-10 relative (steady_state_tolerance), so 1e-7 is safe.
void expect_steady_state_matches_long_time(const RunResult& r) {
    ASSERT_TRUE(r.steady_state.has_value());
    const auto& last = r.series.values.back();
    const auto& before = r.series.values[r.series.rows() - 2];
    for (std::size_t c = 0; c < r.series.columns.size(); ++c) {
        EXPECT_NEAR(last[c], before[c], 1e-9) << r.series.columns[c] << ": the run has not settled";
        EXPECT_NEAR((*r.steady_state)[c], last[c], 1e-7) << r.series.columns[c];
    }
}

TEST(AnalyticSteadyState, DrivenDampedSpinEqualsLongTimeLimit) {
    const BlochModel b{0.5, 0.8, 0.0, 0.4, 0.1, 0.05};
    const auto r = SpecBuilder(1, b.omega)
                       .zeeman(+1)
                       .drive(b.omega_x, b.omega_y)
                       .channel("emission", b.down)
                       .channel("absorption", b.up)
                       .channel("dephasing", b.dephasing)
                       .initial_up()
                       .times(120.0, 121)
                       .steady_state()
                       .run();
    expect_steady_state_matches_long_time(r);
    // And the Bloch equations' fixed point (their generator's long-time limit).
    const Eigen::Vector3d fixed = b.at(500.0, {0, 0, 1});
    const auto& ss = *r.steady_state;
    EXPECT_NEAR(ss[r.series.column("sx_0")], fixed.x(), 1e-8);
    EXPECT_NEAR(ss[r.series.column("sy_0")], fixed.y(), 1e-8);
    EXPECT_NEAR(ss[r.series.column("sz_0")], fixed.z(), 1e-8);
}

TEST(AnalyticSteadyState, ThreeDrivenCoupledSpinsEqualLongTimeLimit) {
    const auto r = SpecBuilder(std::vector<double>{1.0, 1.1, 0.9})
                       .zeeman(+1)
                       .drive(0.7, 0.0)
                       .coupling("heisenberg", 0.3, chain_pairs({0, 1, 2}))
                       .channel("emission", 0.5)
                       .channel("absorption", 0.2)
                       .initial_up()
                       .times(100.0, 101)
                       .steady_state()
                       .run();
    expect_steady_state_matches_long_time(r);
    // A driven open system: the steady state is mixed and not the all-down state.
    EXPECT_LT((*r.steady_state)[r.series.column("purity")], 0.9);
}

// ---- Gibbs states ---------------------------------------------------------------------------

TEST(AnalyticThermal, GibbsStateOfZeemanAndDetailedBalance) {
    // H = +Σ ω_i S^z_i at T: p↑/p↓ = e^{−ω/T}, ⟨σz_i⟩ = −tanh(ω_i/2T). With
    // γ↑_i/γ↓_i = e^{−ω_i/T} it is the fixed point of emission + absorption:
    // z_eq = (γ↑ − γ↓)/(γ↑ + γ↓) = −tanh(ω/2T), so every observable stays put.
    const double temperature = 0.5;
    const std::vector<double> omega{1.0, 0.5, 2.0}, down{0.3, 0.2, 0.4};
    std::vector<double> up;
    for (std::size_t i = 0; i < 3; ++i) up.push_back(down[i] * std::exp(-omega[i] / temperature));
    const auto r = SpecBuilder(omega)
                       .zeeman(+1)
                       .channel_rates("emission", down)
                       .channel_rates("absorption", up)
                       .initial_thermal(temperature)
                       .times(10.0, 21)
                       .run();
    for (int i = 0; i < 3; ++i) {
        const double expected = -std::tanh(omega[static_cast<std::size_t>(i)] / (2 * temperature));
        EXPECT_LT(max_deviation(r.series, "sz_" + std::to_string(i), [&](double) { return expected; }), 1e-9)
            << "spin " << i;
        EXPECT_LT(max_deviation(r.series, "sx_" + std::to_string(i), [](double) { return 0.0; }), 1e-12);
    }
    EXPECT_LT(column_spread(r.series, "purity"), 1e-9);
    EXPECT_LT(column_spread(r.series, "J2"), 1e-9);
}

TEST(AnalyticThermal, ZeemanMinusMakesUpTheGroundState) {
    // H = −ω S^z (seed 000): ⟨σz⟩ = +tanh(ω/2T).
    const double temperature = 0.8, omega = 1.0;
    const auto r = SpecBuilder(2, omega).zeeman(-1).initial_thermal(temperature).times(1.0, 3).run();
    EXPECT_NEAR(r.series.column_values("sz_1").front(), std::tanh(omega / (2 * temperature)), 1e-12);
}

}  // namespace
}  // namespace openspins
