// Ctrl-C during a computation in openspins._core: while the library computes (GIL released),
// SIGINT goes to the library's stop request (openspins/interrupt.hpp: honoured at output
// times and inside CVODE's right-hand side) instead of Python's handler, which could only
// run once the computation returned. The previous handler is restored afterwards, and the
// caller turns the library's Interrupted into KeyboardInterrupt. Only the main thread
// receives Python's signals, so elsewhere the guard does nothing.
#pragma once

#include <csignal>

namespace openspins::python {

class InterruptGuard {
public:
    explicit InterruptGuard(bool main_thread);
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    bool active_;
    struct sigaction previous_ {};
};

}  // namespace openspins::python
