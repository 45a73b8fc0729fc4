// The CSV summary beside a sweep's HDF5 file: one row per point — its index, the axis
// values, status, wall time, the final value (last output row) of each observable, and
// the fitted scalars and single-spin rates ([[fit]], [rates]), each slowest mode's rate and frequency,
// and the error of a failed point. Numbers with 17 significant digits (they round-trip).
#pragma once

#include <filesystem>
#include <vector>

#include "openspins/sweep/point_result.hpp"
#include "openspins/sweep/sweep_spec.hpp"

namespace openspins::sweep {

// Written under a temporary name and renamed into place.
void write_csv_summary(const std::filesystem::path& file, const SweepSpec& spec,
                       const std::vector<PointResult>& points);

}  // namespace openspins::sweep
