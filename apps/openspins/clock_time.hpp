// Elapsed and remaining times as a person reads them on a progress line.
#pragma once

#include <string>

namespace openspins::cli {

// m:ss, or h:mm:ss past an hour; negative times print as 0:00.
std::string clock_time(double seconds);

}  // namespace openspins::cli
