#include "signal_guard.hpp"

#include <csignal>

#include "openspins/interrupt.hpp"

namespace openspins::cli {

namespace {

constexpr int handled[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction previous[sizeof handled / sizeof handled[0]];

extern "C" void on_signal(int signal) { request_interrupt(signal); }

}  // namespace

SignalGuard::SignalGuard() {
    struct sigaction action {};
    action.sa_handler = &on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART | SA_RESETHAND;  // the second signal takes the default action
    for (std::size_t k = 0; k < std::size(handled); ++k) sigaction(handled[k], &action, &previous[k]);
}

SignalGuard::~SignalGuard() {
    for (std::size_t k = 0; k < std::size(handled); ++k) sigaction(handled[k], &previous[k], nullptr);
}

int interrupted_status(int signal) { return 128 + signal; }

}  // namespace openspins::cli
