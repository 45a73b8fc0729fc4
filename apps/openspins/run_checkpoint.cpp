#include "run_checkpoint.hpp"

#include <cstdint>
#include <cstdio>

#include "openspins/checksum.hpp"
#include "openspins/method/checkpoint.hpp"
#include "openspins/version.hpp"

namespace openspins::cli {

namespace fs = std::filesystem;

namespace {

std::string fnv1a_hex(const std::string& text) {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(fnv1a_64(text)));
    return buffer;
}

}  // namespace

std::string run_fingerprint(const RunFile& run) {
    // The text as read (the file's bytes, plus the --set overrides): not read again here.
    return "run file=" + fnv1a_hex(run.effective_text) + ";settings=" + fnv1a_hex(run.config.dump()) +
           ";method=" + run.spec.method + ";version=" + openspins::version + ";git=" + openspins::git_revision;
}

RunCheckpoint::RunCheckpoint(const fs::path& results_directory, const std::string& fingerprint, bool resume,
                             double interval_seconds)
    : fingerprint_(fingerprint), interval_seconds_(interval_seconds) {
    fs::path target = results_directory.lexically_normal();
    if (!target.has_filename() && target.has_parent_path()) target = target.parent_path();
    path_ = target.parent_path() / (target.filename().string() + ".checkpoint");

    for (fs::path p = target.parent_path(); !p.empty() && !fs::exists(p); p = p.parent_path())
        created_parents_.insert(created_parents_.begin(), p);
    if (target.has_parent_path()) fs::create_directories(target.parent_path());

    if (resume)
        resumable_ = read_checkpoint(path_.string(), fingerprint_).has_value();
    else
        remove_files();
}

RunCheckpoint::~RunCheckpoint() {
    if (finished_ || kept_) return;
    remove_files();
    std::error_code ignored;
    for (auto it = created_parents_.rbegin(); it != created_parents_.rend(); ++it)
        if (fs::is_empty(*it, ignored)) fs::remove(*it, ignored);
}

void RunCheckpoint::configure(RunControl& control) const {
    control.checkpoint_path = path_.string();
    control.fingerprint = fingerprint_;
    control.checkpoint_seconds = interval_seconds_;
}

void RunCheckpoint::finished() {
    remove_files();
    finished_ = true;
}

void RunCheckpoint::remove_files() const {
    remove_checkpoint(path_.string());
}

}  // namespace openspins::cli
