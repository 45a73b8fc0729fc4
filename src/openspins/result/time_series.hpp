// Rows of observables at output times: the common result of every time-stepping method.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace openspins {

struct TimeSeries {
    std::vector<std::string> columns;        // observable columns (time and step are separate)
    std::vector<double> time;
    std::vector<int> step;                   // protocol step index the row belongs to
    std::vector<std::vector<double>> values; // values[row][column]

    void add_row(double t, int step_index, std::vector<double> row) {
        time.push_back(t);
        step.push_back(step_index);
        values.push_back(std::move(row));
    }
    [[nodiscard]] std::size_t rows() const { return time.size(); }
    // Column index by name; throws std::out_of_range for an unknown name.
    [[nodiscard]] std::size_t column(const std::string& name) const;
    [[nodiscard]] std::vector<double> column_values(const std::string& name) const;
};

// Moves the columns for which pick(name) is true out of `series` into a new series with the same
// times and steps (column order kept in both).
TimeSeries take_columns(TimeSeries& series, const std::function<bool(const std::string&)>& pick);

}  // namespace openspins
