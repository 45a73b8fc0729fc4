// metadata.json: everything needed to know how a results directory was made —
// the run file echoed back, the method and its options, the model as resolved
// (drawn frequencies, term and channel names), the flattened protocol, the
// solver's statistics and notes, library versions, git revision and timing.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "openspins/model/run_spec.hpp"
#include "openspins/result/run_result.hpp"

namespace openspins {

// Facts about a run that the RunSpec and RunResult do not hold.
struct RunRecord {
    std::string title;
    std::string config_path;  // the run file as given on the command line
    nlohmann::json config;    // the run file as JSON
    nlohmann::json output;    // output settings (directory, plot, plot_columns)
    std::string command_line;
    std::chrono::system_clock::time_point started;
    double wall_seconds = 0.0;
    nlohmann::json extra_libraries = nlohmann::json::object();  // front-end libraries, e.g. CLI11
};

[[nodiscard]] nlohmann::json build_metadata(const RunSpec& spec, const RunResult& result, const RunRecord& record);
// Versions of the libraries compiled into openspins_core and of the compiler.
[[nodiscard]] nlohmann::json library_versions();
// "2026-11-21T07:01:59Z"
[[nodiscard]] std::string utc_timestamp(std::chrono::system_clock::time_point t);

}  // namespace openspins
