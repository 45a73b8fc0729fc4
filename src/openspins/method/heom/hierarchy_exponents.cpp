#include "openspins/method/heom/hierarchy_exponents.hpp"

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/redfield/dense_operator.hpp"
#include "openspins/model/bath/correlation_terminator.hpp"
#include "openspins/model/bath/drude_lorentz_correlation.hpp"
#include "openspins/model/bath/drude_lorentz_density.hpp"
#include "openspins/model/bath/underdamped_correlation.hpp"
#include "openspins/model/bath/underdamped_density.hpp"

namespace openspins::heom {

namespace {

using cd = std::complex<double>;

struct Expanded {
    ExponentialCorrelation correlation;
    std::string description;
};

// The bath's expansion with K terms, its terminator δ when asked (unscaled by the channel weight).
Expanded expand(const Bath& bath, const HeomOptions& options, int terms) {
    if (!(bath.temperature > 0.0)) throw ModelError(messages::heom_zero_temperature(bath.name));
    Expanded out;
    double zero_slope = 0.0, inverse_moment = 0.0;
    if (const auto* dl = dynamic_cast<const DrudeLorentzDensity*>(bath.density.get())) {
        // J̃(0) = 2λ/ω_D and ω_D are the density's public facts; λ follows.
        const double cutoff = dl->frequency_scale();
        const double lambda = 0.5 * dl->zero_slope() * cutoff;
        const auto expansion = options.expansion == "matsubara" ? PoleExpansion::matsubara : PoleExpansion::pade;
        out.correlation = drude_lorentz_correlation(lambda, cutoff, bath.temperature, terms, expansion);
        zero_slope = dl->zero_slope();
        inverse_moment = M_PI * lambda;
        out.description = "drude_lorentz " + options.expansion + " K=" + std::to_string(terms);
    } else if (const auto* ud = dynamic_cast<const UnderdampedDensity*>(bath.density.get())) {
        out.correlation = underdamped_correlation(ud->coupling(), ud->frequency(), ud->damping(), bath.temperature, terms);
        zero_slope = ud->zero_slope();
        inverse_moment = M_PI * ud->coupling() * ud->coupling() / (2.0 * ud->frequency() * ud->frequency());
        out.description = "underdamped matsubara K=" + std::to_string(terms);
    } else {
        throw ModelError(messages::heom_spectral_density(bath.name, bath.density->describe()));
    }
    if (options.terminator) {
        out.correlation.terminator = terminator_weight(out.correlation, zero_slope, inverse_moment, bath.temperature);
        out.description += " + terminator";
    }
    return out;
}

bool same_rate(cd a, cd b) { return std::abs(a - b) <= 1e-7 + 1e-5 * std::abs(b); }

// QuTiP's BosonicBath.combine on one channel: groups by ν in first-appearance order
// (real exponents first, then imaginary).
std::vector<HierarchyExponent> combine(const ExponentialCorrelation& c, int channel) {
    std::vector<HierarchyExponent> out;
    const auto add = [&](const CorrelationExponent& e, bool real) {
        for (auto& h : out)
            if (same_rate(h.rate, e.rate)) {
                (real ? h.real_coefficient : h.imaginary_coefficient) += e.coefficient;
                return;
            }
        HierarchyExponent h;
        h.channel = channel;
        h.rate = e.rate;
        (real ? h.real_coefficient : h.imaginary_coefficient) = e.coefficient;
        out.push_back(h);
    };
    for (const auto& e : c.real_part) add(e, true);
    for (const auto& e : c.imaginary_part) add(e, false);
    return out;
}

}  // namespace

HierarchyBaths hierarchy_baths(const Environment& env, int spins, const HeomOptions& options, int extra_terms) {
    HierarchyBaths out;
    const auto channels = env.noise_channels();
    for (const auto& ch : channels) {
        const Bath& bath = env.baths[static_cast<std::size_t>(ch.bath)];
        const Expanded e = expand(bath, options, options.terms + extra_terms);
        const ExponentialCorrelation c = e.correlation.scaled(ch.weight);
        const int index = static_cast<int>(out.couplings.size());
        out.couplings.push_back(redfield::dense_matrix(ch.op, spins));
        out.terminators.push_back(c.terminator);
        out.labels.push_back(ch.label);
        const auto exps = combine(c, index);
        out.exponents.insert(out.exponents.end(), exps.begin(), exps.end());
        out.descriptions.push_back(ch.label + ": " + e.description + ", " + std::to_string(exps.size()) + " exponents");
    }
    return out;
}

int count_exponents(const Environment& env, const HeomOptions& options, int extra_terms) {
    int k = 0;
    for (const auto& ch : env.noise_channels()) {
        const Bath& bath = env.baths[static_cast<std::size_t>(ch.bath)];
        k += static_cast<int>(combine(expand(bath, options, options.terms + extra_terms).correlation, 0).size());
    }
    return k;
}

}  // namespace openspins::heom
