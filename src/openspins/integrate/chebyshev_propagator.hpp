// y(t + h) = exp(hL) y for a linear, time-independent generator L given only through y ↦ Ly,
// whose spectrum lies near the segment [−a, 0] of the real axis (a dissipative generator whose
// fast modes decay and whose oscillations are slow: the HEOM hierarchy, method/heom/).
//
// With X = (2/a)L + 1 (spectrum in [−1, 1]) and c = ha/2, the generating function of the
// modified Bessel functions, e^{c x} = I_0(c) + 2 Σ_{k≥1} I_k(c) T_k(x), gives the Chebyshev series
//
//   exp(hL) y = Σ_k β_k T_k(X) y,   β_0 = e^{−c} I_0(c),  β_k = 2 e^{−c} I_k(c)  (GSL's scaled I_k),
//   T_0 y = y,  T_1 y = X y,  T_{k+1} y = 2X T_k y − T_{k−1} y  (one application of L per term).
//
// For a spectrum on [−a, 0] the error after n terms falls like e^{−c}I_n(c) ≈ e^{−n²/2c}/√(2πc), so a step
// needs ~√(2c·ln(1/ε)) applications of L — against the ~ha/(stability limit) steps of an explicit or multistep
// method — with 2 vector passes per term and no Nordsieck history. Eigenvalues off the segment (the slow
// oscillations, |Im λ| ≤ b) make T_k y grow geometrically (the Bernstein ellipse through them), at a rate that
// vanishes as b/a → 0, and the terms then cancel by ~e^{c(ln ρ)²/2}; the convergence is therefore measured, not
// assumed: a step stops when three consecutive terms β_k‖T_k y‖_∞ (for the step's largest c) fall below
// 0.05·(rtol‖y‖_∞ + atol), and is refused when a term exceeds 100‖y‖_∞ (the spectrum reaches beyond −a, or the
// terms cancel by more than two digits) or the series has not settled within √(90c) + 40 terms — it is then
// retried with a = 1.25a and half the longest step (a failed step in the statistics; 16 refusals in a row throw).
// The local error per step is at most ~rtol·‖y‖_∞.
//
// Output grids are uniform, so a step to the requested time t also computes the next equally spaced times (up to
// 16, while c ≤ 40) with the same T_k(X)y — only the β_k differ — and later advance() calls to those times cost
// nothing: the right-hand sides per unit time fall like 1/√c. Such a step never reaches past an output time where
// the caller will restart (`restarts_at(previous output, output)`, the protocol walk's checkpoint bins), so a run
// resumed from a checkpoint there repeats the uninterrupted run's arithmetic bit for bit; reset() drops what was
// computed ahead.
//
// The right-hand side's t argument is ignored (the generator must not depend on time); the
// watch of OdeIntegrator (a root-finding bound) is not supported.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include "openspins/integrate/ode_integrator.hpp"

namespace openspins {

// `decay_bound` a: an estimate of max −Re λ over L's spectrum (it is enlarged when a step shows
// it too small).
// `restarts_at(before, at)`: true when the caller restarts at output time `at` (the previous output at `before`).
using RestartRule = std::function<bool(double before, double at)>;
std::unique_ptr<OdeIntegrator> make_chebyshev_propagator(std::size_t size, RhsFunction rhs, double decay_bound,
                                                         const SolverOptions& options, RestartRule restarts_at = {});

}  // namespace openspins
