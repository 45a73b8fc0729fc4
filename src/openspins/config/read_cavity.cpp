// [cavity]: one bosonic mode coupled collectively to the spins (model/cavity.hpp),
// implemented by the dicke, exact and cumulant methods (and seed 004's analytic formulas).
#include <algorithm>

#include "openspins/config/messages.hpp"
#include "openspins/config/sections.hpp"

namespace openspins::config_detail {

namespace {

// initial = "vacuum" (default) | "fock" (key fock) | "coherent" (key alpha = [re, im]) |
// "thermal" (key n_thermal); the truncated state must keep n ≥ n_max below the threshold.
void read_mode_initial_state(const TableReader& t, Cavity& cavity, bool truncated) {
    const std::string kind = t.choice("initial", {"vacuum", "fock", "coherent", "thermal"}).value_or("vacuum");
    const auto only_for = [&](std::string_view key, std::string_view wanted) {
        if (t.has(key) && kind != wanted)
            t.fail(key, messages::key_only_for(std::string(key), "initial = \"" + std::string(wanted) + "\""));
    };
    only_for("fock", "fock");
    only_for("alpha", "coherent");
    only_for("n_thermal", "thermal");
    if (kind == "fock") {
        cavity.initial = Cavity::Initial::fock;
        (void)t.require("fock");
        const long long n = *t.integer("fock");
        if (n < 0) t.fail("fock", messages::must_be_at_least(0));
        if (truncated && n > cavity.n_max) t.fail("fock", messages::must_be_at_most(cavity.n_max));
        cavity.fock = static_cast<int>(n);
    } else if (kind == "coherent") {
        cavity.initial = Cavity::Initial::coherent;
        const std::vector<double> alpha = to_number_list(t.source(), t.require("alpha"), t.path_of("alpha"));
        if (alpha.size() != 2) t.fail("alpha", messages::wrong_length(2, alpha.size()));
        cavity.alpha = {alpha[0], alpha[1]};
    } else if (kind == "thermal") {
        cavity.initial = Cavity::Initial::thermal;
        (void)t.require("n_thermal");
        cavity.n_thermal = *t.non_negative("n_thermal");
    }
    if (!truncated) return;  // the cumulant method keeps the untruncated state's moments
    const double top = initial_mode_mixture(cavity).mass_at_top;
    if (top > cavity.top_level_threshold)
        t.fail(kind == "vacuum" ? "n_max" : "initial",
               messages::mode_initial_truncated(top, cavity.n_max, cavity.top_level_threshold));
}

}  // namespace

std::optional<Cavity> read_cavity(const TableReader& root, const RunSpec& spec) {
    const auto t = root.sub_table("cavity");
    if (!t) return std::nullopt;
    t->allow_only({"n_max", "detuning", "coupling", "loss", "top_level_threshold", "thermal_occupation", "initial", "fock",
                   "alpha", "n_thermal", "observables", "fock_file"});
    if (spec.method != "dicke" && spec.method != "analytic" && spec.method != "exact" && spec.method != "cumulant")
        t->fail_here(messages::cavity_needs_dicke(spec.method));
    // The exact method's spins ⊗ mode run watches the top Fock level by root finding, which the Chebyshev
    // propagator has not (exact/spin_mode_run.cpp).
    if (spec.method == "exact" && spec.solver.integrator == "chebyshev")
        root.sub_table("method")->fail("integrator", messages::key_only_for("integrator = \"chebyshev\"",
                                                                             "name = \"heom\", or \"exact\" without a [cavity]"));
    // The cumulant method works with the mode's moments: no Fock truncation (n_max optional and
    // unused there but for the integrator choice's rate estimate, κ·n_max; default 1).
    const bool truncated = spec.method != "cumulant";
    // Protocol steps scale the coupling by the name "cavity", shared with terms and channels.
    const auto names = spec.model.term_names();
    if (std::find(names.begin(), names.end(), "cavity") != names.end()) t->fail_here(messages::cavity_name_taken());
    Cavity cavity;
    if (truncated) (void)t->require("n_max");
    const long long n_max = t->integer("n_max").value_or(1);
    if (n_max < 1) t->fail("n_max", messages::must_be_at_least(1));
    if (n_max > max_cavity_photons) t->fail("n_max", messages::must_be_at_most(max_cavity_photons));
    cavity.n_max = static_cast<int>(n_max);
    // Without mode terms in [hamiltonian] the built-in coupling is the model's only one.
    if (!spec.model.has_mode_terms()) (void)t->require("coupling");
    cavity.coupling = t->number_or("coupling", 0.0);
    cavity.loss = t->non_negative("loss").value_or(0.0);
    cavity.thermal_occupation = t->non_negative("thermal_occupation").value_or(0.0);
    cavity.detuning = t->number_or("detuning", 0.0);
    if (const auto threshold = t->positive("top_level_threshold")) {
        if (*threshold >= 1.0) t->fail("top_level_threshold", messages::threshold_below_one());
        cavity.top_level_threshold = *threshold;
    }
    read_mode_initial_state(*t, cavity, truncated);
    if (const toml::node* node = t->find("observables")) {
        const std::string path = t->path_of("observables");
        const auto& list = to_array(t->source(), *node, path);
        const std::vector<std::string> allowed{"a", "x", "fock", "emitted"};
        for (std::size_t k = 0; k < list.size(); ++k) {
            const std::string name = to_string(t->source(), list[k], element_path(path, k));
            if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
                t->source().fail(list[k], element_path(path, k), messages::not_one_of(name, allowed));
            if (std::find(cavity.observables.begin(), cavity.observables.end(), name) != cavity.observables.end())
                t->source().fail(list[k], element_path(path, k), messages::duplicate_observable(name));
            cavity.observables.push_back(name);
        }
    }
    // The Fock distribution in its own file (fock.csv): the method computes the pn_ columns,
    // the writer moves them out of series.csv.
    cavity.fock_file = t->boolean("fock_file").value_or(false);
    if (cavity.fock_file && std::find(cavity.observables.begin(), cavity.observables.end(), "fock") == cavity.observables.end())
        cavity.observables.push_back("fock");
    return cavity;
}

}  // namespace openspins::config_detail
