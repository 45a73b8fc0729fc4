// Where and how a run's results are written: the [output] settings that are not
// observables (those go into RunSpec). Only the front ends read these.
#pragma once

#include <string>
#include <vector>

namespace openspins {

struct OutputOptions {
    std::string directory;                  // results directory; relative to the working directory
    bool plot = true;                       // write plot.png
    std::vector<std::string> plot_columns;  // series.csv columns drawn in plot.png
    bool hdf5 = false;                      // [output] format = "hdf5": also series.h5 (sweep/hdf5_writer.hpp)
};

}  // namespace openspins
