#pragma once
// The per-protocol-step limit on integrator steps, shared by CVODE and ARKODE.
// `max_steps` bounds the steps of one protocol step; SUNDIALS' own limit counts per solve call
// (per output interval), so each call is given what the protocol step has left. A restart inside
// the step (`continues_step`) keeps the count.
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"

namespace openspins {

class StepBudget {
public:
    explicit StepBudget(long max_steps) : max_steps_(max_steps) {}

    void start(bool continues_step) {
        if (!continues_step) used_ = 0;
    }
    // The steps the next solve call may take; throws when none are left at time t.
    [[nodiscard]] long left(double t) const {
        const long left = max_steps_ - used_;
        if (left <= 0) exhausted(t);
        return left;
    }
    void spend(long steps) { used_ += steps; }
    [[noreturn]] void exhausted(double t) const {
        throw NumericalError(messages::too_many_steps_in_step(max_steps_, t));
    }

private:
    long max_steps_;
    long used_ = 0;  // steps since the protocol step began
};

}  // namespace openspins
