#include "openspins/method/rates.hpp"

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/dicke/dicke_method.hpp"
#include "openspins/method/dicke/dicke_spectrum.hpp"
#include "openspins/method/redfield/generator_spectrum.hpp"
#include "openspins/method/redfield/redfield_method.hpp"

namespace openspins {

RatesTable compute_rates(const RunSpec& spec, const RatesRequest& request) {
    SpectrumOptions so = request.spectrum;
    so.memory_limit_bytes = spec.solver.memory_limit_bytes;
    RatesTable c;
    if (spec.method == "dicke") {
        DickeMethod().validate(spec);
        if (spec.model.cavity) throw ModelError(messages::rates_no_cavity());
        dicke::DickeSpectrumOptions dso;
        dso.spectrum = so;
        dso.max_order = request.max_order;
        c.spectrum = dicke::dicke_spectrum(spec.model, dso);
        c.single.push_back(dicke::dicke_single_spin_rates(spec.model));
        c.single.back().spin = -1;  // every spin alike
        return c;
    }
    if (spec.method != "exact" && spec.method != "redfield" && spec.method != "resonance")
        throw ModelError(messages::rates_method(spec.method));
    // Method resonance: its closed-form rates beside the Davies generator (with Lamb shift) it solves.
    if (spec.method == "resonance") c.analytic = resonance::analytic_rates(spec);
    const RunSpec generator = spec.method == "redfield" ? RedfieldMethod::derived_spec(spec, &c.notes)
                              : spec.method == "resonance"
                                  ? RedfieldMethod::derived_spec(resonance::davies_spec(spec), &c.notes)
                                  : spec;
    c.spectrum = redfield::generator_spectrum(generator.model, so);
    c.single = redfield::single_spin_rates(spec.method != "exact" ? spec.model : generator.model);
    return c;
}

}  // namespace openspins
