#include "openspins/result/metadata.hpp"

#include <sundials/sundials_config.h>
#include <toml++/impl/version.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <vector>

#include "openspins/version.hpp"

namespace openspins {

namespace {

using nlohmann::json;

// A protocol unrolled from a large `repeat` can have up to 10⁶ steps; beyond this
// many the per-step list would dwarf the rest of the file and is left out.
constexpr std::size_t max_listed_steps = 10000;

#define OPENSPINS_STRINGIFY_(x) #x
#define OPENSPINS_STRINGIFY(x) OPENSPINS_STRINGIFY_(x)

// JSON has no inf/nan; such values (never expected here) are recorded as text.
json number(double x) {
    if (std::isfinite(x)) return x;
    return std::isnan(x) ? "nan" : (x > 0 ? "inf" : "-inf");
}

json solver_json(const RunSpec& spec) {
    const SolverOptions& s = spec.solver;
    return {{"integrator", s.integrator},
            {"rtol", s.rtol},
            {"atol", s.atol},
            {"max_steps", s.max_steps},
            {"max_step_size", s.max_step_size},
            {"max_order", s.max_order},
            {"trace_tolerance", s.trace_tolerance},
            {"steady_state_tolerance", s.steady_state_tolerance},
            {"memory_limit_bytes", s.memory_limit_bytes}};
}

json statistics_json(const RunStatistics& s) {
    return {{"rhs_evaluations", s.rhs_evaluations},
            {"steps", s.steps},
            {"failed_steps", s.failed_steps},
            {"wall_seconds", s.wall_seconds},
            {"state_size", s.state_size},
            {"peak_memory_estimate_bytes", s.peak_memory_estimate},
            {"storage", s.storage}};
}

// Per-spin lists (species members, frequencies, channel rates, pulsed spins) are written out
// up to this length; longer ones are compacted so that metadata.json stays small at N = 10⁶
// (it reached 400 MB): equal values as {"all": v, "count": n}, the indices a, a+1, …, a+n−1
// as {"first": a, "count": n}, anything else in full (docs/config.md, "metadata.json").
constexpr std::size_t max_listed_per_spin = 64;

json spin_indices(const std::vector<int>& spins) {
    const bool contiguous = std::adjacent_find(spins.begin(), spins.end(),
                                               [](int a, int b) { return b != a + 1; }) == spins.end();
    if (spins.size() <= max_listed_per_spin || !contiguous) return spins;
    return {{"first", spins.front()}, {"count", spins.size()}};
}

json per_spin_values(const std::vector<double>& values) {
    const bool equal = std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>()) == values.end();
    if (values.size() > max_listed_per_spin && equal) return {{"all", number(values.front())}, {"count", values.size()}};
    json out = json::array();
    for (double v : values) out.push_back(number(v));
    return out;
}

json model_json(const Model& model) {
    json species = json::array();
    for (const auto& s : model.spins.species())
        species.push_back({{"name", s.name}, {"count", s.count}, {"spins", spin_indices(model.spins.spins_of(s.name))}});
    const json frequencies = per_spin_values(model.spins.frequencies());
    json terms = json::array();
    for (const auto& t : model.hamiltonian)
        terms.push_back({{"name", t.name}, {"kind", t.kind}, {"strength", number(t.strength)}});
    json channels = json::array();
    for (const auto& c : model.channels) {
        std::vector<double> jump_rates;
        for (const auto& j : c.jumps) jump_rates.push_back(j.rate);
        const json rates = per_spin_values(jump_rates);
        channels.push_back({{"name", c.name}, {"kind", c.kind}, {"rates", rates}});
    }
    return {{"spins", model.spins.size()}, {"species", species},
            {"frequencies", frequencies},  {"hamiltonian", terms},
            {"channels", channels},        {"initial", kind_name(model.initial.kind)}};
}

json protocol_json(const Protocol& protocol) {
    json out = {{"total_duration", protocol.total_duration()}, {"step_count", protocol.steps.size()}};
    if (protocol.steps.size() > max_listed_steps) return out;
    json steps = json::array();
    double t = 0.0;
    for (std::size_t k = 0; k < protocol.steps.size(); ++k) {
        const auto& step = protocol.steps[k];
        json entry = {{"index", k}, {"label", step.label}, {"start", t}};
        if (const auto* e = std::get_if<Evolve>(&step.action)) {
            entry["kind"] = "evolve";
            entry["duration"] = e->duration;
            if (!e->scale.empty()) entry["scale"] = e->scale;
            t += e->duration;
        } else {
            const auto& p = std::get<Pulse>(step.action);
            entry["kind"] = "pulse";
            entry["axis"] = p.axis;
            entry["angle"] = p.angle;
            entry["spins"] = spin_indices(p.spins);
        }
        steps.push_back(std::move(entry));
    }
    out["steps"] = std::move(steps);
    return out;
}

// A model parameter that could name the time unit (time_unit()).
struct Scale {
    std::string symbol;
    double value = 0.0;
    std::string quantity;
    bool hamiltonian = false;  // an energy of H (else a rate of the dissipation)
};

// Ω of a drive term: Ω_x Jx + Ω_y Jy in collective letters, or Σ_i ½(Ω_x σ^x_i + Ω_y σ^y_i)
// as matrix units, each off-diagonal one with |coefficient| ½|Ω|.
double drive_frequency(const HamiltonianTerm& term, bool other_frame) {
    if (term.collective) {
        double sum = 0.0;
        for (const auto& m : term.collective->terms())
            if (m.letters.size() == 1) sum += std::norm(m.coeff);
        return std::sqrt(sum) * std::abs(term.strength);
    }
    if (other_frame) return 0.0;  // the operator is written in another basis
    double largest = 0.0;
    for (const auto& m : term.op.terms()) largest = std::max(largest, std::abs(m.coeff));
    return 2.0 * largest * std::abs(term.strength);
}

std::vector<Scale> model_scales(const Model& model) {
    std::vector<Scale> scales;
    const auto add = [&](std::string symbol, double value, std::string quantity, bool hamiltonian) {
        if (std::isfinite(value) && value > 0.0)
            scales.push_back({std::move(symbol), value, std::move(quantity), hamiltonian});
    };
    const bool zeeman = std::any_of(model.hamiltonian.begin(), model.hamiltonian.end(),
                                    [](const auto& t) { return t.kind == "zeeman" && t.strength != 0.0; });
    double omega = 0.0;
    std::string omega_species;
    // A species' centre frequency (a broadening's spread is not the scale), or its largest
    // |ω_i| when the frequencies are listed spin by spin.
    for (const auto& s : model.spins.species()) {
        double w = std::abs(s.frequency);
        if (!s.frequencies.empty())
            for (int i : model.spins.spins_of(s.name)) w = std::max(w, std::abs(model.spins.frequency(i)));
        if (w > omega) {
            omega = w;
            omega_species = s.name;
        }
    }
    if (zeeman)
        add("ω", omega,
            model.spins.species().size() > 1 ? "spin frequency of species '" + omega_species + "'" : "spin frequency",
            true);
    for (const auto& t : model.hamiltonian)
        if (t.kind == "drive")
            add("Ω", drive_frequency(t, model.frame != nullptr), "Rabi frequency of '" + t.name + "'", true);
    for (const auto& t : model.hamiltonian)
        if (t.kind == "zz" || t.kind == "xy" || t.kind == "heisenberg")
            add("J", std::abs(t.strength), "coupling '" + t.name + "'", true);
    if (model.cavity) add("g", std::abs(model.cavity->coupling), "cavity coupling", true);
    for (const auto& c : model.channels) {
        double rate = 0.0;
        for (const auto& j : c.jumps) rate = std::max(rate, j.rate);
        add(c.is_collective() ? "Γ" : "γ", rate, "rate of channel '" + c.name + "'", false);
    }
    if (model.cavity) {
        const Cavity& c = *model.cavity;
        add("κ", c.loss, "cavity loss", false);
        if (!zeeman || omega == 0.0)  // the mode–spin detuning is δ (the seed's rotating frame)
            add("Γ", c.loss * c.coupling * c.coupling / (c.loss * c.loss / 4.0 + c.detuning * c.detuning),
                "bad-cavity collective rate κg²/(κ²/4 + δ²)", false);
    }
    return scales;
}

}  // namespace

json time_unit(const Model& model, const std::string& symbol) {
    std::vector<Scale> scales = model_scales(model);
    if (!symbol.empty()) {
        std::erase_if(scales, [&](const Scale& s) { return s.symbol != symbol; });
        if (scales.empty())  // named by the run file, but no parameter of the model has it
            return {{"symbol", symbol}, {"value", nullptr}, {"quantity", "named by [time] unit"},
                    {"unit", "1/" + symbol}};
    }
    // The file's evident unit: a parameter equal to 1, in the order listed; otherwise the
    // largest energy of H, otherwise the largest rate.
    const auto is_one = [](double v) { return std::abs(v - 1.0) <= 1e-12; };
    const Scale* chosen = nullptr;
    for (const auto& s : scales)
        if (!chosen && is_one(s.value)) chosen = &s;
    for (const bool hamiltonian : {true, false}) {
        if (chosen) break;
        for (const auto& s : scales)
            if (s.hamiltonian == hamiltonian && (!chosen || s.value > chosen->value)) chosen = &s;
    }
    if (!chosen) return {{"symbol", ""}, {"value", nullptr}, {"quantity", ""}, {"unit", "arbitrary units"}};
    std::string unit = "1/" + chosen->symbol;
    if (!is_one(chosen->value)) {
        char inverse[32];
        std::snprintf(inverse, sizeof inverse, "%.4g", 1.0 / chosen->value);
        unit += std::string(" = ") + inverse;
    }
    return {{"symbol", chosen->symbol}, {"value", chosen->value}, {"quantity", chosen->quantity}, {"unit", unit}};
}

json library_versions() {
    json compiler;
#if defined(__clang__)
    compiler = "clang " __clang_version__;
#elif defined(__GNUC__)
    compiler = "gcc " __VERSION__;
#else
    compiler = "unknown";
#endif
    return {{"sundials", SUNDIALS_VERSION},
            {"eigen", OPENSPINS_STRINGIFY(EIGEN_WORLD_VERSION) "." OPENSPINS_STRINGIFY(
                          EIGEN_MAJOR_VERSION) "." OPENSPINS_STRINGIFY(EIGEN_MINOR_VERSION)},
            {"tomlplusplus", OPENSPINS_STRINGIFY(TOML_LIB_MAJOR) "." OPENSPINS_STRINGIFY(
                                 TOML_LIB_MINOR) "." OPENSPINS_STRINGIFY(TOML_LIB_PATCH)},
            {"nlohmann_json", OPENSPINS_STRINGIFY(NLOHMANN_JSON_VERSION_MAJOR) "." OPENSPINS_STRINGIFY(
                                  NLOHMANN_JSON_VERSION_MINOR) "." OPENSPINS_STRINGIFY(NLOHMANN_JSON_VERSION_PATCH)},
            {"compiler", compiler}};
}

std::string utc_timestamp(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

json build_metadata(const RunSpec& spec, const RunResult& result, const RunRecord& record) {
    json libraries = library_versions();
    for (const auto& item : record.extra_libraries.items()) libraries[item.key()] = item.value();
    json notes = json::object();
    for (const auto& [key, value] : result.notes) notes[key] = value;
    return {{"title", record.title},
            {"config_file", record.config_path},
            {"command_line", record.command_line},
            {"started_at", utc_timestamp(record.started)},
            {"wall_seconds", record.wall_seconds},
            {"openspins", {{"version", version}, {"git_revision", git_revision}}},
            {"method", result.method},
            {"solver", solver_json(spec)},
            {"steady_state", spec.steady_state},
            {"statistics", statistics_json(result.stats)},
            {"notes", notes},
            {"columns", result.series.columns},
            {"output_times", spec.output_times.size()},
            {"time_unit", time_unit(spec.model, spec.time_unit_symbol)},
            {"record_steps", spec.record_step_boundaries},
            {"model", model_json(spec.model)},
            {"protocol", protocol_json(spec.protocol)},
            {"output", record.output},
            {"libraries", libraries},
            {"config", record.config}};
}

}  // namespace openspins
