// Numerical options shared by the time-stepping methods.
#pragma once

#include <cstddef>
#include <string>

namespace openspins {

struct SolverOptions {
    // "adams" (non-stiff, fixed-point), "bdf" (stiff, Newton–GMRES), or "auto": chosen from
    // the model's rates and the protocol's step lengths (method/integrator_choice.hpp).
    std::string integrator = "auto";
    double rtol = 1e-8;
    double atol = 1e-10;
    long max_steps = 1000000;           // per protocol step
    double max_step_size = 0.0;         // 0: no limit
    // Restart points inside evolve steps (method/protocol_walk.hpp): the integrator restarts
    // at the first output time in each of this many equal bins of the protocol's duration;
    // checkpoints are written only at restart points and evolve-step starts, so a resumed
    // run equals an uninterrupted one bit for bit. Each restart costs the multistep method
    // its ramp-up (~20 steps), hence few. 0: restarts only at evolve-step starts.
    int restarts = 8;
    // "auto": the exact method keeps only the zero-quantum blocks when the run allows
    // it; "full": always all coherence orders (for comparisons and benchmarks).
    std::string storage = "auto";
    // Exact method, full storage: "auto" runs the fused two-pass kernel
    // (method/exact/fused_full_generator.hpp); "blocks" the block kernel it is tested against.
    std::string kernel = "auto";
    // "auto": the dicke method propagates evolve steps whose population generator never
    // raises m with its rational exp (method/dicke/triangular_propagator.hpp) and the rest
    // with `integrator`; "integrator": always the integrator (for comparisons).
    std::string propagator = "auto";
    int max_order = 0;                  // 0: the integrator's default (Adams 12, BDF 5)
    double trace_tolerance = 1e-6;      // |Tr ρ − 1| above this is a NumericalError
    double steady_state_tolerance = 1e-10;
    std::size_t memory_limit_bytes = 0;  // 0: use the machine's available memory
    // Method "cumulant": the largest number of spins in a moment kept (1 mean field, 2, 3).
    int cumulant_order = 2;
};

}  // namespace openspins
