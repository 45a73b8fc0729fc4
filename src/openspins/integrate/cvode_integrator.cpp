// CVODE (SUNDIALS 6) behind OdeIntegrator.
//   adams: variable-order Adams–Moulton with fixed-point iteration (non-stiff).
//   bdf:   variable-order BDF with Newton iteration and matrix-free GMRES (stiff), or a dense
//          LU with a difference-quotient or the caller's Jacobian (make_dense_integrator: small
//          systems).
//   erk:   ARKODE's explicit Runge–Kutta (erk_integrator.hpp); make_integrator dispatches.
//   The state vector (sundials_vector.hpp) gives the same bits for any thread count.
#include <cvode/cvode.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunlinsol/sunlinsol_spgmr.h>
#include <sunmatrix/sunmatrix_dense.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <vector>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/erk_integrator.hpp"
#include "openspins/integrate/fixed_point_solver.hpp"
#include "openspins/integrate/ode_integrator.hpp"
#include "openspins/integrate/step_budget.hpp"
#include "openspins/integrate/sundials_vector.hpp"
#include "openspins/interrupt.hpp"
#include "openspins/number_text.hpp"

namespace openspins {

namespace {

class CvodeIntegrator final : public OdeIntegrator {
public:
    CvodeIntegrator(std::size_t size, RhsFunction rhs, const SolverOptions& options, bool linear,
                    PreconditionerFunction preconditioner = {}, bool dense = false, JacobianFunction jacobian = {})
        : size_(size),
          rhs_(std::move(rhs)),
          linear_(linear),
          preconditioner_(std::move(preconditioner)),
          jacobian_(std::move(jacobian)) {
        if (SUNContext_Create(nullptr, &context_) != 0) throw std::runtime_error(messages::sundials_context());
        y_ = make_state_vector(size, context_);
        if (y_ == nullptr) {
            SUNContext_Free(&context_);
            throw std::bad_alloc();
        }
        const bool adams = options.integrator == "adams";
        if (!adams && options.integrator != "bdf")
            throw ModelError(messages::unknown_integrator(options.integrator));
        memory_ = CVodeCreate(adams ? CV_ADAMS : CV_BDF, context_);
        if (memory_ == nullptr) {
            N_VDestroy(y_);
            SUNContext_Free(&context_);
            throw std::bad_alloc();
        }
        check(CVodeInit(memory_, &CvodeIntegrator::rhs_callback, 0.0, y_), "CVodeInit");
        check(CVodeSetUserData(memory_, this), "CVodeSetUserData");
        check(CVodeSetErrHandlerFn(memory_, &CvodeIntegrator::error_callback, this), "CVodeSetErrHandlerFn");
        check(CVodeSStolerances(memory_, options.rtol, options.atol), "CVodeSStolerances");
        // The same weights as CVODE's scalar tolerances, in one pass instead of five.
        rtol_ = options.rtol;
        atol_ = options.atol;
        check(CVodeWFtolerances(memory_, &CvodeIntegrator::weight_callback), "CVodeWFtolerances");
        check(CVodeSetMaxNumSteps(memory_, options.max_steps), "CVodeSetMaxNumSteps");
        budget_ = StepBudget(options.max_steps);
        if (options.max_order > 0) check(CVodeSetMaxOrd(memory_, options.max_order), "CVodeSetMaxOrd");
        if (options.max_step_size > 0.0) check(CVodeSetMaxStep(memory_, options.max_step_size), "CVodeSetMaxStep");
        if (adams) {
            nonlinear_ = make_fixed_point_solver(y_, context_);  // fixed_point_solver.hpp
            if (nonlinear_ == nullptr) throw std::bad_alloc();
            check(CVodeSetNonlinearSolver(memory_, nonlinear_), "CVodeSetNonlinearSolver");
        } else if (dense) {
            const auto n = static_cast<sunindextype>(size);
            matrix_ = SUNDenseMatrix(n, n, context_);
            if (matrix_ == nullptr) throw std::bad_alloc();
            linear_solver_ = SUNLinSol_Dense(y_, matrix_, context_);
            check(CVodeSetLinearSolver(memory_, linear_solver_, matrix_), "CVodeSetLinearSolver");
            if (jacobian_) check(CVodeSetJacFn(memory_, &CvodeIntegrator::jacobian_callback), "CVodeSetJacFn");
            dense_ = true;
        } else {
            linear_solver_ = SUNLinSol_SPGMR(y_, preconditioner_ ? SUN_PREC_LEFT : SUN_PREC_NONE, 0, context_);
            // Classical Gram–Schmidt: one fused pass over the Krylov basis per iteration
            // instead of one dot product per basis vector (GMRES restarts keep it stable).
            check(SUNLinSol_SPGMRSetGSType(linear_solver_, SUN_CLASSICAL_GS), "SUNLinSol_SPGMRSetGSType");
            check(CVodeSetLinearSolver(memory_, linear_solver_, nullptr), "CVodeSetLinearSolver");
            if (linear_) check(CVodeSetJacTimes(memory_, nullptr, &CvodeIntegrator::jtimes_callback), "CVodeSetJacTimes");
            if (preconditioner_)
                check(CVodeSetPreconditioner(memory_, nullptr, &CvodeIntegrator::psolve_callback),
                      "CVodeSetPreconditioner");
        }
    }

    ~CvodeIntegrator() override {
        CVodeFree(&memory_);
        if (nonlinear_ != nullptr) SUNNonlinSolFree(nonlinear_);
        if (linear_solver_ != nullptr) SUNLinSolFree(linear_solver_);
        if (matrix_ != nullptr) SUNMatDestroy(matrix_);
        N_VDestroy(y_);
        SUNContext_Free(&context_);
    }

    CvodeIntegrator(const CvodeIntegrator&) = delete;
    CvodeIntegrator& operator=(const CvodeIntegrator&) = delete;

    void reset(double t0, const double* y, double t_stop, bool continues_step) override {
        accumulate();
        std::memcpy(N_VGetArrayPointer(y_), y, size_ * sizeof(double));
        check(CVodeReInit(memory_, t0, y_), "CVodeReInit");
        check(CVodeSetStopTime(memory_, t_stop), "CVodeSetStopTime");
        t_ = t0;
        budget_.start(continues_step);
    }

    void advance(double t, double* y) override {
        if (t > t_) {
            const long left = budget_.left(t_);  // step_budget.hpp
            check(CVodeSetMaxNumSteps(memory_, left), "CVodeSetMaxNumSteps");
            long before = 0, after = 0;
            CVodeGetNumSteps(memory_, &before);
            double reached = t_;
            const int flag = CVode(memory_, t, y_, &reached, CV_NORMAL);
            CVodeGetNumSteps(memory_, &after);
            budget_.spend(after - before);
            // The right-hand side refuses while a stop is pending; depending on where it was
            // called CVODE reports that as an rhs or a convergence failure.
            if (flag < 0 && interrupt_requested()) throw Interrupted(interrupt_requested());
            if (flag == CV_ROOT_RETURN) throw NumericalError(watch_.message(reached));
            if (flag == CV_TOO_MUCH_WORK) budget_.exhausted(reached);
            if (flag < 0) {
                // CVodeGetReturnFlagName returns a malloc'ed string.
                char* name = CVodeGetReturnFlagName(flag);
                const std::string flag_name = name != nullptr ? name : "unknown flag";
                std::free(name);
                throw NumericalError(messages::cvode_failed(reached, flag_name, message_));
            }
            t_ = reached;
        }
        std::memcpy(y, N_VGetArrayPointer(y_), size_ * sizeof(double));
    }

    void set_watch(Watch watch) override {
        watch_ = std::move(watch);
        check(CVodeRootInit(memory_, 1, &CvodeIntegrator::root_callback), "CVodeRootInit");
        // Only upward crossings of the value (downward of limit − value) stop the run.
        int direction = -1;
        check(CVodeSetRootDirection(memory_, &direction), "CVodeSetRootDirection");
        check(CVodeSetNoInactiveRootWarn(memory_), "CVodeSetNoInactiveRootWarn");
    }

    [[nodiscard]] IntegratorStatistics statistics() const override {
        IntegratorStatistics s = total_;
        add_current(s);
        return s;
    }

private:
    static int rhs_callback(sunrealtype t, N_Vector y, N_Vector ydot, void* self) {
        if (interrupt_requested()) return -1;  // unrecoverable: CVode returns, advance throws Interrupted
        auto* me = static_cast<CvodeIntegrator*>(self);
        me->rhs_(t, N_VGetArrayPointer(y), N_VGetArrayPointer(ydot));
        return 0;
    }
    static int jacobian_callback(sunrealtype t, N_Vector y, N_Vector, SUNMatrix jac, void* self, N_Vector, N_Vector,
                                 N_Vector) {
        auto* me = static_cast<CvodeIntegrator*>(self);
        double* data = SUNDenseMatrix_Data(jac);  // column-major, size × size
        std::fill(data, data + me->size_ * me->size_, 0.0);
        me->jacobian_(t, N_VGetArrayPointer(y), data);
        return 0;
    }
    static int root_callback(sunrealtype t, N_Vector y, sunrealtype* g, void* self) {
        auto* me = static_cast<CvodeIntegrator*>(self);
        g[0] = me->watch_.limit - me->watch_.value(t, N_VGetArrayPointer(y));
        return 0;
    }
    static int jtimes_callback(N_Vector v, N_Vector jv, sunrealtype t, N_Vector, N_Vector, void* self, N_Vector) {
        auto* me = static_cast<CvodeIntegrator*>(self);
        me->rhs_(t, N_VGetArrayPointer(v), N_VGetArrayPointer(jv));
        return 0;
    }
    static int psolve_callback(sunrealtype, N_Vector, N_Vector, N_Vector r, N_Vector z, sunrealtype gamma,
                               sunrealtype, int, void* self) {
        auto* me = static_cast<CvodeIntegrator*>(self);
        me->preconditioner_(gamma, N_VGetArrayPointer(r), N_VGetArrayPointer(z));
        return 0;
    }
    static int weight_callback(N_Vector y, N_Vector w, void* self) {
        const auto* me = static_cast<CvodeIntegrator*>(self);
        return error_weights(y, me->rtol_, me->atol_, w);
    }
    static void error_callback(int, const char*, const char*, char* msg, void* self) {
        static_cast<CvodeIntegrator*>(self)->message_ = msg;
    }
    static void check(int flag, const char* what) {
        if (flag >= 0) return;
        char* name = CVodeGetReturnFlagName(flag);  // malloc'ed
        const std::string text = messages::cvode_setup_failed(what, name != nullptr ? name : "unknown flag");
        std::free(name);
        throw std::runtime_error(text);
    }
    void add_current(IntegratorStatistics& s) const {
        long steps = 0, rhs = 0, fails = 0, jtimes = 0;
        CVodeGetNumSteps(memory_, &steps);
        CVodeGetNumRhsEvals(memory_, &rhs);
        CVodeGetNumErrTestFails(memory_, &fails);
        if (dense_)  // the difference-quotient Jacobian's evaluations
            CVodeGetNumLinRhsEvals(memory_, &jtimes);
        else if (linear_solver_ != nullptr)
            CVodeGetNumJtimesEvals(memory_, &jtimes);
        s.steps += steps;
        s.rhs_evaluations += rhs + jtimes;
        s.failed_steps += fails;
    }
    void accumulate() { add_current(total_); }

    std::size_t size_;
    RhsFunction rhs_;
    bool linear_;
    PreconditionerFunction preconditioner_;
    JacobianFunction jacobian_;  // dense only; empty: CVODE's difference quotients
    SUNContext context_ = nullptr;
    N_Vector y_ = nullptr;
    void* memory_ = nullptr;
    SUNNonlinearSolver nonlinear_ = nullptr;
    SUNLinearSolver linear_solver_ = nullptr;
    SUNMatrix matrix_ = nullptr;  // dense: the Jacobian's LU
    bool dense_ = false;
    double t_ = 0.0;
    double rtol_ = 0.0, atol_ = 0.0;
    StepBudget budget_{0};
    IntegratorStatistics total_;
    std::string message_;
    Watch watch_;
};

}  // namespace

std::size_t OdeIntegrator::vectors_needed(const std::string& name) {
    // CVODE: Nordsieck history (q_max + 1) plus ~8 work vectors; BDF adds the
    // Newton and GMRES (5 Krylov vectors) work space. ERKStep: 8 stages + ~8 work vectors
    // (its y_n, f_n, temporaries and the Hermite interpolant's history).
    if (name == "erk") return 8 + 8;
    return name == "bdf" ? 6 + 8 + 9 : 13 + 8 + 2;
}

std::unique_ptr<OdeIntegrator> make_integrator(std::size_t size, RhsFunction rhs, const SolverOptions& options,
                                               bool linear) {
    if (options.integrator == "erk") return make_erk_integrator(size, std::move(rhs), options);
    return std::make_unique<CvodeIntegrator>(size, std::move(rhs), options, linear);
}

std::unique_ptr<OdeIntegrator> make_integrator(std::size_t size, RhsFunction rhs, const SolverOptions& options,
                                               bool linear, PreconditionerFunction preconditioner) {
    if (options.integrator == "erk") return make_erk_integrator(size, std::move(rhs), options);
    return std::make_unique<CvodeIntegrator>(size, std::move(rhs), options, linear, std::move(preconditioner));
}

std::unique_ptr<OdeIntegrator> make_dense_integrator(std::size_t size, RhsFunction rhs, const SolverOptions& options) {
    return std::make_unique<CvodeIntegrator>(size, std::move(rhs), options, false, PreconditionerFunction{}, true);
}

std::unique_ptr<OdeIntegrator> make_dense_integrator(std::size_t size, RhsFunction rhs, const SolverOptions& options,
                                                     JacobianFunction jacobian) {
    return std::make_unique<CvodeIntegrator>(size, std::move(rhs), options, false, PreconditionerFunction{}, true,
                                             std::move(jacobian));
}

}  // namespace openspins
