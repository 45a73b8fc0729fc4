// ψ(t + τ) = exp(−iτH) ψ(t) for a Hermitian H given only through y = Hx: the short-iteration
// Lanczos (Krylov) exponential with a-posteriori step-size control.
//
// One step from ψ (β₀ = ‖ψ‖, v₁ = ψ/β₀): m Lanczos vectors V_m = [v₁ … v_m] (fully
// re-orthogonalised, so V_m†V_m = 1 to rounding) and the real symmetric tridiagonal
// T_m = V_m†HV_m (diagonal α_k, off-diagonal β_k), then
//
//   ψ(t + τ) ≈ β₀ V_m exp(−iτT_m) e₁,     exp(−iτT_m) = Q e^{−iτΛ} Qᵀ  (T_m = QΛQᵀ, Eigen's
//                                          tridiagonal SelfAdjointEigenSolver).
//
// Because Q is orthogonal and V_m orthonormal, the step is unitary to rounding whatever τ:
// ‖ψ‖ is conserved to ~1e-15 per step, unlike a linear multistep method (CVODE Adams keeps
// ‖ψ‖ only to its local accuracy). Error bound (Hochbruck & Lubich, SIAM J. Numer. Anal. 34
// (1997); Lubich, "From Quantum to Classical Molecular Dynamics" (2008), Thm. III.2.x): for a
// Hermitian H,
//
//   ‖exp(−iτH)ψ − β₀ V_m exp(−iτT_m) e₁‖ ≤ β₀ β_{m+1} ∫₀^τ |e_mᵀ exp(−isT_m) e₁| ds,
//
// evaluated by Gauss–Legendre quadrature (GSL glfixed) on the eigen-decomposition, which costs
// nothing per trial τ. A step takes the remaining interval when the bound allows, growing m up
// to max_dimension; otherwise the largest τ whose bound is ≤ tolerance·β₀ (so each step's error
// is at most `tolerance` relative to ‖ψ‖; the global error is at most the sum over steps).
// An invariant subspace (β_{m+1} ≈ 0, "happy breakdown") gives the exact answer for any τ.
//
// Cost per step: m applications of H, m²/2 inner products (the re-orthogonalisation) and
// (m + 1) vectors of storage.
#pragma once

#include <complex>
#include <cstddef>
#include <functional>
#include <vector>

namespace openspins {

class LanczosPropagator {
public:
    using cplx = std::complex<double>;
    // y = H x for vectors of the propagator's dimension (H Hermitian).
    using Apply = std::function<void(const cplx* x, cplx* y)>;

    struct Options {
        double tolerance = 1e-10;  // per step, relative to ‖ψ‖
        int max_dimension = 30;    // Krylov vectors per step
    };
    struct Statistics {
        long steps = 0;         // Krylov steps taken
        long applications = 0; // products Hx
    };

    LanczosPropagator(std::size_t dimension, Options options);

    // ψ ← exp(−iτH) ψ (τ ≥ 0; τ = 0 leaves ψ unchanged), in as many steps as the bound needs.
    void propagate(const Apply& apply, cplx* psi, double tau);

    // A population watched inside the steps: weight·‖ψ(s)[begin, end)‖² added to values[i] at each offset
    // s = offsets[i] (ascending, in (0, τ]) from the Krylov step that covers it, ψ(s) = β₀ V_m exp(−i(s − s₀)T_m) e₁
    // restricted to the range — m·(end − begin) products per offset, no application of H.
    struct Sampling {
        std::size_t begin = 0, end = 0;
        const std::vector<double>* offsets = nullptr;
        double weight = 1.0;
        std::vector<double>* values = nullptr;
    };
    void propagate(const Apply& apply, cplx* psi, double tau, const Sampling& sampling);

    [[nodiscard]] const Statistics& statistics() const { return stats_; }

private:
    // One Krylov step from psi over at most tau; returns the time actually advanced. With sampling: the offsets in
    // (done, done + advanced] (all that remain when the step reaches τ).
    double step(const Apply& apply, cplx* psi, double tau, double done, const Sampling* sampling);

    std::size_t dim_;
    Options options_;
    std::vector<cplx> basis_;  // (max_dimension + 1) vectors of dim_, contiguous
    std::vector<cplx> work_;
    Statistics stats_;
};

}  // namespace openspins
