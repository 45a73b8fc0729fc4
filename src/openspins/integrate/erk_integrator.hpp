// "erk": an explicit Runge–Kutta method with an embedded error estimate (SUNDIALS ARKODE's
// ERKStep, Verner's 8-stage 6(5) pair), for non-stiff problems. Per step it costs 8
// right-hand sides and 8 linear combinations of at most 9 vectors, against CVODE Adams's
// ~2 right-hand sides and ~(q + 1)-vector Nordsieck updates, error weights and norms per step;
// its steps are much longer at the same tolerance, so fewer passes over the state are made
// in total when the right-hand side is cheap (docs/methods/exact.md, "Integrators").
// Output between steps: ARKODE's Hermite interpolant (degree 5).
#pragma once

#include <cstddef>
#include <memory>

#include "openspins/integrate/ode_integrator.hpp"

namespace openspins {

std::unique_ptr<OdeIntegrator> make_erk_integrator(std::size_t size, RhsFunction rhs, const SolverOptions& options);

}  // namespace openspins
