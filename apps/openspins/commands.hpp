// The CLI's subcommands. Each returns the process exit status (exit_status.hpp)
// and lets exceptions propagate to main, which reports them.
#pragma once

#include <string>
#include <vector>

namespace openspins::cli {

struct RunOptions {
    std::string file;
    std::string output;                 // --output; empty: the run file's [output] directory
    bool force = false;                 // replace an existing results directory
    bool quiet = false;                 // no progress bar, no summary
    bool resume = false;                // continue from the checkpoint of an interrupted run
    double checkpoint_interval = 30.0;  // seconds of wall time between checkpoints
    std::vector<std::string> overrides;  // --set KEY=VALUE, as typed (config/run_overrides.hpp)
    std::string command_line;
};

// openspins run: read, validate, refuse an existing directory without --force,
// compute (checkpointing, resuming with --resume), write the results directory atomically.
int run_command(const RunOptions& options);

// openspins check: read and validate, print what a run would do and need.
int check_command(const std::string& file, const std::vector<std::string>& overrides = {});

// openspins equations: the cumulant method's equations derived from the run file's model
// (order from --order, else [method] order, else 2), plain text or LaTeX.
struct EquationsOptions {
    std::string file;
    bool latex = false;
    int order = 0;  // 0: the run file's
    std::vector<std::string> overrides;
};
int equations_command(const EquationsOptions& options);

// openspins sweep: every point of a sweep file (docs/sweeps.md) checked, then computed
// serially, in --jobs local processes or on MPI ranks (under mpirun), into one HDF5 file
// and a CSV summary. Exit 3 when some points failed (the others are written).
struct SweepOptions {
    std::string file;
    std::string output;  // --output; empty: [sweep] output
    bool force = false;
    bool quiet = false;
    bool resume = false;  // compute only the points without a completion record
    int jobs = 1;         // local worker processes (without MPI)
    std::string point_range;  // --point-range a:b: only points a … b−1, into a part file (job arrays)
    std::string command_line;
};
int sweep_command(const SweepOptions& options);
// openspins sweep merge: the part files of a job-array sweep (--point-range) gathered into the
// results file and CSV summary a full sweep writes.
struct SweepMergeOptions {
    std::string file;                // the sweep file
    std::vector<std::string> parts;  // empty: every <output stem>.part-*.h5 beside the output
    std::string output;
    bool force = false;
    bool quiet = false;
};
int sweep_merge_command(const SweepMergeOptions& options);
// openspins check on a sweep file: every point checked, each error naming the point.
int sweep_check_command(const std::string& file);
// True when the file is a sweep file (it has a [sweep] table or [[axis]] entries).
bool is_sweep_file(const std::string& file);

}  // namespace openspins::cli
