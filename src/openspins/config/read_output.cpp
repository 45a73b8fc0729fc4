// [output]: observables (into RunSpec) and where/how results are written (OutputOptions).
//
// Built-in observables, with S = σ/2 and sums over all spins unless a species is named:
//   Jx Jy Jz  ⟨Σ S^α_i⟩        J2  ⟨J²⟩        JpJm  ⟨J^+ J^-⟩ (J^± = Σ σ^±_i)
//   purity    Tr ρ²            trace  Tr ρ
//   species   Jx[A] Jy[A] Jz[A] J2[A] for every species A
//   spins     sx_i sy_i sz_i = ⟨σ^α_i⟩ for every spin i
// Custom observables are operator expressions; a non-Hermitian one is recorded as
// two columns, name.re and name.im.
#include <algorithm>
#include <set>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/config/sections.hpp"
#include "openspins/model/operator_expression.hpp"
#include "openspins/model/symmetric_forms.hpp"

namespace openspins::config_detail {

namespace {

const std::vector<std::string> builtin_names{"Jx", "Jy", "Jz", "J2", "JpJm", "purity", "trace", "species", "spins"};
const std::vector<std::string> default_observables{"Jx", "Jy", "Jz", "J2", "JpJm", "purity", "trace"};

Observable expectation(std::string name, SpinOperator op) {
    return {std::move(name), Observable::Kind::expectation, std::move(op)};
}

void add_builtin(const std::string& name, const SpinSystem& spins, std::vector<Observable>& out) {
    const auto all = spins.all_spins();
    if (name == "Jx") out.push_back(expectation(name, collective_jx(all)));
    if (name == "Jy") out.push_back(expectation(name, collective_jy(all)));
    if (name == "Jz") out.push_back(expectation(name, collective_jz(all)));
    if (name == "J2") out.push_back(expectation(name, collective_j_squared(all)));
    if (name == "JpJm") out.push_back(expectation(name, collective_jplus(all) * collective_jminus(all)));
    if (name == "purity") out.push_back({name, Observable::Kind::purity, {}});
    if (name == "trace") out.push_back({name, Observable::Kind::trace, {}});
    if (name == "species") {
        for (const auto& s : spins.species()) {
            const auto members = spins.spins_of(s.name);
            const std::string suffix = "[" + s.name + "]";
            out.push_back(expectation("Jx" + suffix, collective_jx(members)));
            out.push_back(expectation("Jy" + suffix, collective_jy(members)));
            out.push_back(expectation("Jz" + suffix, collective_jz(members)));
            out.push_back(expectation("J2" + suffix, collective_j_squared(members)));
        }
    }
    if (name == "spins") {
        for (int i = 0; i < spins.size(); ++i) {
            const std::string index = std::to_string(i);
            out.push_back(expectation("sx_" + index, SpinOperator::sigma_x(i)));
            out.push_back(expectation("sy_" + index, SpinOperator::sigma_y(i)));
            out.push_back(expectation("sz_" + index, SpinOperator::sigma_z(i)));
        }
    }
}

bool is_column_name(const std::string& name) {
    return !name.empty() && name.find_first_of(" \t\r\n,\"'") == std::string::npos;
}

// The CSV columns an observable produces (two for a non-Hermitian expectation).
std::vector<std::string> columns_of(const Observable& o, bool symbolic, int n) {
    if (o.kind == Observable::Kind::expectation &&
        !(symbolic ? is_hermitian_collective(*o.collective, n) : is_hermitian_operator(o.op)))
        return {o.name + ".re", o.name + ".im"};
    return {o.name};
}

// A custom observable's expression as a polynomial (single-spin operators averaged), errors at `key`.
CollectivePolynomial read_collective_observable(const TableReader& t, std::string_view key, const SpinSystem& spins) {
    const std::string text = to_string(t.source(), t.require(key), t.path_of(key));
    try {
        return parse_collective(text, spins, true);
    } catch (const ExpressionError& e) {
        t.fail(key, messages::invalid_expression(text, e.what()));
    }
}

std::vector<std::string> read_string_list(const TableReader& t, std::string_view key) {
    const std::string path = t.path_of(key);
    const auto& list = to_array(t.source(), *t.find(key), path);
    std::vector<std::string> values;
    for (std::size_t k = 0; k < list.size(); ++k)
        values.push_back(to_string(t.source(), list[k], element_path(path, k)));
    return values;
}

}  // namespace

OutputOptions read_output(const TableReader& root, const std::string& default_directory, RunSpec& spec,
                          bool symbolic) {
    OutputOptions output;
    output.directory = default_directory;
    const auto t = root.sub_table("output");
    if (t)
        t->allow_only({"directory", "observables", "custom", "plot", "plot_columns", "final_state",
                       "steady_state_density", "format"});
    const SpinSystem& spins = spec.model.spins;

    std::vector<std::string> requested = default_observables;
    const auto& method_only = symmetric_method_observables();
    const auto is_method_only = [&](const std::string& name) {
        return std::find(method_only.begin(), method_only.end(), name) != method_only.end() ||
               is_fluctuation_observable(name);
    };
    if (t && t->has("observables")) {
        requested = read_string_list(*t, "observables");
        const auto& list = *t->find("observables")->as_array();
        std::vector<std::string> allowed = builtin_names;
        if (symbolic) allowed.insert(allowed.end(), method_only.begin(), method_only.end());
        if (symbolic) allowed.insert(allowed.end(), fluctuation_observables().begin(), fluctuation_observables().end());
        std::set<std::string> seen;
        for (std::size_t k = 0; k < requested.size(); ++k) {
            const std::string path = element_path(t->path_of("observables"), k);
            if (!symbolic && is_fluctuation_observable(requested[k]))
                t->source().fail(list[k], path,
                                 messages::format_message("fluctuation_needs_analytic", {messages::quoted(requested[k])}));
            if (!symbolic && is_method_only(requested[k]))
                t->source().fail(list[k], path, messages::observable_needs_symbolic_method(requested[k]));
            if (std::find(allowed.begin(), allowed.end(), requested[k]) == allowed.end())
                t->source().fail(list[k], path, messages::unknown_observable(requested[k], allowed));
            if (!seen.insert(requested[k]).second)
                t->source().fail(list[k], path, messages::duplicate_observable(requested[k]));
        }
    }
    spec.observables.clear();
    spec.method_observables.clear();
    for (const auto& name : requested) {
        if (is_method_only(name)) {
            spec.method_observables.push_back(name);
            continue;
        }
        // The collective forms ride along (symbolic reading keeps only them).
        auto forms = symbolic_builtin_observables(name, spins);
        const std::size_t first = spec.observables.size();
        if (!symbolic) add_builtin(name, spins, spec.observables);
        for (std::size_t k = 0; k < forms.size(); ++k) {
            if (symbolic)
                spec.observables.push_back(std::move(forms[k]));
            else
                spec.observables[first + k].collective = std::move(forms[k].collective);
        }
    }

    std::vector<std::string> columns;
    for (const auto& o : spec.observables)
        for (auto& c : columns_of(o, symbolic, spins.size())) columns.push_back(std::move(c));
    for (const auto& name : spec.method_observables)
        for (auto& c : symmetric_method_columns(name, spins.size())) columns.push_back(std::move(c));
    if (spec.model.cavity)  // ⟨a†a⟩ and the requested mode columns, added by the method
        for (auto& c : mode_columns(*spec.model.cavity)) columns.push_back(std::move(c));
    std::vector<std::string> custom_columns;

    if (const auto custom = t ? t->sub_table("custom") : std::nullopt) {
        for (auto&& [key, node] : custom->table()) {
            (void)node;
            const std::string name(key.str());
            if (!is_column_name(name))
                custom->source().fail(line_of(key), custom->path_of(name), messages::bad_column_name());
            Observable o;
            if (symbolic) {
                o = {name, Observable::Kind::expectation, {}, read_collective_observable(*custom, name, spins)};
            } else {
                o = expectation(name, read_expression(*custom, name, spins));
                try {  // the collective form, when the expression has one
                    o.collective = parse_collective(*custom->string(name), spins, true);
                } catch (const ExpressionError&) {
                }
            }
            for (auto& c : columns_of(o, symbolic, spins.size())) {
                if (c == "t" || c == "step" || std::find(columns.begin(), columns.end(), c) != columns.end())
                    custom->source().fail(line_of(key), custom->path_of(name), messages::column_clash(c));
                columns.push_back(c);
                custom_columns.push_back(c);
            }
            spec.observables.push_back(std::move(o));
        }
    }
    // Only an explicit empty list can leave nothing to record (the default is never empty).
    if (spec.observables.empty() && spec.method_observables.empty()) t->fail("observables", messages::no_observables());

    if (t && t->has("directory")) {
        output.directory = *t->string("directory");
        if (output.directory.empty()) t->fail("directory", messages::empty_array());
    }
    output.plot = t ? t->boolean("plot").value_or(true) : true;
    // "hdf5": series.h5 beside series.csv (the sweep layout without axes, docs/sweeps.md).
    output.hdf5 = t && t->choice("format", {"csv", "hdf5"}).value_or("csv") == "hdf5";
    // ρ itself, written so that [initial] kind = "file" can start another run from it.
    spec.keep_final_state = t ? t->boolean("final_state").value_or(false) : false;
    spec.keep_steady_state_density = t ? t->boolean("steady_state_density").value_or(false) : false;
    if (spec.model.cavity && t)
        for (const char* key : {"final_state", "steady_state_density"})
            if (t->boolean(key).value_or(false)) t->fail(key, messages::state_file_with_cavity());
    if (spec.keep_steady_state_density && !spec.steady_state)
        t->fail("steady_state_density", messages::steady_state_density_needs_steady_state());
    if (t && t->has("plot_columns")) {
        output.plot_columns = read_string_list(*t, "plot_columns");
        const auto& list = *t->find("plot_columns")->as_array();
        for (std::size_t k = 0; k < output.plot_columns.size(); ++k)
            if (std::find(columns.begin(), columns.end(), output.plot_columns[k]) == columns.end())
                t->source().fail(list[k], element_path(t->path_of("plot_columns"), k),
                                 messages::unknown_plot_column(output.plot_columns[k], columns));
    } else {
        if (std::find(columns.begin(), columns.end(), "Jz") != columns.end()) output.plot_columns.emplace_back("Jz");
        output.plot_columns.insert(output.plot_columns.end(), custom_columns.begin(), custom_columns.end());
        if (output.plot_columns.empty()) output.plot_columns.push_back(columns.front());
    }
    return output;
}

}  // namespace openspins::config_detail
