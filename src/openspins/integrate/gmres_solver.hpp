// Matrix-free restarted GMRES (SUNDIALS SPGMR) for A x = b with A given as a function.
#pragma once

#include <cstddef>
#include <functional>

namespace openspins {

struct GmresResult {
    bool converged = false;
    int iterations = 0;
    double residual_norm = 0.0;  // ‖b − A x‖₂
};

// x receives the solution (its input is ignored: the iteration starts from zero).
GmresResult solve_gmres(std::size_t size, const std::function<void(const double*, double*)>& apply,
                        const double* b, double* x, double tolerance, int krylov_dimension, int max_restarts);

}  // namespace openspins
