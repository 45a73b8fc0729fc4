// Writing a results directory so that it is either complete or absent.
//
// Everything is written into a sibling staging directory `<dir>.tmp-<pid>` and
// renamed into place at the end. An existing `<dir>` is replaced only when asked
// (--force), and only after the new one is complete: old → `<dir>.old-<pid>`,
// staging → `<dir>`, then the old one is deleted. A run that fails leaves no
// directory behind and never touches a good one.
//
// Files: series.csv (t, step, observable columns; 17 significant digits, enough to
// round-trip a double), steady_state.csv (one row of the same columns) when the run
// computed a steady state, metadata.json, final_state.<ext> and steady_state_density.<ext>
// when given (result/state_file.hpp), and whatever the caller adds (plot.png).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "openspins/errors.hpp"
#include "openspins/model/density_blocks.hpp"
#include "openspins/result/time_series.hpp"

namespace openspins {

// The target directory exists and replacing it was not allowed (a user error: CLI exit 2).
class OutputExistsError : public ModelError {
public:
    using ModelError::ModelError;
};

// Checks, before any computing, that `directory` may be written: absent, or present
// and `replace_existing`. Throws OutputExistsError otherwise, and ModelError when the
// path exists but is not a directory, or when replacing it could lose anything that
// is not an earlier result: --force replaces only an empty directory or one holding
// openspins results (is_openspins_result), and never the working directory or one
// that contains it.
void check_output_target(const std::filesystem::path& directory, bool replace_existing);

// True for a directory written by openspins: its metadata.json (run) or rates.json
// (rates) is a JSON object with the "openspins" entry (version, git revision).
bool is_openspins_result(const std::filesystem::path& directory);

// Checks, before any computing, that the results can be created where `directory`
// names them: creates and removes a probe entry in its nearest existing ancestor
// (which becomes the staging directory's parent). Throws ModelError naming the
// directory and the reason otherwise (e.g. /proc/x, a read-only mount).
void probe_output_writable(const std::filesystem::path& directory);

// Both checks above, before computing, as the CLI's subcommands make them: a refusal
// other than OutputExistsError (whose message says "use --force") is prefixed with
// `source`, where the directory was named ("--output", "<file>: output.directory").
void check_results_directory(const std::filesystem::path& directory, bool replace_existing,
                             const std::string& source);

// A staging directory that becomes `target` on commit() and disappears otherwise.
class StagedDirectory {
public:
    StagedDirectory(std::filesystem::path target, bool replace_existing);
    ~StagedDirectory();
    StagedDirectory(const StagedDirectory&) = delete;
    StagedDirectory& operator=(const StagedDirectory&) = delete;

    // Where to write the files.
    [[nodiscard]] const std::filesystem::path& path() const { return staging_; }
    // Moves the staging directory into place (replacing the target if allowed).
    void commit();

private:
    std::filesystem::path target_;
    std::filesystem::path staging_;
    bool replace_existing_;
    bool committed_ = false;
};

void write_series_csv(const std::filesystem::path& file, const TimeSeries& series);
void write_steady_state_csv(const std::filesystem::path& file, const std::vector<std::string>& columns,
                            const std::vector<double>& values);
void write_json(const std::filesystem::path& file, const nlohmann::json& document);

struct ResultFiles {
    const TimeSeries* series = nullptr;                 // required
    const std::vector<double>* steady_state = nullptr;  // optional, in series->columns order
    const nlohmann::json* metadata = nullptr;           // required
    // Optional density matrices, written as final_state.<ext> / steady_state_density.<ext>
    // (.npy for the full 2^N matrix, .dicke.txt for Dicke blocks: state_file.hpp).
    const DensityBlocks* final_state = nullptr;
    const DensityBlocks* steady_state_density = nullptr;
    // Optional more tables, each written as <name>.csv like series.csv (e.g. fock.csv).
    const std::map<std::string, TimeSeries>* tables = nullptr;
    // Called with the staging directory after the files above are written, e.g. to
    // draw plot.png from them; an exception it throws aborts the write.
    std::function<void(const std::filesystem::path&)> extra;
};

// Writes `files` into `directory` atomically (see above).
void write_results(const std::filesystem::path& directory, bool replace_existing, const ResultFiles& files);

}  // namespace openspins
