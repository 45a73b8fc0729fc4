// Completion records of a sweep: one file per finished point, so a sweep killed at any
// moment (kill -9 included) resumes computing only the points without a record.
//
// `<output>.points/` holds `fingerprint` (SweepSpec::fingerprint: the records belong to
// this sweep file and base run file) and `point-<index>.bin` (a serialized PointResult,
// written to a temporary name and renamed, so a record is either complete or absent).
// The directory is removed once the results file is written.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>

#include "openspins/sweep/point_result.hpp"
#include "openspins/sweep/sweep_spec.hpp"

namespace openspins::sweep {

class PointRecords {
public:
    // Opens the records of `spec`'s output. Without `resume` any earlier records are
    // discarded; with it they are kept and loaded, and ModelError (sweep_records_foreign)
    // says when they belong to another sweep.
    PointRecords(const SweepSpec& spec, const std::filesystem::path& output, bool resume);

    [[nodiscard]] const std::filesystem::path& directory() const { return directory_; }
    [[nodiscard]] const std::map<std::size_t, PointResult>& done() const { return done_; }
    // Writes the record of `result` (atomically) and keeps it.
    void add(PointResult result);
    // Removes the directory (after the results file is written).
    void remove();

private:
    std::filesystem::path directory_;
    std::map<std::size_t, PointResult> done_;
};

}  // namespace openspins::sweep
