// examples/analytic_pure_dephasing.toml runs as shipped: populations stay put (pure dephasing) and
// the element e = ρ_{↑↑↑,↓↑↑} decays at the Markovian rate (ϰ² + ν²) T J̃(0)/2 once the bath's memory
// has passed (ϰ = 0.3, ν = 0.1, T = 0.5, J̃(0) = πA, A = 1). The slope between t = 20 and 30 is
// exact to the quadrature accuracy (1e-8 relative asserted; observed 1e-10).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "openspins/config/config_reader.hpp"
#include "openspins/method/method.hpp"

using namespace openspins;

TEST(AnalyticExamples, PureDephasingDecaysAtTheMarkovianRateLate) {
    const RunSpec spec = read_run_file(std::string(OPENSPINS_SOURCE_DIR) + "/examples/analytic_pure_dephasing.toml");
    ASSERT_EQ(spec.method, "analytic");
    const auto r = make_method(spec.method)->run(spec, {});
    const auto sz = r.series.column_values("sz_0");
    for (const double z : sz) EXPECT_EQ(z, sz.front());  // populations are never touched
    EXPECT_NEAR(sz.front(), 0.0, 1e-15);
    const auto re = r.series.column_values("e.re");
    const auto im = r.series.column_values("e.im");
    const auto& t = r.series.time;
    const auto at = [&](double time) {
        std::size_t k = 0;
        while (t[k] < time - 1e-9) ++k;
        return k;
    };
    const std::size_t a = at(20.0), b = at(30.0);
    const double slope = (std::log(std::hypot(re[b], im[b])) - std::log(std::hypot(re[a], im[a]))) / (t[b] - t[a]);
    const double expected = -(0.09 + 0.01) * 0.5 * M_PI / 2.0;
    EXPECT_NEAR(slope, expected, 1e-8 * std::abs(expected));
}

// examples/analytic_cpmg_subohmic.toml: the pulsed spin keeps more coherence than the free one at
// every echo top, and both decay monotonically (values of the run: 0.722 vs 0.071 at t = 20).
TEST(AnalyticExamples, CpmgKeepsCoherenceUnderSubOhmicNoise) {
    const RunSpec spec = read_run_file(std::string(OPENSPINS_SOURCE_DIR) + "/examples/analytic_cpmg_subohmic.toml");
    const auto r = make_method(spec.method)->run(spec, {});
    const auto pulsed = r.series.column_values("sx_0");
    const auto free = r.series.column_values("sx_1");
    for (std::size_t k = 0; k < pulsed.size(); ++k) {
        EXPECT_GT(pulsed[k], free[k]) << r.series.time[k];
        if (k > 0) {
            EXPECT_LT(pulsed[k], pulsed[k - 1]);
            EXPECT_LT(free[k], free[k - 1]);
        }
    }
    EXPECT_NEAR(pulsed.back(), 0.7218, 1e-4);
    EXPECT_NEAR(free.back(), 0.0713, 1e-4);
}
