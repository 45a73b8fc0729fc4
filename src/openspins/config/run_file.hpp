// A run file as read: the run itself (RunSpec), the output settings, and the
// document echoed back as JSON for the results' metadata.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "openspins/config/output_options.hpp"
#include "openspins/config/run_overrides.hpp"
#include "openspins/model/run_spec.hpp"

namespace openspins {

struct RunFile {
    RunSpec spec;
    OutputOptions output;
    std::string title;
    std::string path;       // the file name as given (errors and metadata name it so)
    nlohmann::json config;  // the TOML document as JSON, key for key, overrides applied
    RunOverrides overrides;  // --set path=value, in the order given
    // The run file's bytes followed by the overrides (effective_run_text): what the
    // run computes, as text, for the checkpoint fingerprint.
    std::string effective_text;
};

}  // namespace openspins
