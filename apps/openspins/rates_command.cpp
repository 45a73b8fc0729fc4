#include "rates_command.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "exit_status.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/redfield/generator_spectrum.hpp"
#include "openspins/method/redfield/redfield_method.hpp"

namespace openspins::cli {

namespace {

std::string number(double x) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", x);
    return buffer;
}

std::string inverse(double rate) { return rate > 0.0 ? number(1.0 / rate) : "inf"; }

}  // namespace

int rates_command(const RatesOptions& options) {
    const RunFile run = load_run_file(options.file);
    RunSpec spec = run.spec;
    if (spec.method != "exact" && spec.method != "redfield")
        throw ModelError("openspins rates reads Lindblad-form generators (methods exact and redfield), not '" +
                         spec.method + "'");
    std::map<std::string, std::string> notes;
    const RunSpec generator = spec.method == "redfield" ? RedfieldMethod::derived_spec(spec, &notes) : spec;
    const auto modes = redfield::generator_modes(generator.model);
    const auto single = spec.method == "redfield" ? redfield::single_spin_rates(spec.model)
                                                  : redfield::single_spin_rates(generator.model);

    std::printf("%s: generator of method %s%s, N = %d, %zu modes (slowest first)\n", options.file.c_str(),
                spec.method.c_str(), notes.count("generator") ? (" (" + notes["generator"] + ")").c_str() : "",
                spec.model.spins.size(), modes.size());
    std::printf("%6s  %22s  %22s  %s\n", "mode", "rate = -Re(lambda)", "frequency = Im(lambda)", "relaxes");
    for (std::size_t k = 0; k < modes.size() && static_cast<int>(k) < options.shown; ++k)
        std::printf("%6zu  %22.12g  %22.12g  %s\n", k, 0.0 - modes[k].eigenvalue.real(),
                    modes[k].eigenvalue.imag() + 0.0, modes[k].label.c_str());
    if (static_cast<int>(modes.size()) > options.shown)
        std::printf("   ... %zu more (all in modes.csv with --output)\n", modes.size() - options.shown);
    if (!single.empty()) {
        std::printf("\nsingle-spin rates (each spin alone with its own couplings):\n");
        std::printf("%5s  %14s  %14s  %14s  %14s  %14s  %16s\n", "spin", "omega", "1/T1", "T1", "1/T2", "T2",
                    "pure dephasing");
        for (const auto& r : single)
            std::printf("%5d  %14.8g  %14.8g  %14s  %14.8g  %14s  %16.8g\n", r.spin, r.omega, r.t1,
                        inverse(r.t1).substr(0, 14).c_str(), r.t2, inverse(r.t2).substr(0, 14).c_str(),
                        r.pure_dephasing);
    }

    if (!options.output.empty()) {
        std::filesystem::create_directories(options.output);
        const std::filesystem::path dir(options.output);
        std::ofstream modes_csv(dir / "modes.csv");
        modes_csv << "mode,rate,frequency,coherence_order,population_weight,label\n";
        for (std::size_t k = 0; k < modes.size(); ++k)
            modes_csv << k << ',' << number(0.0 - modes[k].eigenvalue.real()) << ','
                      << number(modes[k].eigenvalue.imag()) << ',' << modes[k].coherence_order << ','
                      << number(modes[k].population_weight) << ",\"" << modes[k].label << "\"\n";
        std::ofstream single_csv(dir / "single_spin.csv");
        single_csv << "spin,omega,rate_t1,t1,rate_t2,t2,pure_dephasing_rate\n";
        nlohmann::json j;
        j["file"] = options.file;
        j["method"] = spec.method;
        j["notes"] = notes;
        j["modes"] = nlohmann::json::array();
        for (const auto& m : modes)
            j["modes"].push_back({{"rate", 0.0 - m.eigenvalue.real()},
                                  {"frequency", m.eigenvalue.imag()},
                                  {"coherence_order", m.coherence_order},
                                  {"population_weight", m.population_weight},
                                  {"label", m.label}});
        j["single_spin"] = nlohmann::json::array();
        for (const auto& r : single) {
            single_csv << r.spin << ',' << number(r.omega) << ',' << number(r.t1) << ',' << inverse(r.t1) << ','
                       << number(r.t2) << ',' << inverse(r.t2) << ',' << number(r.pure_dephasing) << '\n';
            j["single_spin"].push_back({{"spin", r.spin},
                                        {"omega", r.omega},
                                        {"rate_t1", r.t1},
                                        {"rate_t2", r.t2},
                                        {"pure_dephasing_rate", r.pure_dephasing}});
        }
        std::ofstream(dir / "rates.json") << j.dump(2) << '\n';
        if (!modes_csv || !single_csv) throw std::runtime_error("cannot write into " + options.output);
        std::printf("\nwrote %s/{modes.csv,single_spin.csv,rates.json}\n", options.output.c_str());
    }
    return success;
}

}  // namespace openspins::cli
