#include "openspins/model/term_builders.hpp"

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"

namespace openspins {

HamiltonianTerm zeeman_term(const SpinSystem& spins, int sign, std::string name) {
    SpinOperator h;
    for (int i = 0; i < spins.size(); ++i) h += SpinOperator::sigma_z(i) * complex{0.5 * sign * spins.frequency(i)};
    return {std::move(name), "zeeman", 1.0, h.simplified()};
}

HamiltonianTerm drive_term(const std::vector<int>& spins, double omega_x, double omega_y, std::string name) {
    SpinOperator h;
    for (int i : spins)
        h += SpinOperator::sigma_x(i) * complex{0.5 * omega_x} + SpinOperator::sigma_y(i) * complex{0.5 * omega_y};
    return {std::move(name), "drive", 1.0, h.simplified()};
}

HamiltonianTerm coupling_term(const std::string& kind, double J, const std::vector<SpinPair>& pairs,
                              std::string name) {
    SpinOperator h;
    for (const auto& [i, j] : pairs) {
        if (i == j) throw ModelError(messages::self_pair(i));
        const auto zz = SpinOperator::sigma_z(i) * SpinOperator::sigma_z(j);
        // S^xS^x + S^yS^y = ½(σ^+_i σ^-_j + σ^-_i σ^+_j)
        const auto flip_flop = SpinOperator::sigma_plus(i) * SpinOperator::sigma_minus(j) +
                               SpinOperator::sigma_minus(i) * SpinOperator::sigma_plus(j);
        if (kind == "zz")
            h += zz * complex{0.25};
        else if (kind == "xy")
            h += flip_flop * complex{0.5};
        else if (kind == "heisenberg")
            h += zz * complex{0.25} + flip_flop * complex{0.5};
        else
            throw ModelError(messages::not_one_of(kind, {"zz", "xy", "heisenberg"}));
    }
    return {std::move(name), kind, J, h.simplified()};
}

std::vector<SpinPair> all_pairs(const std::vector<int>& spins) {
    std::vector<SpinPair> pairs;
    for (std::size_t a = 0; a < spins.size(); ++a)
        for (std::size_t b = a + 1; b < spins.size(); ++b) pairs.emplace_back(spins[a], spins[b]);
    return pairs;
}

std::vector<SpinPair> chain_pairs(const std::vector<int>& spins) {
    std::vector<SpinPair> pairs;
    for (std::size_t a = 0; a + 1 < spins.size(); ++a) pairs.emplace_back(spins[a], spins[a + 1]);
    return pairs;
}

Channel local_channel(const std::string& kind, const std::vector<int>& spins, const std::vector<double>& rates,
                      std::string name) {
    if (rates.size() != spins.size())
        throw ModelError(messages::format_message("rates_per_spin", {messages::quoted(kind)}));
    Channel c{name.empty() ? kind : std::move(name), kind, {}, spins};
    for (std::size_t k = 0; k < spins.size(); ++k) {
        const int i = spins[k];
        SpinOperator op;
        if (kind == "emission")
            op = SpinOperator::sigma_minus(i);
        else if (kind == "absorption")
            op = SpinOperator::sigma_plus(i);
        else if (kind == "dephasing")
            op = SpinOperator::sigma_z(i);
        else
            throw ModelError(messages::not_one_of(kind, {"emission", "absorption", "dephasing"}));
        c.jumps.push_back({rates[k], op});
    }
    return c;
}

Channel collective_channel(const std::string& kind, const std::vector<int>& spins, double rate, std::string name) {
    SpinOperator op;
    if (kind == "collective_emission")
        op = collective_jminus(spins);
    else if (kind == "collective_absorption")
        op = collective_jplus(spins);
    else if (kind == "collective_dephasing")
        op = collective_jz(spins);
    else
        throw ModelError(
            messages::not_one_of(kind, {"collective_emission", "collective_absorption", "collective_dephasing"}));
    return {name.empty() ? kind : std::move(name), kind, {{rate, op}}, spins};
}

Channel custom_channel(const SpinOperator& jump, double rate, std::string name) {
    return {std::move(name), "custom", {{rate, jump}}};
}

}  // namespace openspins
