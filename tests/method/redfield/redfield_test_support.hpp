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

// Coupled spins for the eigenbasis path: an xy chain (J = 0.15) with Zeeman frequencies 1 + 0.13 i
// (zeeman "-") and a transverse drive Ω_x = 0.1 on spin 0 (H_S not diagonal), one collective and N
// local ohmic baths at T = 0.6; `extra` adds method keys, `initial` and `protocol` their sections.
inline std::string coupled_chain(int n, const std::string& generator, const std::string& extra, const std::string& initial,
                  const std::string& protocol) {
    std::string freqs;
    for (int i = 0; i < n; ++i) freqs += (i ? ", " : "") + std::to_string(1.0 + 0.13 * i);
    return R"(
[method]
name = "redfield"
generator = ")" + generator + R"("
)" + extra + R"(
[spins]
frequencies = [)" + freqs + R"(]
[hamiltonian]
zeeman = "-"
[[hamiltonian.coupling]]
kind = "xy"
J = 0.15
pairs = "chain"
[[hamiltonian.drive]]
omega_x = 0.1
spins = [0]
[[bath]]
name = "collective"
temperature = 0.6
spectral_density = { kind = "ohmic", alpha = 0.04, cutoff = 4.0 }
[[bath]]
name = "local"
temperature = 0.6
scope = "local"
spectral_density = { kind = "ohmic", alpha = 0.03, cutoff = 3.0 }
[[coupling]]
bath = "collective"
kind = "exchange"
strength = 0.5
[[coupling]]
bath = "local"
kind = "conserving"
strength = 0.4
[[coupling]]
bath = "local"
kind = "exchange"
strength = 0.3
)" + initial + protocol + R"(
[output]
observables = ["spins"]
plot = false
)";
}

}  // namespace openspins::testing
