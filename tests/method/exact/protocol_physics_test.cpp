// Protocols in the exact method: instantaneous pulses, evolution steps with scaled
// channels, the rows recorded at step boundaries, and what they imply physically
// (inversion, inversion recovery, Hahn echo, the charge/store/discharge cycle of
// seed 002's quantum battery). Also: Adams and BDF agree.
//
// Pulse convention (protocol.hpp): ρ → RρR†, R = Π exp(−iθ n·S_i). For one spin this
// rotates the Bloch vector r = ⟨σ⟩ by +θ about n (right-hand rule, Rodrigues):
//   r' = r cos θ + (n × r) sin θ + n (n·r)(1 − cos θ),
// e.g. π/2 about y takes ẑ to +x̂ (exp(−iπ/4 σy)|↑⟩ = (|↑⟩ + |↓⟩)/√2), π/2 about x
// takes ẑ to −ŷ, and π about x maps (x, y, z) → (x, −y, −z).
//
// Tolerances: pulses are applied to ρ in closed form, so pulse identities hold to
// rounding (1e-12). Evolution is compared to closed forms at 1e-7 (rtol 1e-10,
// atol 1e-12: CVODE's global error here is ≲ 1e-8, see analytic_physics_test.cpp).
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <complex>

#include "method/exact/spec_builder.hpp"

namespace openspins {
namespace {

using testing::max_deviation;
using testing::pi;
using testing::SpecBuilder;
using testing::value;

// With record_step_boundaries: the row just before protocol step `step` starts and
// its first row (for a pulse: the states before and after it).
std::pair<std::size_t, std::size_t> rows_around(const TimeSeries& s, int step) {
    for (std::size_t k = 1; k < s.rows(); ++k)
        if (s.step[k] == step && s.step[k - 1] != step) return {k - 1, k};
    ADD_FAILURE() << "no rows for step " << step;
    return {0, 0};
}

Eigen::Vector3d rotate(const Eigen::Vector3d& r, Eigen::Vector3d n, double angle) {
    n.normalize();
    return r * std::cos(angle) + n.cross(r) * std::sin(angle) + n * n.dot(r) * (1 - std::cos(angle));
}

Eigen::Vector3d bloch(const TimeSeries& s, std::size_t row, int spin) {
    const auto k = std::to_string(spin);
    return {value(s, row, "sx_" + k), value(s, row, "sy_" + k), value(s, row, "sz_" + k)};
}

// ---- pulses --------------------------------------------------------------------------------

TEST(ProtocolPulse, PiAboutXTurnsAllUpIntoAllDown) {
    // N = 3, Zeeman only (commutes with Jz): after the pulse the state is |↓↓↓⟩ exactly.
    const auto r = SpecBuilder(3, 1.0).zeeman(+1).initial_up().pulse({1, 0, 0}, pi).evolve(1.0).times(1.0, 11)
                       .record_steps()
                       .run();
    const auto& s = r.series;
    const auto [before, after] = rows_around(s, 0);
    EXPECT_NEAR(value(s, before, "Jz"), 1.5, 1e-12);
    EXPECT_NEAR(value(s, after, "Jz"), -1.5, 1e-12);
    for (std::size_t k = after; k < s.rows(); ++k)
        for (int i = 0; i < 3; ++i) EXPECT_NEAR(value(s, k, "sz_" + std::to_string(i)), -1.0, 1e-12) << "row " << k;
    EXPECT_EQ(s.time[before], 0.0);
    EXPECT_NEAR(value(s, after, "purity"), 1.0, 1e-12);
    // The output row at t = 0 (an output time at the pulse) shows the state after it.
    const auto first_output = testing::row_at(s, 0.0);
    EXPECT_NEAR(value(s, first_output, "Jz"), -1.5, 1e-12);
}

TEST(ProtocolPulse, PiAboutXOnAMixedProductState) {
    // (x, y, z) → (x, −y, −z) for every spin; so Jz → −Jz and J² is unchanged
    // (a collective rotation). No evolution Hamiltonian: the state is frozen after.
    const std::vector<std::array<double, 3>> r0{{0.3, 0.4, 0.5}, {0.0, -0.2, -0.9}, {-0.6, 0.1, 0.2}};
    const auto r = SpecBuilder(3, 0.0).initial_bloch(r0).pulse({1, 0, 0}, pi).evolve(0.5).times(0.5, 3)
                       .record_steps()
                       .run();
    const auto& s = r.series;
    const auto [before, after] = rows_around(s, 0);
    for (int i = 0; i < 3; ++i) {
        const auto& v = r0[static_cast<std::size_t>(i)];
        const Eigen::Vector3d expected(v[0], -v[1], -v[2]);
        EXPECT_LT((bloch(s, after, i) - expected).norm(), 1e-12) << "spin " << i;
        EXPECT_LT((bloch(s, s.rows() - 1, i) - expected).norm(), 1e-12) << "spin " << i;
    }
    EXPECT_NEAR(value(s, after, "Jz"), -value(s, before, "Jz"), 1e-12);
    EXPECT_NEAR(value(s, after, "J2"), value(s, before, "J2"), 1e-12);
    EXPECT_NEAR(value(s, after, "purity"), value(s, before, "purity"), 1e-12);
}

TEST(ProtocolPulse, HalfPiSignConventions) {
    // π/2 about y: ẑ → +x̂. π/2 about x: ẑ → −ŷ. Two spins pulsed separately.
    const auto r = SpecBuilder(2, 0.0)
                       .initial_up()
                       .pulse({0, 1, 0}, pi / 2, {0})
                       .pulse({1, 0, 0}, pi / 2, {1})
                       .evolve(0.1)
                       .times(0.1, 2)
                       .run();
    const auto& s = r.series;
    EXPECT_NEAR(value(s, 0, "sx_0"), 1.0, 1e-12);
    EXPECT_NEAR(value(s, 0, "sz_0"), 0.0, 1e-12);
    EXPECT_NEAR(value(s, 0, "sy_1"), -1.0, 1e-12);
    EXPECT_NEAR(value(s, 0, "sz_1"), 0.0, 1e-12);
}

TEST(ProtocolPulse, ArbitraryAxisAndAngleRotateBlochVectors) {
    // An axis given unnormalised, (1, 2, 2) → (1, 2, 2)/3, and θ = 1.1 rad on a mixed
    // product state: every spin's Bloch vector by Rodrigues' formula.
    const std::vector<std::array<double, 3>> r0{{0.3, 0.4, 0.5}, {0.0, -0.2, -0.9}};
    const Eigen::Vector3d axis(1, 2, 2);
    const double angle = 1.1;
    const auto r = SpecBuilder(2, 0.0).initial_bloch(r0).pulse({1, 2, 2}, angle).evolve(0.1).times(0.1, 2).run();
    for (int i = 0; i < 2; ++i) {
        const auto& v = r0[static_cast<std::size_t>(i)];
        const Eigen::Vector3d expected = rotate({v[0], v[1], v[2]}, axis, angle);
        EXPECT_LT((bloch(r.series, 0, i) - expected).norm(), 1e-12) << "spin " << i << ": got "
                                                                   << bloch(r.series, 0, i).transpose()
                                                                   << ", expected " << expected.transpose();
    }
}

TEST(ProtocolPulse, PulseOnASubsetOfSpins) {
    // π about x on spins {0, 2} of |↑↑↑⟩: σz = (−1, +1, −1), Jz = −1/2; then a π
    // about z on spin 1 of a transverse state: (x, y, z) → (−x, −y, z) there only.
    const auto r = SpecBuilder(3, 0.0).initial_up().pulse({1, 0, 0}, pi, {0, 2}).evolve(0.2).times(0.2, 2).run();
    EXPECT_NEAR(value(r.series, 0, "sz_0"), -1.0, 1e-12);
    EXPECT_NEAR(value(r.series, 0, "sz_1"), 1.0, 1e-12);
    EXPECT_NEAR(value(r.series, 0, "sz_2"), -1.0, 1e-12);
    EXPECT_NEAR(value(r.series, 0, "Jz"), -0.5, 1e-12);

    const auto z = SpecBuilder(3, 0.0).initial_bloch({{0.6, 0.3, 0.1}}).pulse({0, 0, 1}, pi, {1}).evolve(0.2)
                       .times(0.2, 2)
                       .run();
    EXPECT_LT((bloch(z.series, 0, 0) - Eigen::Vector3d(0.6, 0.3, 0.1)).norm(), 1e-12);
    EXPECT_LT((bloch(z.series, 0, 1) - Eigen::Vector3d(-0.6, -0.3, 0.1)).norm(), 1e-12);
    EXPECT_LT((bloch(z.series, 0, 2) - Eigen::Vector3d(0.6, 0.3, 0.1)).norm(), 1e-12);
}

TEST(ProtocolPulse, OutputAtATrailingPulseShowsTheStateAfterIt) {
    // docs/config.md: "Outputs at a pulse's time show the state after the pulse." Here
    // the pulse is the last step, at t = 1 = the last output time: |↑⟩ evolves under
    // Zeeman only (stays |↑⟩), then π about x gives ⟨σz⟩ = −1 at t = 1.
    const auto r = SpecBuilder(1, 1.0).zeeman(+1).initial_up().evolve(1.0).pulse({1, 0, 0}, pi).times(1.0, 3).run();
    ASSERT_EQ(r.series.rows(), 3U);
    EXPECT_NEAR(r.series.column_values("sz_0")[1], 1.0, 1e-12);   // t = 0.5, before the pulse
    EXPECT_NEAR(r.series.column_values("sz_0")[2], -1.0, 1e-12);  // t = 1, after the pulse
}

// ---- inversion recovery ------------------------------------------------------------------

TEST(ProtocolRelaxation, InversionRecovery) {
    // Start in the Gibbs state of H = Σ ω_i S^z_i at T (stationary under emission γ↓ and
    // absorption γ↑ = γ↓ e^{−ω/T}), invert with π_x, relax:
    //   ⟨σz_i⟩(t) = z_eq (1 − 2 e^{−Γ1 t}),  z_eq = −tanh(ω/2T),  Γ1 = γ↑ + γ↓,
    // crossing zero at t = ln 2 / Γ1.
    const double temperature = 0.7;
    const std::vector<double> omega{1.0, 0.6}, down{0.3, 0.5};
    const std::vector<double> up{down[0] * std::exp(-omega[0] / temperature),
                                 down[1] * std::exp(-omega[1] / temperature)};
    const auto r = SpecBuilder(omega)
                       .zeeman(+1)
                       .channel_rates("emission", down)
                       .channel_rates("absorption", up)
                       .initial_thermal(temperature)
                       .pulse({1, 0, 0}, pi)
                       .evolve(10.0)
                       .times(10.0, 101)
                       .run();
    for (std::size_t i = 0; i < 2; ++i) {
        const double zeq = -std::tanh(omega[i] / (2 * temperature)), g1 = up[i] + down[i];
        EXPECT_LT(max_deviation(r.series, "sz_" + std::to_string(i),
                                [&](double t) { return zeq * (1 - 2 * std::exp(-g1 * t)); }),
                  1e-7)
            << "spin " << i;
        EXPECT_NEAR(r.series.column_values("sz_" + std::to_string(i)).front(), -zeq, 1e-12);
    }
}

// ---- Hahn echo ---------------------------------------------------------------------------

TEST(ProtocolEcho, HahnEchoRefocusesInhomogeneousPrecession) {
    // N = 4 spins at different ω_i, H = +Σ ω_i S^z_i, dephasing γφ D[σz_i] only.
    // π/2_x – τ – π_x – rest; with s_i = x_i + i y_i:
    //   after π/2_x: s = −i; free: s(t) = s(0) e^{(iω − 2γφ) t}; π_x: s → s̄.
    //   t ≤ τ:  s_i = −i e^{iω_i t} e^{−2γφ t}
    //   t = τ + u: s_i = i e^{iω_i (u − τ)} e^{−2γφ (τ + u)}
    // At 2τ every spin is back at (0, e^{−4γφτ}, 0) whatever its ω_i:
    // ⟨J+⟩ = Σ⟨σ+_i⟩ = Σ s_i/2 = i (N/2) e^{−4γφτ}, the homogeneous value.
    const std::vector<double> omega{0.5, 0.9, 1.4, 2.0};
    const double dephasing = 0.05, tau = 2.5, extra = 1.5;
    const int points = static_cast<int>(std::lround((2 * tau + extra) / 0.05)) + 1;
    SpecBuilder b(omega);
    b.zeeman(+1)
        .channel("dephasing", dephasing)
        .initial_up()
        .pulse({1, 0, 0}, pi / 2, {}, "pi/2 x")
        .evolve(tau)
        .pulse({1, 0, 0}, pi, {}, "pi x")
        .evolve(tau + extra)
        .times(2 * tau + extra, points)
        .record_steps()
        .observe("Jp", collective_jplus(b.all()));
    const auto r = b.run();
    const auto& s = r.series;
    // Closed form before (steps 0, 1) and after (steps ≥ 2) the π pulse.
    const auto jp = [&](double t, bool refocused) {
        const std::complex<double> i(0, 1);
        std::complex<double> sum = 0.0;
        for (double w : omega)
            sum += 0.5 * (refocused ? i * std::exp(i * w * (t - 2 * tau)) : -i * std::exp(i * w * t)) *
                   std::exp(-2 * dephasing * t);
        return sum;
    };
    const auto [before_pi, after_pi] = rows_around(s, 2);
    double worst = 0.0;
    for (std::size_t k = 0; k < s.rows(); ++k) {
        if (s.step[k] < 0) continue;  // the row before the π/2 pulse
        const auto expected = jp(s.time[k], s.step[k] >= 2);
        worst = std::max({worst, std::abs(value(s, k, "Jp.re") - expected.real()),
                          std::abs(value(s, k, "Jp.im") - expected.imag()),
                          std::abs(value(s, k, "Jx") - expected.real()),  // ⟨Jx⟩ = Re⟨J+⟩
                          std::abs(value(s, k, "Jy") - expected.imag()), std::abs(value(s, k, "Jz"))});
    }
    EXPECT_LT(worst, 1e-7);
    // The π pulse conjugates the transverse components: Jy → −Jy, Jx unchanged.
    EXPECT_NEAR(value(s, after_pi, "Jy"), -value(s, before_pi, "Jy"), 1e-12);
    EXPECT_NEAR(value(s, after_pi, "Jx"), value(s, before_pi, "Jx"), 1e-12);
    // The echo: full refocusing at 2τ to the homogeneous amplitude; away from 2τ the
    // amplitude divided by the dephasing envelope e^{−2γφ t} is below N/2 (the spins
    // are out of phase: 1.70 at 2τ ± 1 for these ω_i), and just before the π pulse the
    // signal is a fraction of the homogeneous one (0.41 vs 1.56).
    const double echo = 0.5 * static_cast<double>(omega.size()) * std::exp(-4 * dephasing * tau);
    const auto at = [&](double t) {
        const auto k = testing::row_at(s, t);
        return std::hypot(value(s, k, "Jp.re"), value(s, k, "Jp.im"));
    };
    EXPECT_NEAR(at(2 * tau), echo, 1e-7);
    EXPECT_NEAR(value(s, testing::row_at(s, 2 * tau), "Jy"), echo, 1e-7);
    const double half_n = 0.5 * static_cast<double>(omega.size());
    for (double t : {2 * tau - 1, 2 * tau + 1}) EXPECT_LT(at(t) * std::exp(2 * dephasing * t), half_n - 0.2) << t;
    EXPECT_LT(std::hypot(value(s, before_pi, "Jp.re"), value(s, before_pi, "Jp.im")),
              0.5 * half_n * std::exp(-2 * dephasing * tau));
}

// ---- seed 002: the quantum battery cycle ---------------------------------------------------

// N = 4, H = +ω Σ S^z_i (|↑⟩ excited), emission γ on each spin and collective emission
// Γ D[J−] named "collective_emission". Three cycles of: charge (π_x on all), store
// (Γ scaled to 0), discharge (Γ on). Starts in the ground state |↓↓↓↓⟩.
constexpr int battery_n = 4;
constexpr double battery_gamma = 0.05, battery_collective = 0.3, storage = 2.0, discharge = 3.0;
constexpr double battery_dt = 0.025;

SpecBuilder battery() {
    SpecBuilder b(battery_n, 1.0);
    b.zeeman(+1).channel("emission", battery_gamma).channel("collective_emission", battery_collective).initial_down();
    for (int cycle = 0; cycle < 3; ++cycle) {
        b.pulse({1, 0, 0}, pi, {}, "charge");
        b.evolve(storage, {{"collective_emission", 0.0}}, "store");
        b.evolve(discharge, {}, "discharge");
    }
    const double total = 3 * (storage + discharge);
    return b.times(total, static_cast<int>(std::lround(total / battery_dt)) + 1).record_steps();
}

// Rows of one protocol step with distinct times (boundary rows duplicate output times).
std::vector<std::size_t> step_rows(const TimeSeries& s, int step) {
    std::vector<std::size_t> rows;
    for (std::size_t k = 0; k < s.rows(); ++k)
        if (s.step[k] == step && (rows.empty() || s.time[k] > s.time[rows.back()] + 1e-12)) rows.push_back(k);
    return rows;
}

TEST(ProtocolBattery, ChargeStoreDischargeBookkeeping) {
    const auto r = battery().run();
    const auto& s = r.series;
    const double half_n = 0.5 * battery_n;
    ASSERT_EQ(s.step.back(), 8);
    for (int cycle = 0; cycle < 3; ++cycle) {
        const int charge = 3 * cycle, store = charge + 1, release = charge + 2;
        SCOPED_TRACE("cycle " + std::to_string(cycle));

        // Charge: Jz → −Jz exactly, J², Jz² and purity untouched (a collective rotation);
        // with the operator identity J+J− = J² − Jz² + Jz, ⟨J+J−⟩ changes by −2⟨Jz⟩_before.
        const auto [before, after] = rows_around(s, charge);
        EXPECT_NEAR(value(s, after, "Jz"), -value(s, before, "Jz"), 1e-12);
        EXPECT_NEAR(value(s, after, "J2"), value(s, before, "J2"), 1e-12);
        EXPECT_NEAR(value(s, after, "purity"), value(s, before, "purity"), 1e-12);
        const double jz = value(s, after, "Jz");
        EXPECT_NEAR(value(s, after, "JpJm"), value(s, before, "JpJm") - 2 * value(s, before, "Jz"), 1e-12);
        if (cycle == 0) {
            EXPECT_NEAR(jz, half_n, 1e-12);  // |↓↓↓↓⟩ → |↑↑↑↑⟩
        }

        // Store (Γ off): independent decay, exact for any state since
        // d⟨σz_i⟩/dt = −γ(1 + ⟨σz_i⟩): ⟨Jz⟩(t) = −N/2 + (Jz0 + N/2) e^{−γ(t − t0)}.
        const auto store_rows = step_rows(s, store);
        ASSERT_GT(store_rows.size(), 10U);
        const double t0 = s.time[store_rows.front()], jz0 = value(s, store_rows.front(), "Jz");
        EXPECT_NEAR(t0, s.time[after], 1e-12);
        EXPECT_NEAR(jz0, jz, 1e-12);
        double worst = 0.0;
        for (auto k : store_rows)
            worst = std::max(worst, std::abs(value(s, k, "Jz") -
                                             (-half_n + (jz0 + half_n) * std::exp(-battery_gamma * (s.time[k] - t0)))));
        EXPECT_LT(worst, 1e-7);
        // ... with no collective enhancement, the single-spin formula per spin.
        const double sz0 = value(s, store_rows.front(), "sz_2"), tend = s.time[store_rows.back()];
        EXPECT_NEAR(value(s, store_rows.back(), "sz_2"), -1 + (1 + sz0) * std::exp(-battery_gamma * (tend - t0)), 1e-7);

        // Discharge (Γ on): energy bookkeeping. Exactly (D†[σ−](σz/2) = −n↑, D†[J−](Jz) = −J+J−)
        //   d⟨Jz⟩/dt = −γ(⟨Jz⟩ + N/2) − Γ⟨J+J−⟩,
        // integrated by Simpson's rule over the output grid (error ~ (τ/180) dt⁴ max|f''''|
        // ≈ 3e-8 here), so 1e-6 absolute.
        const auto rows = step_rows(s, release);
        ASSERT_EQ((rows.size() - 1) % 2, 0U) << "Simpson needs an even number of intervals";
        ASSERT_NEAR(s.time[rows.back()] - s.time[rows.front()], discharge, 1e-12);
        double integral = 0.0;
        for (std::size_t m = 0; m < rows.size(); ++m) {
            const auto k = rows[m];
            const double rate = -battery_gamma * (value(s, k, "Jz") + half_n) - battery_collective * value(s, k, "JpJm");
            const double weight = (m == 0 || m + 1 == rows.size()) ? 1.0 : (m % 2 ? 4.0 : 2.0);
            integral += weight * rate * battery_dt / 3.0;
        }
        const double released = value(s, rows.back(), "Jz") - value(s, rows.front(), "Jz");
        EXPECT_NEAR(released, integral, 1e-6);
        // Superradiance: faster than independent decay would be from the same start.
        const double independent = -half_n + (value(s, rows.front(), "Jz") + half_n) * std::exp(-battery_gamma * discharge);
        EXPECT_LT(value(s, rows.back(), "Jz"), independent - 0.1);
    }
}

// ---- steady state of a protocol --------------------------------------------------------------

TEST(ProtocolSteadyState, UsesTheLastEvolveStepsScaling) {
    // run_spec.hpp: the steady state is that of the last evolve step's generator. Here
    // the last step switches the drive off and doubles the absorption (0.1 → 0.2), so
    // the fixed point is undriven: r = (0, 0, (γ↑ − γ↓)/(γ↑ + γ↓)) = (0, 0, −0.2).
    // (With the unscaled generator it would be the driven state, ⟨σx,y⟩ ≠ 0.)
    const auto r = SpecBuilder(1, 1.0)
                       .zeeman(+1)
                       .drive(0.8, 0.0)
                       .channel("emission", 0.3)
                       .channel("absorption", 0.1)
                       .initial_up()
                       .evolve(2.0)
                       .evolve(2.0, {{"drive", 0.0}, {"absorption", 2.0}})
                       .times(4.0, 5)
                       .steady_state()
                       .run();
    ASSERT_TRUE(r.steady_state.has_value());
    const auto& ss = *r.steady_state;
    EXPECT_NEAR(ss[r.series.column("sz_0")], -0.2, 1e-8);
    EXPECT_NEAR(ss[r.series.column("sx_0")], 0.0, 1e-8);
    EXPECT_NEAR(ss[r.series.column("sy_0")], 0.0, 1e-8);
    EXPECT_NEAR(ss[r.series.column("purity")], 0.5 * (1 + 0.04), 1e-8);
}

// ---- integrators ---------------------------------------------------------------------------

// Adams (fixed point) and BDF (Newton–GMRES) at rtol 1e-10 solve the same ODE; each is
// within ~1e-8 of the truth, so they agree to 1e-7.
void expect_integrators_agree(const SpecBuilder& b) {
    auto adams = b, bdf = b;
    const auto ra = adams.integrator("adams").run(), rb = bdf.integrator("bdf").run();
    ASSERT_EQ(ra.series.rows(), rb.series.rows());
    ASSERT_EQ(ra.series.columns, rb.series.columns);
    double worst = 0.0;
    for (std::size_t k = 0; k < ra.series.rows(); ++k) {
        ASSERT_EQ(ra.series.time[k], rb.series.time[k]);
        for (std::size_t c = 0; c < ra.series.columns.size(); ++c)
            worst = std::max(worst, std::abs(ra.series.values[k][c] - rb.series.values[k][c]));
    }
    EXPECT_LT(worst, 1e-7);
    EXPECT_EQ(ra.notes.at("integrator"), "adams");
    EXPECT_EQ(rb.notes.at("integrator"), "bdf");
}

TEST(ProtocolIntegrators, AdamsAndBdfAgreeOnTheBatteryCycle) { expect_integrators_agree(battery()); }

TEST(ProtocolIntegrators, AdamsAndBdfAgreeOnADrivenCoupledModel) {
    // All coherence orders (drive), couplings, every channel kind.
    expect_integrators_agree(SpecBuilder(std::vector<double>{1.0, 1.2, 0.9})
                                 .zeeman(+1)
                                 .drive(0.8, 0.0)
                                 .coupling("heisenberg", 0.4, chain_pairs({0, 1, 2}))
                                 .channel("emission", 0.1)
                                 .channel("absorption", 0.04)
                                 .channel("dephasing", 0.05)
                                 .channel("collective_emission", 0.2)
                                 .initial_bloch({{0.5, 0.0, 0.5}})
                                 .times(10.0, 51));
}

}  // namespace
}  // namespace openspins
