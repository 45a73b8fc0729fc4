// openspins: the command-line front end. It parses arguments and hands over to
// the subcommands (commands.hpp); the physics lives in the library.
//
//   openspins run <file.toml> [--output DIR] [--force] [--quiet] [--resume] [--threads N] [--set KEY=VALUE]...
//   openspins check <file.toml> [--set KEY=VALUE]...
//   openspins rates <file.toml> [--set KEY=VALUE]... [--output DIR [--force]] [--show N] [--modes K]
//                                   [--dense-limit D] [--max-order D] [--tau T]
//                                   [--solver auto|arnoldi|rotating|propagator|shift-invert]
//   openspins equations <file.toml> [--latex] [--order K] [--set KEY=VALUE]...
//   openspins sweep <sweep.toml> [--output FILE.h5] [--force] [--quiet] [--resume] [--jobs K]
//                                   [--point-range A:B]   (or: mpirun -n K openspins sweep ...)
//   openspins sweep merge <sweep.toml> [PART.h5...] [--output FILE.h5] [--force] [--quiet]
//   openspins --version
// Exit statuses are listed in exit_status.hpp.
#include <omp.h>

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "commands.hpp"
#include "exit_status.hpp"
#include "rates_command.hpp"
#include "openspins/version.hpp"

namespace {

// The command line as typed, for the metadata; arguments with spaces are quoted.
std::string command_line(int argc, char** argv) {
    std::string line;
    for (int k = 0; k < argc; ++k) {
        const std::string arg = argv[k];
        if (k) line += ' ';
        line += arg.find_first_of(" \t\"'") == std::string::npos ? arg : "'" + arg + "'";
    }
    return line;
}

// --set KEY=VALUE, repeatable; one value per occurrence, so `--set a=1 model.toml`
// never takes the run file for a second override.
void add_set_option(CLI::App* app, std::vector<std::string>& overrides) {
    app->add_option("--set", overrides,
                    "Override a key of the run file, e.g. --set channel[0].rate=2 (a TOML value; repeatable)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
}

}  // namespace

int main(int argc, char** argv) {
    using namespace openspins::cli;
    CLI::App app{"openspins: spin ensembles under Lindblad master equations"};
    app.set_version_flag("--version",
                         std::string("openspins ") + openspins::version + " (git " + openspins::git_revision + ")");
    app.require_subcommand(1);
    app.footer(
        "Exit status: 0 success, 2 invalid input or existing results directory, 3 numerical failure, 1 other.\n"
        "The run file format is described in docs/config.md.");

    RunOptions run;
    CLI::App* run_app = app.add_subcommand("run", "Run a simulation and write its results directory");
    run_app->add_option("file", run.file, "Run file (TOML)")->required()->check(CLI::ExistingFile);
    run_app->add_option("-o,--output", run.output, "Results directory (default: [output] directory of the run file)");
    run_app->add_flag("-f,--force", run.force, "Replace an existing results directory");
    run_app->add_flag("-q,--quiet", run.quiet, "No progress bar and no summary");
    run_app->add_flag("--resume", run.resume,
                      "Continue an interrupted run from its checkpoint (<results dir>.checkpoint)");
    run_app
        ->add_option("--checkpoint-interval", run.checkpoint_interval,
                     "Seconds of wall time between checkpoints of a long run")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    add_set_option(run_app, run.overrides);
    // OpenMP threads of the kernels and of CVODE's vector operations; without the flag,
    // OMP_NUM_THREADS (else all cores). Results do not depend on it (docs/methods/exact.md).
    int threads = 0;
    run_app->add_option("--threads", threads, "Threads (default: OMP_NUM_THREADS, else all cores)")
        ->check(CLI::Range(1, 1024));

    std::string check_file;
    std::vector<std::string> check_overrides;
    CLI::App* check_app =
        app.add_subcommand("check", "Validate a run file and print what the run would do and the memory it needs");
    check_app->add_option("file", check_file, "Run file (TOML)")->required()->check(CLI::ExistingFile);
    add_set_option(check_app, check_overrides);

    RatesOptions rates;
    CLI::App* rates_app = app.add_subcommand(
        "rates", "Print the generator's eigenvalues (labelled) and the single-spin T1, T2 of a run file");
    rates_app->add_option("file", rates.file, "Run file (TOML)")->required()->check(CLI::ExistingFile);
    rates_app->add_option("-o,--output", rates.output, "Also write modes.csv, single_spin.csv, rates.json here");
    rates_app->add_flag("-f,--force", rates.force, "Replace an existing --output directory (an earlier result)");
    add_set_option(rates_app, rates.overrides);
    rates_app->add_option("--show", rates.shown, "Modes printed, slowest first")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    rates_app
        ->add_option("--modes", rates.modes,
                     "Eigenvalues computed iteratively (slowest first) per block larger than --dense-limit")
        ->capture_default_str()
        ->check(CLI::Range(1, 100000));
    rates_app
        ->add_option("--dense-limit", rates.dense_limit,
                     "Real dimension up to which a block's eigenvalues are all computed densely")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{0}, std::size_t{20000}));
    rates_app->add_option("--max-order", rates.max_order, "dicke: largest |m - m'| block computed (-1: all)")
        ->capture_default_str()
        ->check(CLI::Range(-1, 1000000));
    rates_app
        ->add_option("--solver", rates.solver,
                     "Blocks beyond --dense-limit: rotating (Arnoldi on L minus its Zeeman part; generators that "
                     "commute with it), arnoldi (on L), propagator (on exp(L tau)), shift-invert (complex, one "
                     "shift per coherence band; generators that mix orders), auto (rotating where it applies, "
                     "shift-invert for one mixed block, else arnoldi)")
        ->capture_default_str()
        ->check(CLI::IsMember({"auto", "arnoldi", "rotating", "propagator", "shift-invert"}));
    rates_app->add_option("--tau", rates.tau, "Propagator time (0: 30 / the block's mean decay rate)")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);

    EquationsOptions equations;
    CLI::App* equations_app = app.add_subcommand(
        "equations", "Print the cumulant method's equations derived from the run file's model (plain text or LaTeX)");
    equations_app->add_option("file", equations.file, "Run file (TOML)")->required()->check(CLI::ExistingFile);
    equations_app->add_flag("--latex", equations.latex, "Print LaTeX (align* blocks) instead of plain text");
    equations_app->add_option("--order", equations.order, "Closure order 1, 2 or 3 (default: [method] order, else 2)")
        ->check(CLI::Range(1, 3));
    add_set_option(equations_app, equations.overrides);

    SweepOptions sweep;
    CLI::App* sweep_app = app.add_subcommand(
        "sweep", "Run every point of a sweep file (base run file + axes) into one HDF5 file and a CSV summary; "
                 "under mpirun the points are spread over the ranks");
    sweep_app->add_option("file", sweep.file, "Sweep file (TOML, docs/sweeps.md)")->check(CLI::ExistingFile);
    sweep_app->add_option("-o,--output", sweep.output, "HDF5 results file (default: [sweep] output)");
    sweep_app->add_flag("-f,--force", sweep.force, "Replace an existing results file");
    sweep_app->add_flag("-q,--quiet", sweep.quiet, "No progress line and no summary");
    sweep_app->add_flag("--resume", sweep.resume, "Compute only the points an interrupted sweep did not finish");
    sweep_app->add_option("-j,--jobs", sweep.jobs, "Local worker processes (without MPI)")
        ->capture_default_str()
        ->check(CLI::Range(1, 4096));
    sweep_app->add_option("--point-range", sweep.point_range,
                          "Only points a … b-1, into <output stem>.part-a-b.h5 (a job of a job array; see sweep merge)")
        ->type_name("A:B");
    SweepMergeOptions merge;
    CLI::App* merge_app = sweep_app->add_subcommand(
        "merge", "Gather the part files of --point-range jobs into the results file and CSV a full sweep writes");
    merge_app->add_option("file", merge.file, "Sweep file (TOML)")->required()->check(CLI::ExistingFile);
    merge_app->add_option("parts", merge.parts, "Part files (default: every <output stem>.part-*.h5)")
        ->check(CLI::ExistingFile);
    merge_app->add_option("-o,--output", merge.output, "HDF5 results file (default: [sweep] output)");
    merge_app->add_flag("-f,--force", merge.force, "Replace an existing results file");
    merge_app->add_flag("-q,--quiet", merge.quiet, "No summary");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int status = app.exit(e);  // prints help, version or the usage error
        return status == 0 ? success : input_error;
    }

    try {
        if (*run_app) {
            if (threads > 0) omp_set_num_threads(threads);
            run.command_line = command_line(argc, argv);
            return run_command(run);
        }
        if (*rates_app) return rates_command(rates);
        if (*equations_app) return equations_command(equations);
        if (*merge_app) return sweep_merge_command(merge);
        if (*sweep_app) {
            if (sweep.file.empty()) return app.exit(CLI::RequiredError("file")) == 0 ? success : input_error;
            sweep.command_line = command_line(argc, argv);
            return sweep_command(sweep);
        }
        if (check_overrides.empty() && is_sweep_file(check_file)) return sweep_check_command(check_file);
        return check_command(check_file, check_overrides);
    } catch (...) {
        return report_current_exception();
    }
}
