#include "openspins/sweep/partial_file.hpp"

#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <stdexcept>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"

namespace openspins::sweep {

namespace fs = std::filesystem;

namespace {

// An HDF5 identifier closed when it goes out of scope.
class Id {
public:
    Id(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
    ~Id() {
        if (id_ >= 0) close_(id_);
    }
    Id(const Id&) = delete;
    Id& operator=(const Id&) = delete;
    operator hid_t() const { return id_; }  // NOLINT: used where the C API takes an hid_t
    [[nodiscard]] bool valid() const { return id_ >= 0; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

void check(const fs::path& file, long long status, const char* what) {
    if (status < 0) throw std::runtime_error(messages::hdf5_failed(file.string(), what));
}

// A variable-length UTF-8 string type (the caller closes it).
hid_t string_type() {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    return type;
}

void put_attribute(const fs::path& file, hid_t where, const char* name, const std::string& value) {
    const Id type(string_type(), H5Tclose);
    const Id space(H5Screate(H5S_SCALAR), H5Sclose);
    const Id attribute(H5Acreate2(where, name, type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    check(file, attribute, "creating an attribute");
    const char* pointer = value.c_str();
    check(file, H5Awrite(attribute, type, &pointer), "writing an attribute");
}

void put_attribute(const fs::path& file, hid_t where, const char* name, long long value) {
    const Id space(H5Screate(H5S_SCALAR), H5Sclose);
    const Id attribute(H5Acreate2(where, name, H5T_NATIVE_LLONG, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    check(file, attribute, "creating an attribute");
    check(file, H5Awrite(attribute, H5T_NATIVE_LLONG, &value), "writing an attribute");
}

// A string attribute, or nullopt when absent or not a string.
std::optional<std::string> get_attribute(hid_t where, const char* name) {
    if (H5Aexists(where, name) <= 0) return std::nullopt;
    const Id attribute(H5Aopen(where, name, H5P_DEFAULT), H5Aclose);
    const Id stored(H5Aget_type(attribute), H5Tclose);
    if (!attribute.valid() || H5Tget_class(stored) != H5T_STRING || H5Tis_variable_str(stored) <= 0) return std::nullopt;
    const Id type(string_type(), H5Tclose);
    char* pointer = nullptr;
    if (H5Aread(attribute, type, &pointer) < 0 || !pointer) return std::nullopt;
    std::string value(pointer);
    H5free_memory(pointer);
    return value;
}

void write_file(const fs::path& file, const SweepSpec& spec, const PointRange& range,
                const std::vector<PointResult>& points) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become exceptions, not stderr noise
    const Id out(H5Fcreate(file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    check(file, out, "creating the file");
    put_attribute(file, out, "openspins_partial_sweep", spec.fingerprint());
    put_attribute(file, out, "sweep_file", spec.path);
    put_attribute(file, out, "point_first", static_cast<long long>(range.first));
    put_attribute(file, out, "point_end", static_cast<long long>(range.end));
    put_attribute(file, out, "point_count", static_cast<long long>(spec.point_count()));

    std::vector<long long> index;
    std::vector<std::string> bytes;
    for (const auto& p : points) {
        index.push_back(static_cast<long long>(p.index));
        bytes.push_back(serialize(p));
    }
    const hsize_t n = points.size();
    const Id space(H5Screate_simple(1, &n, nullptr), H5Sclose);
    const Id dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    H5Pset_obj_track_times(dcpl, false);
    const Id point(H5Dcreate2(out, "point", H5T_NATIVE_LLONG, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose);
    check(file, point, "creating a dataset");
    const Id vlen(H5Tvlen_create(H5T_NATIVE_UCHAR), H5Tclose);
    const Id record(H5Dcreate2(out, "record", vlen, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose);
    check(file, record, "creating a dataset");
    if (n > 0) {
        std::vector<hvl_t> data(points.size());
        for (std::size_t k = 0; k < points.size(); ++k) data[k] = hvl_t{bytes[k].size(), bytes[k].data()};
        check(file, H5Dwrite(point, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, index.data()), "writing a dataset");
        check(file, H5Dwrite(record, vlen, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), "writing a dataset");
    }
}

}  // namespace

PointRange parse_point_range(const std::string& text, std::size_t count) {
    const auto colon = text.find(':');
    const auto integer = [](std::string_view s, std::size_t& value) {
        const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
        return error == std::errc() && end == s.data() + s.size() && !s.empty();
    };
    PointRange range;
    if (colon == std::string::npos || !integer(std::string_view(text).substr(0, colon), range.first) ||
        !integer(std::string_view(text).substr(colon + 1), range.end) || range.first >= range.end ||
        range.first >= count)
        throw ModelError(messages::sweep_point_range(text, count));
    range.end = std::min(range.end, count);
    return range;
}

fs::path part_path(const fs::path& output, const PointRange& range) {
    fs::path stem = output;
    stem.replace_extension();
    return stem.string() + ".part-" + std::to_string(range.first) + "-" + std::to_string(range.end) + ".h5";
}

std::vector<fs::path> find_parts(const fs::path& output) {
    fs::path stem = output;
    stem.replace_extension();
    const std::string prefix = stem.filename().string() + ".part-";
    const fs::path folder = output.has_parent_path() ? output.parent_path() : fs::path(".");
    std::vector<fs::path> parts;
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(folder, ignored)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with(prefix) && name.ends_with(".h5") && entry.is_regular_file())
            parts.push_back(output.has_parent_path() ? entry.path() : fs::path(name));
    }
    std::sort(parts.begin(), parts.end());
    return parts;
}

void write_partial_hdf5(const fs::path& file, const SweepSpec& spec, const PointRange& range,
                        const std::vector<PointResult>& points) {
    if (!file.parent_path().empty()) fs::create_directories(file.parent_path());
    const fs::path temporary = file.string() + ".tmp-" + std::to_string(::getpid());
    try {
        write_file(temporary, spec, range, points);
        fs::rename(temporary, file);
    } catch (...) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw;
    }
}

PartialFile read_partial_hdf5(const fs::path& file) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    const bool hdf5 = H5Fis_hdf5(file.c_str()) > 0;
    const Id in(hdf5 ? H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT) : -1, H5Fclose);
    const auto fingerprint = in.valid() ? get_attribute(in, "openspins_partial_sweep") : std::nullopt;
    if (!fingerprint || H5Lexists(in, "record", H5P_DEFAULT) <= 0)
        throw ModelError(messages::sweep_merge_not_partial(file.string()));
    PartialFile part;
    part.fingerprint = *fingerprint;
    const Id record(H5Dopen2(in, "record", H5P_DEFAULT), H5Dclose);
    const Id space(H5Dget_space(record), H5Sclose);
    const hssize_t n = H5Sget_simple_extent_npoints(space);
    if (n <= 0) return part;
    const Id vlen(H5Tvlen_create(H5T_NATIVE_UCHAR), H5Tclose);
    std::vector<hvl_t> data(static_cast<std::size_t>(n));
    // Freed with H5Dvlen_reclaim: Debian 12 ships HDF5 1.10, whose library lacks H5Treclaim (1.12).
    check(file, H5Dread(record, vlen, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), "reading the records");
    try {
        for (const auto& d : data)
            part.points.push_back(deserialize(std::string_view(static_cast<const char*>(d.p), d.len)));
    } catch (...) {
        H5Dvlen_reclaim(vlen, space, H5P_DEFAULT, data.data());
        throw;
    }
    H5Dvlen_reclaim(vlen, space, H5P_DEFAULT, data.data());
    return part;
}

}  // namespace openspins::sweep
