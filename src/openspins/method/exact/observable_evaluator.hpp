// Expectation values Tr(Oρ), purity and trace on a packed ρ.
//
// Tr(Mρ) for a monomial M = Σ_c ⟨c|Mρ|c⟩ = coeff · Σ ρ[pre(c), c]: one sweep over the
// monomial's index pairs, reading block (a − δ, a). Blocks absent from the layout
// hold zeros by construction, so their monomials contribute nothing.
#pragma once

#include <string>
#include <vector>

#include "openspins/method/exact/monomial_map.hpp"
#include "openspins/method/exact/block_layout.hpp"
#include "openspins/model/observable.hpp"

namespace openspins::exact {

class ObservableEvaluator {
public:
    ObservableEvaluator(const SectorBasis& basis, const BlockLayout& layout, const std::vector<Observable>& observables);

    [[nodiscard]] const std::vector<std::string>& columns() const { return columns_; }
    [[nodiscard]] std::vector<double> evaluate(const complex* rho) const;

    [[nodiscard]] complex expectation(const std::vector<MonomialMap>& maps, const complex* rho) const;
    [[nodiscard]] double trace(const complex* rho) const;
    [[nodiscard]] double purity(const complex* rho) const;

private:
    struct Entry {
        Observable::Kind kind;
        bool hermitian;
        std::vector<MonomialMap> maps;
    };
    const SectorBasis& basis_;
    const BlockLayout& layout_;
    std::vector<Entry> entries_;
    std::vector<std::string> columns_;
};

}  // namespace openspins::exact
