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

}  // namespace openspins
