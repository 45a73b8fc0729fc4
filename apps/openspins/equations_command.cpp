// openspins equations: read the run file as the cumulant method reads it, derive the
// equations (library: method/cumulant/), print them. No physics here.
#include <algorithm>
#include <iostream>

#include "commands.hpp"
#include "exit_status.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/config/run_overrides.hpp"
#include "openspins/config/validated_method.hpp"
#include "openspins/method/cumulant/cumulant_system.hpp"
#include "openspins/method/cumulant/equation_text.hpp"
#include "openspins/number_text.hpp"

namespace openspins::cli {

int equations_command(const EquationsOptions& options) {
    RunOverrides overrides = parse_run_overrides(options.overrides);
    overrides.push_back({"method.name", "\"cumulant\""});
    if (options.order > 0) overrides.push_back({"method.order", std::to_string(options.order)});
    RunFile run = load_run_file(options.file, overrides);
    // The equations do not depend on what a run would record: observables the method cannot
    // compute (purity, ergotropy) or a final-state file do not stop them from being printed.
    run.spec.observables.clear();
    run.spec.method_observables.clear();
    run.spec.keep_final_state = run.spec.keep_steady_state_density = false;
    run.spec.steady_state = false;
    if (run.spec.model.cavity) {  // the mode's Fock distribution needs ρ; not an equation
        auto& o = run.spec.model.cavity->observables;
        o.erase(std::remove(o.begin(), o.end(), "fock"), o.end());
    }
    (void)make_validated_method(run);
    const cumulant::CumulantSystem system(run.spec.model, run.spec.solver.cumulant_order);
    std::cout << cumulant::equations_text(system, options.latex);
    std::cout << (options.latex ? "% " : "\n") << "derived in " << number_text("%.3g", system.derivation_seconds() * 1e3)
              << " ms\n";
    return success;
}

}  // namespace openspins::cli
