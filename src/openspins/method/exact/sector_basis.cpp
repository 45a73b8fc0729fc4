#include "openspins/method/exact/sector_basis.hpp"

#include <bit>

namespace openspins::exact {

SectorBasis::SectorBasis(int spins)
    : spins_(spins), states_(static_cast<std::size_t>(spins + 1)), index_(std::size_t{1} << spins) {
    for (BasisState b = 0; b < dimension(); ++b) {
        auto& sector = states_[static_cast<std::size_t>(sector_of(b))];
        index_[b] = static_cast<std::uint32_t>(sector.size());
        sector.push_back(b);
    }
}

int SectorBasis::sector_of(BasisState b) { return std::popcount(b); }

}  // namespace openspins::exact
