#include "openspins/integrate/erk_integrator.hpp"

#include <arkode/arkode_erkstep.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/step_budget.hpp"
#include "openspins/integrate/sundials_vector.hpp"
#include "openspins/interrupt.hpp"

namespace openspins {

namespace {

class ErkIntegrator final : public OdeIntegrator {
public:
    ErkIntegrator(std::size_t size, RhsFunction rhs, const SolverOptions& options) : size_(size), rhs_(std::move(rhs)) {
        if (SUNContext_Create(nullptr, &context_) != 0) throw std::runtime_error(messages::sundials_context());
        y_ = make_state_vector(size, context_);
        if (y_ == nullptr) {
            SUNContext_Free(&context_);
            throw std::bad_alloc();
        }
        memory_ = ERKStepCreate(&ErkIntegrator::rhs_callback, 0.0, y_, context_);
        if (memory_ == nullptr) {
            N_VDestroy(y_);
            SUNContext_Free(&context_);
            throw std::bad_alloc();
        }
        check(ERKStepSetUserData(memory_, this), "ERKStepSetUserData");
        check(ERKStepSetErrHandlerFn(memory_, &ErkIntegrator::error_callback, this), "ERKStepSetErrHandlerFn");
        check(ERKStepSetTableNum(memory_, ARKODE_VERNER_8_5_6), "ERKStepSetTableNum");
        check(ERKStepSStolerances(memory_, options.rtol, options.atol), "ERKStepSStolerances");
        check(ERKStepSetMaxNumSteps(memory_, options.max_steps), "ERKStepSetMaxNumSteps");
        budget_ = StepBudget(options.max_steps);
        if (options.max_step_size > 0.0) check(ERKStepSetMaxStep(memory_, options.max_step_size), "ERKStepSetMaxStep");
    }

    ~ErkIntegrator() override {
        ERKStepFree(&memory_);
        N_VDestroy(y_);
        SUNContext_Free(&context_);
    }

    ErkIntegrator(const ErkIntegrator&) = delete;
    ErkIntegrator& operator=(const ErkIntegrator&) = delete;

    void reset(double t0, const double* y, double t_stop, bool continues_step) override {
        accumulate();
        std::memcpy(N_VGetArrayPointer(y_), y, size_ * sizeof(double));
        // ReInit (not Reset): also forgets the step size, so a restart is the same whether or
        // not the run was resumed from a checkpoint there.
        check(ERKStepReInit(memory_, &ErkIntegrator::rhs_callback, t0, y_), "ERKStepReInit");
        check(ERKStepSetStopTime(memory_, t_stop), "ERKStepSetStopTime");
        t_ = t0;
        budget_.start(continues_step);
    }

    void advance(double t, double* y) override {
        if (t > t_) {
            const long left = budget_.left(t_);  // step_budget.hpp
            check(ERKStepSetMaxNumSteps(memory_, left), "ERKStepSetMaxNumSteps");
            long before = 0, after = 0;
            ERKStepGetNumSteps(memory_, &before);
            double reached = t_;
            const int flag = ERKStepEvolve(memory_, t, y_, &reached, ARK_NORMAL);
            ERKStepGetNumSteps(memory_, &after);
            budget_.spend(after - before);
            if (flag < 0 && interrupt_requested()) throw Interrupted(interrupt_requested());
            if (flag == ARK_ROOT_RETURN) throw NumericalError(watch_.message(reached));
            if (flag == ARK_TOO_MUCH_WORK) budget_.exhausted(reached);
            if (flag < 0) {
                char* name = ERKStepGetReturnFlagName(flag);  // malloc'ed
                const std::string flag_name = name != nullptr ? name : "unknown flag";
                std::free(name);
                throw NumericalError(messages::cvode_failed(reached, flag_name, message_));
            }
            t_ = reached;
        }
        std::memcpy(y, N_VGetArrayPointer(y_), size_ * sizeof(double));
    }

    void set_watch(Watch watch) override {  // as CVODE's (ode_integrator.hpp): ARKODE's root finding
        watch_ = std::move(watch);
        check(ERKStepRootInit(memory_, 1, &ErkIntegrator::root_callback), "ERKStepRootInit");
        int direction = -1;  // only upward crossings of the value stop the run
        check(ERKStepSetRootDirection(memory_, &direction), "ERKStepSetRootDirection");
        check(ERKStepSetNoInactiveRootWarn(memory_), "ERKStepSetNoInactiveRootWarn");
    }

    [[nodiscard]] IntegratorStatistics statistics() const override {
        IntegratorStatistics s = total_;
        add_current(s);
        return s;
    }

private:
    static int rhs_callback(sunrealtype t, N_Vector y, N_Vector ydot, void* self) {
        if (interrupt_requested()) return -1;  // unrecoverable: ERKStepEvolve returns, advance throws
        auto* me = static_cast<ErkIntegrator*>(self);
        me->rhs_(t, N_VGetArrayPointer(y), N_VGetArrayPointer(ydot));
        return 0;
    }
    static int root_callback(sunrealtype t, N_Vector y, sunrealtype* g, void* self) {
        auto* me = static_cast<ErkIntegrator*>(self);
        g[0] = me->watch_.limit - me->watch_.value(t, N_VGetArrayPointer(y));
        return 0;
    }
    static void error_callback(int, const char*, const char*, char* msg, void* self) {
        static_cast<ErkIntegrator*>(self)->message_ = msg;
    }
    static void check(int flag, const char* what) {
        if (flag >= 0) return;
        char* name = ERKStepGetReturnFlagName(flag);  // malloc'ed
        const std::string text = messages::cvode_setup_failed(what, name != nullptr ? name : "unknown flag");
        std::free(name);
        throw std::runtime_error(text);
    }
    void add_current(IntegratorStatistics& s) const {
        long steps = 0, rhs = 0, fails = 0;
        ERKStepGetNumSteps(memory_, &steps);
        ERKStepGetNumRhsEvals(memory_, &rhs);
        ERKStepGetNumErrTestFails(memory_, &fails);
        s.steps += steps;
        s.rhs_evaluations += rhs;
        s.failed_steps += fails;
    }
    void accumulate() { add_current(total_); }

    std::size_t size_;
    RhsFunction rhs_;
    SUNContext context_ = nullptr;
    N_Vector y_ = nullptr;
    void* memory_ = nullptr;
    double t_ = 0.0;
    Watch watch_;
    StepBudget budget_{0};
    IntegratorStatistics total_;
    std::string message_;
};

}  // namespace

std::unique_ptr<OdeIntegrator> make_erk_integrator(std::size_t size, RhsFunction rhs, const SolverOptions& options) {
    return std::make_unique<ErkIntegrator>(size, std::move(rhs), options);
}

}  // namespace openspins
