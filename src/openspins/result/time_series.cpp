#include "openspins/result/time_series.hpp"

#include <stdexcept>

namespace openspins {

std::size_t TimeSeries::column(const std::string& name) const {
    for (std::size_t k = 0; k < columns.size(); ++k)
        if (columns[k] == name) return k;
    throw std::out_of_range("no column '" + name + "'");
}

std::vector<double> TimeSeries::column_values(const std::string& name) const {
    const std::size_t k = column(name);
    std::vector<double> v;
    v.reserve(values.size());
    for (const auto& row : values) v.push_back(row[k]);
    return v;
}

TimeSeries take_columns(TimeSeries& series, const std::function<bool(const std::string&)>& pick) {
    TimeSeries taken;
    taken.time = series.time;
    taken.step = series.step;
    std::vector<std::size_t> moved, kept;
    for (std::size_t c = 0; c < series.columns.size(); ++c) (pick(series.columns[c]) ? moved : kept).push_back(c);
    const auto select = [](const std::vector<double>& row, const std::vector<std::size_t>& which) {
        std::vector<double> out;
        out.reserve(which.size());
        for (const std::size_t c : which) out.push_back(row[c]);
        return out;
    };
    for (auto& row : series.values) {
        taken.values.push_back(select(row, moved));
        row = select(row, kept);
    }
    const auto columns = series.columns;
    series.columns.clear();
    for (const std::size_t c : moved) taken.columns.push_back(columns[c]);
    for (const std::size_t c : kept) series.columns.push_back(columns[c]);
    return taken;
}

}  // namespace openspins
