// Reads a run file (docs/config.md is the format) into a validated RunSpec.
//
// Validation happens here, once, at the boundary: any unknown key, wrong type,
// missing required key or out-of-range value throws ConfigError(file, line, key
// path, what) before anything is computed, e.g.
//   model.toml:12: channel[1].rate: must be ≥ 0
// A TOML syntax error is reported the same way with the key path "(syntax)".
#pragma once

#include <string>
#include <string_view>

#include "openspins/config/run_file.hpp"
#include "openspins/model/run_spec.hpp"

namespace openspins {

// The whole run file: spec, output settings, title and the JSON echo of the document.
// Relative paths inside the file (the initial-state file) are resolved against the
// directory of `path`; the default results directory is results/<file stem>.
// `overrides` (--set, run_overrides.hpp) replace or add keys before anything is read,
// so they are validated like the file; errors about them name the override.
[[nodiscard]] RunFile load_run_file(const std::string& path, const RunOverrides& overrides = {});
// Same, from text; `source_name` stands in for the path in messages and for
// resolving relative paths.
[[nodiscard]] RunFile load_run_toml(std::string_view text, const std::string& source_name,
                                    const RunOverrides& overrides = {});

// Only the run description, for callers that write no results directory.
[[nodiscard]] RunSpec read_run_file(const std::string& path);
[[nodiscard]] RunSpec read_run_toml(std::string_view text, const std::string& source_name);

}  // namespace openspins
