#include "openspins/sweep/hdf5_writer.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

#include "openspins/config/messages.hpp"
#include "openspins/version.hpp"

namespace openspins::sweep {

namespace fs = std::filesystem;

namespace {

// An HDF5 identifier closed by its deleter when it goes out of scope.
class Handle {
public:
    Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
    ~Handle() {
        if (id_ >= 0) close_(id_);
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    operator hid_t() const { return id_; }  // NOLINT: used where the C API takes an hid_t

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

class Writer {
public:
    explicit Writer(const fs::path& file) : name_(file.string()) {
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become exceptions here, not stderr noise
        file_ = H5Fcreate(name_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        check(file_, "creating the file");
    }
    ~Writer() {
        if (file_ >= 0) H5Fclose(file_);
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void close() {
        const herr_t status = H5Fclose(file_);
        file_ = -1;
        check(status, "closing the file");
    }

    void check(long long status, const char* what) const {
        if (status < 0) throw std::runtime_error(messages::hdf5_failed(name_, what));
    }

    // A dataset of doubles / integers / strings with the given dimensions (empty: a scalar).
    hid_t doubles(const std::string& name, const std::vector<std::string>& dims, const std::vector<double>& data) {
        return create(name, dims, H5T_NATIVE_DOUBLE, data.data());
    }
    hid_t integers(const std::string& name, const std::vector<std::string>& dims, const std::vector<long long>& data) {
        return create(name, dims, H5T_NATIVE_LLONG, data.data());
    }
    hid_t strings(const std::string& name, const std::vector<std::string>& dims, const std::vector<std::string>& data) {
        std::vector<const char*> pointers;
        for (const auto& s : data) pointers.push_back(s.c_str());
        const Handle type(string_type(), H5Tclose);
        return create(name, dims, type, pointers.data());
    }

    void dimension(const std::string& name, std::size_t size) {
        dims_.push_back(name);
        sizes_.push_back(size);
    }
    void scale(const std::string& name) { check(H5DSset_scale(find(name), name.c_str()), "making a dimension scale"); }

    // A string attribute of the file, or of the dataset `of`.
    void attribute(const std::string& name, const std::string& value, const std::string& of = "") {
        const Handle type(string_type(), H5Tclose);
        const Handle space(H5Screate(H5S_SCALAR), H5Sclose);
        const hid_t where = of.empty() ? file_ : find(of);
        const Handle attr(H5Acreate2(where, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
        check(attr, "creating an attribute");
        const char* pointer = value.c_str();
        check(H5Awrite(attr, type, &pointer), "writing an attribute");
    }

    // Attaches every dimension scale to the datasets that use it (after all are written).
    void attach() {
        for (const auto& [name, dims] : uses_)
            for (std::size_t k = 0; k < dims.size(); ++k) {
                if (dims[k] == name) continue;  // a scale is not attached to itself
                check(H5DSattach_scale(find(name), find(dims[k]), static_cast<unsigned>(k)), "attaching a dimension");
            }
        for (auto& [name, id] : open_) H5Dclose(id);
        open_.clear();
    }

private:
    static hid_t string_type() {
        const hid_t type = H5Tcopy(H5T_C_S1);
        H5Tset_size(type, H5T_VARIABLE);
        H5Tset_cset(type, H5T_CSET_UTF8);
        return type;
    }

    hid_t find(const std::string& name) {
        for (auto& [n, id] : open_)
            if (n == name) return id;
        throw std::logic_error("hdf5 writer: no dataset " + name);
    }

    hid_t create(const std::string& name, const std::vector<std::string>& dims, hid_t type, const void* data) {
        std::vector<hsize_t> extent;
        for (const auto& d : dims)
            extent.push_back(
                sizes_[static_cast<std::size_t>(std::find(dims_.begin(), dims_.end(), d) - dims_.begin())]);
        const Handle space(dims.empty() ? H5Screate(H5S_SCALAR)
                                        : H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr),
                           H5Sclose);
        // No modification times in the objects: the same results give the same bytes.
        const Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
        H5Pset_obj_track_times(dcpl, false);
        const hid_t dataset = H5Dcreate2(file_, name.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        check(dataset, "creating a dataset");
        open_.emplace_back(name, dataset);
        uses_.emplace_back(name, dims);
        std::size_t count = 1;
        for (const auto e : extent) count *= e;
        if (count > 0) check(H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "writing a dataset");
        return dataset;
    }

    std::string name_;
    hid_t file_ = -1;
    std::vector<std::string> dims_;
    std::vector<std::size_t> sizes_;
    std::vector<std::pair<std::string, hid_t>> open_;
    std::vector<std::pair<std::string, std::vector<std::string>>> uses_;
};

void write_file(const fs::path& file, const SweepSpec& spec, const std::vector<PointResult>& points) {
    Writer w(file);
    const std::size_t n = points.size();
    const std::vector<std::string> columns = observable_columns(points);
    std::size_t rows = 0;
    for (const auto& p : points) rows = std::max(rows, p.times.size());
    // One time axis when every point with rows has the same output times.
    const PointResult* reference = nullptr;
    bool shared_times = true;
    for (const auto& p : points) {
        if (p.times.empty()) continue;
        if (!reference)
            reference = &p;
        else if (p.times != reference->times)
            shared_times = false;
    }
    if (reference && reference->times.size() != rows) shared_times = false;

    // Names the variables may not take (an observable that would clash gets a prefix).
    std::set<std::string> taken = {"time", "t", "status", "error", "wall_seconds", "run_file", "metadata"};
    std::vector<std::string> point_dims;
    if (spec.mode == SweepMode::zip && !spec.axes.empty()) {
        w.dimension("point", n);
        point_dims = {"point"};
        taken.insert("point");
    } else {
        for (const auto& a : spec.axes) {
            w.dimension(a.name, a.values.size());
            point_dims.push_back(a.name);
        }
    }
    w.dimension("time", rows);
    for (const auto& a : spec.axes) {
        taken.insert(a.name);
        if (a.kind == AxisKind::numbers) {  // an array-valued axis: its components over <name>_component
            w.dimension(a.name + "_component", std::get<std::vector<double>>(a.values.front()).size());
            taken.insert({a.name + "_component", a.name + "_components"});
        }
    }
    // [rates]: the slowest modes of every point over a dimension `mode` (NaN-padded).
    std::size_t mode_count = 0;
    for (const auto& p : points) mode_count = std::max(mode_count, p.mode_rates.size());
    if (mode_count) {
        w.dimension("mode", mode_count);
        taken.insert({"mode", "mode_rate", "mode_frequency", "mode_label"});
    }

    // Coordinates: the axes' values.
    const auto axis_dataset = [&](const Axis& a, const std::vector<std::string>& dims,
                                  const std::vector<std::size_t>& order) {
        switch (a.kind) {
            case AxisKind::integer: {
                std::vector<long long> v;
                for (const auto k : order) v.push_back(std::get<long long>(a.values[k]));
                w.integers(a.name, dims, v);
                break;
            }
            case AxisKind::number: {
                std::vector<double> v;
                for (const auto k : order) v.push_back(std::get<double>(a.values[k]));
                w.doubles(a.name, dims, v);
                break;
            }
            case AxisKind::string: {
                std::vector<std::string> v;
                for (const auto k : order) v.push_back(std::get<std::string>(a.values[k]));
                w.strings(a.name, dims, v);
                break;
            }
            case AxisKind::boolean: {
                std::vector<long long> v;
                for (const auto k : order) v.push_back(std::get<bool>(a.values[k]) ? 1 : 0);
                w.integers(a.name, dims, v);
                break;
            }
            case AxisKind::numbers: {  // the TOML text as the coordinate, the numbers beside it
                std::vector<std::string> text;
                std::vector<double> numbers;
                for (const auto k : order) {
                    text.push_back(toml_text(a.values[k]));
                    const auto& list = std::get<std::vector<double>>(a.values[k]);
                    numbers.insert(numbers.end(), list.begin(), list.end());
                }
                w.strings(a.name, dims, text);
                std::vector<std::string> component_dims = dims;
                component_dims.push_back(a.name + "_component");
                w.doubles(a.name + "_components", component_dims, numbers);
                break;
            }
        }
        w.attribute("run_file_key", a.key, a.name);  // which key of the run file the axis sets
    };
    if (spec.mode == SweepMode::zip && !spec.axes.empty()) {
        std::vector<long long> index(n);
        for (std::size_t k = 0; k < n; ++k) index[k] = static_cast<long long>(k);
        w.integers("point", {"point"}, index);
        w.scale("point");
        for (const auto& a : spec.axes) {
            std::vector<std::size_t> order(n);
            for (std::size_t k = 0; k < n; ++k) order[k] = k;
            axis_dataset(a, {"point"}, order);
        }
    } else {
        for (const auto& a : spec.axes) {
            std::vector<std::size_t> order(a.values.size());
            for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
            axis_dataset(a, {a.name}, order);
            w.scale(a.name);
        }
    }
    for (const auto& a : spec.axes)
        if (a.kind == AxisKind::numbers) {
            std::vector<long long> index(std::get<std::vector<double>>(a.values.front()).size());
            for (std::size_t k = 0; k < index.size(); ++k) index[k] = static_cast<long long>(k);
            w.integers(a.name + "_component", {a.name + "_component"}, index);
            w.scale(a.name + "_component");
        }
    std::vector<double> time(rows);
    for (std::size_t r = 0; r < rows; ++r)
        time[r] = shared_times && reference ? reference->times[r] : static_cast<double>(r);
    w.doubles("time", {"time"}, time);
    w.scale("time");

    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<std::string> series_dims = point_dims;
    series_dims.push_back("time");
    if (!shared_times) {
        std::vector<double> t(n * rows, nan);
        for (std::size_t p = 0; p < n; ++p)
            std::copy(points[p].times.begin(), points[p].times.end(),
                      t.begin() + static_cast<std::ptrdiff_t>(p * rows));
        w.doubles("t", series_dims, t);
    }
    for (const auto& column : columns) {
        std::vector<double> v(n * rows, nan);
        for (std::size_t p = 0; p < n; ++p) {
            const auto& pr = points[p];
            const auto it = std::find(pr.columns.begin(), pr.columns.end(), column);
            if (it == pr.columns.end()) continue;
            const std::size_t c = static_cast<std::size_t>(it - pr.columns.begin());
            for (std::size_t r = 0; r < pr.times.size(); ++r) v[p * rows + r] = pr.values[r * pr.columns.size() + c];
        }
        std::string name = column;
        std::replace(name.begin(), name.end(), '/', '_');
        if (taken.count(name)) name = "observable_" + name;
        taken.insert(name);
        w.doubles(name, series_dims, v);
    }

    // Fitted scalars and single-spin rates: one variable each over the point dimensions.
    for (const auto& scalar : scalar_names(points)) {
        std::vector<double> v(n, nan);
        for (std::size_t p = 0; p < n; ++p) {
            const auto& names = points[p].scalar_names;
            const auto it = std::find(names.begin(), names.end(), scalar);
            if (it != names.end()) v[p] = points[p].scalar_values[static_cast<std::size_t>(it - names.begin())];
        }
        std::string name = scalar;
        if (taken.count(name)) name = "scalar_" + name;
        taken.insert(name);
        w.doubles(name, point_dims, v);
    }
    if (mode_count) {
        std::vector<long long> index(mode_count);
        for (std::size_t k = 0; k < mode_count; ++k) index[k] = static_cast<long long>(k);
        w.integers("mode", {"mode"}, index);
        w.scale("mode");
        std::vector<std::string> mode_dims = point_dims;
        mode_dims.push_back("mode");
        std::vector<double> rate(n * mode_count, nan), frequency(n * mode_count, nan);
        std::vector<std::string> label(n * mode_count);
        for (std::size_t p = 0; p < n; ++p)
            for (std::size_t k = 0; k < points[p].mode_rates.size(); ++k) {
                rate[p * mode_count + k] = points[p].mode_rates[k];
                frequency[p * mode_count + k] = points[p].mode_frequencies[k];
                label[p * mode_count + k] = points[p].mode_labels[k];
            }
        w.doubles("mode_rate", mode_dims, rate);
        w.doubles("mode_frequency", mode_dims, frequency);
        w.strings("mode_label", mode_dims, label);
    }

    std::vector<std::string> status, error, run_file, metadata;
    std::vector<double> wall;
    for (const auto& p : points) {
        status.emplace_back(status_name(p.status));
        error.push_back(p.error);
        run_file.push_back(p.run_toml);
        metadata.push_back(p.metadata);
        wall.push_back(p.wall_seconds);
    }
    w.strings("status", point_dims, status);
    w.strings("error", point_dims, error);
    w.doubles("wall_seconds", point_dims, wall);
    w.strings("run_file", point_dims, run_file);
    w.strings("metadata", point_dims, metadata);
    w.attach();

    w.attribute("openspins_version", std::string(version) + " (git " + git_revision + ")");
    w.attribute("sweep_file", spec.path);
    w.attribute("sweep_text", spec.text);
    w.attribute("sweep_mode", spec.mode == SweepMode::zip ? "zip" : "grid");
    w.attribute("run_source", spec.run_source);
    w.close();
}

}  // namespace

std::vector<std::string> observable_columns(const std::vector<PointResult>& points) {
    std::vector<std::string> columns;
    for (const auto& p : points)
        for (const auto& c : p.columns)
            if (std::find(columns.begin(), columns.end(), c) == columns.end()) columns.push_back(c);
    return columns;
}

std::vector<std::string> scalar_names(const std::vector<PointResult>& points) {
    std::vector<std::string> names;
    for (const auto& p : points)
        for (const auto& c : p.scalar_names)
            if (std::find(names.begin(), names.end(), c) == names.end()) names.push_back(c);
    return names;
}

void write_sweep_hdf5(const fs::path& file, const SweepSpec& spec, const std::vector<PointResult>& points) {
    if (!file.parent_path().empty()) fs::create_directories(file.parent_path());
    const fs::path temporary = file.string() + ".tmp-" + std::to_string(::getpid());
    try {
        write_file(temporary, spec, points);
        fs::rename(temporary, file);
    } catch (...) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw;
    }
}

void write_run_hdf5(const fs::path& file, const PointResult& point, const std::string& run_source) {
    SweepSpec spec;
    spec.run_source = run_source;
    write_file(file, spec, {point});
}

}  // namespace openspins::sweep
