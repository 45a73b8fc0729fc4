// for_each_index(length, count, body): body(k) for k = 0 … count − 1, spread over the OpenMP threads when the
// vector it works on has at least parallel_length reals, otherwise a plain loop — entering an OpenMP region costs
// more than a short loop even when an if clause keeps it on one thread (measured on the cumulant method's
// 19-real state). Static schedule: each k is done by one thread, whatever the count of threads, so a body that
// writes only its own block gives the same bits on any number of threads.
#pragma once

#include <cstdint>

namespace openspins {

inline constexpr std::int64_t parallel_length = std::int64_t{1} << 15;

template <class Index, class Body>
void for_each_index(Index length, Index count, Body body) {
    if (static_cast<std::int64_t>(length) < parallel_length) {
        for (Index k = 0; k < count; ++k) body(k);
        return;
    }
#pragma omp parallel for schedule(static)
    for (Index k = 0; k < count; ++k) body(k);
}

}  // namespace openspins
