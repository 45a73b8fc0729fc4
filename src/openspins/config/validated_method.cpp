#include "openspins/config/validated_method.hpp"

#include <toml++/toml.h>

#include <filesystem>

#include "openspins/errors.hpp"

namespace openspins {

namespace {

struct Located {
    int line = 1;
    std::string key;
};

// Re-parses the text the run was read from (only on this error path) for the line of the
// deciding key: the run's own text, so a run read from memory (the Python module) is located
// like one read from a file, and a file changed since it was read cannot misplace the error.
Located locate(const RunFile& run, bool size_refusal) {
    toml::table doc;
    try {
        doc = toml::parse(run.effective_text, run.path);
    } catch (const toml::parse_error&) {
        return {1, size_refusal ? "spins.count" : "method.name"};
    }
    const auto line_of = [](const toml::node* node) { return node ? static_cast<int>(node->source().begin.line) : 1; };
    if (size_refusal) {
        if (const auto* spins = doc["spins"].as_table()) return {line_of(spins->get("count")), "spins.count"};
        if (const auto* species = doc["species"].as_array(); species && !species->empty())
            if (const auto* first = species->get(0)->as_table())
                return {line_of(first->get("count")), "species[0].count"};
        return {1, "spins.count"};
    }
    if (const auto* method = doc["method"].as_table()) {
        if (const auto* name = method->get("name")) return {line_of(name), "method.name"};
        return {line_of(method), "method"};
    }
    return {1, "method.name"};
}

// The error at the deciding key, naming the override when the key was set by --set.
ConfigError located_error(const RunFile& run, const Located& at, const std::string& what) {
    for (const auto& o : run.overrides)
        if (o.path == at.key) return ConfigError::command_line(run.path, at.key, what);
    return ConfigError(run.path, at.line, at.key, what);
}

// A data file's error under the key that named the file: initial.path, or the path of a
// mixture component. Errors of one line keep the data file's own place
// ("rho.txt:3: initial.path: …"); errors of the whole file are placed at the key in the
// run file and name the data file.
ConfigError locate_data_file_error(const RunFile& run, const DataFileError& e) {
    namespace fs = std::filesystem;
    const std::string& run_path = run.path;
    Located at{1, "initial.path"};
    try {
        const toml::table doc = toml::parse(run.effective_text, run_path);
        const fs::path base = fs::path(run_path).parent_path();
        const auto names_file = [&](const toml::node* node) {
            const auto* value = node ? node->as_string() : nullptr;
            if (!value) return false;
            const fs::path given = value->get();
            return (given.is_absolute() ? given : base / given).lexically_normal() == fs::path(e.file()).lexically_normal();
        };
        if (const auto* initial = doc["initial"].as_table()) {
            if (names_file(initial->get("path"))) {
                at = {static_cast<int>(initial->get("path")->source().begin.line), "initial.path"};
            } else if (const auto* parts = initial->get_as<toml::array>("component")) {
                for (std::size_t k = 0; k < parts->size(); ++k)
                    if (const auto* part = parts->get(k)->as_table(); part && names_file(part->get("path"))) {
                        at = {static_cast<int>(part->get("path")->source().begin.line),
                              "initial.component[" + std::to_string(k) + "].path"};
                        break;
                    }
            }
        }
    } catch (const toml::parse_error&) {
        // The text parsed when it was loaded; keep the default place.
    }
    if (e.line() > 0) return {e.file(), e.line(), at.key, e.detail()};
    return {run_path, at.line, at.key, "'" + e.file() + "': " + e.detail()};
}

}  // namespace

std::unique_ptr<Method> make_validated_method(const RunFile& run) {
    auto method = make_method(run.spec.method);
    try {
        method->validate(run.spec);
    } catch (const ConfigError&) {
        throw;
    } catch (const DataFileError& e) {
        throw locate_data_file_error(run, e);
    } catch (const ResourceError& e) {
        throw located_error(run, locate(run, true), e.what());
    } catch (const ModelError& e) {
        throw located_error(run, locate(run, false), e.what());
    }
    return method;
}

}  // namespace openspins
