// Integrators behind one interface, chosen by name ("adams", "bdf").
//
// The state is a flat array of reals (a method packs its complex storage into
// it). The right-hand side may change between protocol steps; the caller then
// calls reset(), which restarts the multistep history.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "openspins/method/solver_options.hpp"

namespace openspins {

using RhsFunction = std::function<void(double t, const double* y, double* ydot)>;
// Approximately solves (I − gamma·J) z = r, J the Jacobian of the right-hand side: the
// left preconditioner of the "bdf" integrator's GMRES (ignored by "adams").
using PreconditionerFunction = std::function<void(double gamma, const double* r, double* z)>;

struct IntegratorStatistics {
    long steps = 0;
    long rhs_evaluations = 0;  // including Jacobian–vector products of a linear system
    long failed_steps = 0;
};

class OdeIntegrator {
public:
    virtual ~OdeIntegrator() = default;
    // Restart at (t0, y); the integrator will not step past t_stop. `continues_step`:
    // a restart inside the same protocol step, whose max_steps budget goes on
    // (SolverOptions::max_steps counts per protocol step).
    virtual void reset(double t0, const double* y, double t_stop, bool continues_step) = 0;
    void reset(double t0, const double* y, double t_stop) { reset(t0, y, t_stop, false); }
    // Integrate to t ≤ t_stop and write y(t). Throws NumericalError on failure (also
    // when the protocol step's max_steps are used up) and Interrupted when a stop was
    // requested (interrupt.hpp).
    virtual void advance(double t, double* y) = 0;
    [[nodiscard]] virtual IntegratorStatistics statistics() const = 0;
    // A bound watched between output times: with a watch set, advance() throws
    // NumericalError(message(t)) at the first t where value(t, y(t)) > limit, located by CVODE's
    // root finding on limit − value (checked at every internal step, the crossing located to
    // rounding) — e.g. a truncated mode's top Fock population (method/dicke/cavity_run.cpp).
    struct Watch {
        std::function<double(double t, const double* y)> value;
        double limit = 0.0;
        std::function<std::string(double t)> message;
    };
    virtual void set_watch(Watch watch) = 0;
    // Number of state-sized vectors the integrator allocates (for memory estimates).
    [[nodiscard]] static std::size_t vectors_needed(const std::string& name);
};

// `linear`: the right-hand side is linear in y, so a Jacobian–vector product is
// the right-hand side itself (used by "bdf" for its matrix-free Newton–GMRES).
std::unique_ptr<OdeIntegrator> make_integrator(std::size_t size, RhsFunction rhs, const SolverOptions& options,
                                               bool linear);
// The same with a preconditioner for "bdf" (a method that knows its stiff part).
std::unique_ptr<OdeIntegrator> make_integrator(std::size_t size, RhsFunction rhs, const SolverOptions& options,
                                               bool linear, PreconditionerFunction preconditioner);
// "bdf" with a dense direct linear solver (SUNDIALS dense matrix and LU, CVODE's
// difference-quotient Jacobian, reused over many steps) instead of GMRES: for small nonlinear
// systems (the cumulant method's 3–19 reals), where matrix-free Newton–GMRES needs several
// Krylov iterations per Newton step on a stiff problem. "adams" is as make_integrator's.
std::unique_ptr<OdeIntegrator> make_dense_integrator(std::size_t size, RhsFunction rhs, const SolverOptions& options);
// The Jacobian ∂f_i/∂y_j of the right-hand side at (t, y), written column-major into a zeroed
// size × size array: jac[j·size + i].
using JacobianFunction = std::function<void(double t, const double* y, double* jac)>;
// The same with the caller's Jacobian instead of CVODE's difference quotients (size more
// right-hand sides per Jacobian, and rounding-limited columns where f is large).
std::unique_ptr<OdeIntegrator> make_dense_integrator(std::size_t size, RhsFunction rhs, const SolverOptions& options,
                                                     JacobianFunction jacobian);

}  // namespace openspins
