#include "openspins/sweep/point_records.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/result/atomic_file.hpp"

namespace openspins::sweep {

namespace fs = std::filesystem;

namespace {

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

PointRecords::PointRecords(const SweepSpec& spec, const fs::path& output, bool resume)
    : directory_(output.string() + ".points") {
    const fs::path fingerprint = directory_ / "fingerprint";
    if (resume && fs::exists(directory_)) {
        if (!fs::exists(fingerprint) || read_bytes(fingerprint) != spec.fingerprint())
            throw ModelError(messages::sweep_records_foreign(directory_.string()));
        for (const auto& entry : fs::directory_iterator(directory_)) {
            const std::string name = entry.path().filename().string();
            if (!name.starts_with("point-") || entry.path().extension() != ".bin") continue;
            try {
                PointResult r = deserialize(read_bytes(entry.path()));
                if (r.index < spec.point_count()) done_[r.index] = std::move(r);
            } catch (const std::runtime_error&) {
                // An unreadable record (it cannot be half-written, but a disk can fail) is recomputed.
            }
        }
        return;
    }
    fs::remove_all(directory_);
    fs::create_directories(directory_);
    write_file_atomically(fingerprint, spec.fingerprint());
}

void PointRecords::add(PointResult result) {
    write_file_atomically(directory_ / ("point-" + std::to_string(result.index) + ".bin"), serialize(result));
    done_[result.index] = std::move(result);
}

void PointRecords::remove() { fs::remove_all(directory_); }

}  // namespace openspins::sweep
