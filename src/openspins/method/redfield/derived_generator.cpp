#include "openspins/method/redfield/derived_generator.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "openspins/errors.hpp"
#include "openspins/method/redfield/bohr_decomposition.hpp"

namespace openspins::redfield {

namespace {

std::string format(double x) {
    std::ostringstream s;
    s.precision(12);
    s << x;
    return s.str();
}

double frequency_tolerance(const SingleSpinEnergies& e) {
    double scale = 1.0;
    for (std::size_t i = 0; i < e.up.size(); ++i) scale = std::max(scale, std::abs(e.up[i] - e.down[i]));
    return 1e-9 * scale;
}

HamiltonianTerm make_term(const std::string& name, const SpinOperator& op) {
    HamiltonianTerm t;
    t.name = name;
    t.kind = "bath";
    t.strength = 1.0;
    t.op = op.simplified();
    return t;
}

}  // namespace

DerivedGenerator derive_generator(const Model& model) {
    const Environment& env = model.environment;
    DerivedGenerator out;
    const GeneratorOptions& opt = env.options;
    out.notes["generator"] = opt.generator;
    out.notes["lamb_shift"] = opt.lamb_shift ? "true" : "false";
    out.notes["thermal_treatment"] = to_string(opt.thermal);
    if (opt.generator == "partial_secular") out.notes["secular_window"] = format(opt.secular_window);
    for (const auto& bath : env.baths)
        out.notes["bath." + bath.name] = bath.density->describe() + "; T=" + format(bath.temperature) +
                                         (bath.local ? "; local, correlation " + format(bath.correlation) : "; shared");
    if (env.empty()) return out;

    const int n = model.spins.size();
    const auto energies = single_spin_energies(model.hamiltonian_operator(), n);
    if (!energies)
        throw ModelError(
            "the redfield method derives generators for spins without spin–spin terms or drives in H_S "
            "(the dense eigenbasis for coupled spins is not implemented yet)");
    const double tol = frequency_tolerance(*energies);
    const auto spectra = env.spectra();
    const auto noise = env.noise_channels();
    out.completely_positive = opt.generator != "bloch_redfield";

    SpinOperator lamb_shift;
    SpinOperator redfield_hermitian;
    int bohr_count = 0;
    for (const auto& channel : noise) {
        const BathSpectrum& spectrum = spectra[static_cast<std::size_t>(channel.bath)];
        const auto components = bohr_components(channel.op, *energies, tol);
        bohr_count += static_cast<int>(components.size());
        const double w = channel.weight;
        Channel c;
        c.name = "bath:" + channel.label;
        c.kind = "bath_" + opt.generator;
        if (opt.generator == "bloch_redfield") {
            SpinOperator lambda;
            for (const auto& comp : components) {
                const complex g = w * spectrum.one_sided(comp.omega, opt.lamb_shift);
                lambda += g * comp.op;
            }
            const SpinOperator& a = channel.op;
            c.jumps.push_back({0.5, (a + lambda).simplified()});
            c.jumps.push_back({-0.5, (a - lambda).simplified()});
            // (AΛ − Λ†A)/(2i)
            redfield_hermitian += complex(0.0, -0.5) * (a * lambda - lambda.adjoint() * a);
        } else {
            const double window = opt.generator == "partial_secular" ? opt.secular_window : 0.0;
            for (const auto& [begin, end] : cluster_by_window(components, window)) {
                SpinOperator l;
                for (std::size_t k = begin; k < end; ++k) {
                    const double rate = w * spectrum.rate(components[k].omega);
                    if (rate > 0.0) l += complex(std::sqrt(rate), 0.0) * components[k].op;
                }
                l = l.simplified();
                if (!l.empty()) c.jumps.push_back({1.0, l});
            }
            if (opt.lamb_shift) {
                for (const auto& comp : components) {
                    const double s = w * spectrum.lamb_shift(comp.omega);
                    if (s != 0.0) lamb_shift += complex(s, 0.0) * (comp.op.adjoint() * comp.op);
                }
            }
        }
        if (!c.jumps.empty()) out.channels.push_back(std::move(c));
    }
    out.notes["noise_channels"] = std::to_string(noise.size());
    out.notes["bohr_components"] = std::to_string(bohr_count);
    if (!lamb_shift.simplified().empty()) out.hamiltonian.push_back(make_term("bath:lamb_shift", lamb_shift));
    if (!redfield_hermitian.simplified().empty())
        out.hamiltonian.push_back(make_term("bath:redfield_hermitian", redfield_hermitian));
    if (!out.completely_positive)
        out.notes["positivity"] =
            "Bloch–Redfield is not completely positive in general; ρ may leave the positive cone";
    return out;
}

}  // namespace openspins::redfield
