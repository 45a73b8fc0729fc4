// Basis states of N spins grouped into sectors by their number of down spins.
//
// Sector n holds the C(N, n) states with n bits set (bit = 1 is |↓⟩), in
// increasing order of their integer label b. Every monomial operator maps a
// sector to one sector (monomials change the down count by a definite amount),
// which is what lets ρ be stored as blocks between sectors.
#pragma once

#include <cstdint>
#include <vector>

#include "openspins/model/spin_operator.hpp"

namespace openspins::exact {

class SectorBasis {
public:
    explicit SectorBasis(int spins);

    [[nodiscard]] int spins() const { return spins_; }
    [[nodiscard]] BasisState dimension() const { return BasisState{1} << spins_; }
    [[nodiscard]] int sectors() const { return spins_ + 1; }
    [[nodiscard]] std::size_t sector_size(int n) const { return states_[static_cast<std::size_t>(n)].size(); }
    [[nodiscard]] const std::vector<BasisState>& states(int n) const { return states_[static_cast<std::size_t>(n)]; }
    [[nodiscard]] static int sector_of(BasisState b);
    [[nodiscard]] std::uint32_t index_of(BasisState b) const { return index_[b]; }

private:
    int spins_;
    std::vector<std::vector<BasisState>> states_;
    std::vector<std::uint32_t> index_;  // position of b within its sector
};

}  // namespace openspins::exact
