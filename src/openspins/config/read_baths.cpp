// [[bath]] and [[coupling]]: spectral densities, temperatures, scopes and coupling
// operators (docs/config.md, "Baths and couplings"). Physics in model/bath/.
#include "openspins/config/read_baths.hpp"

#include <algorithm>
#include <cmath>

#include "openspins/config/messages.hpp"
#include "openspins/config/sections.hpp"
#include "openspins/errors.hpp"
#include "openspins/model/bath/drude_lorentz_density.hpp"
#include "openspins/model/bath/form_factor_density.hpp"
#include "openspins/model/bath/lorentzian_density.hpp"
#include "openspins/model/bath/power_law_density.hpp"
#include "openspins/model/bath/sum_density.hpp"
#include "openspins/model/bath/tabulated_density.hpp"
#include "openspins/model/bath/underdamped_density.hpp"

namespace openspins::config_detail {

namespace {

double required_number(const TableReader& t, std::string_view key) {
    (void)t.require(key);
    return *t.number(key);
}

int required_int(const TableReader& t, std::string_view key, long long fallback, bool has_fallback) {
    if (!t.has(key)) {
        if (!has_fallback) (void)t.require(key);
        return static_cast<int>(fallback);
    }
    return static_cast<int>(*t.integer(key));
}

SpectralDensityPtr read_density(const TableReader& t, const std::filesystem::path& base_dir);

SpectralDensityPtr build_density(const TableReader& t, const std::filesystem::path& base_dir) {
    (void)t.require("kind");
    const std::string kind =
        *t.choice("kind", {"ohmic", "power_law", "form_factor", "drude_lorentz", "lorentzian", "table", "sum",
                           "underdamped"});
    if (kind == "underdamped") {  // model/bath/underdamped_density.hpp (heom's underdamped Brownian bath)
        t.allow_only({"kind", "coupling", "frequency", "damping"});
        return std::make_shared<UnderdampedDensity>(required_number(t, "coupling"), required_number(t, "frequency"),
                                                    required_number(t, "damping"));
    }
    if (kind == "ohmic" || kind == "power_law") {
        t.allow_only({"kind", "alpha", "exponent", "cutoff", "cutoff_power"});
        const double exponent = kind == "ohmic" ? t.number_or("exponent", 1.0) : required_number(t, "exponent");
        return std::make_shared<PowerLawDensity>(required_number(t, "alpha"), exponent, required_number(t, "cutoff"),
                                                 required_int(t, "cutoff_power", 1, true));
    }
    if (kind == "form_factor") {
        t.allow_only({"kind", "n", "m", "angular_integral", "omega0"});
        return std::make_shared<FormFactorDensity>(required_int(t, "n", 0, false), required_int(t, "m", 0, false),
                                                   t.number_or("angular_integral", 4.0 * M_PI),
                                                   t.number_or("omega0", 1.0));
    }
    if (kind == "drude_lorentz") {
        t.allow_only({"kind", "reorganisation", "cutoff"});
        return std::make_shared<DrudeLorentzDensity>(required_number(t, "reorganisation"),
                                                     required_number(t, "cutoff"));
    }
    if (kind == "lorentzian") {
        t.allow_only({"kind", "amplitude", "correlation_time"});
        return std::make_shared<LorentzianDensity>(t.number_or("amplitude", 1.0),
                                                   required_number(t, "correlation_time"));
    }
    if (kind == "table") {
        t.allow_only({"kind", "path"});
        (void)t.require("path");
        const std::filesystem::path given(*t.string("path"));
        const std::filesystem::path resolved = given.is_absolute() ? given : base_dir / given;
        if (!std::filesystem::exists(resolved)) t.fail("path", messages::file_not_found(resolved.string()));
        return read_tabulated_density(resolved.string());
    }
    t.allow_only({"kind", "parts"});
    std::vector<SpectralDensityPtr> parts;
    const auto list = table_list(t, "parts");
    if (list.empty()) t.fail("parts", t.has("parts") ? messages::empty_array() : messages::missing_key());
    for (const auto& part : list) parts.push_back(read_density(part, base_dir));
    return std::make_shared<SumDensity>(std::move(parts));
}

// Parameter errors from the density's constructor are reported at the table.
SpectralDensityPtr read_density(const TableReader& t, const std::filesystem::path& base_dir) {
    try {
        return build_density(t, base_dir);
    } catch (const ConfigError&) {
        throw;
    } catch (const ModelError& e) {
        t.fail_here(e.what());
    }
}

std::vector<double> strengths_for(const TableReader& t, std::size_t count) {
    if (t.has("strength") && t.has("strengths")) t.fail("strengths", messages::exclusive_keys("strength", "strengths"));
    if (!t.has("strengths")) {
        (void)t.require("strength");
        return std::vector<double>(count, *t.number("strength"));
    }
    const std::string path = t.path_of("strengths");
    const auto& list = to_array(t.source(), *t.find("strengths"), path);
    if (list.size() != count) t.fail("strengths", messages::wrong_length(count, list.size()));
    std::vector<double> out;
    for (std::size_t k = 0; k < list.size(); ++k) out.push_back(to_number(t.source(), list[k], element_path(path, k)));
    return out;
}

SpinOperator spin_operator_of(const std::string& kind, int spin) {
    constexpr complex half{0.5, 0.0};
    if (kind == "exchange" || kind == "Sx") return half * SpinOperator::sigma_x(spin);
    if (kind == "Sy") return half * SpinOperator::sigma_y(spin);
    return half * SpinOperator::sigma_z(spin);  // "conserving", "Sz"
}

void read_generator_options(const TableReader& root, const RunSpec& spec, GeneratorOptions& options) {
    const auto m = root.sub_table("method");
    if (!m) return;
    // The analytic method reads only the thermal treatment of the bath spectra.
    for (const char* key : {"generator", "lamb_shift", "thermal", "secular_window"})
        if (m->has(key) && spec.method != "redfield" &&
            !((spec.method == "analytic" || spec.method == "resonance") && std::string_view(key) == "thermal"))
            m->fail(key, messages::key_only_for(key, std::string_view(key) == "thermal"
                                                         ? "name = \"redfield\" or \"analytic\""
                                                         : "name = \"redfield\""));
    if (const auto g = m->choice("generator", {"davies", "partial_secular", "bloch_redfield"})) options.generator = *g;
    options.lamb_shift = m->boolean("lamb_shift").value_or(options.lamb_shift);
    if (const auto th = m->choice("thermal", {"bose", "f_beta", "schofield", "classical", "abragam", "hubbard"})) {
        if (*th == "abragam" || *th == "hubbard") {  // classical rates plus an inhomogeneous term
            if (spec.method == "analytic" || spec.method == "resonance")
                m->fail("thermal", messages::key_only_for("thermal = \"" + *th + "\"", "name = \"redfield\""));
            options.thermal = ThermalTreatment::classical;
            options.inhomogeneous = *th;
            if (options.generator != "davies")
                m->fail("thermal", messages::key_only_for("thermal = \"" + *th + "\"", "generator = \"davies\""));
        } else {
            options.thermal = thermal_treatment_from_name(*th);
        }
    }
    if (const auto w = m->non_negative("secular_window")) {
        if (options.generator != "partial_secular")
            m->fail("secular_window", messages::key_only_for("secular_window", "generator = \"partial_secular\""));
        options.secular_window = *w;
    }
}

}  // namespace

Environment read_baths(const TableReader& root, const RunSpec& spec, const std::filesystem::path& base_dir) {
    Environment env;
    read_generator_options(root, spec, env.options);
    const SpinSystem& spins = spec.model.spins;

    std::vector<int> bath_lines;
    for (const auto& t : table_list(root, "bath")) {
        t.allow_only({"name", "spectral_density", "temperature", "scope", "correlation"});
        Bath bath;
        (void)t.require("name");
        bath.name = *t.string("name");
        if (bath.name.empty() || bath.name.find_first_of(" \t\r\n,\"'[]{}") != std::string::npos)
            t.fail("name", messages::bad_name());
        for (const auto& other : env.baths)
            if (other.name == bath.name) t.fail("name", messages::duplicate_bath(bath.name));
        (void)t.require("temperature");
        bath.temperature = *t.non_negative("temperature");
        bath.local = t.choice("scope", {"shared", "local"}).value_or("shared") == "local";
        if (t.has("correlation")) {
            if (!bath.local) t.fail("correlation", messages::key_only_for("correlation", "scope = \"local\""));
            bath.correlation = *t.number("correlation");
            if (bath.correlation < -1.0 || bath.correlation > 1.0) t.fail("correlation", messages::correlation_range());
        }
        (void)t.require("spectral_density");
        const auto density_table = t.sub_table("spectral_density");
        bath.density = read_density(*density_table, base_dir);
        try {  // treatment-specific checks (J(0) > 0 with bose, schofield at T = 0)
            (void)BathSpectrum(bath.density, bath.temperature, env.options.thermal);
        } catch (const ModelError& e) {
            t.fail("spectral_density", e.what());
        }
        env.baths.push_back(std::move(bath));
    }

    const auto couplings = table_list(root, "coupling");
    if (!couplings.empty() && spec.method != "redfield" && spec.method != "analytic" && spec.method != "resonance" &&
        spec.method != "heom")
        couplings.front().fail_here(messages::couplings_need_redfield(spec.method));
    int index = 0;
    for (const auto& t : couplings) {
        ++index;
        t.allow_only({"bath", "kind", "strength", "strengths", "operator", "spins", "species", "name"});
        (void)t.require("bath");
        const std::string bath_name = *t.string("bath");
        const auto found =
            std::find_if(env.baths.begin(), env.baths.end(), [&](const Bath& b) { return b.name == bath_name; });
        if (found == env.baths.end()) {
            std::vector<std::string> known;
            for (const auto& b : env.baths) known.push_back(b.name);
            t.fail("bath", messages::unknown_bath(bath_name, known));
        }
        const int bath = static_cast<int>(found - env.baths.begin());
        const std::string kind = t.choice("kind", {"exchange", "conserving", "Sx", "Sy", "Sz", "operator"})
                                     .value_or(t.has("operator") ? "operator" : "");
        if (kind.empty()) (void)t.require("kind");
        const std::string name = t.string_or("name", "coupling" + std::to_string(index));
        if (kind == "operator") {
            if (found->local) t.fail("operator", messages::operator_needs_shared_bath());
            if (t.has("spins") || t.has("species"))
                t.fail(t.has("spins") ? "spins" : "species", messages::key_only_for("a selection", "built-in kinds"));
            if (t.has("strengths")) t.fail("strengths", messages::key_only_for("strengths", "built-in kinds"));
            (void)t.require("operator");
            SpinOperator op = read_expression(t, "operator", spins);
            if (!is_hermitian_operator(op)) t.fail("operator", messages::not_hermitian());
            const double strength = t.number_or("strength", 1.0);
            env.couplings.push_back({name, bath, -1, complex(strength, 0.0) * op});
            continue;
        }
        if (t.has("operator")) t.fail("operator", messages::key_only_for("operator", "kind = \"operator\""));
        const auto selected = read_selection(t, spins);
        const auto strengths = strengths_for(t, selected.size());
        for (std::size_t k = 0; k < selected.size(); ++k) {
            if (strengths[k] == 0.0) continue;
            const int spin = selected[k];
            env.couplings.push_back(
                {name, bath, found->local ? spin : -1, complex(strengths[k], 0.0) * spin_operator_of(kind, spin)});
        }
    }
    return env;
}

}  // namespace openspins::config_detail
