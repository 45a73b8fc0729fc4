#include "sweep_progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>

#include "clock_time.hpp"

namespace openspins::cli {

SweepProgress::SweepProgress(bool enabled, std::size_t already_done, std::size_t total)
    : enabled_(enabled),
      terminal_(::isatty(STDERR_FILENO) == 1),
      resumed_(already_done),
      done_(already_done),
      total_(total),
      start_(Clock::now()),
      last_draw_(start_) {}

SweepProgress::~SweepProgress() { clear(); }

std::string SweepProgress::elapsed_text() const {
    return clock_time(std::chrono::duration<double>(Clock::now() - start_).count());
}

void SweepProgress::point_done(bool failed) {
    ++done_;
    failed_ += failed;
    draw(false);
}

void SweepProgress::draw(bool force) {
    if (!enabled_ || finished_) return;
    const auto now = Clock::now();
    const auto interval = terminal_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(10000);
    if (!force && now - last_draw_ < interval) return;
    last_draw_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const std::size_t computed = done_ - resumed_;
    const std::string eta =
        computed > 0 ? clock_time(elapsed / static_cast<double>(computed) * static_cast<double>(total_ - done_)) : "?";
    char failures[48] = "";
    if (failed_) std::snprintf(failures, sizeof failures, " (%zu failed)", failed_);
    std::fprintf(stderr, "%ssweep: %zu/%zu points%s  elapsed %s  ETA %s%s", terminal_ ? "\r" : "", done_, total_,
                 failures, clock_time(elapsed).c_str(), eta.c_str(), terminal_ ? "\033[K" : "\n");
    std::fflush(stderr);
    drawn_ = terminal_;
}

void SweepProgress::clear() {
    if (!drawn_) return;
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
}

void SweepProgress::finish() {
    draw(true);
    if (drawn_) std::fprintf(stderr, "\n");
    drawn_ = false;
    finished_ = true;
}

}  // namespace openspins::cli
