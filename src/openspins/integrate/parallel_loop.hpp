// for_each_index(length, count, body): body(k) for k = 0 … count − 1, spread over the process's helper threads
// (BlockingWorkers::shared(), omp_get_max_threads() of them) when the vector it works on has at least
// parallel_length reals, otherwise a plain loop — waking helpers costs more than a short loop (measured on the
// cumulant method's 19-real state). Each k is done by one thread, whatever the count of threads, so a body that
// writes only its own block gives the same bits on any number of threads.
//
// Helpers that sleep between loops rather than an OpenMP region: libgomp's threads spin-wait after a region, and
// the Chebyshev propagator's recurrence alternates with the HEOM right-hand side hundreds of times a second — at
// load 5–6 on the 2-core machine, N = 3 depth 8 took 15.8–17.4 s wall / 7.3–7.9 s CPU with this loop on OpenMP
// (default wait policy) and the right-hand side on the helpers, 3.8–6.4 s / 2.4–2.5 s with OMP_WAIT_POLICY=passive
// (docs/methods/heom.md, Performance).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "openspins/integrate/blocking_workers.hpp"

namespace openspins {

inline constexpr std::int64_t parallel_length = std::int64_t{1} << 15;

template <class Index, class Body>
void for_each_index(Index length, Index count, Body body) {
    if (static_cast<std::int64_t>(length) < parallel_length) {
        for (Index k = 0; k < count; ++k) body(k);
        return;
    }
    BlockingWorkers& workers = BlockingWorkers::shared();
    // ~16 chunks per thread: a descheduled thread holds up one chunk, and claiming one is noise.
    const auto n = static_cast<std::ptrdiff_t>(count);
    const std::ptrdiff_t chunk = std::max<std::ptrdiff_t>(1, n / (16 * workers.threads()));
    workers.run(n, chunk, [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
        for (std::ptrdiff_t k = begin; k < end; ++k) body(static_cast<Index>(k));
    });
}

// The largest of block_max(begin, end) over the blocks [b·block, min(length, (b + 1)·block)) of [0, length), the
// blocks spread as by for_each_index (a maximum is the same in any order: the same bits on any number of threads).
// `maxima`: scratch of one entry per block, kept by a caller that asks often.
template <class BlockMax>
double max_over_blocks(std::size_t length, std::size_t block, std::vector<double>& maxima, BlockMax block_max) {
    const std::size_t blocks = (length + block - 1) / block;
    maxima.resize(blocks);
    for_each_index(length, blocks,
                   [&](std::size_t b) { maxima[b] = block_max(b * block, std::min(length, (b + 1) * block)); });
    double largest = 0.0;
    for (const double m : maxima) largest = std::max(largest, m);
    return largest;
}

}  // namespace openspins
