// The kernel of the analytic method: ρ(t) from ρ(0) element by element.
//
// Every operator of a pure-dephasing model is diagonal in the z basis
// (pure_dephasing_model.hpp), so with a, b basis states
//   ρ_ab(t) = ρ_ab(0) exp(X_ab(t)),
//   X_ab = −i Σ_terms τ_term (h_a − h_b)                                   (H_S, exact)
//          + Σ_jumps γ τ_channel (L_a L_b* − ½|L_a|² − ½|L_b|²)            (diagonal Lindblad)
//          − Σ_k w_k [(A_a − A_b)² Re G_k(t) + i(A_a² − A_b²) Im G_k(t)]     (baths, exact)
// where τ_x = ∫_0^t scale_x(s) ds is the protocol-weighted time a term or channel has been
// on, and G_k the decoherence function of noise channel k's bath (decoherence_function.hpp).
// Diagonal elements get X_aa = 0: populations and the trace are conserved exactly.
// ρ is stored in an exact-method BlockLayout (zero-quantum blocks when ρ(0) has only
// coherence order 0 — the factors never change the order — else all orders).
#pragma once

#include <vector>

#include "openspins/method/analytic/pure_dephasing_model.hpp"
#include "openspins/method/exact/block_layout.hpp"

namespace openspins::analytic {

class DephasingFactors {
public:
    DephasingFactors(const PureDephasingModel& model, const exact::SectorBasis& basis,
                     const exact::BlockLayout& layout);

    // rho = rho0 ∘ exp(X): term_times[i] and channel_times[i] in the model's term and
    // channel order, g[bath] = G(t) of that bath (only the baths with noise channels are read).
    void apply(const std::vector<complex>& rho0, const std::vector<double>& term_times,
               const std::vector<double>& channel_times, const std::vector<complex>& g,
               std::vector<complex>& rho) const;

private:
    const PureDephasingModel& model_;
    const exact::SectorBasis& basis_;
    const exact::BlockLayout& layout_;
};

}  // namespace openspins::analytic
