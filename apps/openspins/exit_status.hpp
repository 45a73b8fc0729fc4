// How the CLI ends: exit statuses and the one place exceptions become messages.
//   0  success
//   1  anything unexpected (I/O failure, internal error)
//   2  the input is wrong or does not fit: ModelError, ConfigError, ResourceError,
//      an existing results directory without --force, command-line usage errors
//   3  the computation failed: NumericalError (integrator failure, trace drift)
//   128 + s  stopped by signal s (130 Ctrl-C, 143 SIGTERM): the checkpoint is kept
#pragma once

namespace openspins::cli {

enum ExitStatus : int { success = 0, failure = 1, input_error = 2, numerical_error = 3 };

// Prints "openspins: error: <what>" for the exception being handled and returns its
// status. Call only inside a catch block.
int report_current_exception();

// Prints "openspins: warning: <what>".
void warn(const char* what);

}  // namespace openspins::cli
