#include "openspins/method/checkpoint.hpp"

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "openspins/checksum.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"

namespace openspins {

namespace {

// File layout (native byte order, this machine's doubles): the magic, the payload
// (fingerprint, step, time, next output, series, state; strings and vectors as a
// u64 count then their bytes), then the FNV-1a 64 hash of everything before it.
// Version 01 had no checksum; such a file is refused as damaged.
constexpr char magic[8] = {'O', 'S', 'C', 'K', 'P', 'T', '0', '2'};

class Writer {
public:
    template <typename T>
    void put(const T& value) {
        bytes_.append(reinterpret_cast<const char*>(&value), sizeof(T));
    }
    void put_string(const std::string& s) {
        put(static_cast<std::uint64_t>(s.size()));
        bytes_ += s;
    }
    template <typename T>
    void put_vector(const std::vector<T>& v) {
        put(static_cast<std::uint64_t>(v.size()));
        bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }
    std::string& bytes() { return bytes_; }

private:
    std::string bytes_;
};

// Reads the payload with every count checked against the bytes that remain, so a
// damaged file is reported, never allocated from or read past.
class Reader {
public:
    Reader(const std::string& path, const char* data, std::size_t size) : path_(path), data_(data), size_(size) {}
    template <typename T>
    T get() {
        need(sizeof(T));
        T value{};
        std::memcpy(&value, data_ + at_, sizeof(T));
        at_ += sizeof(T);
        return value;
    }
    std::string get_string() {
        const auto n = count(1);
        std::string s(data_ + at_, n);
        at_ += n;
        return s;
    }
    template <typename T>
    std::vector<T> get_vector() {
        const auto n = count(sizeof(T));
        std::vector<T> v(n);
        if (n) std::memcpy(v.data(), data_ + at_, n * sizeof(T));
        at_ += n * sizeof(T);
        return v;
    }
    [[nodiscard]] bool at_end() const { return at_ == size_; }
    // A u64 count of elements of `element` bytes, checked against what remains.
    std::size_t count(std::size_t element) {
        const auto n = get<std::uint64_t>();
        if (n > (size_ - at_) / element) fail();
        return static_cast<std::size_t>(n);
    }

private:
    void need(std::size_t n) const {
        if (n > size_ - at_) fail();
    }
    [[noreturn]] void fail() const { throw ModelError(messages::checkpoint_corrupt(path_, "truncated")); }

    const std::string& path_;
    const char* data_;
    std::size_t size_;
    std::size_t at_ = 0;
};

std::string temporary_name(const std::string& path) { return path + ".writing"; }

// The fields of a fingerprint "key=value;key=value" that differ, for the refusal message.
std::string fingerprint_difference(const std::string& found, const std::string& expected) {
    const auto fields = [](const std::string& f) {
        std::vector<std::pair<std::string, std::string>> out;
        std::size_t start = 0;
        while (start <= f.size()) {
            const auto end = std::min(f.find(';', start), f.size());
            const auto item = f.substr(start, end - start);
            const auto eq = item.find('=');
            if (eq != std::string::npos) out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
            start = end + 1;
        }
        return out;
    };
    std::string detail;
    const auto a = fields(found);
    for (const auto& [key, value] : fields(expected)) {
        std::string theirs = "?";
        for (const auto& [k, v] : a)
            if (k == key) theirs = v;
        if (theirs != value) detail += (detail.empty() ? "" : ", ") + key + " " + theirs + " ≠ " + value;
    }
    return detail.empty() ? "different fingerprint" : detail;
}

}  // namespace

void remove_checkpoint(const std::string& path) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    std::filesystem::remove(temporary_name(path), ignored);
}

void write_checkpoint(const std::string& path, const Checkpoint& c) {
    Writer w;
    w.bytes().append(magic, sizeof magic);
    w.put_string(c.fingerprint);
    w.put(static_cast<std::uint64_t>(c.step));
    w.put(c.time);
    w.put(static_cast<std::uint64_t>(c.next_output));
    w.put(static_cast<std::uint64_t>(c.series.columns.size()));
    for (const auto& name : c.series.columns) w.put_string(name);
    w.put_vector(c.series.time);
    w.put_vector(c.series.step);
    for (const auto& row : c.series.values) w.put_vector(row);
    w.put_vector(c.state);
    w.put(fnv1a_64(w.bytes()));

    const std::string temporary = temporary_name(path);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(w.bytes().data(), static_cast<std::streamsize>(w.bytes().size()));
        out.close();
        if (!out) throw std::runtime_error(messages::checkpoint_write_failed(temporary));
    }
    std::filesystem::rename(temporary, path);
}

std::optional<Checkpoint> read_checkpoint(const std::string& path, const std::string& fingerprint) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() < sizeof magic || std::memcmp(bytes.data(), magic, sizeof magic) != 0)
        throw ModelError(messages::checkpoint_corrupt(path, "not an openspins checkpoint of this version"));
    std::uint64_t stored = 0;
    if (bytes.size() < sizeof magic + sizeof stored) throw ModelError(messages::checkpoint_corrupt(path, "truncated"));
    const std::size_t payload_end = bytes.size() - sizeof stored;
    std::memcpy(&stored, bytes.data() + payload_end, sizeof stored);
    if (stored != fnv1a_64(std::string_view(bytes).substr(0, payload_end)))
        throw ModelError(messages::checkpoint_corrupt(path, "checksum mismatch"));

    Reader r(path, bytes.data() + sizeof magic, payload_end - sizeof magic);
    Checkpoint c;
    c.fingerprint = r.get_string();
    if (c.fingerprint != fingerprint)
        throw ModelError(messages::checkpoint_foreign(path, fingerprint_difference(c.fingerprint, fingerprint)));
    c.step = r.get<std::uint64_t>();
    c.time = r.get<double>();
    c.next_output = r.get<std::uint64_t>();
    c.series.columns.resize(r.count(sizeof(std::uint64_t)));  // each name takes at least its count
    for (auto& name : c.series.columns) name = r.get_string();
    c.series.time = r.get_vector<double>();
    c.series.step = r.get_vector<int>();
    if (c.series.step.size() != c.series.time.size())
        throw ModelError(messages::checkpoint_corrupt(path, "inconsistent rows"));
    for (std::size_t row = 0; row < c.series.time.size(); ++row) {
        c.series.values.push_back(r.get_vector<double>());
        if (c.series.values.back().size() != c.series.columns.size())
            throw ModelError(messages::checkpoint_corrupt(path, "inconsistent rows"));
    }
    c.state = r.get_vector<double>();
    if (!r.at_end()) throw ModelError(messages::checkpoint_corrupt(path, "trailing bytes"));
    return c;
}

}  // namespace openspins
