// sweep/series_fit.hpp: the fitted time constants of a sweep point's series recover the
// constants of exact exponentials and damped cosines, report a small error for a true single
// exponential and a large one when two rates mix, and refuse what cannot be fitted.
#include "openspins/sweep/series_fit.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace openspins::sweep {
namespace {

std::vector<double> grid(double stop, int points) {
    std::vector<double> t;
    for (int k = 0; k < points; ++k) t.push_back(stop * k / (points - 1));
    return t;
}

// Samples of an exact exponential: τ to ~1e-10 relative (only rounding in the samples),
// also when the window has not reached the plateau and starts late.
TEST(SeriesFit, ExponentialRecoversTheTimeConstant) {
    for (const double tau : {0.3, 2.0, 50.0}) {
        const auto t = grid(3.0 * tau, 61);
        std::vector<double> y;
        for (const double s : t) y.push_back(-0.5 + 1.5 * std::exp(-s / tau));
        const SeriesFit fit = fit_series(FitModel::exponential, t, y);
        ASSERT_TRUE(fit.ok) << fit.failure;
        EXPECT_NEAR(fit.tau / tau, 1.0, 1e-9) << tau;
        EXPECT_NEAR(fit.offset, -0.5, 1e-9);
        EXPECT_LT(fit.tau_error / tau, 1e-9);
    }
}

// Jx of a precessing, decaying spin: ½ e^{−t/T2} cos(ωt + φ); both T2 and ω to 1e-9.
TEST(SeriesFit, DampedCosineRecoversDecayAndFrequency) {
    const double t2 = 4.0, w = 3.0;
    const auto t = grid(12.0, 601);
    std::vector<double> y;
    for (const double s : t) y.push_back(0.5 * std::exp(-s / t2) * std::cos(w * s + 0.4));
    const SeriesFit fit = fit_series(FitModel::damped_cosine, t, y);
    ASSERT_TRUE(fit.ok) << fit.failure;
    EXPECT_NEAR(fit.tau / t2, 1.0, 1e-9);
    EXPECT_NEAR(fit.frequency / w, 1.0, 1e-9);
    EXPECT_NEAR(fit.offset, 0.0, 1e-9);
}

// Two rates (1 and 0.2) mixed half and half: one exponential cannot match, and the reported
// error says so (well above the 1e-9 of an exact single exponential).
TEST(SeriesFit, TwoMixedRatesGiveALargeError) {
    const auto t = grid(15.0, 151);
    std::vector<double> y;
    for (const double s : t) y.push_back(0.5 * std::exp(-s) + 0.5 * std::exp(-0.2 * s));
    const SeriesFit fit = fit_series(FitModel::exponential, t, y);
    ASSERT_TRUE(fit.ok) << fit.failure;
    EXPECT_GT(fit.tau, 1.0);
    EXPECT_LT(fit.tau, 5.0);
    EXPECT_GT(fit.tau_error / fit.tau, 1e-3);
}

TEST(SeriesFit, RefusesWhatCannotBeFitted) {
    const auto t = grid(1.0, 11);
    EXPECT_FALSE(fit_series(FitModel::exponential, t, std::vector<double>(11, 0.25)).ok);
    EXPECT_FALSE(fit_series(FitModel::exponential, {0.0, 1.0}, {1.0, 0.5}).ok);
    std::vector<double> monotone;
    for (const double s : t) monotone.push_back(std::exp(-s));
    const SeriesFit fit = fit_series(FitModel::damped_cosine, t, monotone);
    EXPECT_FALSE(fit.ok);
    EXPECT_NE(fit.failure.find("oscillate"), std::string::npos) << fit.failure;
}

}  // namespace
}  // namespace openspins::sweep
