// Command-line overrides of run-file keys: `openspins run model.toml --set channel[0].rate=2`.
//
// An override is `path=value`. The path is spelled as error messages spell keys:
// dotted keys, `[k]` for the k-th element of an array or array of tables (0-based),
// quoted keys where a key is not bare: `method.rtol`, `channel[0].rate`,
// `output.custom."my.obs"`. The value is a TOML value (`2`, `1e-10`, `true`,
// `[0, 1]`, `"text"`); text that is not one, such as `dicke`, is taken as a string
// unless it starts like a structured value ([, {, " or ').
//
// Overrides are applied to the parsed document before it is read, so an override
// goes through exactly the validation a key of the file goes through. A missing key
// (and missing tables on the way) is created; an index must name an existing element.
// Errors about an overridden key are reported as `--set channel[0].rate: what`.
// (The reader applies them with config_detail::apply_overrides, toml_access.hpp.)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace openspins {

struct RunOverride {
    std::string path;   // canonical spelling (as in error messages)
    std::string value;  // the value's text as given
};
using RunOverrides = std::vector<RunOverride>;

// One step of a key path: a key of a table or an index into an array.
struct KeyPathStep {
    bool is_index = false;
    std::string key;
    std::size_t index = 0;
};

// `a.b[2]."c d"` → steps; throws ModelError (bad_override, naming `argument`) on a malformed path.
[[nodiscard]] std::vector<KeyPathStep> parse_key_path(std::string_view path, std::string_view argument);

// Splits `path=value` (at the first '=' outside quotes) and checks the path's syntax.
// Throws ModelError naming the argument when it is malformed.
[[nodiscard]] RunOverride parse_run_override(std::string_view argument);
[[nodiscard]] RunOverrides parse_run_overrides(const std::vector<std::string>& arguments);

// `path=value`, as recorded in the metadata and the effective run text.
[[nodiscard]] std::string override_text(const RunOverride& o);

// The run as it is computed, as text: the run file's bytes unchanged when there are
// no overrides, followed by one comment line `# --set path=value` per override
// otherwise (RunFile::effective_text). For the checkpoint fingerprint: a run with
// other overrides must never resume another's checkpoint.
[[nodiscard]] std::string effective_run_text(std::string_view file_text, const RunOverrides& overrides);

}  // namespace openspins
