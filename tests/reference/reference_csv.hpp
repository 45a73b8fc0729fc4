// Reads the reference CSV files under tests/data (written by the scripts in this folder):
// a header row of column names, then rows of numbers, all rows as long as the header.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace openspins::test {

struct ReferenceCsv {
    std::vector<std::string> columns;
    std::vector<std::vector<double>> rows;

    // The index of a column, or columns.size() when there is none of that name.
    [[nodiscard]] std::size_t column(const std::string& name) const {
        return static_cast<std::size_t>(std::find(columns.begin(), columns.end(), name) - columns.begin());
    }
};

inline std::vector<std::string> split_csv_line(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream in(line);
    std::string cell;
    while (std::getline(in, cell, ',')) out.push_back(cell);
    return out;
}

inline ReferenceCsv read_reference_csv(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path.string());
    ReferenceCsv csv;
    std::string line;
    std::getline(in, line);
    csv.columns = split_csv_line(line);
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::vector<double> row;
        for (const auto& cell : split_csv_line(line)) row.push_back(std::stod(cell));
        if (row.size() != csv.columns.size()) throw std::runtime_error(path.string() + ": ragged row");
        csv.rows.push_back(std::move(row));
    }
    return csv;
}

}  // namespace openspins::test
