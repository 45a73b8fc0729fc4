// Where `openspins run` keeps the checkpoint of a long run, so that an interrupted
// run (Ctrl-C, a killed job, a power cut) can continue with --resume.
//
// The checkpoint is the file `<results dir>.checkpoint` next to the results
// directory; the method writes it at output times, at most every `interval` seconds
// of wall time (method/checkpoint.hpp). It is tied to the run by a fingerprint
// (run_fingerprint), so an edited file or another binary never resumes from a stale
// state; a damaged or foreign checkpoint is refused under --resume. A run that finishes — successfully or with an error —
// removes its checkpoint; only a run that is killed leaves one behind.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "openspins/config/run_file.hpp"
#include "openspins/method/method.hpp"

namespace openspins::cli {

class RunCheckpoint {
public:
    // Without `resume` an existing checkpoint is discarded (the run starts at t = 0).
    // Creates the results directory's missing parents, so the method can write the
    // checkpoint next to it; they are removed again if the run fails and they are empty.
    RunCheckpoint(const std::filesystem::path& results_directory, const std::string& fingerprint, bool resume,
                  double interval_seconds);
    ~RunCheckpoint();
    RunCheckpoint(const RunCheckpoint&) = delete;
    RunCheckpoint& operator=(const RunCheckpoint&) = delete;

    void configure(RunControl& control) const;
    // True when a checkpoint of this very run exists (what --resume continues from).
    [[nodiscard]] bool resumable() const { return resumable_; }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    // The run finished and its results are written: the checkpoint is no longer needed.
    void finished();
    // The run was interrupted: keep the checkpoint (and the directories holding it) for --resume.
    void keep() { kept_ = true; }

private:
    void remove_files() const;

    std::filesystem::path path_;
    std::string fingerprint_;
    double interval_seconds_;
    bool resumable_ = false;
    bool finished_ = false;
    bool kept_ = false;
    std::vector<std::filesystem::path> created_parents_;  // deepest last
};

// Fingerprint of a run, "key=value;…": FNV-1a of the run file's bytes and of the
// settings as read (the JSON echo, so command-line overrides count), the method, and
// the version and git revision of the binary. A checkpoint resumes only the run
// with the same fingerprint.
std::string run_fingerprint(const RunFile& run);

}  // namespace openspins::cli
