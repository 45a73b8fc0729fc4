// Running a TOML run file through the config reader and the method it names (tests only).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "openspins/config/config_reader.hpp"
#include "openspins/method/method.hpp"

namespace openspins::testing {

inline RunResult run_toml(const std::string& text) {
    const RunSpec spec = read_run_toml(text, "run.toml");
    return make_method(spec.method)->run(spec, {});
}

inline double steady_value(const RunResult& r, const std::string& column) {
    const auto& cols = r.series.columns;
    const auto it = std::find(cols.begin(), cols.end(), column);
    EXPECT_NE(it, cols.end()) << column;
    return (*r.steady_state)[static_cast<std::size_t>(it - cols.begin())];
}

}  // namespace openspins::testing
