// libFuzzer target: arbitrary bytes as a run file, through the same reader `openspins run`
// and `check` use (load_run_toml, the in-memory twin of load_run_file).
//
// An input the reader refuses is expected: ModelError and its subclasses (ConfigError,
// ExpressionError, ResourceError) are the library's way of saying "bad run file" and the
// CLI turns them into exit 2. Anything else escaping — another exception type, a crash, a
// sanitizer report, a hang or runaway memory — is a finding (docs/fuzzing.md).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        // The name stands in for the path: relative paths inside the input (initial.path)
        // resolve against the working directory.
        [[maybe_unused]] const auto run = openspins::load_run_toml(text, "fuzz.toml");
    } catch (const openspins::ModelError&) {
    }
    return 0;
}
