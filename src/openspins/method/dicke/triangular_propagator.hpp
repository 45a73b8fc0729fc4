// exp(hA) for Dicke population generators that never raise m: one evolution interval
// as eight complex shifted solves, each a single forward sweep over m.
//
// Structure. On the population path (dicke_basis.hpp) index the populations by level
// ℓ = N/2 − m (0 … N) and block b (2j = N − 2b); level ℓ holds b = 0 … min(ℓ, N − ℓ),
// stored at population_offset(b) + (ℓ − b). Emission — local γ D[σ^-_i] or collective
// Γ D[J^-] — moves (ℓ, b) to (ℓ + 1, b') with |b' − b| ≤ 1; local dephasing moves (ℓ, b) to
// (ℓ, b ± 1); losses, collective dephasing and a diagonal H act on (ℓ, b) itself. Without
// absorption (local or collective) the generator A is therefore block lower-triangular in
// ℓ with tridiagonal diagonal blocks T_ℓ, and (A − s)x = y is solved level by level:
//   (T_ℓ − s) x_ℓ = y_ℓ − B_ℓ x_{ℓ−1}      (B_ℓ: the emission rates from level ℓ − 1),
// one Thomas solve per level (a division per population when T_ℓ is diagonal), O(N²)
// per shifted solve and only two levels of work space.
// The emitted-quanta accumulators E_c, E_l (dE/dt = f·p, f the emission flux weights of
// DickeGenerator::emission_weights) are two more rows of the augmented generator below
// every level, so they are propagated by the same rational function, exactly in t.
//
// Propagation. A's eigenvalues are the eigenvalues of the T_ℓ: real and ≤ 0 (T_ℓ is
// tridiagonal with off-diagonal products ≥ 0, so similar to a symmetric matrix, and
// column-diagonally dominant with a non-positive diagonal). exp(HA) y is evaluated with
// the type (16, 16) CRAM (integrate/cram_coefficients.hpp): eight shifts θ_p/H, all
// solved in one sweep (the pole loop innermost), ~3e-14 on the spectrum for any H.
// But A is far from normal: a chain of L levels with nearly equal rates c has
// pseudospectra filling the disk |z + c| ≤ c, and a degree-16 rational function cannot
// reproduce the Poisson-like spread of populations over many levels in one step. The
// error of one application on such a chain (measured, uniform chain, 1-norm) is 5e-13 at
// cH = 1, 1e-11 at 2, 7e-10 at 4, 1.4e-7 at 8, and it diverges beyond cH ≈ 22; the same
// happens on a collective chain (rates Γ(j+m)(j−m+1)) whose top rates Γ·2j·H sit in
// that window. Stiff levels (cH ≫ 25, e.g. Γ j² H ≈ 10⁷) are harmless: their mass
// leaves within the step. Hence each interval h is split into k equal sub-steps:
//   k₀ = ⌈h·Λ/4⌉ with Λ = N Σ γ_local (a bound on the local channels' loss rate, the
//   slowly varying chains), then the first sub-step of every evolve step (and of every
//   new sub-step size) is checked by step doubling on the actual state — one application
//   of H against two of H/2, accepted (the two halves kept) when their difference passes
//   CVODE's local error test, sqrt(mean_i (d_i / (rtol |y_i| + atol))²) ≤ 1 over the
//   populations and the accumulators — otherwise k is doubled, at most three times: the
//   error is not monotone in H (a chain's rates may cross into the window as H shrinks),
//   so instead of halving on and on propagate() then reports failure and the method
//   integrates the rest of that step with CVODE. Later sub-steps of a checked size reuse the verdict.
#pragma once
#pragma once

#include <cstddef>
#include <vector>

#include "openspins/method/dicke/dicke_basis.hpp"
#include "openspins/method/dicke/dicke_generator.hpp"

namespace openspins::dicke {

class TriangularPropagator {
public:
    // True when the population generator of `terms` never raises m (no absorption
    // channel, local or collective, with a non-zero rate); the Hamiltonian must be
    // diagonal in m (the population path's condition, checked by the method).
    [[nodiscard]] static bool applies(const GeneratorTerms& terms);

    // Reads the population generator and the emission weights of `generator` (built from
    // `terms` on the population path; applies(terms) must hold); keeps no reference to them.
    TriangularPropagator(const DickeBasis& basis, const DickeGenerator& generator, const GeneratorTerms& terms,
                         double rtol, double atol);

    // A new evolve step starts: forget which sub-step sizes were checked.
    void start_step() { checked_.clear(); }
    // y ← exp(hA_aug) y for h ≥ 0: y holds the populations (storage order) followed by the
    // two emitted-quanta accumulators (collective, local). Returns false, y unchanged,
    // when no sub-step size passes the check (the caller then integrates instead).
    [[nodiscard]] bool propagate(double h, double* y);

    struct Statistics {
        long applications = 0;  // CRAM applications (sweeps of eight shifted solves)
        long checks = 0;        // step-doubling checks
        double largest_estimate = 0.0;  // of the accepted checks (weighted RMS, ≤ 1)
    };
    [[nodiscard]] const Statistics& statistics() const { return statistics_; }
    [[nodiscard]] std::size_t bytes() const;

private:
    // One CRAM application y ← r(HA_aug) y, in place.
    void apply(double step, double* y);
    // The step-doubling difference in CVODE's weighted RMS norm (≤ 1 passes).
    [[nodiscard]] double difference(const std::vector<double>& a, const std::vector<double>& b) const;

    double slow_rate_;   // Λ = N Σ γ_local
    double rtol_, atol_;
    std::vector<double> checked_;  // sub-step sizes that passed the check in this evolve step
    Statistics statistics_;
    std::vector<double> single_, halves_;  // the check's two answers

    int n_;                                    // spins; levels ℓ = 0 … n_
    std::vector<std::size_t> level_start_;     // level-order position of (ℓ, 0)
    std::vector<std::size_t> block_offset_;    // population_offset(b)
    std::vector<char> level_coupled_;          // T_ℓ has off-diagonal entries (dephasing)
    // Per population, in level order: the diagonal of A; A's entries from (ℓ, b − 1) and
    // (ℓ, b + 1); from (ℓ − 1, b − 1), (ℓ − 1, b), (ℓ − 1, b + 1); the emission weights.
    std::vector<double> diagonal_, from_left_, from_right_, from_previous_[3], flux_[2];
    // Work space: two levels of the eight solutions (real, imaginary), padded.
    std::vector<double> previous_re_, previous_im_, current_re_, current_im_, pivot_re_, pivot_im_;
};

}  // namespace openspins::dicke
