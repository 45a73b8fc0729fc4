// A sweep's results as one HDF5 file that xarray (engine "h5netcdf") and h5py read
// directly (docs/sweeps.md, "Results file", has the layout and a loading snippet):
//
//   dimensions   grid: one per axis (its name), values as the coordinate;
//                zip: `point` (0..P-1), each axis a variable over `point`;
//                then `time`: the output times (the row index when points differ in their times,
//                with the times themselves in the variable `t`)
//   variables    each observable over (dims…, time), float64, NaN where a point failed or has
//                fewer rows; status ("ok" / "failed"), error, wall_seconds, run_file (the point's
//                TOML), metadata (its metadata.json) over (dims…); fitted scalars and single-spin
//                rates over (dims…); [rates]: mode_rate, mode_frequency, mode_label over (dims…, mode)
//   attributes   openspins version, the sweep file's name and text, mode, the base run file
//
// Dimensions are HDF5 dimension scales (H5DS), as netCDF-4 writes them, so every variable
// names its dimensions. The file is written under a temporary name and renamed into place.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "openspins/sweep/point_result.hpp"
#include "openspins/sweep/sweep_spec.hpp"

namespace openspins::sweep {

// `points[k]` is point k's result (all spec.point_count() of them). Throws
// std::runtime_error (hdf5_failed) when the library refuses.
void write_sweep_hdf5(const std::filesystem::path& file, const SweepSpec& spec, const std::vector<PointResult>& points);

// The union of the points' observable columns, in first-seen order.
[[nodiscard]] std::vector<std::string> observable_columns(const std::vector<PointResult>& points);

// The union of the points' scalar names (fits, single-spin rates), in first-seen order.
[[nodiscard]] std::vector<std::string> scalar_names(const std::vector<PointResult>& points);

// One run (no axes) as an HDF5 file of the same layout: dimension `time` only.
void write_run_hdf5(const std::filesystem::path& file, const PointResult& point, const std::string& run_source);

}  // namespace openspins::sweep
