// The state vector the SUNDIALS integrators (CVODE, ARKODE) work on.
//   SUNDIALS's serial N_Vector; on vectors of at least parallel_length reals, with more than one
//   thread (omp_get_max_threads()), its element-wise operations run in blocks on the process's
//   helper threads (BlockingWorkers, which sleep between loops — no spin-waiting team beside the
//   right-hand side), each element computed as the serial vector computes it, and the reductions
//   (norms, dot products) are sums over fixed blocks added in a fixed order, so whole runs are
//   bit-identical for any thread count.
//   Fused vector operations (linear combinations in one pass) are enabled.
#pragma once

#include <sundials/sundials_context.h>
#include <sundials/sundials_nvector.h>

#include <cstddef>

namespace openspins {

// A new vector of `size` reals set to zero, or nullptr when SUNDIALS's allocation fails.
N_Vector make_state_vector(std::size_t size, SUNContext context);

// One fixed-point iteration's update (fixed_point_solver.hpp): y ← g and g ← g − y_before, in
// one pass; element-wise, so the same bits for any thread count.
void fixed_point_update(N_Vector y, N_Vector g);

// CVODE's error weights w_i = 1 / (rtol |y_i| + atol) in one pass over y and w (CVODE's own
// cvEwtSetSS makes five: abs, scale, add, min, inv); the same operations in the same order,
// so the same bits. Returns -1 (CVODE's convention) when some rtol |y_i| + atol <= 0.
int error_weights(N_Vector y, double rtol, double atol, N_Vector w);

}  // namespace openspins
