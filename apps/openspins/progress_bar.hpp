// A one-line progress bar on stderr for long runs: percent, elapsed time, ETA.
//
// It stays silent unless enabled (stderr is a terminal and --quiet is off) and the
// run has lasted more than a second, so short runs and redirected output are
// never cluttered. update() is called from the integrating thread via
// RunControl::progress; redraws are throttled to ten a second.
#pragma once

#include <chrono>

namespace openspins::cli {

class ProgressBar {
public:
    explicit ProgressBar(bool enabled);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    // fraction of simulated time done, in [0, 1]
    void update(double fraction);
    // Erases the bar (if drawn) so later messages start on a clean line.
    void finish();

    // True when stderr is a terminal.
    static bool stderr_is_terminal();

private:
    using Clock = std::chrono::steady_clock;
    bool enabled_;
    bool drawn_ = false;
    Clock::time_point start_;
    Clock::time_point last_draw_;
};

}  // namespace openspins::cli
