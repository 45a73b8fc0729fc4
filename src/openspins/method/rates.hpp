// The rates of a run: its generator's eigenvalues (labelled), the named single-spin rates
// (1/T1, 1/T2, pure dephasing) and, for method resonance, seed 000's closed-form rates —
// what `openspins rates` prints and the Python module's openspins.rates() returns.
//
// Per method: exact — the run file's Lindblad generator; redfield — the generator derived
// from its baths (RedfieldMethod::derived_spec); resonance — the Davies generator the theory
// is the second-order solution of (resonance::davies_spec) next to its analytic rates;
// dicke — the generator in the Dicke basis (no cavity). Other methods are refused
// (ModelError rates_method). A mode evolves as e^{λt}: rate −Re λ, frequency Im λ.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "openspins/method/generator_modes.hpp"
#include "openspins/method/resonance/resonance_rates.hpp"
#include "openspins/model/run_spec.hpp"

namespace openspins {

struct RatesRequest {
    SpectrumOptions spectrum;  // memory_limit_bytes is taken from the spec's solver options
    int max_order = -1;        // dicke: largest |m − m'| block computed (−1: all)
};

struct RatesTable {
    GeneratorSpectrum spectrum;
    std::vector<SingleSpinRates> single;             // spin −1: every spin alike (dicke)
    std::map<std::string, std::string> notes;        // e.g. "generator" (which one was derived)
    std::vector<resonance::AnalyticRate> analytic;   // method resonance: seed 000's rates
};

// Validates the spec for its method first (the caller has usually done so with the run file's
// location, config/validated_method.hpp); throws ModelError / ResourceError.
RatesTable compute_rates(const RunSpec& spec, const RatesRequest& request);

}  // namespace openspins
