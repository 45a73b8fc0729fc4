#include "openspins/config/config_reader.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "openspins/config/messages.hpp"
#include "openspins/config/read_baths.hpp"
#include "openspins/config/sections.hpp"
#include "openspins/config/toml_to_json.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/method.hpp"

namespace openspins {

namespace {

using namespace config_detail;

toml::table parse_document(std::string_view text, const std::string& source_name) {
    try {
        return toml::parse(text, source_name);
    } catch (const toml::parse_error& e) {
        const auto line = e.source().begin.line;
        throw ConfigError(source_name, line > 0 ? static_cast<int>(line) : 1, "(syntax)",
                          messages::toml_syntax(e.description()));
    }
}

}  // namespace

RunFile load_run_toml(std::string_view text, const std::string& source_name, const RunOverrides& overrides) {
    toml::table document = parse_document(text, source_name);
    Source source(source_name);
    for (const auto& o : overrides) source.add_overridden(o.path);
    apply_overrides(document, overrides, source);
    const TableReader root(source, document, "");
    root.allow_only(
        {"title", "method", "spins", "species", "hamiltonian", "channel", "bath", "coupling", "cavity", "initial",
         "time", "protocol", "output"});
    const std::filesystem::path file(source_name);

    RunFile run;
    run.path = source_name;
    run.title = root.string_or("title", "");
    RunSpec& spec = run.spec;
    read_method(root, spec);
    // Methods such as dicke read symbolic forms only: no monomial expansion, N may exceed 64.
    const auto method = make_method(spec.method);
    const bool symbolic =
        !(root.sub_table("cavity") ? method->reads_spin_operators_with_mode() : method->reads_spin_operators());
    spec.model.spins = read_spins(root, symbolic);
    NameRegistry names;
    spec.model.hamiltonian = read_hamiltonian(root, spec.model.spins, names, symbolic);
    spec.model.channels = read_channels(root, spec.model.spins, names, symbolic);
    spec.model.environment = read_baths(root, spec, file.parent_path());
    spec.model.cavity = read_cavity(root, spec);
    spec.model.initial = read_initial(root, spec.model.spins, file.parent_path());
    spec.protocol = read_protocol(root, spec.model);
    read_time(root, spec);
    run.output = read_output(root, (std::filesystem::path("results") / file.stem()).string(), spec, symbolic);
    run.config = toml_to_json(document);
    run.overrides = overrides;
    run.effective_text = effective_run_text(text, overrides);
    return run;
}

RunFile load_run_file(const std::string& path, const RunOverrides& overrides) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ModelError(messages::cannot_open(path));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw ModelError(messages::cannot_open(path));
    return load_run_toml(text.str(), path, overrides);
}

RunSpec read_run_file(const std::string& path) { return load_run_file(path).spec; }

RunSpec read_run_toml(std::string_view text, const std::string& source_name) {
    return load_run_toml(text, source_name).spec;
}

}  // namespace openspins
