// The progress line of a sweep on stderr: points done of the total, failures, elapsed
// time and an ETA from the points computed so far in this process (records found by
// --resume count as done but not toward the rate). On a terminal the line is redrawn in
// place (at most ten times a second); otherwise a line is printed at most every ten
// seconds, so logs of long cluster jobs show progress without flooding.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace openspins::cli {

class SweepProgress {
public:
    SweepProgress(bool enabled, std::size_t already_done, std::size_t total);
    ~SweepProgress();
    SweepProgress(const SweepProgress&) = delete;
    SweepProgress& operator=(const SweepProgress&) = delete;

    void point_done(bool failed);
    // Erases a drawn line (before a warning is printed).
    void clear();
    // The final state on its own line (when enabled), then nothing more is drawn.
    void finish();
    [[nodiscard]] std::string elapsed_text() const;

private:
    using Clock = std::chrono::steady_clock;
    void draw(bool force);

    bool enabled_;
    bool terminal_;
    bool drawn_ = false;
    bool finished_ = false;
    std::size_t resumed_, done_, failed_ = 0, total_;
    Clock::time_point start_, last_draw_;
};

}  // namespace openspins::cli
