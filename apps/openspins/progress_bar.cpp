#include "progress_bar.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "clock_time.hpp"

namespace openspins::cli {

namespace {

constexpr auto quiet_period = std::chrono::seconds(1);  // runs shorter than this show nothing
constexpr auto redraw_interval = std::chrono::milliseconds(100);
constexpr int bar_width = 30;

}  // namespace

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled), start_(Clock::now()), last_draw_(start_) {}

ProgressBar::~ProgressBar() { finish(); }

bool ProgressBar::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void ProgressBar::update(double fraction) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (now - start_ < quiet_period || (drawn_ && now - last_draw_ < redraw_interval)) return;
    last_draw_ = now;
    fraction = std::clamp(fraction, 0.0, 1.0);
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const int filled = static_cast<int>(fraction * bar_width);
    const std::string bar = std::string(static_cast<std::size_t>(filled), '#') +
                            std::string(static_cast<std::size_t>(bar_width - filled), '.');
    const std::string eta = fraction > 0.0 ? clock_time(elapsed * (1.0 - fraction) / fraction) : "?";
    std::fprintf(stderr, "\r[%s] %5.1f%%  elapsed %s  ETA %s\033[K", bar.c_str(), 100.0 * fraction,
                 clock_time(elapsed).c_str(), eta.c_str());
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (!drawn_) return;
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
}

}  // namespace openspins::cli
