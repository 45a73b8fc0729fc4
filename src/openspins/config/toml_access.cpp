#include "openspins/config/toml_access.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"

namespace openspins::config_detail {

namespace {

std::string_view type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string:
            return "a string";
        case toml::node_type::integer:
            return "an integer";
        case toml::node_type::floating_point:
            return "a float";
        case toml::node_type::boolean:
            return "a boolean";
        case toml::node_type::table:
            return "a table";
        case toml::node_type::array:
            return "an array";
        case toml::node_type::date:
            return "a date";
        case toml::node_type::time:
            return "a time";
        case toml::node_type::date_time:
            return "a date-time";
        case toml::node_type::none:
            break;
    }
    return "nothing";
}

bool is_bare_key(std::string_view key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
}

int line_of_region(const toml::source_region& region) {
    return region.begin.line > 0 ? static_cast<int>(region.begin.line) : 1;
}

}  // namespace

bool Source::overridden(std::string_view key_path) const {
    return std::any_of(overridden_.begin(), overridden_.end(), [&](const std::string& o) {
        return key_path.starts_with(o) &&
               (key_path.size() == o.size() || key_path[o.size()] == '.' || key_path[o.size()] == '[');
    });
}

void Source::fail(int line, const std::string& key_path, const std::string& what) const {
    if (overridden(key_path)) throw ConfigError::command_line(file_, key_path, what);
    throw ConfigError(file_, line, key_path, what);
}

void Source::fail(const toml::node& at, const std::string& key_path, const std::string& what) const {
    fail(line_of(at), key_path, what);
}

int line_of(const toml::node& node) { return line_of_region(node.source()); }
int line_of(const toml::key& key) { return line_of_region(key.source()); }

std::string child_path(const std::string& parent, std::string_view key) {
    std::string path = parent;
    if (!path.empty()) path += '.';
    if (is_bare_key(key)) {
        path += key;
    } else {
        path += '"';
        path += key;
        path += '"';
    }
    return path;
}

std::string element_path(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

double to_number(const Source& source, const toml::node& node, const std::string& path) {
    double value = 0.0;
    if (const auto* f = node.as_floating_point())
        value = f->get();
    else if (const auto* i = node.as_integer())
        value = static_cast<double>(i->get());
    else
        source.fail(node, path, messages::wrong_type("a number", type_name(node)));
    if (!std::isfinite(value)) source.fail(node, path, messages::not_finite());
    return value;
}

long long to_integer(const Source& source, const toml::node& node, const std::string& path) {
    const auto* i = node.as_integer();
    if (!i) source.fail(node, path, messages::wrong_type("an integer", type_name(node)));
    return static_cast<long long>(i->get());
}

std::string to_string(const Source& source, const toml::node& node, const std::string& path) {
    const auto* s = node.as_string();
    if (!s) source.fail(node, path, messages::wrong_type("a string", type_name(node)));
    return s->get();
}

bool to_bool(const Source& source, const toml::node& node, const std::string& path) {
    const auto* b = node.as_boolean();
    if (!b) source.fail(node, path, messages::wrong_type("a boolean (true or false)", type_name(node)));
    return b->get();
}

const toml::table& to_table(const Source& source, const toml::node& node, const std::string& path) {
    const auto* t = node.as_table();
    if (!t) source.fail(node, path, messages::wrong_type("a table", type_name(node)));
    return *t;
}

const toml::array& to_array(const Source& source, const toml::node& node, const std::string& path) {
    const auto* a = node.as_array();
    if (!a) source.fail(node, path, messages::wrong_type("an array", type_name(node)));
    return *a;
}

std::vector<double> to_number_list(const Source& source, const toml::node& node, const std::string& path) {
    const auto& array = to_array(source, node, path);
    std::vector<double> values;
    values.reserve(array.size());
    for (std::size_t k = 0; k < array.size(); ++k) values.push_back(to_number(source, array[k], element_path(path, k)));
    return values;
}

void TableReader::allow_only(std::initializer_list<std::string_view> allowed) const {
    allow_only(std::vector<std::string>(allowed.begin(), allowed.end()));
}

void TableReader::allow_only(const std::vector<std::string>& allowed) const {
    for (auto&& [key, node] : *table_) {
        (void)node;
        if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end())
            source_->fail(line_of(key), path_of(key.str()), messages::unknown_key(key.str(), allowed));
    }
}

const toml::node& TableReader::require(std::string_view key) const {
    const toml::node* node = find(key);
    if (!node) source_->fail(line(), path_of(key), messages::missing_key());
    return *node;
}

void TableReader::fail(std::string_view key, const std::string& what) const {
    const toml::node* node = find(key);
    source_->fail(node ? line_of(*node) : line(), path_of(key), what);
}

void TableReader::fail_here(const std::string& what) const {
    source_->fail(line(), path_.empty() ? std::string("(top level)") : path_, what);
}

std::optional<double> TableReader::number(std::string_view key) const {
    const toml::node* node = find(key);
    if (!node) return std::nullopt;
    return to_number(*source_, *node, path_of(key));
}

std::optional<long long> TableReader::integer(std::string_view key) const {
    const toml::node* node = find(key);
    if (!node) return std::nullopt;
    return to_integer(*source_, *node, path_of(key));
}

std::optional<std::string> TableReader::string(std::string_view key) const {
    const toml::node* node = find(key);
    if (!node) return std::nullopt;
    return to_string(*source_, *node, path_of(key));
}

std::optional<bool> TableReader::boolean(std::string_view key) const {
    const toml::node* node = find(key);
    if (!node) return std::nullopt;
    return to_bool(*source_, *node, path_of(key));
}

double TableReader::number_or(std::string_view key, double fallback) const { return number(key).value_or(fallback); }

std::string TableReader::string_or(std::string_view key, std::string fallback) const {
    auto value = string(key);
    return value ? std::move(*value) : std::move(fallback);
}

std::optional<double> TableReader::positive(std::string_view key) const {
    const auto value = number(key);
    if (value && !(*value > 0.0)) fail(key, messages::must_be_positive());
    return value;
}

std::optional<double> TableReader::non_negative(std::string_view key) const {
    const auto value = number(key);
    if (value && *value < 0.0) fail(key, messages::must_be_non_negative());
    return value;
}

std::optional<std::string> TableReader::choice(std::string_view key, const std::vector<std::string>& allowed) const {
    auto value = string(key);
    if (value && std::find(allowed.begin(), allowed.end(), *value) == allowed.end())
        fail(key, messages::not_one_of(*value, allowed));
    return value;
}

std::optional<TableReader> TableReader::sub_table(std::string_view key) const {
    const toml::node* node = find(key);
    if (!node) return std::nullopt;
    return TableReader(*source_, to_table(*source_, *node, path_of(key)), path_of(key));
}

std::vector<TableReader> table_list(const TableReader& parent, std::string_view key) {
    std::vector<TableReader> tables;
    const toml::node* node = parent.find(key);
    if (!node) return tables;
    const std::string path = parent.path_of(key);
    const auto& list = to_array(parent.source(), *node, path);
    for (std::size_t k = 0; k < list.size(); ++k) {
        const std::string element = element_path(path, k);
        tables.emplace_back(parent.source(), to_table(parent.source(), list[k], element), element);
    }
    return tables;
}

}  // namespace openspins::config_detail
