// Wall-clock timing of runs and right-hand sides (the run statistics in metadata.json).
#pragma once

#include <chrono>

namespace openspins {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace openspins
