// Everything a run needs besides the choice of method: the model, the protocol,
// the output times and the observables. Produced by the config reader (or the
// Python bindings), consumed by any method.
#pragma once

#include <string>
#include <vector>

#include "openspins/method/heom/heom_options.hpp"
#include "openspins/method/solver_options.hpp"
#include "openspins/model/model.hpp"
#include "openspins/model/observable.hpp"
#include "openspins/model/protocol.hpp"

namespace openspins {

struct RunSpec {
    Model model;
    Protocol protocol;               // at least one step
    std::vector<double> output_times;  // ascending, within [0, protocol.total_duration()]
    bool record_step_boundaries = false;  // extra rows before/after each protocol step
    // [time] unit: the model parameter whose inverse t is measured in (ω, Ω, J, g, γ, Γ, κ);
    // empty: the rule of result/metadata.hpp time_unit() decides.
    std::string time_unit_symbol;
    std::vector<Observable> observables;
    std::string method = "exact";
    SolverOptions solver;
    HeomOptions heom;  // [method] keys of the heom method
    // Columns only some methods compute (dicke: S, emitted_collective, emitted_local,
    // energy, ergotropy, ergotropy_symmetric); a method that cannot compute one refuses.
    std::vector<std::string> method_observables;
    bool steady_state = false;  // also compute the steady state of the last evolve step's generator
    // Hand ρ over in RunResult (for [output] final_state, steady_state_density): at the end
    // of the protocol, and at the steady state (needs steady_state).
    bool keep_final_state = false;
    bool keep_steady_state_density = false;
};

}  // namespace openspins
