#include "openspins/method/checkpoint.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "openspins/errors.hpp"

namespace openspins {

namespace {

constexpr char magic[8] = {'O', 'S', 'C', 'K', 'P', 'T', '0', '1'};

template <typename T>
void put(std::ofstream& out, const T& value) {
    out.write(reinterpret_cast<const char*>(&value), sizeof(T));
}
void put_string(std::ofstream& out, const std::string& s) {
    put(out, static_cast<std::uint64_t>(s.size()));
    out.write(s.data(), static_cast<std::streamsize>(s.size()));
}
template <typename T>
void put_vector(std::ofstream& out, const std::vector<T>& v) {
    put(out, static_cast<std::uint64_t>(v.size()));
    out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
}

template <typename T>
T get(std::ifstream& in) {
    T value{};
    in.read(reinterpret_cast<char*>(&value), sizeof(T));
    return value;
}
std::string get_string(std::ifstream& in) {
    std::string s(get<std::uint64_t>(in), '\0');
    in.read(s.data(), static_cast<std::streamsize>(s.size()));
    return s;
}
template <typename T>
std::vector<T> get_vector(std::ifstream& in) {
    std::vector<T> v(get<std::uint64_t>(in));
    in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
    return v;
}

}  // namespace

namespace {
std::string temporary_name(const std::string& path) { return path + ".writing"; }
}  // namespace

void remove_checkpoint(const std::string& path) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    std::filesystem::remove(temporary_name(path), ignored);
}

void write_checkpoint(const std::string& path, const Checkpoint& c) {
    const std::string temporary = temporary_name(path);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(magic, sizeof magic);
        put_string(out, c.fingerprint);
        put(out, static_cast<std::uint64_t>(c.step));
        put(out, c.time);
        put(out, static_cast<std::uint64_t>(c.next_output));
        put(out, static_cast<std::uint64_t>(c.series.columns.size()));
        for (const auto& name : c.series.columns) put_string(out, name);
        put_vector(out, c.series.time);
        put_vector(out, c.series.step);
        for (const auto& row : c.series.values) put_vector(out, row);
        put_vector(out, c.state);
        if (!out) throw std::runtime_error("cannot write checkpoint " + temporary);
    }
    std::filesystem::rename(temporary, path);
}

std::optional<Checkpoint> read_checkpoint(const std::string& path, const std::string& fingerprint) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    char head[sizeof magic];
    in.read(head, sizeof head);
    if (!in || !std::equal(head, head + sizeof head, magic)) throw ModelError(path + ": not an openspins checkpoint");
    Checkpoint c;
    c.fingerprint = get_string(in);
    if (c.fingerprint != fingerprint) return std::nullopt;
    c.step = get<std::uint64_t>(in);
    c.time = get<double>(in);
    c.next_output = get<std::uint64_t>(in);
    c.series.columns.resize(get<std::uint64_t>(in));
    for (auto& name : c.series.columns) name = get_string(in);
    c.series.time = get_vector<double>(in);
    c.series.step = get_vector<int>(in);
    for (std::size_t r = 0; r < c.series.time.size(); ++r) c.series.values.push_back(get_vector<double>(in));
    c.state = get_vector<double>(in);
    if (!in) throw ModelError(path + ": truncated checkpoint");
    return c;
}

}  // namespace openspins
