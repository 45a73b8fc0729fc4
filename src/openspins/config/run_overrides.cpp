#include "openspins/config/run_overrides.hpp"

#include <cctype>
#include <charconv>

#include "openspins/config/messages.hpp"
#include "openspins/config/toml_access.hpp"
#include "openspins/errors.hpp"

namespace openspins {

namespace {

using config_detail::child_path;
using config_detail::element_path;

bool is_bare_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

std::string spelled(const std::vector<KeyPathStep>& steps, std::size_t count) {
    std::string path;
    for (std::size_t k = 0; k < count; ++k)
        path = steps[k].is_index ? element_path(path, steps[k].index) : child_path(path, steps[k].key);
    return path;
}

std::string_view trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// The value as a TOML node: parsed as the right-hand side of `key = value`, or the
// text itself as a string when it does not parse and does not look like a quoted or
// structured value (so `--set method.name=dicke` needs no shell quoting).
toml::node_view<toml::node> parse_value(toml::table& holder, const RunOverride& o,
                                        const config_detail::Source& source) {
    const std::string_view text = trimmed(o.value);
    try {
        holder = toml::parse("value = " + std::string(text) + "\n", "--set " + o.path);
    } catch (const toml::parse_error& e) {
        const bool structured =
            !text.empty() && (text[0] == '[' || text[0] == '{' || text[0] == '"' || text[0] == '\'');
        if (structured) throw ConfigError::command_line(source.file(), o.path, messages::toml_syntax(e.description()));
        holder = toml::table{};
        holder.insert("value", std::string(text));
    }
    return holder["value"];
}

void apply_one(toml::table& document, const RunOverride& o, const config_detail::Source& source) {
    const std::vector<KeyPathStep> steps = parse_key_path(o.path, override_text(o));
    toml::table holder;
    toml::node& value = *parse_value(holder, o, source).node();
    const auto fail = [&](std::size_t upto, const std::string& what) {
        throw ConfigError::command_line(source.file(), spelled(steps, upto), what);
    };

    toml::node* here = &document;
    for (std::size_t k = 0; k < steps.size(); ++k) {
        const KeyPathStep& step = steps[k];
        const bool last = k + 1 == steps.size();
        if (step.is_index) {
            toml::array* array = here->as_array();
            if (!array) fail(k, messages::override_not_array(step.index));
            if (step.index >= array->size()) fail(k + 1, messages::override_index_beyond(step.index, array->size()));
            if (last) {
                array->replace(array->cbegin() + static_cast<std::ptrdiff_t>(step.index), std::move(value));
                return;
            }
            here = array->get(step.index);
        } else {
            toml::table* table = here->as_table();
            if (!table) {
                if (here->is_array_of_tables()) fail(k, messages::override_needs_index(spelled(steps, k)));
                fail(k, messages::override_not_table(step.key));
            }
            if (last) {
                table->insert_or_assign(step.key, std::move(value));
                return;
            }
            toml::node* child = table->get(step.key);
            // A valid key the file leaves out may sit in a table the file leaves out too.
            if (!child) child = &table->insert(step.key, toml::table{}).first->second;
            here = child;
        }
    }
}

}  // namespace

std::vector<KeyPathStep> parse_key_path(std::string_view path, std::string_view argument) {
    const auto bad = [&](const std::string& why) -> void { throw ModelError(messages::bad_override(argument, why)); };
    std::vector<KeyPathStep> steps;
    std::size_t k = 0;
    bool expect_key = true;  // at the start and after '.'
    while (k < path.size()) {
        const char c = path[k];
        if (c == ' ' || c == '\t') {  // TOML allows blanks around the dots of a dotted key
            ++k;
            continue;
        }
        if (expect_key) {
            KeyPathStep step;
            if (c == '"' || c == '\'') {
                const std::size_t close = path.find(c, k + 1);
                if (close == std::string_view::npos) bad("unclosed quote in the key");
                step.key = std::string(path.substr(k + 1, close - k - 1));
                k = close + 1;
            } else {
                const std::size_t start = k;
                while (k < path.size() && is_bare_char(path[k])) ++k;
                if (k == start) bad("expected a key at position " + std::to_string(start + 1));
                step.key = std::string(path.substr(start, k - start));
            }
            steps.push_back(std::move(step));
            expect_key = false;
        } else if (c == '.') {
            expect_key = true;
            ++k;
        } else if (c == '[') {
            const std::size_t close = path.find(']', k);
            if (close == std::string_view::npos) bad("unclosed '['");
            const std::string_view digits = path.substr(k + 1, close - k - 1);
            KeyPathStep step;
            step.is_index = true;
            const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), step.index);
            if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size())
                bad("an index must be a non-negative integer, found '" + std::string(digits) + "'");
            steps.push_back(std::move(step));
            k = close + 1;
        } else {
            bad("expected '.' or '[' at position " + std::to_string(k + 1));
        }
    }
    if (steps.empty() || expect_key) bad("the key path is empty or ends with '.'");
    return steps;
}

RunOverride parse_run_override(std::string_view argument) {
    // The first '=' outside a quoted key ends the path: output.custom."a=b"=Jz.
    char quote = 0;
    std::size_t equals = std::string_view::npos;
    for (std::size_t k = 0; k < argument.size() && equals == std::string_view::npos; ++k) {
        const char c = argument[k];
        if (quote)
            quote = c == quote ? 0 : quote;
        else if (c == '"' || c == '\'')
            quote = c;
        else if (c == '=')
            equals = k;
    }
    if (equals == std::string_view::npos) throw ModelError(messages::bad_override(argument, "expected key=value"));
    const auto steps = parse_key_path(trimmed(argument.substr(0, equals)), argument);
    return {spelled(steps, steps.size()), std::string(argument.substr(equals + 1))};
}

RunOverrides parse_run_overrides(const std::vector<std::string>& arguments) {
    RunOverrides overrides;
    overrides.reserve(arguments.size());
    for (const auto& a : arguments) overrides.push_back(parse_run_override(a));
    return overrides;
}

std::string override_text(const RunOverride& o) { return o.path + "=" + o.value; }

std::string effective_run_text(std::string_view file_text, const RunOverrides& overrides) {
    std::string text(file_text);
    if (overrides.empty()) return text;
    if (!text.empty() && text.back() != '\n') text += '\n';
    for (const auto& o : overrides) text += "# --set " + override_text(o) + '\n';
    return text;
}

namespace config_detail {

void apply_overrides(toml::table& document, const RunOverrides& overrides, const Source& source) {
    for (const auto& o : overrides) apply_one(document, o, source);
}

}  // namespace config_detail

}  // namespace openspins
