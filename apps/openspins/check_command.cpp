#include <cstdio>
#include <filesystem>
#include <iostream>
#include <variant>

#include "commands.hpp"
#include "exit_status.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/config/validated_method.hpp"
#include "openspins/method/method.hpp"
#include "openspins/number_text.hpp"
#include "openspins/result/result_writer.hpp"

namespace openspins::cli {

namespace {

std::string bytes_text(std::size_t bytes) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, unit == 0 ? "%.0f %s" : "%.3g %s", value, units[unit]);
    return buffer;
}

// "1 step", "3 steps"
std::string count_text(std::size_t n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string list_text(const std::vector<std::string>& names, std::size_t shown = 8) {
    std::string out;
    for (std::size_t k = 0; k < names.size() && k < shown; ++k) out += (k ? ", " : "") + names[k];
    if (names.size() > shown) out += ", … (" + std::to_string(names.size() - shown) + " more)";
    return out;
}

// A tolerance as the stream would print it (6 significant digits).
std::string number_text(double x) { return openspins::number_text("%g", x); }

// The baths and couplings a master equation is derived from, if any.
std::string environment_text(const Environment& environment, const std::string& method) {
    if (environment.empty()) return "";
    std::vector<std::string> baths;
    for (const auto& b : environment.baths) {
        char temperature[32];
        std::snprintf(temperature, sizeof temperature, "%g", b.temperature);
        baths.push_back(b.name + " (T = " + temperature + ")");
    }
    const auto& o = environment.options;
    const std::string head = "  baths:     " + list_text(baths) + "; " + count_text(environment.couplings.size(), "coupling term");
    if (method == "analytic")  // no generator: the exact influence functional of each bath
        return head + "; exact pure-dephasing solution, " + to_string(o.thermal) + " spectra\n";
    if (method == "resonance")  // seed 000's closed forms of the Davies generator with Lamb shift
        return head + "; seed 000's resonance theory in closed form, " + to_string(o.thermal) + " spectra\n";
    if (method == "heom")  // no generator: the hierarchy (docs/methods/heom.md); its size is the storage line
        return head + "; hierarchical equations of motion\n";
    return head + "; generator " + o.generator + (o.lamb_shift ? " with" : " without") + " Lamb shift" +
           (o.inhomogeneous.empty() ? "" : ", " + o.inhomogeneous + " form") + '\n';
}

// The integrator the run will use and why, and a rough run-time estimate (docs/config.md,
// [method] integrator). The analytic method has no integrator.
std::string integrator_text(const Method& method, const IntegratorChoice& choice, std::size_t memory) {
    if (method.name() == "analytic" || method.name() == "resonance")
        return "  run time:  " + messages::no_run_time_estimate() + '\n';
    return "  integrator: " + explain(choice) + '\n' + "  run time:  " +
           messages::rough_run_time(rough_run_seconds(choice, memory), choice.estimated_rhs,
                                                     choice.estimated_steps) + '\n';
}

}  // namespace

int check_command(const std::string& file, const std::vector<std::string>& overrides) {
    const RunFile run = load_run_file(file, parse_run_overrides(overrides));
    const RunSpec& spec = run.spec;
    const auto method = make_validated_method(run);
    const std::size_t memory = method->memory_estimate(spec);
    // What `run` would refuse about the results directory, refused now (exit 2).
    check_results_directory(run.output.directory, /*replace_existing=*/true, run.path + ": output.directory");
    const IntegratorChoice choice = method->integrator_choice(spec);

    std::vector<std::string> species;
    for (const auto& s : spec.model.spins.species()) species.push_back(s.name + ": " + std::to_string(s.count));
    std::size_t evolve_steps = 0;
    for (const auto& step : spec.protocol.steps) evolve_steps += std::holds_alternative<Evolve>(step.action);
    std::vector<std::string> observables;
    for (const auto& o : spec.observables) observables.push_back(o.name);
    observables.insert(observables.end(), spec.method_observables.begin(), spec.method_observables.end());

    std::cout << file << ": ok\n";
    if (!run.title.empty()) std::cout << "  title:     " << run.title << '\n';
    if (!run.overrides.empty()) {
        std::vector<std::string> set;
        for (const auto& o : run.overrides) set.push_back(override_text(o));
        std::cout << "  --set:     " << list_text(set, set.size()) << '\n';
    }
    std::cout << "  spins:     N = " << spec.model.spins.size() << " (" << list_text(species) << ")\n"
              << "  model:     " << count_text(spec.model.hamiltonian.size(), "Hamiltonian term") << ", "
              << count_text(spec.model.channels.size(), "channel") << '\n'
              << "  method:    " << method->name()
              << (method->name() == "analytic"    ? std::string(" (closed form; decoherence functions by GSL quadrature)")
                  : method->name() == "resonance" ? std::string(" (closed form; Lamb shifts by GSL quadrature)")
                      : " (" + choice.name + ", rtol " + number_text(spec.solver.rtol) + ", atol " +
                            number_text(spec.solver.atol) + ")")
              << "\n"
              << environment_text(spec.model.environment, method->name())
              << integrator_text(*method, choice, memory)
              << "  storage:   " << method->storage_description(spec) << '\n'
              << "  memory:    " << bytes_text(memory) << " estimated"
              << (spec.solver.memory_limit_bytes ? " (limit " + bytes_text(spec.solver.memory_limit_bytes) + ")" : "")
              << '\n'
              << "  protocol:  " << count_text(spec.protocol.steps.size(), "step") << " (" << evolve_steps
              << " evolve, " << spec.protocol.steps.size() - evolve_steps << " pulse), duration "
              << spec.protocol.total_duration() << '\n'
              << "  outputs:   " << spec.output_times.size() << " times"
              << (spec.record_step_boundaries ? " + step boundaries" : "") << "; " << list_text(observables)
              << (spec.steady_state ? "; steady state" : "") << '\n'
              << "  results:   " << run.output.directory << (run.output.plot ? " (with plot.png)" : "")
              << (std::filesystem::exists(run.output.directory) ? "; exists, run needs --force" : "") << '\n';
    return success;
}

}  // namespace openspins::cli
