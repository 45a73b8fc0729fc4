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
// The unit of t, named by a model parameter (docs/config.md, "Time unit"): times are in the inverse
// of the run file's frequency unit, and this says which parameter that makes 1 (or what it is):
//   {"symbol": "ω", "value": 1.0, "quantity": "spin frequency", "unit": "1/ω"}
//   {"symbol": "γ", "value": 0.005, "quantity": "rate of channel 'dephasing'", "unit": "1/γ = 200"}
//   {"symbol": "", "value": null, "quantity": "", "unit": "arbitrary units"}
// `symbol` non-empty ([time] unit): that parameter names the unit even when another one is 1
// too (seed 002's battery: ω = γ = 1, its times are in 1/γ); the one equal to 1, else the
// largest, among the model's parameters with that symbol.
[[nodiscard]] nlohmann::json time_unit(const Model& model, const std::string& symbol = "");
// Versions of the libraries compiled into openspins_core and of the compiler.
[[nodiscard]] nlohmann::json library_versions();
// "2026-11-21T07:01:59Z"
[[nodiscard]] std::string utc_timestamp(std::chrono::system_clock::time_point t);

}  // namespace openspins
