// y(t + h) = exp(hL) y for a linear, time-independent generator L given only through y ↦ Ly, in two forms.
//
// Real form: the spectrum lies near the segment [−a, 0] of the real axis (a dissipative generator whose
// fast modes decay and whose oscillations are slow: the HEOM hierarchy, method/heom/).
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
// computed ahead and restores the bounds first given (widened ones would make a resumed run differ).
//
// Oscillatory form (a generator whose spectrum is spread along the imaginary axis more than along the real one:
// a Lindbladian, |Im λ| ≤ b from its Hamiltonian, −a ≤ Re λ ≤ 0 from its dissipation, b > a/2). Around the centre
// c₀ = −a/2 the spectrum is taken inside an ellipse with foci c₀ ± id, d = √(B² − A²) (B ≥ A/0.866 so the foci stay
// apart): first A = A₀ = a/2, B = b, which holds the rhombus between the bounds' extremes — a Lindbladian's spectrum
// when its fastest oscillations are coherences between levels of unequal decay (a lossy mode's |n⟩⟨0|: nω, κn/2;
// the Ising chain) — and, once a step is refused for growing terms, the ellipse through the corners of the
// rectangle |Re(λ − c₀)| ≤ A₀, |Im λ| ≤ b (A = √2·A₀, B = √2·b). With
// Y = (L − c₀)/d (spectrum near the segment [−i, i]), the Jacobi–Anger expansion
// e^{iz cos θ} = J_0(z) + 2 Σ_{k≥1} i^k J_k(z) cos kθ, written for the real polynomials U_k = i^k T_k(−iY), gives
//
//   exp(hL) y = e^{h c₀} Σ_k β_k U_k y,   z = hd,  β_0 = J_0(z),  β_k = 2 J_k(z)  (GSL's J_n),
//   U_0 y = y,  U_1 y = Y y,  U_{k+1} y = 2Y U_k y + U_{k−1} y  (real arithmetic on a real state: no complex shift).
//
// On the ellipse |U_k| ≤ ρ^k, ρ = (A + B)/d, and Σ_k J_k(z)ρ^k = e^{z(ρ − 1/ρ)/2} = e^{hA}: the terms stay below
// e^{h(A − A₀)}‖y‖ after the factor e^{hc₀} (no growth for the rhombus' ellipse), and fall steeply once k exceeds
// hB — about one application of L per radian of hb (√2 more for the rectangle's, the price of covering its
// corners). The series converges for any spectrum (exp is entire); an eigenvalue outside the ellipse only makes the
// terms grow and fall later, which the measured checks catch. Converged terms count only past k = hd (J_k(z) has
// zeros below it). A step keeps hB ≤ 400 and h(A − A₀) ≤ 5, a group of outputs hB ≤ 320 and h(A − A₀) ≤ 4 (the
// terms' growth ≤ e^4). The same refusals and retries apply (the first one switches to the rectangle's ellipse,
// later ones widen both bounds by 1.25).
//
// Functionals (a caller that needs only linear functionals F(y) at most outputs, e.g. observables Tr(Oρ)): a step
// over several outputs then sums the full state only at its last output and, at the others, F of each term — one
// evaluation of F per term instead of a state-sized sum per output and term. advance_functionals(t, values)
// writes F(y(t)) and says whether the full state at t is known (advance(t, y) then returns it at no cost);
// advance(t, y) at an interior output of such a step takes a step that ends at t.
//
// The right-hand side's t argument is ignored (the generator must not depend on time). The watch of OdeIntegrator is
// sampled, not root-found: its value must be linear in y and independent of t; every accepted step evaluates it on
// each term and sums it at probe times inside the step (16, or one per π/b in the oscillatory form, ≤ 256), and
// advance() throws at the first probe above the limit — before any output of that step is returned.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include "openspins/integrate/ode_integrator.hpp"
#include "openspins/integrate/recurrence_step.hpp"

namespace openspins {

// Where L's spectrum (and, for a non-normal L, its field of values) lies: −decay ≤ Re λ ≤ 0, |Im λ| ≤ oscillation.
// Underestimates cost failed steps, not accuracy; the oscillatory form is used when oscillation > decay / 2.
struct SpectrumBounds {
    double decay = 0.0;
    double oscillation = 0.0;
};

// `restarts_at(before, at)`: true when the caller restarts at output time `at` (the previous output at `before`).
using RestartRule = std::function<bool(double before, double at)>;

// F: y ↦ values[0 … count), linear in y.
struct StateFunctionals {
    std::size_t count = 0;
    std::function<void(const double* y, double* values)> evaluate;
};

class ChebyshevPropagator : public OdeIntegrator {
public:
    // F(y(t)) into values (needs functionals); true when the full state at t is known.
    virtual bool advance_functionals(double t, double* values) = 0;
};

// `fused` (optional): the terms k ≥ 2 of a step with a single full sum (one output, or functionals) taken
// through it instead of rhs plus the propagator's own pass (recurrence_step.hpp; the same bits).
std::unique_ptr<ChebyshevPropagator> make_chebyshev_propagator(std::size_t size, RhsFunction rhs, SpectrumBounds bounds,
                                                               const SolverOptions& options, RestartRule restarts_at = {},
                                                               StateFunctionals functionals = {},
                                                               FusedRecurrence fused = {});

// The real form only: `decay_bound` a, an estimate of max −Re λ over L's spectrum (the HEOM hierarchy's).
std::unique_ptr<ChebyshevPropagator> make_chebyshev_propagator(std::size_t size, RhsFunction rhs, double decay_bound,
                                                               const SolverOptions& options, RestartRule restarts_at = {});

}  // namespace openspins
