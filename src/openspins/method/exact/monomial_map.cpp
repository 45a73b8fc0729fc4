#include "openspins/method/exact/monomial_map.hpp"

namespace openspins::exact {

MonomialMap::MonomialMap(const Monomial& monomial, const SectorBasis& basis)
    : monomial_(monomial), delta_(monomial.delta_down()), pairs_(static_cast<std::size_t>(basis.sectors())) {
    for (BasisState b = 0; b < basis.dimension(); ++b) {
        BasisState source = 0;
        if (!monomial.preimage(b, source)) continue;
        pairs_[static_cast<std::size_t>(SectorBasis::sector_of(b))].push_back(
            {basis.index_of(b), basis.index_of(source)});
    }
}

std::vector<MonomialMap> tabulate(const SpinOperator& op, const SectorBasis& basis) {
    std::vector<MonomialMap> maps;
    const SpinOperator simple = op.simplified();
    for (const auto& m : simple.terms()) maps.emplace_back(m, basis);
    return maps;
}

}  // namespace openspins::exact
