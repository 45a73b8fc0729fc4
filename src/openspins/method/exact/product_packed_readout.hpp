// The run's observables read straight off the fused kernel's packed state (product-basis order,
// fused_full_generator.hpp: P[r·D + c] = Re ρ_rc for c ≥ r, −Im ρ_rc for c < r), as one linear map
// y ↦ (columns…, Tr ρ): the values ObservableEvaluator gives on the block layout, without unpacking.
//
// Tr(Mρ) of a monomial M = coeff · Σ ρ[s, t] over its index pairs (monomial_map.hpp), each ρ_rc two packed
// reals: ρ_rc = P[r][c] + i P[c][r] (c > r), P[r][r] (c = r), P[c][r] − i P[r][c] (c < r). A column is
// then Σ_p w_p P[p] over ~D·(monomials) entries — not 4^N — which is what lets the Chebyshev propagator
// (integrate/chebyshev_propagator.hpp, StateFunctionals) evaluate the observables on every term of its
// series instead of summing a full state per output. Purity (quadratic) has no such form: linear() says so.
#pragma once

#include <vector>

#include "openspins/method/exact/linear_readout.hpp"
#include "openspins/method/exact/sector_basis.hpp"
#include "openspins/model/observable.hpp"

namespace openspins::exact {

class ProductPackedReadout : public LinearReadout {
public:
    ProductPackedReadout(const SectorBasis& basis, const std::vector<Observable>& observables);
};

}  // namespace openspins::exact
