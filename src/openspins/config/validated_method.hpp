// The method a run file names, checked against its spec — with the method's refusals
// located in the file like every other input error.
//
// A method validates the whole spec (size, memory, symmetry) and knows nothing of
// files; here a refusal becomes a ConfigError at the key that decides it: the
// spin count for a size or memory refusal, the method name for the others.
#pragma once

#include <memory>

#include "openspins/config/run_file.hpp"
#include "openspins/method/method.hpp"

namespace openspins {

// Throws ConfigError (file:line: key: the method's message).
std::unique_ptr<Method> make_validated_method(const RunFile& run);

}  // namespace openspins
