// Helpers shared by the config tests (operators as matrices come from
// model/operator_matrix.hpp): TOML text
// with predictable line numbers, and ConfigError checks.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "model/operator_matrix.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"
#include "openspins/model/spin_operator.hpp"

namespace openspins::testing {

// Raw strings in the tests start with a newline after R"( so that the TOML's
// line 1 is the first line written; this drops that newline.
inline std::string doc(const char* text) { return std::string(text).substr(1); }

// A valid run file of 7 lines (4 spins, Zeeman, stop time) followed by `extra`, which
// therefore starts on line 8: the error tests break it one line at a time.
inline std::string base(const std::string& extra = "") {
    return doc(R"toml(
[spins]
count = 4
frequency = 1.0
[hamiltonian]
zeeman = "+"
[time]
stop = 1.0
)toml") + extra;
}

// Reading `text` fails at `line` with `key` and a message containing `words`.
inline ::testing::AssertionResult fails_at(const std::string& text, int line, const std::string& key,
                                           const std::string& words) {
    try {
        (void)load_run_toml(text, "run.toml");
    } catch (const ConfigError& e) {
        const std::string what = e.what();
        const std::string prefix = "run.toml:" + std::to_string(line) + ": " + key + ": ";
        if (e.line() != line || e.key() != key || what.rfind(prefix, 0) != 0 || what.find(words) == std::string::npos)
            return ::testing::AssertionFailure()
                   << "expected '" << prefix << "…" << words << "…', got '" << what << "'";
        return ::testing::AssertionSuccess();
    } catch (const std::exception& e) {
        return ::testing::AssertionFailure() << "not a ConfigError: " << e.what();
    }
    return ::testing::AssertionFailure() << "no error";
}

}  // namespace openspins::testing
