#include "openspins/method/heom/hierarchy_exponents.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/redfield/dense_operator.hpp"
#include "openspins/model/bath/bath_spectrum.hpp"
#include "openspins/model/bath/correlation_terminator.hpp"
#include "openspins/model/bath/drude_lorentz_correlation.hpp"
#include "openspins/model/bath/drude_lorentz_density.hpp"
#include "openspins/model/bath/fitted_correlation.hpp"
#include "openspins/model/bath/underdamped_correlation.hpp"
#include "openspins/model/bath/underdamped_density.hpp"

namespace openspins::heom {

namespace {

using cd = std::complex<double>;

struct Expanded {
    ExponentialCorrelation correlation;
    std::string description;
    double fit_error = 0.0;  // fitted baths: max|ΔC|/C(0)
    double spectrum_error = -1.0, spectrum_error_zero = -1.0;  // fitted baths: relative γ errors (hierarchy_exponents.hpp)
};

// The fit's spectrum against the density's where the system probes it: ±ω for its Bohr frequencies and ω = 0.
// The time fit bounds max|ΔC(t)| on its window only; a rate error at a Bohr frequency would bias every
// relaxation rate by the same fraction at any coupling (docs/methods/heom.md, "Fitted baths"). γ(0) also holds
// C's algebraic tail beyond the window, which a run inside the window never sees.
void spectrum_errors(const Bath& bath, const ExponentialCorrelation& fit, const std::vector<double>& bohr,
                     Expanded& out) {
    const BathSpectrum exact(bath.density, bath.temperature, ThermalTreatment::bose);
    out.spectrum_error = 0.0;
    for (const double w : bohr)
        for (const double s : {w, -w}) {
            if (std::abs(s) > bath.density->upper_limit()) continue;  // beyond a table: no exact γ to compare
            const double g = exact.rate(s);
            if (g > 0.0) out.spectrum_error = std::max(out.spectrum_error, std::abs(fit.spectrum(s) / g - 1.0));
        }
    const double g0 = exact.rate(0.0);
    if (g0 > 0.0) out.spectrum_error_zero = std::abs(fit.spectrum(0.0) / g0 - 1.0);
}

bool closed_form(const SpectralDensity& j) {
    return dynamic_cast<const DrudeLorentzDensity*>(&j) || dynamic_cast<const UnderdampedDensity*>(&j);
}

// The fits of this process, by (density, T, terms, window): a run builds its baths several times (the
// integrator rule, the run, the convergence check) and local baths repeat one bath per spin; a fit
// costs ~0.1–1 s. Fits are deterministic, so a cached one is the same fit.
CorrelationFit cached_fit(const SpectralDensity& j, double temperature, const CorrelationFitOptions& o) {
    static std::mutex mutex;
    static std::map<std::string, CorrelationFit> cache;
    char key[160];
    std::snprintf(key, sizeof key, "|%.17g|%d|%.17g|%d", temperature, o.terms, o.window, o.samples);
    std::string k = j.describe() + key;
    for (const double x : {0.05, 0.3, 1.0, 3.0}) {  // descriptions of tables name the file, not its content
        const double w = std::min(x * j.frequency_scale(), j.upper_limit());
        std::snprintf(key, sizeof key, "|%.17g", j.value(w));
        k += key;
    }
    {
        const std::lock_guard<std::mutex> lock(mutex);
        if (const auto it = cache.find(k); it != cache.end()) return it->second;
    }
    CorrelationFit fit = fitted_correlation(j, temperature, o);
    const std::lock_guard<std::mutex> lock(mutex);
    return cache.emplace(k, std::move(fit)).first->second;
}

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
        // Any other density: C(t) by quadrature, fitted (fit_terms + the K vs K+1 check's extra term).
        if (!std::isfinite(bath.density->zero_slope()))
            throw ModelError(messages::heom_spectral_density(bath.name, bath.density->describe()));
        CorrelationFitOptions fo;
        fo.terms = options.fit_terms + (terms - options.terms);
        // The window covers the run: an ohmic C_R has an algebraic tail (~T J̃(0) ω_c/(π(1 + ω_c²t²))) that a
        // fit over a shorter window leaves to the exponentials' extrapolation.
        fo.window = options.fit_time > 0.0
                        ? options.fit_time
                        : std::max(10.0 * std::max(1.0 / bath.density->frequency_scale(),
                                                   1.0 / (2.0 * M_PI * bath.temperature)),
                                   options.run_duration);
        const CorrelationFit fit = cached_fit(*bath.density, bath.temperature, fo);
        if (fit.error > options.fit_tolerance)
            throw ModelError(messages::heom_fit(bath.name, bath.density->describe(), fo.terms, fit.error,
                                                options.fit_tolerance));
        out.correlation = fit.correlation;
        out.fit_error = fit.error;
        spectrum_errors(bath, fit.correlation, options.bohr_frequencies, out);
        zero_slope = bath.density->zero_slope();
        inverse_moment = openspins::inverse_moment(*bath.density);
        char text[96];
        std::snprintf(text, sizeof text, "fit K=%d (t <= %.4g) error %.3e", fo.terms, fit.window, fit.error);
        out.description = bath.density->describe() + ": " + text;
        if (out.spectrum_error >= 0.0) {
            std::snprintf(text, sizeof text, ", spectrum error %.3e at the Bohr frequencies, %.3e at 0",
                          out.spectrum_error, out.spectrum_error_zero);
            out.description += text;
        }
    }
    // Fitted baths get no terminator: what the fit leaves out is C's slow tail beyond the window, not a
    // fast remainder — as white noise it dephased a pure-dephasing run 10× more wrongly than no
    // terminator (4.6e-4 vs 4.5e-5, ohmic α = 0.01, ω_c = 5, T = 1, K = 5, t ≤ 6; docs/methods/heom.md).
    if (options.terminator && out.fit_error == 0.0) {
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
        out.fit_error = std::max(out.fit_error, e.fit_error);
        out.fit_spectrum_error = std::max(out.fit_spectrum_error, e.spectrum_error);
        out.fit_spectrum_error_zero = std::max(out.fit_spectrum_error_zero, e.spectrum_error_zero);
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
        if (!closed_form(*bath.density)) {  // a fit: at most two exponents per term (no fit for a count)
            k += 2 * (options.fit_terms + extra_terms);
            continue;
        }
        k += static_cast<int>(combine(expand(bath, options, options.terms + extra_terms).correlation, 0).size());
    }
    return k;
}

}  // namespace openspins::heom
