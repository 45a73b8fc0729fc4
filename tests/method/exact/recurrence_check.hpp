// A kernel's apply_step() (recurrence_step.hpp) against its apply() followed by the Chebyshev propagator's loop,
// written here in the tests' translation units, compiled without fused multiply-adds as the propagator's is:
// previous, sum and the largest |term| must be the same to the bit.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "openspins/integrate/page_aligned_allocator.hpp"
#include "openspins/integrate/recurrence_step.hpp"

namespace openspins::testing {

// base: s, q, sign, beta and current (its previous and sum are set here, from copies of previous and sum).
template <class Apply, class ApplyStep>
void expect_step_is_apply_then_recurrence(Apply apply, ApplyStep apply_step, const RecurrenceStep& base,
                                          const StateVector& previous, const StateVector& sum,
                                          const std::string& what) {
    const std::size_t n = previous.size();
    StateVector applied(n), p(previous), q(sum), p_ref(previous), q_ref(sum);
    apply(base.current, applied.data());
    double largest_ref = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double next = 2.0 * (base.s * applied[i] + base.q * base.current[i]) + base.sign * p_ref[i];
        p_ref[i] = next;
        q_ref[i] += base.beta * next;
        largest_ref = std::max(largest_ref, std::abs(next));
    }
    RecurrenceStep st = base;
    st.previous = p.data();
    st.sum = q.data();
    const double largest = apply_step(st);
    EXPECT_EQ(std::memcmp(p.data(), p_ref.data(), n * sizeof(double)), 0) << what;
    EXPECT_EQ(std::memcmp(q.data(), q_ref.data(), n * sizeof(double)), 0) << what;
    EXPECT_EQ(largest, largest_ref) << what;
}

}  // namespace openspins::testing
