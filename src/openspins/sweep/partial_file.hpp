// A part of a sweep computed by one job of a job array (`openspins sweep --point-range a:b`),
// and `openspins sweep merge`, which gathers the parts into the file a full sweep writes
// (docs/sweeps.md, "Job arrays").
//
// A part is an HDF5 file `<output stem>.part-<a>-<b>.h5` beside the output holding the
// points a … b−1 as their serialized PointResults (point_result.hpp: doubles bit for bit),
// so the merged file is the one a single sweep writes:
//   attributes  openspins_partial_sweep (the SweepSpec fingerprint), sweep_file, point_first,
//               point_end (b), point_count (of the whole sweep)
//   datasets    point (int64, the point indices), record (variable-length uint8 per point)
// It is written under a temporary name and renamed into place.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "openspins/sweep/point_result.hpp"
#include "openspins/sweep/sweep_spec.hpp"

namespace openspins::sweep {

// "a:b" → [first, end) with end clamped to the sweep's point count; throws ModelError
// (sweep_point_range) unless 0 ≤ a < b and a < count.
struct PointRange {
    std::size_t first = 0;
    std::size_t end = 0;
};
[[nodiscard]] PointRange parse_point_range(const std::string& text, std::size_t count);

// <output without extension>.part-<first>-<end>.h5
[[nodiscard]] std::filesystem::path part_path(const std::filesystem::path& output, const PointRange& range);
// Every existing <output stem>.part-*.h5 beside `output`, sorted by name.
[[nodiscard]] std::vector<std::filesystem::path> find_parts(const std::filesystem::path& output);

void write_partial_hdf5(const std::filesystem::path& file, const SweepSpec& spec, const PointRange& range,
                        const std::vector<PointResult>& points);

struct PartialFile {
    std::string fingerprint;
    std::vector<PointResult> points;
};
// Throws ModelError (sweep_merge_not_partial) when `file` is not a part.
[[nodiscard]] PartialFile read_partial_hdf5(const std::filesystem::path& file);

}  // namespace openspins::sweep
