// Drawing plot.png with scripts/plot_results.py (matplotlib), run by /usr/bin/python3; what the
// figure shows (panels, time unit from metadata.json's time_unit, pulses, steady state) and
// overlays of several results directories: docs/plotting.md.
//
// The script is looked up next to the executable (../scripts, as in the build
// tree and ../share/openspins/scripts when installed) and then in the source
// tree this binary was built from. Plotting is a convenience: when the script,
// Python or matplotlib is missing, or the script fails, the caller warns and the
// results (series.csv) stand without the figure.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace openspins::cli {

// The script's path, or nullopt when none is found.
std::optional<std::filesystem::path> find_plot_script();

// Runs the script on a results directory (which holds series.csv and metadata.json).
// Returns an empty string on success, otherwise why it failed (for a warning).
std::string run_plot_script(const std::filesystem::path& script, const std::filesystem::path& results_directory);

}  // namespace openspins::cli
