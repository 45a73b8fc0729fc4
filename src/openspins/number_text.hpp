// A double as text with a printf format ("%.6g", "%.10e", ...): messages, notes and
// tables state their precision where they call this.
#pragma once

#include <cstdio>
#include <string>

namespace openspins {

inline std::string number_text(const char* format, double x) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, format, x);
    return buffer;
}

}  // namespace openspins
