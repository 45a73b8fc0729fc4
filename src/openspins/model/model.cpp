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

SpinModePolynomial Model::mode_hamiltonian(const std::map<std::string, double>& scale) const {
    using cplx = std::complex<double>;
    SpinModePolynomial h;
    if (cavity) {
        if (cavity->detuning != 0.0) h += SpinModePolynomial::mode(1, 1, cavity->detuning);
        const double g = cavity->coupling * factor(scale, "cavity");
        if (g != 0.0) {
            // i g (a† J^- − a J^+)
            h += SpinModePolynomial::mode(1, 0, cplx{0.0, g}) *
                 SpinModePolynomial::spins_only(CollectivePolynomial::letter(CollectiveLetter::Jm));
            h += SpinModePolynomial::mode(0, 1, cplx{0.0, -g}) *
                 SpinModePolynomial::spins_only(CollectivePolynomial::letter(CollectiveLetter::Jp));
        }
    }
    for (const auto& term : hamiltonian) {
        const double s = term.strength * factor(scale, term.name);
        if (term.mode && s != 0.0) h += *term.mode * cplx{s};
    }
    return h.simplified();
}

std::vector<ModeJump> Model::mode_jumps(const std::map<std::string, double>& scale) const {
    std::vector<ModeJump> out;
    if (cavity) {
        const double nbar = cavity->thermal_occupation;
        if (cavity->loss * (nbar + 1.0) != 0.0) out.push_back({cavity->loss * (nbar + 1.0), SpinModePolynomial::mode(0, 1)});
        if (cavity->loss * nbar != 0.0) out.push_back({cavity->loss * nbar, SpinModePolynomial::mode(1, 0)});
    }
    for (const auto& channel : channels) {
        if (!channel.mode || channel.jumps.empty()) continue;
        const double rate = channel.jumps.front().rate * factor(scale, channel.name);
        if (rate != 0.0) out.push_back({rate, *channel.mode});
    }
    return out;
}

bool Model::has_mode_terms() const {
    for (const auto& t : hamiltonian)
        if (t.mode) return true;
    for (const auto& c : channels)
        if (c.mode) return true;
    return false;
}

std::vector<std::string> Model::term_names() const {
    std::vector<std::string> names;
    for (const auto& t : hamiltonian) names.push_back(t.name);
    for (const auto& c : channels) names.push_back(c.name);
    if (cavity) names.emplace_back("cavity");  // scales the coupling g
    return names;
}

}  // namespace openspins
