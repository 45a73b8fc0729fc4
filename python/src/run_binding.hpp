// openspins._core's computing entry points. Each takes a run file's text, the name it is
// reported under (a path: relative paths inside it resolve against its directory) and
// `--set`-style overrides, and goes through the library's public chain exactly as the CLI
// does: load_run_toml → make_validated_method → Method::run / compute_rates. So every method
// in the registry, every key of the run file and every message of the message table reach
// Python unchanged. The GIL is released while the library computes.
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

namespace openspins::python {

// The run: {"method", "columns", "time", "step", "values" (rows × columns), "steady_state",
// "final_state", "steady_state_density" (None or {"spins", "two_j", "blocks"}), "statistics",
// "notes", "metadata" (metadata.json's text)}. `progress(fraction)` (or None) is called with the
// GIL held, at most ten times a second. SIGINT stops the run: KeyboardInterrupt.
pybind11::dict run(const std::string& text, const std::string& source_name, const std::vector<std::string>& overrides,
                   const pybind11::object& progress, const std::string& command_line);

// What `openspins check` reports: method, memory estimate (bytes), storage, integrator.
pybind11::dict check(const std::string& text, const std::string& source_name,
                     const std::vector<std::string>& overrides);

// What `openspins rates` computes: {"modes": {...columns...}, "blocks": [...], "single_spin": [...],
// "resonance": [...], "notes", "total_dimension", "complete"}.
pybind11::dict rates(const std::string& text, const std::string& source_name, const std::vector<std::string>& overrides,
                     int modes, std::size_t dense_limit, int max_order, const std::string& solver, double tau);

}  // namespace openspins::python
