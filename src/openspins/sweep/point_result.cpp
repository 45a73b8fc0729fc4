#include "openspins/sweep/point_result.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "openspins/config/messages.hpp"

namespace openspins::sweep {

namespace {

constexpr std::string_view magic = "openspins-point-2\n";

void put_u64(std::string& out, std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
void put_double(std::string& out, double v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
void put_string(std::string& out, std::string_view s) {
    put_u64(out, s.size());
    out.append(s);
}

class Reader {
public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}
    void need(std::size_t n) const {
        if (bytes_.size() - pos_ < n)
            throw std::runtime_error(messages::sweep_record_damaged("truncated sweep point record"));
    }
    std::uint64_t u64() {
        need(8);
        std::uint64_t v;
        std::memcpy(&v, bytes_.data() + pos_, 8);
        pos_ += 8;
        return v;
    }
    double number() {
        need(8);
        double v;
        std::memcpy(&v, bytes_.data() + pos_, 8);
        pos_ += 8;
        return v;
    }
    std::string string() {
        const std::uint64_t n = u64();
        need(n);
        std::string s(bytes_.substr(pos_, n));
        pos_ += n;
        return s;
    }
    std::string_view take(std::size_t n) {
        need(n);
        const auto s = bytes_.substr(pos_, n);
        pos_ += n;
        return s;
    }
    [[nodiscard]] bool done() const { return pos_ == bytes_.size(); }

private:
    std::string_view bytes_;
    std::size_t pos_ = 0;
};

}  // namespace

const char* status_name(PointStatus status) { return status == PointStatus::ok ? "ok" : "failed"; }

std::string serialize(const PointResult& r) {
    std::string out(magic);
    put_u64(out, r.index);
    put_u64(out, r.status == PointStatus::ok ? 0 : 1);
    put_string(out, r.error);
    put_double(out, r.wall_seconds);
    put_u64(out, r.columns.size());
    for (const auto& c : r.columns) put_string(out, c);
    put_u64(out, r.times.size());
    for (const double t : r.times) put_double(out, t);
    put_u64(out, r.values.size());
    for (const double v : r.values) put_double(out, v);
    put_string(out, r.metadata);
    put_string(out, r.run_toml);
    put_u64(out, r.scalar_names.size());
    for (std::size_t k = 0; k < r.scalar_names.size(); ++k) {
        put_string(out, r.scalar_names[k]);
        put_double(out, r.scalar_values[k]);
    }
    put_u64(out, r.mode_rates.size());
    for (std::size_t k = 0; k < r.mode_rates.size(); ++k) {
        put_double(out, r.mode_rates[k]);
        put_double(out, r.mode_frequencies[k]);
        put_string(out, r.mode_labels[k]);
    }
    put_u64(out, r.warnings.size());
    for (const auto& w : r.warnings) put_string(out, w);
    return out;
}

PointResult deserialize(std::string_view bytes) {
    Reader in(bytes);
    if (in.take(magic.size()) != magic)
        throw std::runtime_error(messages::sweep_record_damaged("not a sweep point record"));
    PointResult r;
    r.index = in.u64();
    r.status = in.u64() == 0 ? PointStatus::ok : PointStatus::failed;
    r.error = in.string();
    r.wall_seconds = in.number();
    const std::uint64_t columns = in.u64();
    in.need(columns * 8);
    for (std::uint64_t k = 0; k < columns; ++k) r.columns.push_back(in.string());
    const std::uint64_t times = in.u64();
    in.need(times * 8);
    r.times.resize(times);
    for (auto& t : r.times) t = in.number();
    const std::uint64_t values = in.u64();
    in.need(values * 8);
    if (values != times * columns)
        throw std::runtime_error(messages::sweep_record_damaged("inconsistent sweep point record"));
    r.values.resize(values);
    for (auto& v : r.values) v = in.number();
    r.metadata = in.string();
    r.run_toml = in.string();
    const std::uint64_t scalars = in.u64();
    in.need(scalars * 16);
    for (std::uint64_t k = 0; k < scalars; ++k) {
        r.scalar_names.push_back(in.string());
        r.scalar_values.push_back(in.number());
    }
    const std::uint64_t modes = in.u64();
    in.need(modes * 24);
    for (std::uint64_t k = 0; k < modes; ++k) {
        r.mode_rates.push_back(in.number());
        r.mode_frequencies.push_back(in.number());
        r.mode_labels.push_back(in.string());
    }
    const std::uint64_t warnings = in.u64();
    in.need(warnings * 8);
    for (std::uint64_t k = 0; k < warnings; ++k) r.warnings.push_back(in.string());
    if (!in.done()) throw std::runtime_error(messages::sweep_record_damaged("trailing bytes in a sweep point record"));
    return r;
}

}  // namespace openspins::sweep
