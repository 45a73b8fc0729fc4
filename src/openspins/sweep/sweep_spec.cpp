#include "openspins/sweep/sweep_spec.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "openspins/checksum.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/config/toml_access.hpp"
#include "openspins/errors.hpp"

namespace openspins::sweep {

namespace {

using namespace config_detail;
namespace fs = std::filesystem;

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ModelError(messages::cannot_open(path));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw ModelError(messages::cannot_open(path));
    return text.str();
}

std::string default_name(const std::string& key) {
    std::string name;
    for (const char c : key) {
        if (c == '"' || c == '\'' || c == ']') continue;
        name += (c == '.' || c == '[' || c == ' ') ? '_' : c;
    }
    return name;
}

AxisKind kind_of(const toml::node& node) {
    if (node.is_integer()) return AxisKind::integer;
    if (node.is_floating_point()) return AxisKind::number;
    if (node.is_string()) return AxisKind::string;
    return AxisKind::boolean;
}

// values = [...]: numbers (integers stay integers unless a float is among them), strings,
// booleans, or arrays of numbers all of one length (e.g. Bloch vectors).
void read_list(const TableReader& t, Axis& axis) {
    const Source& source = t.source();
    const std::string path = t.path_of("values");
    const toml::array& list = to_array(source, *t.find("values"), path);
    if (list.empty()) t.fail("values", messages::empty_array());
    bool any_float = false, any_int = false, any_string = false, any_bool = false, any_array = false;
    for (std::size_t k = 0; k < list.size(); ++k) {
        const toml::node& v = list[k];
        if (!(v.is_number() || v.is_string() || v.is_boolean() || v.is_array()))
            source.fail(v, element_path(path, k), messages::sweep_mixed_values());
        any_float |= v.is_floating_point();
        any_int |= v.is_integer();
        any_string |= v.is_string();
        any_bool |= v.is_boolean();
        any_array |= v.is_array();
    }
    if ((any_float || any_int) + any_string + any_bool + any_array > 1) t.fail("values", messages::sweep_mixed_values());
    axis.kind = any_array ? AxisKind::numbers : any_float ? AxisKind::number : kind_of(list[0]);
    for (std::size_t k = 0; k < list.size(); ++k) {
        const toml::node& v = list[k];
        switch (axis.kind) {
            case AxisKind::number:
                axis.values.emplace_back(to_number(source, v, element_path(path, k)));
                break;
            case AxisKind::integer:
                axis.values.emplace_back(static_cast<long long>(*v.value<std::int64_t>()));
                break;
            case AxisKind::string:
                axis.values.emplace_back(*v.value<std::string>());
                break;
            case AxisKind::boolean:
                axis.values.emplace_back(*v.value<bool>());
                break;
            case AxisKind::numbers: {
                const toml::array& entry = *v.as_array();
                const std::string entry_path = element_path(path, k);
                if (entry.empty()) source.fail(v, entry_path, messages::empty_array());
                const std::size_t length = list[0].as_array()->size();
                if (entry.size() != length) source.fail(v, entry_path, messages::wrong_length(length, entry.size()));
                std::vector<double> numbers;
                for (std::size_t i = 0; i < entry.size(); ++i) {
                    if (!entry[i].is_number()) source.fail(entry[i], element_path(entry_path, i), messages::sweep_mixed_values());
                    numbers.push_back(to_number(source, entry[i], element_path(entry_path, i)));
                }
                axis.values.emplace_back(std::move(numbers));
                break;
            }
        }
    }
}

// range = {start, stop, count}: count points from start to stop inclusive, evenly spaced
// (integers when start, stop and the step are integers); log_range: evenly spaced in log.
void read_range(const TableReader& axis_table, const std::string& key, Axis& axis) {
    const auto t = *axis_table.sub_table(key);
    t.allow_only({"start", "stop", "count"});
    const double start = to_number(t.source(), t.require("start"), t.path_of("start"));
    const double stop = to_number(t.source(), t.require("stop"), t.path_of("stop"));
    const long long count = to_integer(t.source(), t.require("count"), t.path_of("count"));
    if (count < 1) t.fail("count", messages::must_be_at_least(1));
    const bool logarithmic = key == "log_range";
    if (logarithmic) {
        if (!(start > 0)) t.fail("start", messages::must_be_positive());
        if (!(stop > 0)) t.fail("stop", messages::must_be_positive());
    }
    const bool integers =
        !logarithmic && t.find("start")->is_integer() && t.find("stop")->is_integer() &&
        (count == 1 ||
         (*t.find("stop")->value<std::int64_t>() - *t.find("start")->value<std::int64_t>()) % (count - 1) == 0);
    axis.kind = integers ? AxisKind::integer : AxisKind::number;
    for (long long k = 0; k < count; ++k) {
        const double f = count == 1 ? 0.0 : static_cast<double>(k) / static_cast<double>(count - 1);
        double x = logarithmic ? std::exp(std::log(start) + f * (std::log(stop) - std::log(start)))
                               : start + f * (stop - start);
        if (k == 0) x = start;  // the end points exactly as written
        if (k == count - 1 && count > 1) x = stop;
        if (integers)
            axis.values.emplace_back(static_cast<long long>(std::llround(x)));
        else
            axis.values.emplace_back(x);
    }
}

Axis read_axis(const TableReader& t) {
    t.allow_only({"key", "name", "values", "range", "log_range"});
    Axis axis;
    const std::string key = to_string(t.source(), t.require("key"), t.path_of("key"));
    try {
        axis.key = parse_run_override(key + "=0").path;
    } catch (const ConfigError&) {
        throw;
    } catch (const ModelError& e) {
        t.fail("key", messages::sweep_bad_key(key));
    }
    axis.name = t.string(std::string_view("name")).value_or(default_name(axis.key));
    if (axis.name.empty() || axis.name.find('/') != std::string::npos) t.fail("name", messages::bad_name());
    const int given = t.has("values") + t.has("range") + t.has("log_range");
    if (given == 0) t.fail_here(messages::one_of_keys_required({"values", "range", "log_range"}));
    if (given > 1)
        t.fail(
            t.has("values") ? (t.has("range") ? "range" : "log_range") : "log_range",
            messages::exclusive_keys(t.has("values") ? "values" : "range", t.has("log_range") ? "log_range" : "range"));
    const std::string which = t.has("values") ? "values" : t.has("range") ? "range" : "log_range";
    axis.line = line_of(*t.find(which));
    if (which == "values")
        read_list(t, axis);
    else
        read_range(t, which, axis);
    return axis;
}

// [[fit]]: name, observable, model, optional window (from, to) and frequency seed.
FitSpec read_fit(const TableReader& t) {
    t.allow_only({"name", "observable", "model", "from", "to", "frequency"});
    FitSpec fit;
    fit.name = to_string(t.source(), t.require("name"), t.path_of("name"));
    if (fit.name.empty() || fit.name.find('/') != std::string::npos) t.fail("name", messages::bad_name());
    fit.observable = to_string(t.source(), t.require("observable"), t.path_of("observable"));
    fit.model = t.choice("model", {"exponential", "damped_cosine"}).value_or("exponential") == "damped_cosine"
                    ? FitModel::damped_cosine
                    : FitModel::exponential;
    fit.from = t.number_or("from", fit.from);
    fit.to = t.number_or("to", fit.to);
    if (!(fit.from < fit.to)) t.fail("to", messages::sweep_fit_window(fit.from, fit.to));
    if (t.has("frequency")) {
        if (fit.model != FitModel::damped_cosine)
            t.fail("frequency", messages::key_only_for("frequency", "model = \"damped_cosine\""));
        fit.frequency_hint = *t.positive("frequency");
    }
    return fit;
}

// Line k of a string value is line k + offset of the file: a multi-line string whose
// opening quotes end their line starts on the next line (TOML drops that newline).
int text_line_offset(std::string_view text, const toml::source_position& begin) {
    const int line = begin.line > 0 ? static_cast<int>(begin.line) : 1;
    std::size_t pos = 0;
    for (int k = 1; k < line && pos != std::string_view::npos; ++k) pos = text.find('\n', pos) + 1;
    const std::size_t end = text.find('\n', pos);
    const std::string_view rest = text.substr(pos, end == std::string_view::npos ? end : end - pos);
    const std::size_t open = begin.column > 0 ? begin.column - 1 : 0;
    const bool multi_line = rest.substr(open).starts_with("\'\'\'") || rest.substr(open).starts_with("\"\"\"");
    const bool opening_ends_line = multi_line && rest.find_first_not_of(" \t\r", open + 3) == std::string_view::npos;
    return opening_ends_line ? line : line - 1;
}

}  // namespace

std::string toml_text(const AxisValue& value) {
    if (const auto* list = std::get_if<std::vector<double>>(&value)) {
        std::string text = "[";
        for (std::size_t k = 0; k < list->size(); ++k) text += (k ? ", " : "") + toml_text(AxisValue((*list)[k]));
        return text + "]";
    }
    if (const auto* i = std::get_if<long long>(&value)) return std::to_string(*i);
    if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
    if (const auto* d = std::get_if<double>(&value)) {
        // The shortest of 15, 16, 17 significant digits that reads back as the same double.
        char buffer[40];
        for (const int digits : {15, 16, 17}) {
            std::snprintf(buffer, sizeof buffer, "%.*g", digits, *d);
            if (std::strtod(buffer, nullptr) == *d) break;
        }
        std::string text = buffer;
        // A TOML float needs a '.' or an exponent: 2 would read as an integer.
        if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
        return text;
    }
    std::string quotedText = "\"";
    for (const char c : std::get<std::string>(value)) {
        if (c == '"' || c == '\\') quotedText += '\\';
        quotedText += c;
    }
    return quotedText + "\"";
}

std::size_t SweepSpec::point_count() const {
    if (axes.empty()) return 1;
    if (mode == SweepMode::zip) return axes.front().values.size();
    std::size_t n = 1;
    for (const auto& a : axes) n *= a.values.size();
    return n;
}

std::vector<std::size_t> SweepSpec::value_indices(std::size_t point) const {
    std::vector<std::size_t> index(axes.size(), point);
    if (mode == SweepMode::zip) return index;
    for (std::size_t k = axes.size(); k-- > 0;) {
        index[k] = point % axes[k].values.size();
        point /= axes[k].values.size();
    }
    return index;
}

RunOverrides SweepSpec::overrides(std::size_t point) const {
    const auto index = value_indices(point);
    RunOverrides o;
    for (std::size_t k = 0; k < axes.size(); ++k) o.push_back({axes[k].key, toml_text(axes[k].values[index[k]])});
    return o;
}

std::string SweepSpec::label(std::size_t point) const {
    const auto index = value_indices(point);
    std::string out;
    for (std::size_t k = 0; k < axes.size(); ++k) {
        if (k) out += ", ";
        out += axes[k].key;
        out += '=';
        out += toml_text(axes[k].values[index[k]]);
    }
    return out;
}

std::vector<std::size_t> SweepSpec::shape() const {
    if (mode == SweepMode::zip) return {point_count()};
    std::vector<std::size_t> s;
    for (const auto& a : axes) s.push_back(a.values.size());
    return s;
}

std::string SweepSpec::fingerprint() const {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%016llx-%016llx", static_cast<unsigned long long>(fnv1a_64(text)),
                  static_cast<unsigned long long>(fnv1a_64(run_text)));
    return buffer;
}

SweepSpec read_sweep_toml(std::string_view text, const std::string& path) {
    toml::table document;
    try {
        document = toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        const auto line = e.source().begin.line;
        throw ConfigError(path, line > 0 ? static_cast<int>(line) : 1, "(syntax)",
                          messages::toml_syntax(e.description()));
    }
    const Source source(path);
    const TableReader root(source, document, "");
    root.allow_only({"sweep", "axis", "fit", "rates"});
    const auto sweep_table = root.sub_table("sweep");
    if (!sweep_table) root.fail("sweep", messages::missing_key());
    const TableReader& s = *sweep_table;
    s.allow_only({"run", "run_text", "mode", "output"});

    SweepSpec spec;
    spec.path = path;
    spec.text = std::string(text);
    if (s.has("run") && s.has("run_text")) s.fail("run_text", messages::exclusive_keys("run", "run_text"));
    if (s.has("run")) {
        const std::string run = *s.string("run");
        const fs::path resolved = fs::path(path).parent_path() / run;
        if (!fs::is_regular_file(resolved)) s.fail("run", messages::file_not_found(resolved.string()));
        spec.run_source = resolved.lexically_normal().string();
        spec.run_text = read_bytes(spec.run_source);
    } else if (s.has("run_text")) {
        spec.run_source = path;
        spec.run_text = *s.string("run_text");
        spec.run_line_offset = text_line_offset(text, s.find("run_text")->source().begin);
    } else {
        s.fail_here(messages::one_of_keys_required({"run", "run_text"}));
    }
    spec.mode = s.choice("mode", {"grid", "zip"}).value_or("grid") == "zip" ? SweepMode::zip : SweepMode::grid;
    spec.output = s.string(std::string_view("output"))
                      .value_or((fs::path("results") / (fs::path(path).stem().string() + ".h5")).string());

    std::map<std::string, std::string> names, keys;  // → the axis that used it first
    for (const auto& t : table_list(root, "axis")) {
        Axis axis = read_axis(t);
        if (const auto it = keys.find(axis.key); it != keys.end())
            t.fail("key", messages::sweep_duplicate_axis(axis.key, it->second));
        if (const auto it = names.find(axis.name); it != names.end())
            t.fail(t.has("name") ? "name" : "key", messages::sweep_duplicate_axis(axis.name, it->second));
        keys[axis.key] = t.path();
        names[axis.name] = t.path();
        spec.axes.push_back(std::move(axis));
    }
    if (spec.axes.empty()) root.fail("axis", messages::missing_key());
    // Result names (fits) must not clash with each other or with an axis's dimension.
    for (const auto& t : table_list(root, "fit")) {
        FitSpec fit = read_fit(t);
        const std::vector<std::string> produced =
            fit.model == FitModel::damped_cosine
                ? std::vector<std::string>{fit.name, fit.name + "_error", fit.name + "_frequency",
                                           fit.name + "_frequency_error"}
                : std::vector<std::string>{fit.name, fit.name + "_error"};
        for (const auto& name : produced) {
            if (const auto it = names.find(name); it != names.end())
                t.fail("name", messages::sweep_duplicate_result(name, it->second));
            names[name] = t.path();
        }
        spec.fits.push_back(std::move(fit));
    }
    if (const auto rates = root.sub_table("rates")) {
        rates->allow_only({"modes"});
        spec.rates.enabled = true;
        if (const auto modes = rates->integer("modes")) {
            if (*modes < 1) rates->fail("modes", messages::must_be_at_least(1));
            if (*modes > 10000) rates->fail("modes", messages::must_be_at_most(10000));
            spec.rates.modes = static_cast<int>(*modes);
        }
    }
    if (spec.mode == SweepMode::zip) {
        std::string lengths;
        bool equal = true;
        for (const auto& a : spec.axes) {
            lengths += (lengths.empty() ? "" : ", ") + a.name + ": " + std::to_string(a.values.size());
            equal &= a.values.size() == spec.axes.front().values.size();
        }
        if (!equal) source.fail(spec.axes.back().line, "axis", messages::sweep_zip_lengths(lengths));
    }
    return spec;
}

SweepSpec read_sweep_file(const std::string& path) { return read_sweep_toml(read_bytes(path), path); }

}  // namespace openspins::sweep
