#include <CLI/Version.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "commands.hpp"
#include "exit_status.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/config/validated_method.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/interrupt.hpp"
#include "openspins/method/method.hpp"
#include "openspins/model/cavity.hpp"
#include "openspins/result/metadata.hpp"
#include "openspins/result/result_writer.hpp"
#include "openspins/sweep/hdf5_writer.hpp"
#include "plot_script.hpp"
#include "progress_bar.hpp"
#include "run_checkpoint.hpp"
#include "signal_guard.hpp"

namespace openspins::cli {

namespace fs = std::filesystem;

namespace {

void draw_plot(const fs::path& staging) {
    const auto script = find_plot_script();
    const std::string failure = script ? run_plot_script(*script, staging) : messages::plot_script_missing();
    // A signal while the script ran (it may have killed the script too) stops the run
    // before the results are renamed into place.
    throw_if_interrupted();
    if (!failure.empty()) warn(messages::plot_failed(failure).c_str());
}

// series.h5: the run as a sweep of one point (sweep/hdf5_writer.hpp; docs/sweeps.md, "Results file").
void write_series_hdf5(const fs::path& file, const RunFile& run, const RunResult& result,
                       const nlohmann::json& metadata) {
    sweep::PointResult point;
    point.columns = result.series.columns;
    point.times = result.series.time;
    for (const auto& row : result.series.values) point.values.insert(point.values.end(), row.begin(), row.end());
    point.metadata = metadata.dump();
    point.run_toml = run.effective_text;
    point.wall_seconds = metadata.value("wall_seconds", 0.0);
    sweep::write_run_hdf5(file, point, run.path);
}

// The command line that continues this run from its checkpoint.
std::string resume_command(const RunOptions& options) {
    return options.command_line.find("--resume") != std::string::npos ? options.command_line
                                                                       : options.command_line + " --resume";
}

// Computes, then writes the results directory; Interrupted may leave it at any point.
int finish_run(const RunOptions& options, const RunFile& run, const fs::path& directory, const Method& method,
               RunCheckpoint& checkpoint, std::chrono::system_clock::time_point started,
               std::chrono::steady_clock::time_point clock_start) {
    RunResult result;
    {
        ProgressBar bar(!options.quiet && ProgressBar::stderr_is_terminal());
        RunControl control;
        control.progress = [&bar](double fraction) { bar.update(fraction); };
        checkpoint.configure(control);
        result = method.run(run.spec, control);
    }
    // A method's warnings travel as notes named "<method>.warning" (also kept in the metadata).
    for (const auto& [key, text] : result.notes)
        if (key.ends_with(".warning")) warn(text.c_str());

    RunRecord record;
    record.title = run.title;
    record.config_path = options.file;
    record.config = run.config;
    record.output = {
        {"directory", directory.string()},
        {"plot", run.output.plot},
        {"plot_columns", run.output.plot_columns},
        {"final_state", run.spec.keep_final_state},
        {"steady_state_density", run.spec.keep_steady_state_density}};
    record.command_line = options.command_line;
    record.started = started;
    record.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
    record.extra_libraries = {{"cli11", CLI11_VERSION}};
    // [cavity] fock_file: the Fock distribution goes to fock.csv, not series.csv.
    if (run.spec.model.cavity && run.spec.model.cavity->fock_file)
        result.tables["fock"] = take_columns(result.series, is_fock_column);
    nlohmann::json metadata = build_metadata(run.spec, result, record);
    // The "config" echo already holds the overridden values; this says which they were.
    metadata["overrides"] = nlohmann::json::array();
    for (const auto& o : run.overrides) metadata["overrides"].push_back(override_text(o));

    ResultFiles files;
    files.series = &result.series;
    files.steady_state = result.steady_state ? &*result.steady_state : nullptr;
    files.metadata = &metadata;
    files.final_state = result.final_state ? &*result.final_state : nullptr;
    files.steady_state_density = result.steady_state_density ? &*result.steady_state_density : nullptr;
    files.tables = &result.tables;
    files.extra = [&](const fs::path& staging) {
        if (run.output.hdf5) write_series_hdf5(staging / "series.h5", run, result, metadata);
        if (run.output.plot) draw_plot(staging);
    };
    write_results(directory, options.force, files);
    checkpoint.finished();

    if (!options.quiet)
        std::cout << "openspins: wrote " << directory.string() << " (" << result.series.rows() << " rows × "
                  << result.series.columns.size() << " columns, " << std::setprecision(3) << record.wall_seconds
                  << " s)\n";
    return success;
}

}  // namespace

int run_command(const RunOptions& options) {
    const SignalGuard signals;
    const auto started = std::chrono::system_clock::now();
    const auto clock_start = std::chrono::steady_clock::now();

    RunFile run = load_run_file(options.file, parse_run_overrides(options.overrides));
    const fs::path directory = options.output.empty() ? fs::path(run.output.directory) : fs::path(options.output);
    const auto method = make_validated_method(run);
    // Refuse before computing, so a long run never ends in "cannot write".
    check_results_directory(directory, options.force,
                            options.output.empty() ? run.path + ": output.directory" : "--output");

    RunCheckpoint checkpoint(directory, run_fingerprint(run), options.resume,
                             options.checkpoint_interval);
    if (options.resume && !options.quiet)
        std::cerr << (checkpoint.resumable() ? messages::resuming(checkpoint.path().string())
                                             : messages::nothing_to_resume(checkpoint.path().string()))
                  << '\n';
    try {
        return finish_run(options, run, directory, *method, checkpoint, started, clock_start);
    } catch (const Interrupted& e) {
        // The staging directory is gone with the unwinding; the last checkpoint stays.
        checkpoint.keep();
        const bool kept = fs::exists(checkpoint.path());
        std::cerr << messages::interrupted(::strsignal(e.signal()), kept ? checkpoint.path().string() : "",
                                           resume_command(options))
                  << '\n';
        return interrupted_status(e.signal());
    }
}

}  // namespace openspins::cli
