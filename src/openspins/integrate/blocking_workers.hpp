// A fixed set of helper threads that run a loop over [0, n) in chunks claimed one at a time, and
// that block (futex, not spin) whenever they have no work.
//
// Why not an OpenMP region: libgomp's threads spin at the end of a region and while they wait for
// the next one (its default wait policy), and the policy can only be set by the environment before
// the program starts. The HEOM right-hand side is one short region (~1–3 ms) per Chebyshev term
// with serial vector work of the integrator between them, on a machine that other processes share:
// measured on 2 cores at load 6–7 (docs/methods/heom.md, Status), N = 3 depth 8 took 21–26 s wall and
// 7–8.6 s CPU with two spinning OpenMP threads against 2.7 s CPU on one thread — the spinning threads
// took the process's own time slices. Here a waiting thread sleeps, and chunks are claimed as
// threads come free, so a thread that the kernel deschedules delays the loop by one chunk, not by
// its static half.
//
// Each index is processed by exactly one thread, in whatever order; a body that writes only its
// own outputs therefore gives the same bits for any thread count.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace openspins {

class BlockingWorkers {
public:
    // body(begin, end): process indices [begin, end).
    using Body = std::function<void(std::ptrdiff_t, std::ptrdiff_t)>;

    // `threads` in all, the calling thread included (helpers: threads − 1; ≤ 1: no helper).
    explicit BlockingWorkers(int threads);
    ~BlockingWorkers();
    BlockingWorkers(const BlockingWorkers&) = delete;
    BlockingWorkers& operator=(const BlockingWorkers&) = delete;

    [[nodiscard]] int threads() const { return static_cast<int>(helpers_.size()) + 1; }

    // The process's pool of omp_get_max_threads() threads (remade when that number changes, e.g. by
    // omp_set_num_threads or OMP_NUM_THREADS), for the loops that alternate with serial work many times a
    // second: the HEOM right-hand side and for_each_index (parallel_loop.hpp).
    static BlockingWorkers& shared();

    // Runs body over [0, n) in chunks of `chunk` indices on all threads; returns when every chunk is
    // done. The body must not throw. A call made while the pool runs another loop (from another thread, or from
    // inside a body) runs its loop on the calling thread alone.
    void run(std::ptrdiff_t n, std::ptrdiff_t chunk, const Body& body);

private:
    void help();
    void work();

    std::vector<std::thread> helpers_;
    std::mutex mutex_;
    std::condition_variable start_, finished_;
    long generation_ = 0;  // loops started; a helper runs each generation once
    int busy_ = 0;         // helpers still inside the current loop
    bool stop_ = false;
    const Body* body_ = nullptr;
    std::ptrdiff_t n_ = 0, chunk_ = 1;
    std::atomic<std::ptrdiff_t> next_{0};  // first index not yet claimed
    std::atomic<bool> running_{false};     // a loop is in progress
};

}  // namespace openspins
