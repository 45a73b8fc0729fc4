#include "openspins/model/model.hpp"

namespace openspins {

namespace {
double factor(const std::map<std::string, double>& scale, const std::string& name) {
    const auto it = scale.find(name);
    return it == scale.end() ? 1.0 : it->second;
}
}  // namespace

SpinOperator Model::hamiltonian_operator(const std::map<std::string, double>& scale) const {
    SpinOperator h;
    for (const auto& term : hamiltonian) {
        const double s = term.strength * factor(scale, term.name);
        if (s != 0.0) h += term.op * complex{s};
    }
    return h.simplified();
}

std::vector<Jump> Model::jumps(const std::map<std::string, double>& scale) const {
    std::vector<Jump> out;
    for (const auto& channel : channels) {
        const double f = factor(scale, channel.name);
        for (const auto& jump : channel.jumps)
            if (jump.rate * f != 0.0) out.push_back({jump.rate * f, jump.op});
    }
    return out;
}

std::vector<std::string> Model::term_names() const {
    std::vector<std::string> names;
    for (const auto& t : hamiltonian) names.push_back(t.name);
    for (const auto& c : channels) names.push_back(c.name);
    if (cavity) names.emplace_back("cavity");  // scales the coupling g
    return names;
}

}  // namespace openspins
