#include "openspins/method/memory_budget.hpp"

#include <fstream>
#include <sstream>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"

namespace openspins {

namespace {
std::string format_gib(std::size_t bytes) {
    std::ostringstream s;
    s.precision(3);
    s << static_cast<double>(bytes) / static_cast<double>(std::size_t{1} << 30) << " GiB";
    return s.str();
}
}  // namespace

std::size_t available_memory_bytes() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key, unit;
    std::size_t kib = 0;
    while (meminfo >> key >> kib >> unit)
        if (key == "MemAvailable:") return kib * 1024;
    return std::size_t{8} << 30;
}

void check_memory_budget(int spins, std::size_t needed, std::size_t configured_limit, const std::string& storage) {
    const std::size_t limit = configured_limit ? configured_limit : available_memory_bytes();
    if (needed > limit)
        throw ResourceError(messages::memory_estimate(spins, format_gib(needed), storage, format_gib(limit)));
}

}  // namespace openspins
