#include "openspins/integrate/fixed_point_solver.hpp"

#include <new>

#include "openspins/integrate/sundials_vector.hpp"

namespace openspins {

namespace {

struct FixedPointContent {
    SUNNonlinSolSysFn system = nullptr;        // g(y) − … as CVODE defines it (writes G)
    SUNNonlinSolConvTestFn test = nullptr;     // CVODE's convergence test on Δ
    void* test_data = nullptr;
    N_Vector g = nullptr;                      // g(y), then Δ
    int max_iterations = 3;                    // CVODE sets its own (default 3)
    int current_iteration = 0;
    long iterations = 0;                       // in the last solve
    long convergence_failures = 0;             // in the last solve
};

FixedPointContent& content(SUNNonlinearSolver s) { return *static_cast<FixedPointContent*>(s->content); }

SUNNonlinearSolver_Type type(SUNNonlinearSolver) { return SUNNONLINEARSOLVER_FIXEDPOINT; }

int initialize(SUNNonlinearSolver s) {
    auto& c = content(s);
    if (c.system == nullptr || c.test == nullptr) return SUN_NLS_MEM_NULL;
    c.iterations = 0;
    c.convergence_failures = 0;
    return SUN_NLS_SUCCESS;
}

int solve(SUNNonlinearSolver s, N_Vector, N_Vector y, N_Vector weights, realtype tolerance, booleantype, void* mem) {
    auto& c = content(s);
    c.iterations = 0;
    c.convergence_failures = 0;
    for (c.current_iteration = 0; c.current_iteration < c.max_iterations; ++c.current_iteration) {
        if (const int flag = c.system(y, c.g, mem); flag != 0) return flag;
        fixed_point_update(y, c.g);  // y ← G, G ← Δ = G − y_before
        ++c.iterations;
        const int flag = c.test(s, y, c.g, tolerance, weights, c.test_data);
        if (flag == SUN_NLS_SUCCESS) return SUN_NLS_SUCCESS;
        if (flag != SUN_NLS_CONTINUE) {
            ++c.convergence_failures;
            return flag;
        }
    }
    ++c.convergence_failures;
    return SUN_NLS_CONV_RECVR;
}

int free_solver(SUNNonlinearSolver s) {
    if (s == nullptr) return SUN_NLS_SUCCESS;
    if (s->content != nullptr) {
        auto* c = static_cast<FixedPointContent*>(s->content);
        if (c->g != nullptr) N_VDestroy(c->g);
        delete c;
        s->content = nullptr;
    }
    SUNNonlinSolFreeEmpty(s);
    return SUN_NLS_SUCCESS;
}

int set_system(SUNNonlinearSolver s, SUNNonlinSolSysFn f) {
    if (f == nullptr) return SUN_NLS_ILL_INPUT;
    content(s).system = f;
    return SUN_NLS_SUCCESS;
}

int set_test(SUNNonlinearSolver s, SUNNonlinSolConvTestFn f, void* data) {
    if (f == nullptr) return SUN_NLS_ILL_INPUT;
    content(s).test = f;
    content(s).test_data = data;
    return SUN_NLS_SUCCESS;
}

int set_max_iterations(SUNNonlinearSolver s, int n) {
    if (n < 1) return SUN_NLS_ILL_INPUT;
    content(s).max_iterations = n;
    return SUN_NLS_SUCCESS;
}

int get_iterations(SUNNonlinearSolver s, long* n) {
    *n = content(s).iterations;
    return SUN_NLS_SUCCESS;
}

int get_current_iteration(SUNNonlinearSolver s, int* n) {
    *n = content(s).current_iteration;
    return SUN_NLS_SUCCESS;
}

int get_convergence_failures(SUNNonlinearSolver s, long* n) {
    *n = content(s).convergence_failures;
    return SUN_NLS_SUCCESS;
}

}  // namespace

SUNNonlinearSolver make_fixed_point_solver(N_Vector y, SUNContext context) {
    SUNNonlinearSolver s = SUNNonlinSolNewEmpty(context);
    if (s == nullptr) return nullptr;
    auto* c = new (std::nothrow) FixedPointContent;
    if (c == nullptr) {
        SUNNonlinSolFreeEmpty(s);
        return nullptr;
    }
    s->content = c;
    s->ops->gettype = &type;
    s->ops->initialize = &initialize;
    s->ops->solve = &solve;
    s->ops->free = &free_solver;
    s->ops->setsysfn = &set_system;
    s->ops->setctestfn = &set_test;
    s->ops->setmaxiters = &set_max_iterations;
    s->ops->getnumiters = &get_iterations;
    s->ops->getcuriter = &get_current_iteration;
    s->ops->getnumconvfails = &get_convergence_failures;
    c->g = N_VClone(y);
    if (c->g == nullptr) {
        free_solver(s);
        return nullptr;
    }
    return s;
}

}  // namespace openspins
