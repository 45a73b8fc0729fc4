// One sweep point: the base run file with the axis values set (as `--set` would set
// them), checked, run and packed into a PointResult.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "openspins/config/run_file.hpp"
#include "openspins/sweep/point_result.hpp"
#include "openspins/sweep/sweep_spec.hpp"

namespace openspins::sweep {

// The point's run file as read (throws ModelError / ConfigError about the base run file).
[[nodiscard]] RunFile load_point(const SweepSpec& spec, std::size_t point);

// Checks point `point` as `openspins check` checks a run file (reading and the method's
// validation, memory included). Returns the error, located and naming the point
// (sweep_at_point): an error at an axis's key points at the axis in the sweep file
// (sweep.toml:LINE: key: what), any other at its line of the base run file.
[[nodiscard]] std::optional<std::string> check_point(const SweepSpec& spec, std::size_t point);

// Runs point `point`. Any failure (invalid input, integrator failure, memory, any
// exception) becomes status failed with its message; only Interrupted propagates.
[[nodiscard]] PointResult run_point(const SweepSpec& spec, std::size_t point);

// The point's run file as TOML text: the base document with the axis values written in.
[[nodiscard]] std::string point_run_toml(const SweepSpec& spec, std::size_t point);

}  // namespace openspins::sweep
