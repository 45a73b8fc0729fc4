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
// For a spectrum on [−a, 0] the error after n terms falls like I_n(c)e^{−c} — faster than any
// exponential once n > c — so a step costs about c + O(√c) applications of L, against the
// ~ha/(stability limit) steps of an explicit or multistep method, with 2 vector passes per term
// and no Nordsieck history. Eigenvalues off the segment (the slow oscillations, |Im λ| ≤ b) make
// T_k grow geometrically (the Bernstein ellipse through them), at a rate that vanishes as b/a → 0;
// the convergence is therefore measured, not assumed: a step stops when two consecutive terms β_k ‖T_k y‖_∞ fall below
// 0.05·(rtol‖y‖_∞ + atol) past k ≥ c, so a badly bounded spectrum (a too small, b large) shows
// as a series that does not converge within max_terms — the step is then retried with a = 1.5a
// (a failed step in the statistics). The local error per step is at most ~rtol·‖y‖_∞; the steps
// are as long as the output interval allows (c ≤ max_c = 60).
//
// The right-hand side's t argument is ignored (the generator must not depend on time); the
// watch of OdeIntegrator (a root-finding bound) is not supported.
#pragma once

#include <cstddef>
#include <memory>

#include "openspins/integrate/ode_integrator.hpp"

namespace openspins {

// `decay_bound` a: an estimate of max −Re λ over L's spectrum (it is enlarged when a step shows
// it too small).
std::unique_ptr<OdeIntegrator> make_chebyshev_propagator(std::size_t size, RhsFunction rhs, double decay_bound,
                                                         const SolverOptions& options);

}  // namespace openspins
