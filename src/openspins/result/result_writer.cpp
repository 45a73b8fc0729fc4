#include "openspins/result/result_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/result/state_file.hpp"

namespace openspins {

namespace fs = std::filesystem;

namespace {

// "out/" and "out" name the same directory; siblings are built from the last component.
fs::path normalised(fs::path directory) {
    directory = directory.lexically_normal();
    if (!directory.has_filename() && directory.has_parent_path()) directory = directory.parent_path();
    return directory;
}

fs::path sibling(const fs::path& target, const char* tag) {
    return target.parent_path() / (target.filename().string() + tag + std::to_string(::getpid()));
}

// 17 significant digits round-trip every double; to_chars ignores the C locale.
void put_number(std::ostream& out, double value) {
    char buffer[40];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 17);
    out.write(buffer, error == std::errc{} ? end - buffer : 0);
}

void finish(std::ofstream& out, const fs::path& file) {
    out.close();
    if (!out) throw std::runtime_error(messages::format_message("file_write_failed", {file.string()}));
}

std::ofstream open_for_writing(const fs::path& file) {
    std::ofstream out(file, std::ios::binary);
    if (!out) throw std::runtime_error(messages::format_message("file_write_failed", {file.string()}));
    return out;
}

}  // namespace

bool is_openspins_result(const fs::path& directory) {
    for (const char* name : {"metadata.json", "rates.json"}) {
        std::ifstream in(directory / name);
        if (!in) continue;
        const auto document = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
        if (document.is_object() && document.contains("openspins") && document["openspins"].is_object()) return true;
    }
    return false;
}

void check_output_target(const fs::path& directory, bool replace_existing) {
    const fs::path target = normalised(directory);
    std::error_code ec;
    const auto status = fs::symlink_status(target, ec);
    if (!fs::exists(status)) return;
    if (!fs::is_directory(status)) throw ModelError(messages::output_not_directory(target.string()));
    if (!replace_existing) throw OutputExistsError(messages::output_exists(target.string()));
    // Replacing deletes the old directory: only when nothing but an earlier result can be lost.
    const fs::path resolved = fs::weakly_canonical(fs::absolute(target), ec);
    const fs::path here = fs::weakly_canonical(fs::current_path(), ec);
    const auto [mismatch, rest] = std::mismatch(resolved.begin(), resolved.end(), here.begin(), here.end());
    if (mismatch == resolved.end())  // every component of the target starts the working directory
        throw ModelError(messages::output_contains_working_directory(target.string()));
    if (!fs::is_empty(target, ec) && !is_openspins_result(target))
        throw ModelError(messages::output_not_a_result(target.string()));
}

void probe_output_writable(const fs::path& directory) {
    const fs::path target = fs::absolute(normalised(directory));
    fs::path existing = target;
    std::error_code ec;
    while (!fs::exists(existing, ec) && existing.has_parent_path() && existing != existing.parent_path())
        existing = existing.parent_path();
    // The staging directory is created next to the target, so the target's parent must take entries.
    if (existing == target) existing = target.has_parent_path() ? target.parent_path() : target;
    if (!fs::is_directory(existing, ec))
        throw ModelError(messages::output_not_writable(target.string(), existing.string(), "not a directory"));
    const fs::path probe = existing / (".openspins-probe-" + std::to_string(::getpid()));
    if (!fs::create_directory(probe, ec) && ec)
        throw ModelError(messages::output_not_writable(target.string(), existing.string(), ec.message()));
    fs::remove(probe, ec);
}

void check_results_directory(const fs::path& directory, bool replace_existing, const std::string& source) {
    try {
        check_output_target(directory, replace_existing);
        probe_output_writable(directory);
    } catch (const OutputExistsError&) {
        throw;
    } catch (const ModelError& e) {
        throw ModelError(source + ": " + e.what());
    }
}

StagedDirectory::StagedDirectory(fs::path target, bool replace_existing)
    : target_(normalised(std::move(target))), replace_existing_(replace_existing) {
    staging_ = sibling(target_, ".tmp-");
    if (target_.has_parent_path()) fs::create_directories(target_.parent_path());
    fs::remove_all(staging_);  // a leftover of an earlier process with our pid
    fs::create_directory(staging_);
}

StagedDirectory::~StagedDirectory() {
    if (committed_) return;
    std::error_code ignored;
    fs::remove_all(staging_, ignored);
}

void StagedDirectory::commit() {
    // Checked again here: the target may have appeared while the run was computing.
    check_output_target(target_, replace_existing_);
    std::error_code ec;
    if (!fs::exists(target_, ec)) {
        fs::rename(staging_, target_);
        committed_ = true;
        return;
    }
    const fs::path old = sibling(target_, ".old-");
    fs::remove_all(old);
    fs::rename(target_, old);
    try {
        fs::rename(staging_, target_);
    } catch (...) {
        fs::rename(old, target_, ec);  // put the good directory back
        throw;
    }
    committed_ = true;
    fs::remove_all(old, ec);  // a leftover .old directory is harmless; the new results are in place
}

void write_series_csv(const fs::path& file, const TimeSeries& series) {
    std::ofstream out = open_for_writing(file);
    out << "t,step";
    for (const auto& c : series.columns) out << ',' << c;
    out << '\n';
    for (std::size_t r = 0; r < series.rows(); ++r) {
        put_number(out, series.time[r]);
        out << ',' << series.step[r];
        for (double v : series.values[r]) {
            out << ',';
            put_number(out, v);
        }
        out << '\n';
    }
    finish(out, file);
}

void write_steady_state_csv(const fs::path& file, const std::vector<std::string>& columns,
                            const std::vector<double>& values) {
    std::ofstream out = open_for_writing(file);
    for (std::size_t k = 0; k < columns.size(); ++k) out << (k ? "," : "") << columns[k];
    out << '\n';
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (k) out << ',';
        put_number(out, values[k]);
    }
    out << '\n';
    finish(out, file);
}

void write_json(const fs::path& file, const nlohmann::json& document) {
    std::ofstream out = open_for_writing(file);
    out << document.dump(2) << '\n';
    finish(out, file);
}

void write_results(const fs::path& directory, bool replace_existing, const ResultFiles& files) {
    check_output_target(directory, replace_existing);
    StagedDirectory staged(directory, replace_existing);
    write_series_csv(staged.path() / "series.csv", *files.series);
    if (files.steady_state)
        write_steady_state_csv(staged.path() / "steady_state.csv", files.series->columns, *files.steady_state);
    if (files.tables)
        for (const auto& [name, table] : *files.tables) write_series_csv(staged.path() / (name + ".csv"), table);
    write_json(staged.path() / "metadata.json", *files.metadata);
    if (files.final_state) (void)write_state_file(staged.path(), "final_state", *files.final_state);
    if (files.steady_state_density)
        (void)write_state_file(staged.path(), "steady_state_density", *files.steady_state_density);
    if (files.extra) files.extra(staged.path());
    staged.commit();
}

}  // namespace openspins
