// SIGINT, SIGTERM and SIGHUP during a command become a stop request
// (openspins/interrupt.hpp) instead of killing the process where it stands: the run
// unwinds at its next safe point, staging directories are removed, the checkpoint is
// kept, and the CLI says how to resume. A second signal kills at once (the handler
// resets itself), for a run that does not reach a safe point.
#pragma once

namespace openspins::cli {

class SignalGuard {
public:
    SignalGuard();
    ~SignalGuard();  // restores the previous dispositions
    SignalGuard(const SignalGuard&) = delete;
    SignalGuard& operator=(const SignalGuard&) = delete;
};

// The conventional exit status of a process stopped by `signal`: 128 + signal.
int interrupted_status(int signal);

}  // namespace openspins::cli
