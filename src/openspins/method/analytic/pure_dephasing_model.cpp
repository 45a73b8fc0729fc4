#include "openspins/method/analytic/pure_dephasing_model.hpp"

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"

namespace openspins::analytic {

namespace {

bool is_diagonal(const SpinOperator& op) {
    const SpinOperator simplified = op.simplified();
    for (const auto& m : simplified.terms())
        if (!m.is_diagonal()) return false;
    return true;
}

// ⟨b|op|b⟩ on every basis state of N spins (op diagonal).
std::vector<complex> diagonal_of(const SpinOperator& op, int spins) {
    const BasisState dimension = BasisState{1} << spins;
    std::vector<complex> out(dimension, 0.0);
    const SpinOperator simplified = op.simplified();
    for (const auto& m : simplified.terms())
        for (BasisState b = 0; b < dimension; ++b)
            if ((b & m.mask) == m.in) out[b] += m.coeff;
    return out;
}

std::vector<double> real_diagonal_of(const SpinOperator& op, int spins) {
    const auto c = diagonal_of(op, spins);
    std::vector<double> out(c.size());
    for (std::size_t k = 0; k < c.size(); ++k) out[k] = c[k].real();
    return out;
}

}  // namespace

void check_pure_dephasing(const Model& model) {
    for (const auto& term : model.hamiltonian)
        if (!is_diagonal(term.op))
            throw ModelError(messages::analytic_term_not_diagonal(term.name, term.kind));
    for (const auto& channel : model.channels)
        for (const auto& jump : channel.jumps)
            if (!is_diagonal(jump.op))
                throw ModelError(messages::analytic_channel_not_diagonal(channel.name, channel.kind));
    const auto& env = model.environment;
    for (const auto& coupling : env.couplings)
        if (!is_diagonal(coupling.op))
            throw ModelError(messages::analytic_coupling_not_diagonal(
                coupling.name, env.baths[static_cast<std::size_t>(coupling.bath)].name, to_string(coupling.op)));
}

PureDephasingModel pure_dephasing_model(const Model& model) {
    check_pure_dephasing(model);
    PureDephasingModel out;
    out.spins = model.spins.size();
    for (const auto& term : model.hamiltonian) {
        auto values = real_diagonal_of(term.op, out.spins);
        for (double& v : values) v *= term.strength;
        out.hamiltonian.push_back({term.name, std::move(values)});
    }
    for (const auto& channel : model.channels) {
        DiagonalChannel c{channel.name, {}};
        for (const auto& jump : channel.jumps) c.jumps.push_back({jump.rate, diagonal_of(jump.op, out.spins)});
        out.channels.push_back(std::move(c));
    }
    for (const auto& k : model.environment.noise_channels())
        out.noise.push_back({k.bath, k.weight, k.label, real_diagonal_of(k.op, out.spins)});
    return out;
}

}  // namespace openspins::analytic
