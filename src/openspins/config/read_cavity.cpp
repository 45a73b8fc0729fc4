// [cavity]: one bosonic mode coupled collectively to the spins (model/cavity.hpp),
// implemented by the dicke method only.
#include <algorithm>

#include "openspins/config/messages.hpp"
#include "openspins/config/sections.hpp"

namespace openspins::config_detail {

std::optional<Cavity> read_cavity(const TableReader& root, const RunSpec& spec) {
    const auto t = root.sub_table("cavity");
    if (!t) return std::nullopt;
    t->allow_only({"n_max", "detuning", "coupling", "loss", "top_level_threshold"});
    if (spec.method != "dicke") t->fail_here(messages::cavity_needs_dicke(spec.method));
    // Protocol steps scale the coupling by the name "cavity", shared with terms and channels.
    const auto names = spec.model.term_names();
    if (std::find(names.begin(), names.end(), "cavity") != names.end()) t->fail_here(messages::cavity_name_taken());
    Cavity cavity;
    (void)t->require("n_max");
    const long long n_max = *t->integer("n_max");
    if (n_max < 1) t->fail("n_max", messages::must_be_at_least(1));
    if (n_max > max_cavity_photons) t->fail("n_max", messages::must_be_at_most(max_cavity_photons));
    cavity.n_max = static_cast<int>(n_max);
    (void)t->require("coupling");
    cavity.coupling = *t->number("coupling");
    (void)t->require("loss");
    cavity.loss = *t->non_negative("loss");
    cavity.detuning = t->number_or("detuning", 0.0);
    if (const auto threshold = t->positive("top_level_threshold")) {
        if (*threshold >= 1.0) t->fail("top_level_threshold", messages::threshold_below_one());
        cavity.top_level_threshold = *threshold;
    }
    return cavity;
}

}  // namespace openspins::config_detail
