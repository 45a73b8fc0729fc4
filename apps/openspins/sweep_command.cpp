// openspins sweep: every point of a sweep file, serially, in --jobs local processes or
// on MPI ranks, into one HDF5 file and a CSV summary (docs/sweeps.md).
#include <toml++/toml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "commands.hpp"
#include "exit_status.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/interrupt.hpp"
#include "openspins/result/result_writer.hpp"
#include "openspins/sweep/csv_summary.hpp"
#include "openspins/sweep/hdf5_writer.hpp"
#include "openspins/sweep/partial_file.hpp"
#include "openspins/sweep/point_records.hpp"
#include "openspins/sweep/point_runner.hpp"
#include "signal_guard.hpp"
#include "sweep_progress.hpp"
#include "sweep_workers.hpp"

namespace openspins::cli {

namespace fs = std::filesystem;

namespace {

// Every point checked before anything runs; the errors printed, one per invalid point.
// Returns the number of invalid points.
std::size_t check_points(const sweep::SweepSpec& spec) {
    std::size_t invalid = 0;
    for (std::size_t k = 0; k < spec.point_count(); ++k)
        if (const auto error = sweep::check_point(spec, k)) {
            std::cerr << messages::error_prefix << *error << '\n';
            ++invalid;
        }
    if (invalid)
        std::cerr << messages::error_prefix << messages::sweep_points_invalid(invalid, spec.point_count()) << '\n';
    return invalid;
}

fs::path csv_path(const fs::path& output) { return fs::path(output).replace_extension(".csv"); }

std::string resume_command(const SweepOptions& options) {
    return options.command_line.find("--resume") != std::string::npos ? options.command_line
                                                                      : options.command_line + " --resume";
}

// The results file and the CSV summary of every point.
void write_results(const fs::path& output, const sweep::SweepSpec& spec, const std::vector<sweep::PointResult>& points,
                   bool quiet, const std::string& elapsed) {
    sweep::write_sweep_hdf5(output, spec, points);
    sweep::write_csv_summary(csv_path(output), spec, points);
    if (!quiet)
        std::cout << "openspins: wrote " << output.string() << " and " << csv_path(output).string() << " ("
                  << points.size() << " points" << (elapsed.empty() ? "" : ", " + elapsed) << ")\n";
}

// The manager's part: check, compute the missing points, write the files. `mpi` is set
// when running on more than one MPI rank (this is rank 0).
int manage(const SweepOptions& options, const sweep::SweepSpec& spec, const MpiSession* mpi) {
    const auto stop_workers = [&] {
        if (mpi) mpi_manager(*mpi, {}, [](sweep::PointResult) {});
    };
    if (check_points(spec)) {
        stop_workers();
        return input_error;
    }
    const std::size_t count = spec.point_count();
    // A job of a job array computes its range into a part file (merged by `sweep merge`).
    std::optional<sweep::PointRange> range;
    try {
        if (!options.point_range.empty()) range = sweep::parse_point_range(options.point_range, count);
    } catch (...) {
        stop_workers();
        throw;
    }
    const fs::path full_output = options.output.empty() ? fs::path(spec.output) : fs::path(options.output);
    const fs::path output = range ? sweep::part_path(full_output, *range) : full_output;
    if (fs::exists(output) && !options.force && !options.resume) {
        stop_workers();
        throw OutputExistsError(messages::sweep_output_exists(output.string()));
    }
    probe_output_writable(output);

    std::optional<sweep::PointRecords> records;
    try {
        records.emplace(spec, output, options.resume);
    } catch (...) {
        stop_workers();
        throw;
    }
    if (options.resume && !options.quiet) std::cerr << messages::sweep_resuming(records->done().size(), count) << '\n';
    const std::size_t first = range ? range->first : 0, end = range ? range->end : count;
    std::vector<std::size_t> todo;
    for (std::size_t k = first; k < end; ++k)
        if (!records->done().count(k)) todo.push_back(k);

    SweepProgress progress(!options.quiet, records->done().size(), end - first);
    const ResultSink done = [&](sweep::PointResult r) {
        if (r.status == sweep::PointStatus::failed) {
            progress.clear();
            warn(messages::sweep_point_failed(r.index, spec.label(r.index), r.error).c_str());
        }
        for (const auto& w : r.warnings) {
            progress.clear();
            warn(w.c_str());
        }
        const bool failed = r.status == sweep::PointStatus::failed;
        records->add(std::move(r));
        progress.point_done(failed);
    };
    try {
        if (mpi)
            mpi_manager(*mpi, todo, done);
        else if (options.jobs > 1)
            run_local_jobs(spec, todo, options.jobs, done);
        else
            run_serial(spec, todo, done);
    } catch (const Interrupted& e) {
        progress.clear();
        std::cerr << messages::sweep_interrupted(::strsignal(e.signal()), records->done().size(), count,
                                                 records->directory().string(), resume_command(options))
                  << '\n';
        if (mpi) mpi->abort(interrupted_status(e.signal()));
        return interrupted_status(e.signal());
    }
    progress.finish();

    std::vector<sweep::PointResult> points;
    std::size_t failed = 0;
    for (const auto& [index, r] : records->done()) {
        points.push_back(r);
        failed += r.status == sweep::PointStatus::failed;
    }
    if (range) {
        sweep::write_partial_hdf5(output, spec, *range, points);
        records->remove();
        if (!options.quiet)
            std::cout << messages::sweep_part_written(output.string(), range->first, range->end - 1, count) << '\n';
    } else {
        write_results(output, spec, points, options.quiet, progress.elapsed_text());
        records->remove();
    }
    if (failed) {
        std::cerr << messages::error_prefix << messages::sweep_points_failed(failed, end - first, output.string())
                  << '\n';
        return numerical_error;
    }
    return success;
}

}  // namespace

bool is_sweep_file(const std::string& file) {
    try {
        const toml::table document = toml::parse_file(file);
        return document.contains("sweep") || document.contains("axis");
    } catch (const toml::parse_error&) {
        return false;
    }
}

int sweep_check_command(const std::string& file) {
    const sweep::SweepSpec spec = sweep::read_sweep_file(file);
    if (check_points(spec)) return input_error;
    std::cout << file << ": ok\n"
              << "  run file:  " << spec.run_source << '\n'
              << "  mode:      " << (spec.mode == sweep::SweepMode::zip ? "zip" : "grid") << ", " << spec.point_count()
              << " points, every one valid\n";
    for (const auto& a : spec.axes)
        std::cout << "  axis:      " << a.name << " = " << a.key << " (" << a.values.size() << " values)\n";
    for (const auto& f : spec.fits)
        std::cout << "  fit:       " << f.name << " = "
                  << (f.model == sweep::FitModel::exponential ? "exponential" : "damped-cosine") << " fit of "
                  << f.observable << '\n';
    if (spec.rates.enabled)
        std::cout << "  rates:     the " << spec.rates.modes << " slowest generator modes and the single-spin rates\n";
    std::cout << "  results:   " << spec.output << " and " << csv_path(spec.output).string()
              << (fs::exists(spec.output) ? "; exists, sweep needs --force" : "") << '\n';
    return success;
}

int sweep_command(const SweepOptions& options) {
    const SignalGuard signals;
    if (launched_by_mpi()) {
        const MpiSession mpi;
        if (mpi.size() > 1 && mpi.rank() > 0) {
            std::optional<sweep::SweepSpec> spec;
            mpi_worker([&]() -> const sweep::SweepSpec& {
                if (!spec) spec = sweep::read_sweep_file(options.file);
                return *spec;
            });
            return success;
        }
        try {
            const sweep::SweepSpec spec = sweep::read_sweep_file(options.file);
            return manage(options, spec, mpi.size() > 1 ? &mpi : nullptr);
        } catch (...) {
            const int status = report_current_exception();
            if (mpi.size() > 1) mpi.abort(status);
            return status;
        }
    }
    return manage(options, sweep::read_sweep_file(options.file), nullptr);
}

int sweep_merge_command(const SweepMergeOptions& options) {
    const sweep::SweepSpec spec = sweep::read_sweep_file(options.file);
    const fs::path output = options.output.empty() ? fs::path(spec.output) : fs::path(options.output);
    std::vector<fs::path> parts(options.parts.begin(), options.parts.end());
    if (parts.empty()) parts = sweep::find_parts(output);
    if (parts.empty()) {
        fs::path pattern = output;
        pattern.replace_extension();
        throw ModelError(messages::sweep_merge_no_parts(pattern.string() + ".part-*.h5"));
    }
    const std::size_t count = spec.point_count();
    std::map<std::size_t, sweep::PointResult> gathered;
    for (const auto& part : parts) {
        sweep::PartialFile file = sweep::read_partial_hdf5(part);
        if (file.fingerprint != spec.fingerprint()) throw ModelError(messages::sweep_merge_foreign(part.string()));
        for (auto& p : file.points)
            if (p.index < count) gathered.try_emplace(p.index, std::move(p));  // overlapping parts: the first wins
    }
    std::string missing_list;
    std::size_t missing = 0;
    for (std::size_t k = 0; k < count; ++k)
        if (!gathered.count(k) && ++missing <= 5) missing_list += (missing_list.empty() ? "" : ", ") + std::to_string(k);
    if (missing) throw ModelError(messages::sweep_merge_missing(missing, count, missing_list));
    if (fs::exists(output) && !options.force) throw OutputExistsError(messages::sweep_output_exists(output.string()));
    probe_output_writable(output);
    std::vector<sweep::PointResult> points;
    std::size_t failed = 0;
    for (auto& [index, r] : gathered) {
        failed += r.status == sweep::PointStatus::failed;
        points.push_back(std::move(r));
    }
    write_results(output, spec, points, options.quiet, "");
    if (failed) {
        std::cerr << messages::error_prefix << messages::sweep_points_failed(failed, count, output.string()) << '\n';
        return numerical_error;
    }
    return success;
}

}  // namespace openspins::cli
