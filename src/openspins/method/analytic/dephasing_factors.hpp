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
//
// With π pulses about in-plane axes (flip_pulse.hpp) at t_1 < … < t_m, the element now at (a, b)
// was at (a_i, b_i) during interval I_i = [t_i, t_{i+1}) (t_0 = 0, t_{m+1} = t; a_{i−1} = a_i ⊕ M_i),
// picked up φ_i(a_{i−1})φ_i(b_{i−1})* at each pulse, and, the bath seeing the piecewise constant
// A(a(s)), A(b(s)) (second-order cumulant of a Gaussian bath, exact):
//   X_ab = Σ_i [H_S and channel terms on (a_i, b_i) for I_i]
//          − Σ_k w_k Σ_{i ≥ j} (A_{a_i} − A_{b_i}) (A_{a_j} K_ij − A_{b_j} K̄_ij),
//   K_ii = G(t_{i+1} − t_i),  K_ij = G(t_{i+1} − t_j) − G(t_{i+1} − t_{j+1}) − G(t_i − t_j) + G(t_i − t_{j+1})
// (K_ij = ∫_{I_i} ds ∫_{I_j, s' < s} ds' C(s − s')); without pulses this is the formula above. A Hahn
// echo of one spin, for instance, decays as e^{−ν²(4 Re G(τ) − Re G(2τ))}.
// ρ is stored in an exact-method BlockLayout (zero-quantum blocks when ρ(0) has only
// coherence order 0 — the factors never change the order — else all orders).
#pragma once

#include <vector>

#include "openspins/method/analytic/flip_pulse.hpp"
#include "openspins/method/analytic/pure_dephasing_model.hpp"
#include "openspins/method/exact/block_layout.hpp"

namespace openspins::analytic {

// A stretch of free evolution between pulses: its start and how long each term and channel was on.
struct Interval {
    double start = 0.0;
    std::vector<double> term_times;
    std::vector<double> channel_times;
};

class DephasingFactors {
public:
    DephasingFactors(const PureDephasingModel& model, const exact::SectorBasis& basis,
                     const exact::BlockLayout& layout);

    // rho = rho0 ∘ exp(X): term_times[i] and channel_times[i] in the model's term and
    // channel order, g[bath] = G(t) of that bath (only the baths with noise channels are read).
    void apply(const std::vector<complex>& rho0, const std::vector<double>& term_times,
               const std::vector<double>& channel_times, const std::vector<complex>& g,
               std::vector<complex>& rho) const;

    // The general case: intervals[i] between pulses[i − 1] and pulses[i] (pulses.size() + 1
    // intervals); kernels[bath] holds K_ij at [i·(m + 1) + j] (i ≥ j) for baths with noise channels.
    void apply(const std::vector<complex>& rho0, const std::vector<Interval>& intervals,
               const std::vector<FlipPulse>& pulses, const std::vector<std::vector<complex>>& kernels,
               std::vector<complex>& rho) const;

private:
    const PureDephasingModel& model_;
    const exact::SectorBasis& basis_;
    const exact::BlockLayout& layout_;
};

}  // namespace openspins::analytic
