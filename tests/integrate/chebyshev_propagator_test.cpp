// make_chebyshev_propagator (integrate/chebyshev_propagator.hpp): exp(hL)y by its Chebyshev series,
// checked on a linear, non-normal system with a closed form whose spectrum spans the segment
// [−200, 0] with slow oscillations — the shape of a HEOM hierarchy's spectrum.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "openspins/errors.hpp"
#include "openspins/integrate/chebyshev_propagator.hpp"

namespace openspins {
namespace {

// Four damped rotations (x' = −γx − ωy, y' = ωx − γy) with γ = 0.1, 5, 40, 200 and ω = 1.3, and a
// non-normal pair u' = −60u + 30v, v' = −2v (v = e^{−2t}, u = e^{−60t} + 30(e^{−2t} − e^{−60t})/58).
constexpr double rates[4] = {0.1, 5.0, 40.0, 200.0};
constexpr double omega = 1.3;

void generator(double, const double* y, double* dy) {
    for (int b = 0; b < 4; ++b) {
        dy[2 * b] = -rates[b] * y[2 * b] - omega * y[2 * b + 1];
        dy[2 * b + 1] = omega * y[2 * b] - rates[b] * y[2 * b + 1];
    }
    dy[8] = -60.0 * y[8] + 30.0 * y[9];
    dy[9] = -2.0 * y[9];
}

std::vector<double> exact(double t) {
    std::vector<double> y(10);
    for (int b = 0; b < 4; ++b) {  // from (1, 0)
        y[2 * b] = std::exp(-rates[b] * t) * std::cos(omega * t);
        y[2 * b + 1] = std::exp(-rates[b] * t) * std::sin(omega * t);
    }
    y[9] = std::exp(-2.0 * t);
    y[8] = std::exp(-60.0 * t) + 30.0 * (std::exp(-2.0 * t) - std::exp(-60.0 * t)) / 58.0;
    return y;
}

double largest_error(OdeIntegrator& propagator) {
    std::vector<double> y0 = exact(0.0);
    propagator.reset(0.0, y0.data(), 10.0);
    double worst = 0.0;
    std::vector<double> y(10);
    for (int j = 1; j <= 20; ++j) {
        const double t = 0.5 * j;
        propagator.advance(t, y.data());
        const auto e = exact(t);
        for (int i = 0; i < 10; ++i) worst = std::max(worst, std::abs(y[i] - e[i]));
    }
    return worst;
}

// With the right decay bound: one step per output interval, error at the tolerance's level
// (measured 2.4e-12 at rtol 1e-10; 1 179 right-hand sides against Adams's 36 350), and far fewer right-hand sides than CVODE's Adams, whose steps the
// stability limit holds at h·200 ≲ 1.
TEST(ChebyshevPropagator, MatchesTheClosedFormWithFewRightHandSides) {
    SolverOptions options;
    options.rtol = 1e-10;
    options.atol = 1e-13;
    auto chebyshev = make_chebyshev_propagator(10, generator, 200.0, options);
    EXPECT_LT(largest_error(*chebyshev), 1e-10);
    const auto s = chebyshev->statistics();
    EXPECT_EQ(s.steps, 20);
    EXPECT_EQ(s.failed_steps, 0);
    options.integrator = "adams";
    auto adams = make_integrator(10, generator, options, true);
    EXPECT_LT(largest_error(*adams), 1e-7);
    EXPECT_LT(3 * s.rhs_evaluations, adams->statistics().rhs_evaluations)
        << s.rhs_evaluations << " vs " << adams->statistics().rhs_evaluations;
}

// A decay bound far too small (the spectrum reaches −200, the series assumes −1): the terms grow,
// the step is refused and retried with a wider interval — the answer stays right.
TEST(ChebyshevPropagator, RecoversFromAnUnderestimatedSpectrum) {
    SolverOptions options;
    options.rtol = 1e-10;
    options.atol = 1e-13;
    auto chebyshev = make_chebyshev_propagator(10, generator, 1.0, options);
    EXPECT_LT(largest_error(*chebyshev), 1e-10);
    EXPECT_GT(chebyshev->statistics().failed_steps, 0);
}

// The oscillatory form: five damped rotations x' = −γx − ωy, y' = ωx − γy with ω up to 47 and γ ≤ 4 — a
// Lindbladian's shape, its spectrum spread along the imaginary axis — and a strongly non-normal pair
// u' = −4u + 30v, v' = −v (u = e^{−4t} + 10(e^{−t} − e^{−4t}) from (1, 1)).
constexpr double osc_rates[5] = {0.0, 0.3, 1.0, 2.5, 4.0};
constexpr double osc_freqs[5] = {47.0, -31.0, 12.0, 0.5, -40.0};

void oscillating(double, const double* y, double* dy) {
    for (int b = 0; b < 5; ++b) {
        dy[2 * b] = -osc_rates[b] * y[2 * b] - osc_freqs[b] * y[2 * b + 1];
        dy[2 * b + 1] = osc_freqs[b] * y[2 * b] - osc_rates[b] * y[2 * b + 1];
    }
    dy[10] = -4.0 * y[10] + 30.0 * y[11];
    dy[11] = -y[11];
}

std::vector<double> oscillating_exact(double t) {
    std::vector<double> y(12);
    for (int b = 0; b < 5; ++b) {  // from (1, 0)
        y[2 * b] = std::exp(-osc_rates[b] * t) * std::cos(osc_freqs[b] * t);
        y[2 * b + 1] = std::exp(-osc_rates[b] * t) * std::sin(osc_freqs[b] * t);
    }
    y[11] = std::exp(-t);
    y[10] = std::exp(-4.0 * t) + 10.0 * (std::exp(-t) - std::exp(-4.0 * t));
    return y;
}

// Largest deviation over 40 outputs on [0, 10], each one divided by the tolerance's scale rtol‖y‖∞ + atol.
double oscillating_error(OdeIntegrator& propagator, double rtol, double atol) {
    std::vector<double> y0 = oscillating_exact(0.0);
    propagator.reset(0.0, y0.data(), 10.0);
    double worst = 0.0;
    std::vector<double> y(12);
    for (int j = 1; j <= 40; ++j) {
        const double t = 0.25 * j;
        propagator.advance(t, y.data());
        const auto e = oscillating_exact(t);
        double scale = 0.0;
        for (const double v : e) scale = std::max(scale, std::abs(v));
        for (int i = 0; i < 12; ++i) worst = std::max(worst, std::abs(y[i] - e[i]) / (rtol * scale + atol));
    }
    return worst;
}

// With bounds that hold (|Im λ| ≤ 47, Re λ ≥ −4) but the undamped rotation at 47 in the rectangle's corner, outside
// the first (rhombus) ellipse: one step is refused for growing terms, the rest run on the ellipse through the
// corners; the error stays at the tolerance's level over 40 outputs, and the right-hand sides are ~one per radian
// of that ellipse, √2·47 × 10 = 665; the least any polynomial method needs is 470.
TEST(ChebyshevPropagator, OscillatoryFormMatchesTheClosedForm) {
    for (const double rtol : {1e-6, 1e-10}) {
        SolverOptions options;
        options.rtol = rtol;
        options.atol = rtol * 1e-3;
        auto chebyshev = make_chebyshev_propagator(12, oscillating, SpectrumBounds{4.0, 47.0}, options);
        const double err = oscillating_error(*chebyshev, options.rtol, options.atol);
        EXPECT_LT(err, 10.0) << rtol;
        const auto s = chebyshev->statistics();
        EXPECT_EQ(s.failed_steps, 1);
        EXPECT_LT(s.rhs_evaluations, 1100) << rtol;
        EXPECT_GT(s.rhs_evaluations, 470) << rtol;
    }
}

// Bounds far too small in both directions: steps are refused, the bounds widened, and the answer stays right.
TEST(ChebyshevPropagator, OscillatoryFormRecoversFromUnderestimatedBounds) {
    SolverOptions options;
    options.rtol = 1e-9;
    options.atol = 1e-12;
    auto chebyshev = make_chebyshev_propagator(12, oscillating, SpectrumBounds{0.5, 5.0}, options);
    EXPECT_LT(oscillating_error(*chebyshev, options.rtol, options.atol), 10.0);
    EXPECT_GT(chebyshev->statistics().failed_steps, 0);
}

// F(y) = (y₀ + 2y₅, y₁₀ − y₁₁, y₃): with functionals a step sums the full state only at its last output; the
// interior outputs' F comes from F of every term. Same right-hand sides as the full-state run, F within the
// tolerance of the closed form and of the full-state run's F, and advance(t, y) at an interior output right too.
void three_functionals(const double* y, double* f) {
    f[0] = y[0] + 2.0 * y[5];
    f[1] = y[10] - y[11];
    f[2] = y[3];
}

TEST(ChebyshevPropagator, FunctionalsAtInteriorOutputsMatchTheFullStates) {
    SolverOptions options;
    options.rtol = 1e-10;
    options.atol = 1e-13;
    auto full = make_chebyshev_propagator(12, oscillating, SpectrumBounds{4.0, 47.0}, options);
    auto reduced = make_chebyshev_propagator(12, oscillating, SpectrumBounds{4.0, 47.0}, options, {},
                                             StateFunctionals{3, three_functionals});
    std::vector<double> y0 = oscillating_exact(0.0), y(12), f(3), f_full(3);
    full->reset(0.0, y0.data(), 10.0);
    reduced->reset(0.0, y0.data(), 10.0);
    int interior = 0;
    for (int j = 1; j <= 40; ++j) {
        const double t = 0.25 * j;
        full->advance(t, y.data());
        three_functionals(y.data(), f_full.data());
        if (!reduced->advance_functionals(t, f.data())) ++interior;
        const auto e = oscillating_exact(t);
        double f_exact[3];
        three_functionals(e.data(), f_exact);
        for (int c = 0; c < 3; ++c) {
            EXPECT_NEAR(f[c], f_exact[c], 1e-9) << t;
            EXPECT_NEAR(f[c], f_full[c], 1e-11) << t;
        }
    }
    EXPECT_GT(interior, 30);  // 40 outputs in 3 steps
    EXPECT_EQ(reduced->statistics().rhs_evaluations, full->statistics().rhs_evaluations);

    // An interior output asked for as a state: a step from the last full state that ends there.
    reduced->reset(0.0, y0.data(), 10.0);
    EXPECT_FALSE(reduced->advance_functionals(0.25, f.data()));
    reduced->advance(0.5, y.data());
    const auto e = oscillating_exact(0.5);
    for (int i = 0; i < 12; ++i) EXPECT_NEAR(y[i], e[i], 1e-9);
    EXPECT_TRUE(reduced->advance_functionals(0.5, f.data()));
}

// A fused recurrence (recurrence_step.hpp) that does what the propagator's own pass does, in this
// translation unit (compiled without fused multiply-adds, as the propagator): every output, state and
// functional the same to the bit, with as many right-hand sides, on both forms, with and without functionals.
// The propagator takes a term through it when the step has one full sum: with functionals always, without them
// when the step has one output.
TEST(ChebyshevPropagator, FusedRecurrenceGivesTheSameBits) {
    long fused_calls = 0;
    const auto fused_for = [&fused_calls](RhsFunction rhs, std::size_t size) {
        return [rhs, size, &fused_calls](const RecurrenceStep& st) {
            std::vector<double> applied(size);
            rhs(0.0, st.current, applied.data());
            double largest = 0.0;
            for (std::size_t i = 0; i < size; ++i) {
                const double next = 2.0 * (st.s * applied[i] + st.q * st.current[i]) + st.sign * st.previous[i];
                st.previous[i] = next;
                st.sum[i] += st.beta * next;
                largest = std::max(largest, std::abs(next));
            }
            ++fused_calls;
            return largest;
        };
    };
    SolverOptions options;
    options.rtol = 1e-9;
    options.atol = 1e-12;
    for (const bool with_functionals : {false, true}) {
        for (const bool oscillatory : {false, true}) {
            const std::size_t n = oscillatory ? 12 : 10;
            const RhsFunction rhs = oscillatory ? RhsFunction(oscillating) : RhsFunction(generator);
            const SpectrumBounds bounds = oscillatory ? SpectrumBounds{4.0, 47.0} : SpectrumBounds{210.0, 0.0};
            StateFunctionals functionals;
            if (with_functionals)
                functionals = {3, [n](const double* y, double* f) {
                                   f[0] = y[0] + 2.0 * y[5];
                                   f[1] = y[n - 2] - y[n - 1];
                                   f[2] = y[3];
                               }};
            auto plain = make_chebyshev_propagator(n, rhs, bounds, options, {}, functionals);
            auto fused = make_chebyshev_propagator(n, rhs, bounds, options, {}, functionals, fused_for(rhs, n));
            std::vector<double> y0 = oscillatory ? oscillating_exact(0.0) : exact(0.0);
            plain->reset(0.0, y0.data(), 10.0);
            fused->reset(0.0, y0.data(), 10.0);
            std::vector<double> a(n), b(n), fa(3), fb(3);
            fused_calls = 0;
            for (int j = 1; j <= 40; ++j) {
                const double t = 0.25 * j;
                const std::string at = std::to_string(t) + (oscillatory ? " oscillatory" : " real") +
                                       (with_functionals ? ", functionals" : "");
                if (with_functionals) {
                    const bool full_a = plain->advance_functionals(t, fa.data());
                    const bool full_b = fused->advance_functionals(t, fb.data());
                    ASSERT_EQ(full_a, full_b) << at;
                    EXPECT_EQ(std::memcmp(fa.data(), fb.data(), 3 * sizeof(double)), 0) << at;
                    if (!full_a) continue;
                }
                plain->advance(t, a.data());
                fused->advance(t, b.data());
                EXPECT_EQ(std::memcmp(a.data(), b.data(), n * sizeof(double)), 0) << at;
            }
            // One output far away: steps of a single output, the fused recurrence with or without functionals.
            plain->reset(0.0, y0.data(), 10.0);
            fused->reset(0.0, y0.data(), 10.0);
            plain->advance(10.0, a.data());
            fused->advance(10.0, b.data());
            EXPECT_EQ(std::memcmp(a.data(), b.data(), n * sizeof(double)), 0);
            EXPECT_GT(fused_calls, 0) << oscillatory << with_functionals;
            EXPECT_EQ(plain->statistics().rhs_evaluations, fused->statistics().rhs_evaluations);
            EXPECT_EQ(plain->statistics().steps, fused->statistics().steps);
        }
    }
}

// reset() restores the bounds first given: a propagator that widened its bounds after failed steps, reset,
// computes what a new one computes, bit for bit (the property a run resumed from a checkpoint relies on).
TEST(ChebyshevPropagator, ResetRestoresTheFirstBounds) {
    SolverOptions options;
    options.rtol = 1e-9;
    options.atol = 1e-12;
    const SpectrumBounds too_small{0.5, 5.0};
    auto used = make_chebyshev_propagator(12, oscillating, too_small, options);
    std::vector<double> y0 = oscillating_exact(0.0), y(12), fresh_y(12);
    used->reset(0.0, y0.data(), 10.0);
    used->advance(5.0, y.data());
    ASSERT_GT(used->statistics().failed_steps, 0);
    used->reset(0.0, y0.data(), 10.0);
    auto fresh = make_chebyshev_propagator(12, oscillating, too_small, options);
    fresh->reset(0.0, y0.data(), 10.0);
    for (const double t : {0.25, 0.5, 2.0}) {
        used->advance(t, y.data());
        fresh->advance(t, fresh_y.data());
        for (int i = 0; i < 12; ++i) EXPECT_EQ(y[i], fresh_y[i]) << t;
    }
}

// Eigenvalues on the rhombus between the bounds' extremes (decay a/2 where |Im λ| = b, 0 … a where Im λ = 0), the
// shape of a lossy mode's or the Ising chain's Lindbladian: no step is refused and the right-hand sides come close
// to the least possible, 47 × 10 = 470 (measured 619 in 3 steps: z + O(z^{1/3}) terms per step of z = 188).
constexpr double rhombus_rates[5] = {2.0, 2.0 + 2.0 * 16.0 / 47.0, 2.0 - 2.0 * 35.0 / 47.0, 0.05, 3.9};
constexpr double rhombus_freqs[5] = {47.0, -31.0, 12.0, 0.5, -0.8};

void rhombus(double, const double* y, double* dy) {
    for (int b = 0; b < 5; ++b) {
        dy[2 * b] = -rhombus_rates[b] * y[2 * b] - rhombus_freqs[b] * y[2 * b + 1];
        dy[2 * b + 1] = rhombus_freqs[b] * y[2 * b] - rhombus_rates[b] * y[2 * b + 1];
    }
}

TEST(ChebyshevPropagator, OscillatoryFormOnARhombusSpectrumNeedsAboutOneTermPerRadian) {
    SolverOptions options;
    options.rtol = 1e-10;
    options.atol = 1e-13;
    auto chebyshev = make_chebyshev_propagator(10, rhombus, SpectrumBounds{4.0, 47.0}, options);
    std::vector<double> y(10, 0.0);
    for (int b = 0; b < 5; ++b) y[2 * b] = 1.0;
    chebyshev->reset(0.0, y.data(), 10.0);
    for (int j = 1; j <= 40; ++j) {
        const double t = 0.25 * j;
        chebyshev->advance(t, y.data());
        for (int b = 0; b < 5; ++b) {
            EXPECT_NEAR(y[2 * b], std::exp(-rhombus_rates[b] * t) * std::cos(rhombus_freqs[b] * t), 1e-10) << t;
            EXPECT_NEAR(y[2 * b + 1], std::exp(-rhombus_rates[b] * t) * std::sin(rhombus_freqs[b] * t), 1e-10) << t;
        }
    }
    const auto s = chebyshev->statistics();
    EXPECT_EQ(s.failed_steps, 0);
    EXPECT_LT(s.rhs_evaluations, 650);
    EXPECT_GT(s.rhs_evaluations, 470);
}


// The watch (ode_integrator.hpp), sampled inside each step: a transient above the limit between two outputs throws at
// the first probe above it, in both forms, and a watch never crossed leaves the outputs' bits alone.
// Oscillatory form: one damped rotation (γ = 0.01, ω = 1) from (1, 0); y₁ = e^{−γt} sin t peaks at 0.985 near t = π/2,
// and the only output, t = 10, is one step (hb = 10 rad: 16 probes 0.625 apart). Real form: the chain u' = −5u,
// v' = 5u − v from (1, 0), v = (5/4)(e^{−t} − e^{−5t}) peaks at 0.669 at t = ln 5 / 4; one step to t = 3 (16 probes).
void rotation(double, const double* y, double* dy) {
    dy[0] = -0.01 * y[0] - y[1];
    dy[1] = y[0] - 0.01 * y[1];
}
void chain(double, const double* y, double* dy) {
    dy[0] = -5.0 * y[0];
    dy[1] = 5.0 * y[0] - y[1];
}

struct WatchCase {
    RhsFunction rhs;
    SpectrumBounds bounds;
    double end, limit;
    std::function<double(double)> watched;  // the closed form of y₁
};

// The time at which advance(end) threw (NaN: no throw) and the state it returned otherwise.
double watched_throw_time(const WatchCase& c, double limit, std::vector<double>& y) {
    SolverOptions options;
    options.rtol = 1e-10;
    options.atol = 1e-13;
    auto propagator = make_chebyshev_propagator(2, c.rhs, c.bounds, options);
    double reached = std::nan("");
    if (limit > 0.0)
        propagator->set_watch({[](double, const double* v) { return v[1]; }, limit, [&reached](double t) {
                                   reached = t;
                                   return std::string("watched value above the limit");
                               }});
    y = {1.0, 0.0};
    propagator->reset(0.0, y.data(), c.end);
    try {
        propagator->advance(c.end, y.data());
    } catch (const NumericalError&) {
        EXPECT_FALSE(std::isnan(reached));
    }
    EXPECT_EQ(propagator->statistics().steps, std::isnan(reached) ? 1 : 0);
    return reached;
}

TEST(ChebyshevPropagator, WatchCatchesATransientBetweenOutputs) {
    const std::vector<WatchCase> cases{
        {rotation, SpectrumBounds{0.02, 1.0}, 10.0, 0.9, [](double t) { return std::exp(-0.01 * t) * std::sin(t); }},
        {chain, SpectrumBounds{5.0, 0.0}, 3.0, 0.6, [](double t) { return 1.25 * (std::exp(-t) - std::exp(-5.0 * t)); }},
    };
    for (const WatchCase& c : cases) {
        std::vector<double> unwatched, watched;
        EXPECT_TRUE(std::isnan(watched_throw_time(c, 0.0, unwatched)));
        EXPECT_LT(c.watched(c.end), c.limit);  // the output itself is below the limit
        // A limit never reached: the same bits as without a watch.
        EXPECT_TRUE(std::isnan(watched_throw_time(c, 1.0, watched)));
        EXPECT_EQ(watched, unwatched);
        // The limit crossed between outputs: thrown at the first probe above it (probes end/16 apart).
        const double t = watched_throw_time(c, c.limit, watched);
        ASSERT_FALSE(std::isnan(t));
        const double spacing = c.end / 16.0;
        EXPECT_NEAR(std::round(t / spacing) * spacing, t, 1e-12) << t;
        EXPECT_GT(c.watched(t), c.limit) << t;
        EXPECT_LE(c.watched(t - spacing), c.limit) << t;
    }
}

}  // namespace
}  // namespace openspins
