// Per-call timing for the kernel micro-benchmarks (exact_kernel_speed.cpp,
// cavity_kernel_speed.cpp): process CPU time next to wall time, because on the shared
// 2-core machine the load inflates wall time far more than CPU time; with
// OMP_NUM_THREADS=1 the CPU figures are per core.
#pragma once

#include <cstdio>
#include <ctime>

namespace openspins::bench {

inline double clock_seconds(clockid_t clock) {
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Calls f once to warm up (first touch of scratch memory), then `calls` times, and prints
// CPU and wall milliseconds per call under `name`.
template <class F>
void time_calls(const char* name, int calls, F&& f) {
    f();
    const double c0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID), w0 = clock_seconds(CLOCK_MONOTONIC);
    for (int k = 0; k < calls; ++k) f();
    const double cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
    const double wall = clock_seconds(CLOCK_MONOTONIC) - w0;
    std::printf("%-8s %9.3f ms CPU/call %9.3f ms wall/call\n", name, 1e3 * cpu / calls, 1e3 * wall / calls);
}

}  // namespace openspins::bench
