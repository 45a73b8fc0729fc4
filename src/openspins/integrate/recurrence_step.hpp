// One term of a three-term recurrence taken in the same pass over the state as the application of the
// generator L that it needs (the Chebyshev propagator's T_{k+1} = 2X T_k − T_{k−1} and U_{k+1} = 2Y U_k + U_{k−1},
// chebyshev_propagator.hpp):
//
//   previous ← 2·(s·L(current) + q·current) + sign·previous,   sum ← sum + beta·previous,
//
// returning max_i |previous_i| (NaN entries ignored, as std::max ignores them). A generator that can finish its
// output this way saves the propagator a second pass over four state-sized vectors. Each operation is rounded
// on its own, in this order (no fused multiply-add), so that the result is the propagator's own loop to the bit.
#pragma once

#include <functional>

namespace openspins {

struct RecurrenceStep {
    double s = 0.0, q = 0.0, sign = 0.0, beta = 0.0;
    const double* current = nullptr;
    double* previous = nullptr;
    double* sum = nullptr;
    double* scratch = nullptr;  // a state-sized vector the generator may use (the propagator's L-output vector)
};

using FusedRecurrence = std::function<double(const RecurrenceStep&)>;

}  // namespace openspins
