// openspins rates: the eigenvalues of a run file's generator, labelled, and the named
// single-spin rates (T1, T2, pure dephasing), as a table on stdout and optionally as
// CSV and JSON files. Methods exact and redfield: method/redfield/generator_spectrum.hpp;
// method dicke: method/dicke/dicke_spectrum.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace openspins::cli {

struct RatesOptions {
    std::string file;
    std::vector<std::string> overrides;  // --set KEY=VALUE (config/run_overrides.hpp)
    std::string output;              // directory for modes.csv, blocks.csv, single_spin.csv, rates.json; empty: stdout only
    bool force = false;              // replace an existing --output directory (only an earlier result)
    int shown = 24;                  // modes printed on stdout (slowest first); files hold all
    int modes = 12;                  // eigenvalues per block beyond the dense limit (iterative)
    std::size_t dense_limit = 1024;  // real dimension of a block up to which all its eigenvalues are computed
    int max_order = -1;              // dicke: largest |m − m'| block computed (−1: all)
    std::string solver = "auto";     // blocks beyond the dense limit: auto, arnoldi, rotating, propagator (SpectrumOptions)
    double tau = 0.0;                // propagator time; 0: 30 / (the block's mean decay rate)
};

int rates_command(const RatesOptions& options);

}  // namespace openspins::cli
