#include "interrupt_guard.hpp"

#include "openspins/interrupt.hpp"

namespace openspins::python {

namespace {
extern "C" void request_stop(int signal) { openspins::request_interrupt(signal); }
}  // namespace

InterruptGuard::InterruptGuard(bool main_thread) : active_(main_thread) {
    clear_interrupt();
    if (!active_) return;
    struct sigaction action {};
    action.sa_handler = request_stop;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a blocking call returns and the walk sees the request
    sigaction(SIGINT, &action, &previous_);
}

InterruptGuard::~InterruptGuard() {
    if (active_) sigaction(SIGINT, &previous_, nullptr);
    clear_interrupt();
}

}  // namespace openspins::python
