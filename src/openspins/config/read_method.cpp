// [method]: the level of theory and the integrator's options (SolverOptions).
#include <algorithm>
#include <limits>

#include "openspins/config/messages.hpp"
#include "openspins/config/sections.hpp"
#include "openspins/method/method.hpp"

namespace openspins::config_detail {

void read_method(const TableReader& root, RunSpec& spec) {
    const auto t = root.sub_table("method");
    if (!t) return;
    t->allow_only({"name", "integrator", "rtol", "atol", "max_steps", "max_step_size", "max_order", "trace_tolerance",
                   "steady_state", "steady_state_tolerance", "memory_limit_gib", "storage",
                   "kernel",  // exact method, full storage: "auto" (Pauli coordinates or fused), "fused" or "blocks" (reference)
                   "propagator", "restarts",
                   // method "cumulant": the closure order
                   "order",
                   // redfield generator options, read with the baths (read_baths.cpp)
                   "generator", "lamb_shift", "thermal", "secular_window",
                   // heom hierarchy options (method/heom/heom_options.hpp)
                   "depth", "terms", "expansion", "terminator", "convergence_check", "convergence_tolerance",
                   "fit_terms", "fit_tolerance", "fit_time"});
    if (const auto name = t->string("name")) {
        const auto known = method_names();
        if (std::find(known.begin(), known.end(), *name) == known.end())
            t->fail("name", messages::unknown_method(*name, known));
        spec.method = *name;
    }
    SolverOptions& s = spec.solver;
    if (const auto integrator = t->choice("integrator", {"auto", "adams", "bdf", "erk", "chebyshev"})) {
        // "chebyshev": the exponential propagator of a constant linear generator (integrate/chebyshev_propagator.hpp):
        // the HEOM hierarchy, the exact method's Lindbladian (not with a [cavity]: read_cavity.cpp) and the dicke
        // method's cavity density path (which refuses it without a [cavity]).
        if (*integrator == "chebyshev" && spec.method != "heom" && spec.method != "exact" && spec.method != "dicke")
            t->fail("integrator",
                    messages::key_only_for("integrator = \"chebyshev\"", "name = \"heom\", \"exact\" or \"dicke\""));
        s.integrator = *integrator;
    }
    if (const auto storage = t->choice("storage", {"auto", "full"})) s.storage = *storage;
    if (const auto kernel = t->choice("kernel", {"auto", "fused", "blocks"})) s.kernel = *kernel;
    if (const auto propagator = t->choice("propagator", {"auto", "integrator"})) s.propagator = *propagator;
    s.rtol = t->positive("rtol").value_or(s.rtol);
    s.atol = t->positive("atol").value_or(s.atol);
    if (const auto steps = t->integer("max_steps")) {
        if (*steps < 1) t->fail("max_steps", messages::must_be_at_least(1));
        s.max_steps = static_cast<long>(*steps);
    }
    s.max_step_size = t->non_negative("max_step_size").value_or(s.max_step_size);
    if (const auto restarts = t->integer("restarts")) {
        if (*restarts < 0) t->fail("restarts", messages::must_be_at_least(0));
        if (*restarts > 1000000) t->fail("restarts", messages::must_be_at_most(1000000));
        s.restarts = static_cast<int>(*restarts);
    }
    if (const auto order = t->integer("max_order")) {
        // CVODE's limits: Adams up to order 12, BDF up to 5 ("auto" takes Adams above 5).
        const long long highest = s.integrator == "bdf" ? 5 : 12;
        if (*order < 1) t->fail("max_order", messages::must_be_at_least(1));
        if (*order > highest) t->fail("max_order", messages::max_order_limit(highest, s.integrator));
        s.max_order = static_cast<int>(*order);
    }
    if (const auto order = t->integer("order")) {
        if (*order < 1) t->fail("order", messages::must_be_at_least(1));
        if (*order > 3) t->fail("order", messages::must_be_at_most(3));
        s.cumulant_order = static_cast<int>(*order);
    }
    s.trace_tolerance = t->positive("trace_tolerance").value_or(s.trace_tolerance);
    s.steady_state_tolerance = t->positive("steady_state_tolerance").value_or(s.steady_state_tolerance);
    spec.steady_state = t->boolean("steady_state").value_or(false);
    if (const auto gib = t->positive("memory_limit_gib")) {
        constexpr double bytes_per_gib = 1024.0 * 1024.0 * 1024.0;
        const double bytes = *gib * bytes_per_gib;
        // 0 bytes means "no limit" (the available memory) in SolverOptions, so a limit that
        // rounds to 0 would silently lift the limit; a limit past size_t is no limit either.
        if (bytes < 1.0) t->fail("memory_limit_gib", messages::memory_limit_too_small(*gib));
        s.memory_limit_bytes = bytes >= 0x1p64 ? std::numeric_limits<std::size_t>::max() : static_cast<std::size_t>(bytes);
    }
    // heom: the hierarchy's truncation and its convergence check.
    for (const char* key : {"depth", "terms", "expansion", "terminator", "convergence_check", "convergence_tolerance",
                            "fit_terms", "fit_tolerance", "fit_time"})
        if (t->has(key) && spec.method != "heom") t->fail(key, messages::key_only_for(key, "name = \"heom\""));
    HeomOptions& h = spec.heom;
    if (const auto depth = t->integer("depth")) {
        if (*depth < 1) t->fail("depth", messages::must_be_at_least(1));
        if (*depth > 64) t->fail("depth", messages::must_be_at_most(64));
        h.depth = static_cast<int>(*depth);
    }
    if (const auto terms = t->integer("terms")) {
        if (*terms < 0) t->fail("terms", messages::must_be_at_least(0));
        if (*terms > 64) t->fail("terms", messages::must_be_at_most(64));
        h.terms = static_cast<int>(*terms);
    }
    if (const auto e = t->choice("expansion", {"pade", "matsubara"})) h.expansion = *e;
    h.terminator = t->boolean("terminator").value_or(h.terminator);
    if (const auto c = t->choice("convergence_check", {"depth", "terms", "none"})) h.convergence_check = *c;
    h.convergence_tolerance = t->positive("convergence_tolerance").value_or(h.convergence_tolerance);
    if (const auto k = t->integer("fit_terms")) {
        if (*k < 1) t->fail("fit_terms", messages::must_be_at_least(1));
        if (*k > 16) t->fail("fit_terms", messages::must_be_at_most(16));
        h.fit_terms = static_cast<int>(*k);
    }
    h.fit_tolerance = t->positive("fit_tolerance").value_or(h.fit_tolerance);
    h.fit_time = t->positive("fit_time").value_or(h.fit_time);
}

}  // namespace openspins::config_detail
