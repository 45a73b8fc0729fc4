// Typed, located access to a parsed TOML document (internal to the config reader).
//
// Every read goes through here so every failure becomes the same
// ConfigError(file, line, key path, what): the line is toml++'s source line of the
// offending value (of the key for unknown keys, of the enclosing table for missing
// keys), the key path is spelled as a user would write it: `channel[1].rate`,
// `hamiltonian.coupling[0].pairs[2]`, `output.custom."my obs"`.
#pragma once

#include <toml++/toml.h>

#include "openspins/config/run_overrides.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openspins::config_detail {

// The file errors are reported against, and the key paths set on the command line
// (--set, run_overrides.hpp): an error at or below one of those names the override
// ("--set channel[0].rate: must be ≥ 0") instead of a line of the file.
class Source {
public:
    explicit Source(std::string file) : file_(std::move(file)) {}
    [[nodiscard]] const std::string& file() const { return file_; }
    void add_overridden(std::string key_path) { overridden_.push_back(std::move(key_path)); }
    // True when `key_path` is an overridden path or lies below one.
    [[nodiscard]] bool overridden(std::string_view key_path) const;
    [[noreturn]] void fail(int line, const std::string& key_path, const std::string& what) const;
    [[noreturn]] void fail(const toml::node& at, const std::string& key_path, const std::string& what) const;

private:
    std::string file_;
    std::vector<std::string> overridden_;
};

// 1-based line where a node starts (1 when toml++ has no position for it).
int line_of(const toml::node& node);
int line_of(const toml::key& key);

// `parent.key` (key quoted when it is not a bare TOML key) and `parent[index]`.
std::string child_path(const std::string& parent, std::string_view key);
std::string element_path(const std::string& parent, std::size_t index);

// Conversions of one value; `path` names it in errors. Numbers accept TOML
// integers and floats and reject inf and nan.
double to_number(const Source& source, const toml::node& node, const std::string& path);
long long to_integer(const Source& source, const toml::node& node, const std::string& path);
std::string to_string(const Source& source, const toml::node& node, const std::string& path);
bool to_bool(const Source& source, const toml::node& node, const std::string& path);
const toml::table& to_table(const Source& source, const toml::node& node, const std::string& path);
const toml::array& to_array(const Source& source, const toml::node& node, const std::string& path);
// [x, y, z] of finite numbers.
std::vector<double> to_number_list(const Source& source, const toml::node& node, const std::string& path);

// One table of the document with its key path. Readers take the keys they know,
// and allow_only() rejects the rest so a misspelt key never passes silently.
class TableReader {
public:
    TableReader(const Source& source, const toml::table& table, std::string path)
        : source_(&source), table_(&table), path_(std::move(path)) {}

    [[nodiscard]] const Source& source() const { return *source_; }
    [[nodiscard]] const toml::table& table() const { return *table_; }
    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] int line() const { return line_of(*table_); }

    // Fails on the first key not in `allowed`, listing the allowed ones.
    void allow_only(std::initializer_list<std::string_view> allowed) const;
    void allow_only(const std::vector<std::string>& allowed) const;

    [[nodiscard]] bool has(std::string_view key) const { return table_->get(key) != nullptr; }
    [[nodiscard]] const toml::node* find(std::string_view key) const { return table_->get(key); }
    // The node of a required key; fails at the table's line when it is missing.
    [[nodiscard]] const toml::node& require(std::string_view key) const;
    [[nodiscard]] std::string path_of(std::string_view key) const { return child_path(path_, key); }
    // Error at `key` (its value's line, or the table's line when absent).
    [[noreturn]] void fail(std::string_view key, const std::string& what) const;
    // Error about the table as a whole.
    [[noreturn]] void fail_here(const std::string& what) const;

    [[nodiscard]] std::optional<double> number(std::string_view key) const;
    [[nodiscard]] std::optional<long long> integer(std::string_view key) const;
    [[nodiscard]] std::optional<std::string> string(std::string_view key) const;
    [[nodiscard]] std::optional<bool> boolean(std::string_view key) const;
    [[nodiscard]] double number_or(std::string_view key, double fallback) const;
    [[nodiscard]] std::string string_or(std::string_view key, std::string fallback) const;
    // A number that must be > 0 (positive) or ≥ 0 (non_negative) when present.
    [[nodiscard]] std::optional<double> positive(std::string_view key) const;
    [[nodiscard]] std::optional<double> non_negative(std::string_view key) const;
    // A string from a fixed set, failing with the set listed.
    [[nodiscard]] std::optional<std::string> choice(std::string_view key,
                                                    const std::vector<std::string>& allowed) const;
    // A sub-table, or nullopt when absent.
    [[nodiscard]] std::optional<TableReader> sub_table(std::string_view key) const;

private:
    const Source* source_;
    const toml::table* table_;
    std::string path_;
};

// Each entry of the array of tables at `parent.key` (none when absent), as a TableReader.
std::vector<TableReader> table_list(const TableReader& parent, std::string_view key);

// Applies command-line overrides in order to the parsed run file (run_overrides.cpp):
// missing keys and tables are created; an index beyond an array or a key below a plain
// value is a ConfigError naming the override.
void apply_overrides(toml::table& document, const RunOverrides& overrides, const Source& source);

}  // namespace openspins::config_detail
