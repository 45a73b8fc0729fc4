// Operators compared as 2^n × 2^n matrices, element by element — the obvious
// reference for the monomial algebra and everything built on it.
#pragma once

#include <gtest/gtest.h>

#include "openspins/model/spin_operator.hpp"

namespace openspins::testing {

inline complex element(const SpinOperator& op, BasisState row, BasisState col) {
    for (const auto& [state, amp] : op.apply(col))
        if (state == row) return amp;
    return 0.0;
}

inline ::testing::AssertionResult same_matrix(const SpinOperator& a, const SpinOperator& b, int n,
                                              double tolerance = 1e-13) {
    for (BasisState r = 0; r < (BasisState{1} << n); ++r)
        for (BasisState c = 0; c < (BasisState{1} << n); ++c)
            if (std::abs(element(a, r, c) - element(b, r, c)) > tolerance)
                return ::testing::AssertionFailure()
                       << "differ at (" << r << "," << c << "): " << element(a, r, c) << " vs " << element(b, r, c);
    return ::testing::AssertionSuccess();
}

}  // namespace openspins::testing
