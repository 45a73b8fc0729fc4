#include "openspins/sweep/csv_summary.hpp"

#include <algorithm>
#include <cstdio>

#include "openspins/result/atomic_file.hpp"
#include "openspins/sweep/hdf5_writer.hpp"

namespace openspins::sweep {

namespace fs = std::filesystem;

namespace {

std::string number(double x) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", x);
    return buffer;
}

// Wall times need no more than microseconds.
std::string wall_text(double seconds) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.6f", seconds);
    return buffer;
}

// A field quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string value_text(const AxisValue& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* d = std::get_if<double>(&v)) return number(*d);
    return toml_text(v);
}

}  // namespace

void write_csv_summary(const fs::path& file, const SweepSpec& spec, const std::vector<PointResult>& points) {
    const std::vector<std::string> columns = observable_columns(points);
    // Built by appending: GCC 12 at -O3 gives a false -Wrestrict for "," + std::string.
    std::string text = "point";
    const auto cell = [&text](const std::string& s) {
        text += ',';
        text += s;
    };
    for (const auto& a : spec.axes) cell(field(a.name));
    text += ",status,wall_seconds";
    for (const auto& c : columns) cell(field("final_" + c));
    const std::vector<std::string> scalars = scalar_names(points);
    for (const auto& c : scalars) cell(field(c));
    std::size_t modes = 0;
    for (const auto& p : points) modes = std::max(modes, p.mode_rates.size());
    for (std::size_t k = 0; k < modes; ++k) {
        cell("mode_" + std::to_string(k) + "_rate");
        cell("mode_" + std::to_string(k) + "_frequency");
    }
    text += ",error\n";
    for (const auto& p : points) {
        text += std::to_string(p.index);
        const auto index = spec.value_indices(p.index);
        for (std::size_t k = 0; k < spec.axes.size(); ++k) cell(field(value_text(spec.axes[k].values[index[k]])));
        cell(status_name(p.status));
        cell(wall_text(p.wall_seconds));
        for (const auto& c : columns) {
            const auto it = std::find(p.columns.begin(), p.columns.end(), c);
            text += ",";
            if (it != p.columns.end() && !p.times.empty())
                text += number(p.values[(p.times.size() - 1) * p.columns.size() +
                                        static_cast<std::size_t>(it - p.columns.begin())]);
        }
        for (const auto& c : scalars) {
            const auto it = std::find(p.scalar_names.begin(), p.scalar_names.end(), c);
            text += ",";
            if (it != p.scalar_names.end())
                text += number(p.scalar_values[static_cast<std::size_t>(it - p.scalar_names.begin())]);
        }
        for (std::size_t k = 0; k < modes; ++k) {
            text += ",";
            if (k < p.mode_rates.size()) text += number(p.mode_rates[k]);
            text += ",";
            if (k < p.mode_rates.size()) text += number(p.mode_frequencies[k]);
        }
        cell(field(p.error));
        text += '\n';
    }
    write_file_atomically(file, text);
}

}  // namespace openspins::sweep
