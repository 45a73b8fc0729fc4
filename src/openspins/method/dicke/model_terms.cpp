#include "openspins/method/dicke/model_terms.hpp"

namespace openspins::dicke {

namespace {

double factor(const std::map<std::string, double>& scale, const std::string& name) {
    const auto it = scale.find(name);
    return it == scale.end() ? 1.0 : it->second;
}

CollectiveLetter collective_letter(const std::string& kind) {
    if (kind == "collective_emission") return CollectiveLetter::Jm;
    if (kind == "collective_absorption") return CollectiveLetter::Jp;
    return CollectiveLetter::Jz;
}

}  // namespace

GeneratorTerms generator_terms(const Model& model, const std::map<std::string, double>& scale) {
    GeneratorTerms terms;
    for (const auto& t : model.hamiltonian) {
        const double s = t.strength * factor(scale, t.name);
        if (s != 0.0 && t.collective) terms.hamiltonian += *t.collective * s;  // mode terms: Model::mode_hamiltonian
    }
    for (const auto& c : model.channels) {
        const double rate = (c.jumps.empty() ? 0.0 : c.jumps.front().rate) * factor(scale, c.name);
        if (rate == 0.0 || c.mode) continue;  // custom spin–mode jumps: Model::mode_jumps
        if (c.is_collective())
            terms.collective.push_back({rate, collective_letter(c.kind)});
        else
            terms.local.push_back({rate, local_kind(c.kind)});
    }
    return terms;
}

CollectivePolynomial initial_hamiltonian(const Model& model) {
    CollectivePolynomial h;
    for (const auto& t : model.hamiltonian)
        if (t.strength != 0.0 && t.collective) h += *t.collective * t.strength;
    return h.simplified();
}

std::optional<double> zeeman_scale(const Model& model) {
    for (const auto& t : model.hamiltonian) {
        if (t.kind != "zeeman" || !t.collective) continue;
        const auto p = t.collective->simplified();
        if (p.terms().size() == 1 && p.terms()[0].letters == std::vector{CollectiveLetter::Jz})
            return p.terms()[0].coeff.real() * t.strength;
        if (p.empty()) return 0.0;
    }
    return std::nullopt;
}

}  // namespace openspins::dicke
