// The Adams path of make_integrator runs CVODE with openspins's own fixed-point solver
// (integrate/fixed_point_solver.hpp) and one-pass error weights (sundials_vector.hpp:
// error_weights). Both are meant to compute the same numbers as SUNDIALS's
// SUNNonlinSol_FixedPoint and CVODE's scalar tolerances with fewer passes over the state, so a
// run must equal, bit for bit, the same run set up with SUNDIALS's own pieces — on a vector
// long enough for the OpenMP N_Vector and threaded passes — and follow the exact solution.
#include <cvode/cvode.h>
#include <gtest/gtest.h>
#include <sunnonlinsol/sunnonlinsol_fixedpoint.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <vector>

#include "openspins/integrate/ode_integrator.hpp"
#include "openspins/integrate/sundials_vector.hpp"
#include "openspins/method/solver_options.hpp"

namespace openspins {
namespace {

// Pairs (y_2k, y_2k+1) rotate at ω_k and decay at γ_k: y' = [[−γ, −ω], [ω, −γ]] y, a damped
// oscillator per pair, so y(t) is known in closed form. 2^15 + 2 reals: above the OpenMP
// vector's threshold (2^15) and not a multiple of its reduction block.
constexpr std::size_t size = (std::size_t{1} << 15) + 2;
double omega(std::size_t k) { return 0.2 + 1.0 * std::sin(0.37 * static_cast<double>(k)) * std::sin(0.37 * static_cast<double>(k)); }
double gamma_of(std::size_t k) { return 0.1 + 0.4 * static_cast<double>(k % 7) / 7.0; }
double initial(std::size_t i) { return std::cos(0.01 * static_cast<double>(i)) * 1e-3 * static_cast<double>(1 + i % 5); }

void rhs(const double* y, double* dy) {
    for (std::size_t k = 0; 2 * k + 1 < size; ++k) {
        const double w = omega(k), g = gamma_of(k), a = y[2 * k], b = y[2 * k + 1];
        dy[2 * k] = -g * a - w * b;
        dy[2 * k + 1] = w * a - g * b;
    }
}

int cvode_rhs(sunrealtype, N_Vector y, N_Vector dy, void*) {
    rhs(N_VGetArrayPointer(y), N_VGetArrayPointer(dy));
    return 0;
}

constexpr double rtol = 1e-7, atol = 1e-10;
const std::vector<double> times = {0.3, 1.2};

// The same run with SUNDIALS's fixed-point solver and CVODE's scalar tolerances.
std::vector<std::vector<double>> sundials_run(long& steps) {
    SUNContext context = nullptr;
    EXPECT_EQ(SUNContext_Create(nullptr, &context), 0);
    N_Vector y = make_state_vector(size, context);
    for (std::size_t i = 0; i < size; ++i) N_VGetArrayPointer(y)[i] = initial(i);
    void* cvode = CVodeCreate(CV_ADAMS, context);
    EXPECT_EQ(CVodeInit(cvode, &cvode_rhs, 0.0, y), 0);
    EXPECT_EQ(CVodeSStolerances(cvode, rtol, atol), 0);
    SUNNonlinearSolver solver = SUNNonlinSol_FixedPoint(y, 0, context);
    EXPECT_EQ(CVodeSetNonlinearSolver(cvode, solver), 0);
    EXPECT_EQ(CVodeSetStopTime(cvode, times.back()), 0);
    std::vector<std::vector<double>> out;
    for (const double t : times) {
        double reached = 0.0;
        EXPECT_EQ(CVode(cvode, t, y, &reached, CV_NORMAL), CV_SUCCESS);
        out.emplace_back(N_VGetArrayPointer(y), N_VGetArrayPointer(y) + size);
    }
    CVodeGetNumSteps(cvode, &steps);
    CVodeFree(&cvode);
    SUNNonlinSolFree(solver);
    N_VDestroy(y);
    SUNContext_Free(&context);
    return out;
}

TEST(FixedPointSolver, AdamsRunsEqualSundialsOwnSolverBitForBit) {
    long sundials_steps = 0;
    const auto expected = sundials_run(sundials_steps);

    SolverOptions options;
    options.integrator = "adams";
    options.rtol = rtol;
    options.atol = atol;
    auto integrator = make_integrator(size, [](double, const double* y, double* dy) { rhs(y, dy); }, options, true);
    std::vector<double> y(size);
    for (std::size_t i = 0; i < size; ++i) y[i] = initial(i);
    integrator->reset(0.0, y.data(), times.back(), false);
    for (std::size_t n = 0; n < times.size(); ++n) {
        integrator->advance(times[n], y.data());
        EXPECT_EQ(std::memcmp(y.data(), expected[n].data(), size * sizeof(double)), 0) << "t = " << times[n];
        // And the closed form, to a few hundred times the tolerance (a global error).
        double worst = 0.0;
        for (std::size_t k = 0; 2 * k + 1 < size; ++k) {
            const double t = times[n], decay = std::exp(-gamma_of(k) * t);
            const double c = std::cos(omega(k) * t), s = std::sin(omega(k) * t);
            const double a = initial(2 * k), b = initial(2 * k + 1);
            worst = std::max(worst, std::abs(y[2 * k] - decay * (c * a - s * b)));
            worst = std::max(worst, std::abs(y[2 * k + 1] - decay * (s * a + c * b)));
        }
        EXPECT_LT(worst, 300.0 * (rtol * 5e-3 + atol)) << "t = " << times[n];
    }
    EXPECT_EQ(integrator->statistics().steps, sundials_steps);
    EXPECT_GT(sundials_steps, 10) << sundials_steps;
}

}  // namespace
}  // namespace openspins
