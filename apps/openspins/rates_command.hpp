// openspins rates: the eigenvalues of a run file's generator, labelled, and the named
// single-spin rates (T1, T2, pure dephasing), as a table on stdout and optionally as
// CSV and JSON files (method/redfield/generator_spectrum.hpp).
#pragma once

#include <string>

namespace openspins::cli {

struct RatesOptions {
    std::string file;
    std::string output;  // directory for modes.csv, single_spin.csv, rates.json; empty: stdout only
    int shown = 24;      // modes printed on stdout (slowest first); files hold all
};

int rates_command(const RatesOptions& options);

}  // namespace openspins::cli
