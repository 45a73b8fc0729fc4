// CVODE's fixed-point (functional) iteration for Adams, y ← g(y), with one pass over the
// state per iteration besides g itself.
//   SUNDIALS's SUNNonlinSol_FixedPoint (without acceleration) copies y to y_prev, evaluates
//   g(y), copies g(y) to y and forms Δ = y − y_prev: three passes (four vectors read, three
//   written) around every g. This solver evaluates g(y) into a work vector G and then, in one
//   pass, sets Δ_i = G_i − y_i in G and y_i = G_i (sundials_vector.hpp: fixed_point_update).
//   The iterates, Δ and the convergence tests are the same numbers as SUNDIALS's solver
//   (Δ = G − y_prev, the same subtraction), so runs keep their bits; one vector less is held.
#pragma once

#include <sundials/sundials_context.h>
#include <sundials/sundials_nonlinearsolver.h>
#include <sundials/sundials_nvector.h>

namespace openspins {

// A fixed-point SUNNonlinearSolver for vectors like `y` (freed with SUNNonlinSolFree), or
// nullptr when SUNDIALS's allocation fails.
SUNNonlinearSolver make_fixed_point_solver(N_Vector y, SUNContext context);

}  // namespace openspins
