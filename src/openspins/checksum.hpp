// FNV-1a, 64 bit: the checksum of checkpoint files and the hashes of a run's
// fingerprint. Detects accidental change (a flipped byte, a truncated file, an edited
// run file); it is not a cryptographic hash.
#pragma once

#include <cstdint>
#include <string_view>

namespace openspins {

inline std::uint64_t fnv1a_64(std::string_view bytes) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const unsigned char c : bytes) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

}  // namespace openspins
