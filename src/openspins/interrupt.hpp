// A request to stop a run early (Ctrl-C, SIGTERM), made from a signal handler or
// another thread and honoured by the library at safe points: the protocol walk at
// every output time, CVODE inside a right-hand side (the call then fails and the
// integrator throws Interrupted). Unwinding then removes staging directories; the
// CLI keeps the last checkpoint and says how to resume.
#pragma once

#include <stdexcept>
#include <string>

namespace openspins {

class Interrupted : public std::runtime_error {
public:
    explicit Interrupted(int signal);
    [[nodiscard]] int signal() const { return signal_; }

private:
    int signal_;
};

// Async-signal-safe (a lock-free atomic store).
void request_interrupt(int signal) noexcept;
// The signal of the pending request, 0 when none.
[[nodiscard]] int interrupt_requested() noexcept;
void clear_interrupt() noexcept;
// Throws Interrupted when a request is pending.
void throw_if_interrupted();

}  // namespace openspins
