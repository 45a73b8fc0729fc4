#include "openspins/config/validated_method.hpp"

#include <toml++/toml.h>

#include "openspins/errors.hpp"

namespace openspins {

namespace {

struct Located {
    int line = 1;
    std::string key;
};

// Re-reads the file (only on this error path) for the line of the deciding key.
Located locate(const std::string& path, bool size_refusal) {
    toml::table doc;
    try {
        doc = toml::parse_file(path);
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

}  // namespace

std::unique_ptr<Method> make_validated_method(const RunFile& run) {
    auto method = make_method(run.spec.method);
    try {
        method->validate(run.spec);
    } catch (const ConfigError&) {
        throw;
    } catch (const ResourceError& e) {
        throw located_error(run, locate(run.path, true), e.what());
    } catch (const ModelError& e) {
        throw located_error(run, locate(run.path, false), e.what());
    }
    return method;
}

}  // namespace openspins
