// BlockingWorkers (integrate/blocking_workers.hpp): every index of a loop is processed exactly once,
// whatever the thread count and chunk, loop after loop on the same helpers; and the helpers sleep
// between loops (a loop started long after the previous one still runs on them).
#include "openspins/integrate/blocking_workers.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <mutex>
#include <vector>

using openspins::BlockingWorkers;

TEST(BlockingWorkers, EveryIndexExactlyOnce) {
    for (const int threads : {1, 2, 3}) {
        BlockingWorkers workers(threads);
        EXPECT_EQ(workers.threads(), threads);
        for (const std::ptrdiff_t n : {0, 1, 7, 1000, 4099}) {
            for (const std::ptrdiff_t chunk : {1, 8, 5000}) {
                std::vector<std::atomic<int>> hits(static_cast<std::size_t>(n));
                workers.run(n, chunk, [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
                    ASSERT_LE(end - begin, chunk);
                    for (std::ptrdiff_t i = begin; i < end; ++i) hits[static_cast<std::size_t>(i)].fetch_add(1);
                });
                for (std::ptrdiff_t i = 0; i < n; ++i)
                    ASSERT_EQ(hits[static_cast<std::size_t>(i)].load(), 1) << threads << " " << n << " " << chunk << " " << i;
            }
        }
    }
}

// With two threads and chunks that each wait until the other thread has taken one, a loop can only
// finish if the helper takes part: both thread ids are seen, in every one of many loops.
TEST(BlockingWorkers, HelperTakesPartInEveryLoop) {
    BlockingWorkers workers(2);
    for (int loop = 0; loop < 200; ++loop) {
        std::mutex m;
        std::set<std::thread::id> seen;
        std::atomic<int> started{0};
        workers.run(2, 1, [&](std::ptrdiff_t, std::ptrdiff_t) {
            started.fetch_add(1);
            while (started.load() < 2) std::this_thread::yield();
            const std::lock_guard<std::mutex> lock(m);
            seen.insert(std::this_thread::get_id());
        });
        ASSERT_EQ(seen.size(), 2u) << loop;
    }
}
