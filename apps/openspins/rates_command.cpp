#include "rates_command.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <iostream>
#include <nlohmann/json.hpp>

#include "exit_status.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/config/validated_method.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/rates.hpp"
#include "openspins/number_text.hpp"
#include "openspins/result/result_writer.hpp"
#include "openspins/version.hpp"
#include "progress_bar.hpp"

namespace openspins::cli {

namespace {

std::string number(double x) { return openspins::number_text("%.17g", x); }

std::string inverse(double rate) { return rate > 0.0 ? number(1.0 / rate) : "inf"; }

RatesTable compute(const RunSpec& spec, const RatesOptions& options) {
    RatesRequest request;
    request.spectrum.dense_limit = options.dense_limit;
    request.spectrum.modes = options.modes;
    request.spectrum.solver = options.solver;
    request.spectrum.tau = options.tau;
    request.max_order = options.max_order;
    // Shift-invert bands take minutes from N = 7 (the dicke spectrum reports no progress).
    ProgressBar bar(spec.method != "dicke" && ProgressBar::stderr_is_terminal());
    request.spectrum.progress = [&bar](double fraction) { bar.update(fraction); };
    RatesTable c = compute_rates(spec, request);
    bar.finish();
    return c;
}

std::string spin_name(int spin) { return spin < 0 ? "all" : std::to_string(spin); }

// `text` left-aligned in `width` columns: printf's %-14s pads by bytes, so names with ω, ≠ or ±
// (several UTF-8 bytes, one column) would shift the table.
std::string padded(const std::string& text, std::size_t width) {
    std::size_t columns = 0;
    for (const char c : text) columns += (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // not a continuation byte
    return text + std::string(columns < width ? width - columns : 0, ' ');
}

}  // namespace

int rates_command(const RatesOptions& options) {
    const RunFile run = load_run_file(options.file, parse_run_overrides(options.overrides));
    const RunSpec& spec = run.spec;
    // The same size and memory refusals as run and check, before anything is allocated.
    make_validated_method(run);
    if (!options.output.empty()) check_results_directory(options.output, options.force, "--output");
    const RatesTable c = compute(spec, options);
    const auto& modes = c.spectrum.modes;

    std::printf(
        "%s: generator of method %s%s, N = %d, %zu eigenvalues; %s\n", options.file.c_str(), spec.method.c_str(),
        c.notes.count("generator") ? (" (" + c.notes.at("generator") + ")").c_str() : "", spec.model.spins.size(),
        c.spectrum.total_dimension,
        c.spectrum.complete() ? "all computed" : ("the slowest " + std::to_string(modes.size()) + " computed").c_str());
    std::printf("%-14s %10s  %-26s %6s %9s %6s %9s %12s\n", "block", "reals", "solver", "found", "products", "e^Lt",
                "seconds", "max residual");
    bool all_converged = true;
    for (const auto& b : c.spectrum.blocks) {
        std::printf("%s %10zu  %s %6zu %9ld %6ld %9.3f %12.2e%s\n", padded(b.name, 14).c_str(), b.dimension,
                    padded(b.solver, 26).c_str(), b.found, b.products, b.propagations, b.seconds, b.max_residual,
                    b.converged ? "" : "  NOT CONVERGED");
        all_converged = all_converged && b.converged;
    }
    if (!all_converged) warn(messages::format_message("blocks_not_converged").c_str());

    std::printf("\n%6s  %22s  %22s  %-14s  %s\n", "mode", "rate = -Re(lambda)", "frequency = Im(lambda)", "block",
                "relaxes");
    for (std::size_t k = 0; k < modes.size() && static_cast<int>(k) < options.shown; ++k)
        std::printf("%6zu  %22.12g  %22.12g  %s  %s\n", k, 0.0 - modes[k].eigenvalue.real(),
                    modes[k].eigenvalue.imag() + 0.0, padded(modes[k].block, 14).c_str(), modes[k].label.c_str());
    if (static_cast<int>(modes.size()) > options.shown)
        std::printf("   ... %zu more (all in modes.csv with --output)\n", modes.size() - options.shown);
    if (!c.single.empty()) {
        std::printf("\nsingle-spin rates (each spin alone with its own couplings):\n");
        std::printf("%5s  %14s  %14s  %14s  %14s  %14s  %16s\n", "spin", "omega", "1/T1", "T1", "1/T2", "T2",
                    "pure dephasing");
        for (const auto& r : c.single)
            std::printf("%5s  %14.8g  %14.8g  %14s  %14.8g  %14s  %16.8g\n", spin_name(r.spin).c_str(), r.omega, r.t1,
                        inverse(r.t1).substr(0, 14).c_str(), r.t2, inverse(r.t2).substr(0, 14).c_str(),
                        r.pure_dephasing);
    }
    // Method resonance: each analytic value, and for those that are generator eigenvalues the
    // nearest computed one (a conjugate pair matches either sign of the frequency).
    std::vector<std::optional<GeneratorMode>> matched(c.analytic.size());
    if (!c.analytic.empty()) {
        std::printf("\nseed 000 resonance theory (docs/methods/resonance.md), beside the Davies generator's eigenvalues:\n");
        std::printf("%-62s %-7s %22s %22s  %s\n", "quantity", "eq.", "value (re)", "value (im)",
                    "generator: nearest eigenvalue (rate, frequency), |difference|");
        for (std::size_t k = 0; k < c.analytic.size(); ++k) {
            const auto& a = c.analytic[k];
            std::string beside;
            if (a.eigenvalue) {
                double best = 1e300;
                for (const auto& m : modes) {
                    const double d = std::min(std::abs(m.eigenvalue - *a.eigenvalue),
                                              std::abs(m.eigenvalue - std::conj(*a.eigenvalue)));
                    if (d < best) {
                        best = d;
                        matched[k] = m;
                    }
                }
                if (matched[k]) {
                    char text[128];
                    std::snprintf(text, sizeof text, "(%.12g, %.12g), %.2e, ", -matched[k]->eigenvalue.real(),
                                  matched[k]->eigenvalue.imag() + 0.0, best);
                    beside = text;
                    beside += matched[k]->label;
                }
            }
            std::printf("%s %-7s %22.12g %22.12g  %s\n", padded(a.label, 62).c_str(), a.equation.c_str(),
                        a.value.real(), a.value.imag() + 0.0, beside.c_str());
        }
    }

    if (!options.output.empty()) {
        // Staged and renamed into place like a run's results: complete or absent.
        StagedDirectory staged(options.output, options.force);
        const std::filesystem::path& dir = staged.path();
        std::ofstream modes_csv(dir / "modes.csv");
        modes_csv << "mode,rate,frequency,coherence_order,population_weight,block,residual,label\n";
        for (std::size_t k = 0; k < modes.size(); ++k)
            modes_csv << k << ',' << number(0.0 - modes[k].eigenvalue.real()) << ','
                      << number(modes[k].eigenvalue.imag()) << ',' << modes[k].coherence_order << ','
                      << number(modes[k].population_weight) << ",\"" << modes[k].block << "\","
                      << number(modes[k].residual) << ",\"" << modes[k].label << "\"\n";
        std::ofstream blocks_csv(dir / "blocks.csv");
        blocks_csv << "block,reals,solver,found,converged,products,propagations,seconds,max_residual\n";
        std::ofstream single_csv(dir / "single_spin.csv");
        single_csv << "spin,omega,rate_t1,t1,rate_t2,t2,pure_dephasing_rate\n";
        nlohmann::json j;
        j["openspins"] = {{"version", openspins::version}, {"git_revision", openspins::git_revision}};
        j["file"] = options.file;
        j["method"] = spec.method;
        j["notes"] = c.notes;
        j["eigenvalues_total"] = c.spectrum.total_dimension;
        j["complete"] = c.spectrum.complete();
        j["blocks"] = nlohmann::json::array();
        for (const auto& b : c.spectrum.blocks) {
            blocks_csv << '"' << b.name << "\"," << b.dimension << ",\"" << b.solver << "\"," << b.found << ','
                       << (b.converged ? "true" : "false") << ',' << b.products << ',' << b.propagations << ','
                       << number(b.seconds) << ',' << number(b.max_residual) << '\n';
            j["blocks"].push_back({{"name", b.name},
                                   {"reals", b.dimension},
                                   {"solver", b.solver},
                                   {"found", b.found},
                                   {"converged", b.converged},
                                   {"products", b.products},
                                   {"propagations", b.propagations},
                                   {"seconds", b.seconds},
                                   {"max_residual", b.max_residual}});
        }
        j["modes"] = nlohmann::json::array();
        for (const auto& m : modes)
            j["modes"].push_back({{"rate", 0.0 - m.eigenvalue.real()},
                                  {"frequency", m.eigenvalue.imag()},
                                  {"coherence_order", m.coherence_order},
                                  {"population_weight", m.population_weight},
                                  {"block", m.block},
                                  {"residual", m.residual},
                                  {"label", m.label}});
        j["single_spin"] = nlohmann::json::array();
        for (const auto& r : c.single) {
            single_csv << spin_name(r.spin) << ',' << number(r.omega) << ',' << number(r.t1) << ',' << inverse(r.t1)
                       << ',' << number(r.t2) << ',' << inverse(r.t2) << ',' << number(r.pure_dephasing) << '\n';
            j["single_spin"].push_back({{"spin", spin_name(r.spin)},
                                        {"omega", r.omega},
                                        {"rate_t1", r.t1},
                                        {"rate_t2", r.t2},
                                        {"pure_dephasing_rate", r.pure_dephasing}});
        }
        if (!c.analytic.empty()) {
            j["resonance"] = nlohmann::json::array();
            for (std::size_t k = 0; k < c.analytic.size(); ++k) {
                const auto& a = c.analytic[k];
                nlohmann::json row{{"quantity", a.label},
                                   {"equation", a.equation},
                                   {"value_re", a.value.real()},
                                   {"value_im", a.value.imag()}};
                if (a.eigenvalue) {
                    row["predicted_rate"] = -a.eigenvalue->real();
                    row["predicted_frequency"] = a.eigenvalue->imag();
                }
                if (matched[k]) {
                    row["generator_rate"] = -matched[k]->eigenvalue.real();
                    row["generator_frequency"] = matched[k]->eigenvalue.imag();
                }
                j["resonance"].push_back(row);
            }
        }
        std::ofstream rates_json(dir / "rates.json");
        rates_json << j.dump(2) << '\n';
        for (auto* file : {&modes_csv, &blocks_csv, &single_csv, &rates_json}) file->close();
        if (!modes_csv || !single_csv || !blocks_csv || !rates_json)
            throw std::runtime_error(messages::rates_cannot_write(dir.string()));
        staged.commit();
        std::printf("\nwrote %s/{modes.csv,blocks.csv,single_spin.csv,rates.json}\n", options.output.c_str());
    }
    return success;
}

}  // namespace openspins::cli
