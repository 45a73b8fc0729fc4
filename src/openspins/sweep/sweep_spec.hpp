// A parameter sweep as read from a sweep file (docs/sweeps.md is the format): a base run
// file plus axes, each naming a key of the run file by its path (the syntax of
// `openspins run --set`, config/run_overrides.hpp) and listing the values it takes.
//
//   [sweep]
//   run = "t1.toml"          # the base run file (relative to the sweep file), or
//   # run_text = '''...'''   # the run file inline
//   mode = "grid"            # Cartesian product of the axes ("grid") or their values side by side ("zip")
//   output = "results/t1_sweep.h5"
//   [[axis]]
//   key = "bath[0].temperature"
//   name = "temperature"                         # the dimension's name in the HDF5 file
//   range = { start = 0.1, stop = 1.0, count = 10 }   # or values = [...], or log_range = {...}
//   [[fit]]                  # optional: a fitted time constant per point (series_fit.hpp)
//   name = "T1"
//   observable = "Jz"
//   model = "exponential"    # or "damped_cosine" (a T2 from Jx, with its frequency)
//   [rates]                  # optional: per point, the generator's slowest modes and the
//   modes = 6                # single-spin rates, as `openspins rates` computes them
//
// Points are numbered in C order over the axes (the last axis fastest) for a grid, and in
// list order for zipped axes.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <variant>
#include <vector>

#include "openspins/config/run_overrides.hpp"
#include "openspins/sweep/series_fit.hpp"

namespace openspins::sweep {

// One value of an axis, as the run file would hold it: a number, a string, a boolean, or an
// array of numbers (e.g. a Bloch vector [0.6, 0, 0.8]).
using AxisValue = std::variant<long long, double, std::string, bool, std::vector<double>>;

// The value as the right-hand side of a TOML `key = value` (doubles in the fewest digits that round-trip).
[[nodiscard]] std::string toml_text(const AxisValue& value);

enum class AxisKind { integer, number, string, boolean, numbers };

struct Axis {
    std::string key;   // canonical key path in the run file, e.g. bath[0].temperature
    std::string name;  // dimension / column name (default: the key with '.', '[', ']' as '_')
    AxisKind kind = AxisKind::number;
    std::vector<AxisValue> values;
    int line = 1;  // line of the axis's values in the sweep file (errors about this key point here)
};

enum class SweepMode { grid, zip };

// A time constant fitted to one observable of every point (docs/sweeps.md "Fitted scalars").
struct FitSpec {
    std::string name;        // result names: <name>, <name>_error (damped_cosine: also <name>_frequency(_error))
    std::string observable;  // a column of the point's series
    FitModel model = FitModel::exponential;
    double from = -std::numeric_limits<double>::infinity();  // the time window fitted (inclusive)
    double to = std::numeric_limits<double>::infinity();
    double frequency_hint = 0.0;  // damped_cosine: seed for ω (0: from the zero crossings)
};

// [rates]: per point, what `openspins rates` computes (method/rates.hpp).
struct RatesSpec {
    bool enabled = false;
    int modes = 6;  // the slowest generator modes kept per point
};

struct SweepSpec {
    std::string path;         // the sweep file as given
    std::string text;         // its bytes
    std::string run_source;   // the base run file's name for messages (the path, or the sweep file for run_text)
    std::string run_text;     // the base run file's bytes
    int run_line_offset = 0;  // run_text inline: line k of run_text is line k + offset of the sweep file
    SweepMode mode = SweepMode::grid;
    std::vector<Axis> axes;
    std::string output;  // the HDF5 file; the CSV summary is beside it (same stem, .csv)
    std::vector<FitSpec> fits;
    RatesSpec rates;

    // Number of points: the product of the axis lengths (grid) or the common length (zip).
    [[nodiscard]] std::size_t point_count() const;
    // Per axis, the index of its value at point `point`.
    [[nodiscard]] std::vector<std::size_t> value_indices(std::size_t point) const;
    // The overrides that turn the base run file into point `point`.
    [[nodiscard]] RunOverrides overrides(std::size_t point) const;
    // "spins.count=3, bath[0].temperature=0.5"
    [[nodiscard]] std::string label(std::size_t point) const;
    // The dimensions of the observables before time: the axis lengths (grid) or {points} (zip).
    [[nodiscard]] std::vector<std::size_t> shape() const;
    // A hash of everything that determines the points' results (sweep text, base run text),
    // so resume never mixes records of another sweep.
    [[nodiscard]] std::string fingerprint() const;
};

// Reads and checks the sweep file's own structure (every error located, file:line: key:
// what); the points are checked separately (sweep_check.hpp).
[[nodiscard]] SweepSpec read_sweep_file(const std::string& path);
[[nodiscard]] SweepSpec read_sweep_toml(std::string_view text, const std::string& path);

}  // namespace openspins::sweep
