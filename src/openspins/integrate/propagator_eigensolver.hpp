// The slowest eigenvalues of a real linear generator A (matrix-free) from its propagator:
// Arnoldi on B = e^{(A + s)τ}, applied by integrating ẏ = (A + s) y over τ with CVODE
// (integrate/ode_integrator.hpp), then Rayleigh–Ritz with A itself (transformed_eigenpairs,
// integrate/real_eigensolver.hpp).
//
// Why: |e^{λτ}| = e^{Re λ·τ} depends on the rate only, so the slowest modes are B's dominant
// ones however wide the band of frequencies Im λ beside them, and after τ the fast part of the
// spectrum has collapsed towards 0 — Arnoldi converges in about as many B-applications as
// modes wanted, where Arnoldi on A (which = "LR") needs thousands of products when the slow
// eigenvalues sit next to a wide band (a Lindblad generator with inhomogeneous broadening).
// The price is the integration: ~τ·max|λ| generator products per application of B.
//
// The real shift s (estimated first from the decay of a random vector) keeps the wanted
// |e^{(λ+s)τ}| near 1, so CVODE's absolute tolerance (rtol·1e-3 of a unit vector's entries)
// stays below them. Eigenvalues and residuals ‖Av − λv‖ come from A, not from the integration:
// the integration tolerance only limits how small the residuals get.
#pragma once

#include "openspins/integrate/real_eigensolver.hpp"

namespace openspins {

struct PropagatorOptions {
    ArnoldiOptions arnoldi;  // count, subspace (0: 2·count + 20), tolerance (on B's Ritz values)
    double tau = 0.0;        // the propagation time; must be > 0
    double rtol = 1e-10;     // CVODE (Adams) relative tolerance per application of B
};

// The `count` eigenvalues of largest real part. products: generator applications in all
// (integration right-hand sides, Rayleigh–Ritz, residuals); transforms: applications of B.
EigenResult slowest_by_propagator(const RealOperator& a, const PropagatorOptions& options);

// −xᵀAx/xᵀx for a fixed random unit x: a one-sample estimate of −trace(A)/n, the block's mean
// decay rate (the scale of τ when none is given). −i[H, ·] adds nothing to the trace, but in a
// basis where it is not antisymmetric (HermitianPacking's Re/Im pairs, drives) it adds a term to
// the estimate: pass the dissipator alone to test for dissipation.
double mean_decay_estimate(const RealOperator& a);

// mean_decay_estimate, or ModelError (propagator_no_decay) when it is not above
// no_decay_fraction·‖Ax‖: without dissipation there is nothing to propagate out.
inline constexpr double no_decay_fraction = 1e-12;
double mean_decay_rate(const RealOperator& a);

// A lower estimate of the fastest rate ρ ≈ max|λ| (‖A‖₂ at most): the largest ‖Ax‖ over eight
// power iterations from a fixed random unit x. τρ is the number of the generator's fastest
// timescales one propagation spans, which the integrator's step count follows.
double fastest_rate_estimate(const RealOperator& a);

// slowest_by_propagator refuses (ModelError, propagator_tau_too_long) before integrating when
// τ·fastest_rate_estimate exceeds this: the propagations would not finish.
inline constexpr double max_timescales = 1e5;

}  // namespace openspins
