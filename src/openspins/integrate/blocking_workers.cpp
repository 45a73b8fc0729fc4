#include "openspins/integrate/blocking_workers.hpp"

#include <omp.h>

#include <memory>

#include <algorithm>

namespace openspins {

BlockingWorkers::BlockingWorkers(int threads) {
    for (int t = 1; t < threads; ++t) helpers_.emplace_back([this] { help(); });
}

BlockingWorkers::~BlockingWorkers() {
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    start_.notify_all();
    for (auto& h : helpers_) h.join();
}

void BlockingWorkers::run(std::ptrdiff_t n, std::ptrdiff_t chunk, const Body& body) {
    if (n <= 0) return;
    if (helpers_.empty() || running_.exchange(true, std::memory_order_acquire)) {
        for (std::ptrdiff_t begin = 0; begin < n; begin += std::max<std::ptrdiff_t>(chunk, 1))
            body(begin, std::min(begin + std::max<std::ptrdiff_t>(chunk, 1), n));
        return;
    }
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        body_ = &body;
        n_ = n;
        chunk_ = std::max<std::ptrdiff_t>(chunk, 1);
        next_.store(0, std::memory_order_relaxed);
        busy_ = static_cast<int>(helpers_.size());
        ++generation_;
    }
    start_.notify_all();
    work();
    std::unique_lock<std::mutex> lock(mutex_);
    finished_.wait(lock, [this] { return busy_ == 0; });
    body_ = nullptr;
    running_.store(false, std::memory_order_release);
}

BlockingWorkers& BlockingWorkers::shared() {
    static std::unique_ptr<BlockingWorkers> pool;
    const int threads = omp_get_max_threads();
    if (!pool || pool->threads() != threads) pool = std::make_unique<BlockingWorkers>(threads);
    return *pool;
}

void BlockingWorkers::work() {
    for (;;) {
        const std::ptrdiff_t begin = next_.fetch_add(chunk_, std::memory_order_relaxed);
        if (begin >= n_) return;
        (*body_)(begin, std::min(begin + chunk_, n_));
    }
}

void BlockingWorkers::help() {
    long seen = 0;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            start_.wait(lock, [&] { return stop_ || generation_ != seen; });
            if (stop_) return;
            seen = generation_;
        }
        work();  // body_, n_, chunk_ were published under the mutex and stay fixed until busy_ reaches 0
        bool last = false;
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            last = --busy_ == 0;
        }
        if (last) finished_.notify_one();
    }
}

}  // namespace openspins
