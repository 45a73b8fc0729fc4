// What a method returns: the time series, the optional steady state's observables,
// the density matrices asked for (RunSpec::keep_final_state, keep_steady_state_density),
// and facts about the computation for the metadata.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "openspins/model/density_blocks.hpp"
#include "openspins/result/time_series.hpp"

namespace openspins {

struct RunStatistics {
    long rhs_evaluations = 0;
    long steps = 0;
    long failed_steps = 0;
    double wall_seconds = 0.0;
    std::size_t state_size = 0;       // real unknowns integrated
    std::size_t peak_memory_estimate = 0;  // bytes, as estimated before allocating
    std::string storage;              // e.g. "zero-quantum blocks" or "all coherence orders"
};

struct RunResult {
    std::string method;
    TimeSeries series;
    std::optional<std::vector<double>> steady_state;  // observables at the steady state (series.columns order)
    // ρ at the end of the protocol and at the steady state, in the product basis (full
    // 2^N) or the Dicke basis (dicke); only when the spec asks for them.
    std::optional<DensityBlocks> final_state;
    std::optional<DensityBlocks> steady_state_density;
    RunStatistics stats;
    std::map<std::string, std::string> notes;  // method-specific facts for the metadata
    // More CSV files beside series.csv: name → table, written as <name>.csv (e.g. "fock").
    std::map<std::string, TimeSeries> tables;
};

}  // namespace openspins
