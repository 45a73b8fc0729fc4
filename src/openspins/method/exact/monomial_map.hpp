// A monomial's action tabulated over the sector basis.
//
// For a monomial M (spin_operator.hpp) and each target sector a, `pairs(a)` lists
// (target index t, source index s): M|states(a − δ)[s]⟩ = coeff |states(a)[t]⟩,
// δ = M's change of the down count. The same table serves
//   left products   (Mρ)[t, ·]   = coeff · ρ[s, ·]          (rows)
//   right products  (ρM†)[·, t]  = conj(coeff) · ρ[·, s]    (columns)
//   traces          Tr(Mρ)       = Σ coeff · ρ[s, t]        (block (a − δ, a))
#pragma once

#include <cstdint>
#include <vector>

#include "openspins/method/exact/sector_basis.hpp"

namespace openspins::exact {

struct IndexPair {
    std::uint32_t target;
    std::uint32_t source;
};

class MonomialMap {
public:
    MonomialMap(const Monomial& monomial, const SectorBasis& basis);

    [[nodiscard]] const Monomial& monomial() const { return monomial_; }
    [[nodiscard]] complex coeff() const { return monomial_.coeff; }
    [[nodiscard]] int delta() const { return delta_; }
    [[nodiscard]] const std::vector<IndexPair>& pairs(int target_sector) const {
        return pairs_[static_cast<std::size_t>(target_sector)];
    }

private:
    Monomial monomial_;
    int delta_;
    std::vector<std::vector<IndexPair>> pairs_;
};

// Every monomial of an operator (after merging equal patterns), tabulated.
std::vector<MonomialMap> tabulate(const SpinOperator& op, const SectorBasis& basis);

}  // namespace openspins::exact
