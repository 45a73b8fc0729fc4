// [method] memory_limit_gib: 0 bytes means "no limit" inside SolverOptions, so a limit that
// rounds to 0 bytes is refused instead of silently lifting the limit; a limit beyond size_t
// saturates instead of overflowing the conversion.
#include <gtest/gtest.h>

#include <limits>

#include "config/test_support.hpp"

namespace openspins {
namespace {

using testing::base;
using testing::fails_at;

TEST(MemoryLimit, BelowOneByteIsRefused) {
    EXPECT_TRUE(fails_at(base("[method]\nmemory_limit_gib = 1e-10\n"), 9, "method.memory_limit_gib",
                         "1e-10 GiB is less than one byte (0 would mean no limit)"));
    EXPECT_TRUE(fails_at(base("[method]\nmemory_limit_gib = 5e-324\n"), 9, "method.memory_limit_gib", "less than one byte"));
}

TEST(MemoryLimit, OneByteAndAboveAreKept) {
    EXPECT_EQ(read_run_toml(base("[method]\nmemory_limit_gib = 1e-9\n"), "run.toml").solver.memory_limit_bytes, 1U);
    EXPECT_EQ(read_run_toml(base("[method]\nmemory_limit_gib = 2\n"), "run.toml").solver.memory_limit_bytes,
              std::size_t{2} << 30);
    EXPECT_EQ(read_run_toml(base("[method]\nmemory_limit_gib = 1e300\n"), "run.toml").solver.memory_limit_bytes,
              std::numeric_limits<std::size_t>::max());
}

}  // namespace
}  // namespace openspins
