// Builders for the named Hamiltonian terms and channels (the formulas are in
// hamiltonian_term.hpp and channel.hpp). The config reader and the bindings use
// these, so a kind means the same operator everywhere.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "openspins/model/channel.hpp"
#include "openspins/model/hamiltonian_term.hpp"
#include "openspins/model/spin_system.hpp"

namespace openspins {

using SpinPair = std::pair<int, int>;

// sign = +1: H = +Σ ω_i S^z_i; sign = −1: H = −Σ ω_i S^z_i.
HamiltonianTerm zeeman_term(const SpinSystem& spins, int sign, std::string name = "zeeman");
HamiltonianTerm drive_term(const std::vector<int>& spins, double omega_x, double omega_y, std::string name = "drive");
// kind: "zz", "xy" or "heisenberg"; J multiplies the S-operator products.
HamiltonianTerm coupling_term(const std::string& kind, double J, const std::vector<SpinPair>& pairs,
                              std::string name = "coupling");
std::vector<SpinPair> all_pairs(const std::vector<int>& spins);
std::vector<SpinPair> chain_pairs(const std::vector<int>& spins);

// kind: "emission", "absorption", "dephasing"; one jump per spin, rates[k] for spins[k].
Channel local_channel(const std::string& kind, const std::vector<int>& spins, const std::vector<double>& rates,
                      std::string name = "");
// kind: "collective_emission", "collective_absorption", "collective_dephasing".
Channel collective_channel(const std::string& kind, const std::vector<int>& spins, double rate,
                           std::string name = "");
Channel custom_channel(const SpinOperator& jump, double rate, std::string name = "custom");

}  // namespace openspins
