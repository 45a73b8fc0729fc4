#include "openspins/integrate/gmres_solver.hpp"

#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_spgmr.h>

#include <cstring>
#include <stdexcept>

#include "openspins/config/messages.hpp"

namespace openspins {

namespace {
struct Operator {
    const std::function<void(const double*, double*)>* apply;
};
int atimes(void* data, N_Vector v, N_Vector z) {
    (*static_cast<Operator*>(data)->apply)(N_VGetArrayPointer(v), N_VGetArrayPointer(z));
    return 0;
}
}  // namespace

GmresResult solve_gmres(std::size_t size, const std::function<void(const double*, double*)>& apply,
                        const double* b, double* x, double tolerance, int krylov_dimension, int max_restarts) {
    SUNContext context = nullptr;
    if (SUNContext_Create(nullptr, &context) != 0) throw std::runtime_error(messages::sundials_context());
    const auto n = static_cast<sunindextype>(size);
    N_Vector xv = N_VNew_Serial(n, context), bv = N_VNew_Serial(n, context);
    std::memcpy(N_VGetArrayPointer(bv), b, size * sizeof(double));
    N_VConst(0.0, xv);
    SUNLinearSolver solver = SUNLinSol_SPGMR(xv, SUN_PREC_NONE, krylov_dimension, context);
    SUNLinSol_SPGMRSetMaxRestarts(solver, max_restarts);
    SUNLinSol_SPGMRSetGSType(solver, SUN_CLASSICAL_GS);
    Operator op{&apply};
    SUNLinSolSetATimes(solver, &op, &atimes);
    SUNLinSolInitialize(solver);
    SUNLinSolSetZeroGuess(solver, SUNTRUE);
    SUNLinSolSetup(solver, nullptr);
    const int flag = SUNLinSolSolve(solver, nullptr, xv, bv, tolerance);
    GmresResult result;
    result.converged = flag == SUNLS_SUCCESS;
    result.iterations = SUNLinSolNumIters(solver);
    result.residual_norm = SUNLinSolResNorm(solver);
    std::memcpy(x, N_VGetArrayPointer(xv), size * sizeof(double));
    SUNLinSolFree(solver);
    N_VDestroy(xv);
    N_VDestroy(bv);
    SUNContext_Free(&context);
    return result;
}

}  // namespace openspins
