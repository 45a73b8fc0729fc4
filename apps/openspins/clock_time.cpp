#include "clock_time.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace openspins::cli {

std::string clock_time(double seconds) {
    const long s = std::lround(std::max(0.0, seconds));
    char buffer[32];
    if (s >= 3600)
        std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    else
        std::snprintf(buffer, sizeof buffer, "%ld:%02ld", s / 60, s % 60);
    return buffer;
}

}  // namespace openspins::cli
