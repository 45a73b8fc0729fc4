// Refusing a run before allocating: a method's memory estimate against the limit
// (the run's memory_limit_gib, or the memory the machine has available now).
#pragma once

#include <cstddef>
#include <string>

namespace openspins {

// MemAvailable from /proc/meminfo (8 GiB when it cannot be read).
std::size_t available_memory_bytes();

// Throws ResourceError naming N, the estimate, the storage and the limit when
// `needed` exceeds `configured_limit` (0: the available memory).
void check_memory_budget(int spins, std::size_t needed, std::size_t configured_limit, const std::string& storage);

}  // namespace openspins
