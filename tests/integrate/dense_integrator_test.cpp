// make_dense_integrator (integrate/ode_integrator.hpp): BDF with a dense LU of the
// difference-quotient Jacobian, the cumulant method's integrator. Checked on a stiff nonlinear
// system with a closed form, against the GMRES variant for the step count that motivated it.
#include <gtest/gtest.h>

#include <cmath>

#include "openspins/integrate/ode_integrator.hpp"

namespace openspins {
namespace {

// y0' = −k (y0 − y1²), y1' = −y1: a stiff pull (k = 1e7) towards y0 = y1². With y1 = e^{−t},
// y0 = k/(k−2) e^{−2t} is an exact solution (y0' = −2y0 = −k(y0 − e^{−2t}) ⇔ y0 (k − 2) = k e^{−2t});
// started on it, the integrator must stay on it.
void stiff(double, const double* y, double* dy) {
    const double k = 1e7;
    dy[0] = -k * (y[0] - y[1] * y[1]);
    dy[1] = -y[1];
}

TEST(DenseIntegrator, SolvesAStiffNonlinearSystemToItsTolerance) {
    const double k = 1e7;
    SolverOptions options;
    options.integrator = "bdf";
    options.rtol = 1e-10;
    options.atol = 1e-14;
    const double y0[2] = {k / (k - 2.0), 1.0};  // on the invariant solution y0 = k/(k−2) y1²
    auto dense = make_dense_integrator(2, stiff, options);
    dense->reset(0.0, y0, 5.0);
    double y[2];
    for (const double t : {0.5, 1.0, 2.5, 5.0}) {
        dense->advance(t, y);
        EXPECT_NEAR(y[1], std::exp(-t), 1e-8 * std::exp(-t));
        EXPECT_NEAR(y[0], k / (k - 2.0) * std::exp(-2.0 * t), 1e-7 * std::exp(-2.0 * t));
    }
    // Matrix-free GMRES on the same problem takes at least as many right-hand sides (the
    // dense path pays 2 per Jacobian, reused over many steps).
    auto gmres = make_integrator(2, stiff, options, false);
    gmres->reset(0.0, y0, 5.0);
    gmres->advance(5.0, y);
    EXPECT_LE(dense->statistics().rhs_evaluations, gmres->statistics().rhs_evaluations);
    EXPECT_LT(dense->statistics().steps, 2000);  // stiffness costs no steps: k t = 5e7
}

}  // namespace
}  // namespace openspins
