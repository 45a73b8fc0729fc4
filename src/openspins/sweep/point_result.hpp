// The outcome of one sweep point, as a worker sends it to the manager and as the
// completion record (point_records.hpp) keeps it: the observables at the output times,
// or the error that stopped the point.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace openspins::sweep {

enum class PointStatus { ok, failed };

struct PointResult {
    std::size_t index = 0;
    PointStatus status = PointStatus::ok;
    std::string error;          // the message, when failed
    double wall_seconds = 0.0;  // the point's computation
    std::vector<std::string> columns;
    std::vector<double> times;
    std::vector<double> values;  // row-major: times.size() rows × columns.size()
    std::string metadata;        // metadata.json of the point (JSON text), empty when failed early
    std::string run_toml;        // the point's run file: the base with the axis values written in (TOML)
    // Fitted scalars ([[fit]]: T1, T1_error, …) and single-spin rates ([rates]), by name; NaN when a fit failed.
    std::vector<std::string> scalar_names;
    std::vector<double> scalar_values;
    // [rates]: the slowest generator modes, slowest first (rate −Re λ, frequency Im λ, label).
    std::vector<double> mode_rates;
    std::vector<double> mode_frequencies;
    std::vector<std::string> mode_labels;
    std::vector<std::string> warnings;  // e.g. a fit that failed (printed by the manager)
};

// A self-delimiting byte string and back; doubles are copied bit for bit, so a result
// sent through MPI, a pipe or a record file is unchanged to the last bit. deserialize
// throws std::runtime_error on a truncated or foreign string.
[[nodiscard]] std::string serialize(const PointResult& result);
[[nodiscard]] PointResult deserialize(std::string_view bytes);

[[nodiscard]] const char* status_name(PointStatus status);

}  // namespace openspins::sweep
