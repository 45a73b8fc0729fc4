// Seed 004 eq. (1.28): intensive observables follow the free dynamics as N → ∞,
//   lim_N ω_N(τ^t_{λ,N}(A_(N))) = μ_S(A(t)),   A_(N) = N⁻¹ Σ_n A_n,   A(t) = e^{ith} A e^{−ith},
// a consequence of Lemma 1.4 (X_{0,N} = 0 on particle observables), hence of Theorem 1.2 and so of
// the vanishing odd moment condition (A0). The seed says after (1.28) that it "holds for all states
// μ_S"; without (A0) it fails — e.g. G = σ^x with all spins in |+x⟩ drives a field ⟨a⟩ ∝ λ√N whose
// back-action λ/√N·⟨B⟩ = O(λ²) on every spin does not vanish as N → ∞ (numbers in
// docs/validation/seed004_mean_field.md). The approach to the limit: the seed's (1.23) gives the
// error N^{−1/2} Y_0 + O(1/N); Y_0 is the fluctuation (1.29) (fluctuation_observable.hpp), which
// vanishes when μ_R(B(s)) = 0 (vacuum field), so the error is O(1/√N) for a coherent field and
// O(1/N) for the vacuum.
#pragma once

#include "openspins/method/analytic/mean_field_mode_model.hpp"

namespace openspins::analytic {

// μ_S(A(t)) = Tr(μ_S e^{ith} A e^{−ith}) for a one-particle observable A (d×d, any; a
// non-Hermitian A gives the complex expectation). Throws ModelError on a size mismatch.
[[nodiscard]] std::complex<double> free_intensive_expectation(const MeanFieldModeModel& model,
                                                              const Eigen::MatrixXcd& A, double t);

}  // namespace openspins::analytic
