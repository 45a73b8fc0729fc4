// Seed 004 (Merkli & Rafiyi, "Mean field dynamics of some open quantum systems") with ONE
// bosonic mode as the reservoir: the model (1.2) in the symmetric case (Definition 1),
//
//   H_N = Σ_{j=1}^N h_j + ω a†a + (λ/√N) Σ_j G_j ⊗ B,    B = φ(g) = (g a† + ḡ a)/√2,
//   ω_N = μ_S ⊗ … ⊗ μ_S ⊗ μ_R,   μ_R = |α⟩⟨α| (coherent; α = 0 is the vacuum).
//
// Symbol mapping (seed → here): h → h (d×d, one particle), G → G (d×d, Hermitian),
// μ_S → rho (d×d density matrix), H_R = ∫|k|a*(k)a(k) → ω a†a (one mode), B = φ(g) with the
// form factor g(k) → one complex number g, so |g(k)|² d³k → |g|² at k = ω and ‖g‖ = |g|;
// λ → lambda. The seed's φ = (a + a*)/√2 (docs/conventions.md); its Dicke model (2.1) has
// σ^x ⊗ (a* + a) = σ^x ⊗ √2 φ, i.e. (2.1) is this model with g = √2 (or λ → √2 λ).
// Conventions: ħ = 1; for spins ½ the basis is |↑⟩ = index 0, |↓⟩ = index 1, and
// h = (ω₀/2)σ^z puts |↑⟩ at +ω₀/2 (the seed's §1.1.4 and §2.1 choice). Heisenberg picture
// X(t) = e^{itH₀} X e^{−itH₀} (1.6)–(1.7), so a(t) = a e^{−iωt} and G(t) = e^{ith} G e^{−ith}.
//
// The seed's results need the vanishing odd moment condition (A0), eq. (1.12):
// μ_S(G(t₁)⋯G(t_{2k+1})) = 0 for all k and times; odd_moment_residual() measures it.
#pragma once

#include <Eigen/Dense>
#include <complex>

namespace openspins::analytic {

struct MeanFieldModeModel {
    Eigen::MatrixXcd h;                // one particle's Hamiltonian (d×d, Hermitian)
    Eigen::MatrixXcd G;                // one particle's interaction operator (d×d, Hermitian)
    Eigen::MatrixXcd rho;              // μ_S: one particle's initial density matrix
    double omega = 1.0;                // mode frequency, H_R = ω a†a
    std::complex<double> g = 1.0;      // B = (g a† + ḡ a)/√2
    double lambda = 0.0;               // coupling; the Hamiltonian carries λ/√N
    std::complex<double> alpha = 0.0;  // coherent initial amplitude of the mode

    // Throws ModelError naming the offending field: sizes, Hermiticity, ρ ≥ 0 with trace 1,
    // ω > 0 and finite numbers.
    void validate() const;
};

// h's eigenbasis: the matrix elements the closed forms use, X_ab = ⟨a|X|b⟩ with h|a⟩ = E_a|a⟩.
struct EigenFrame {
    Eigen::VectorXd energy;   // E_a, ascending
    Eigen::MatrixXcd G, rho;  // in the eigenbasis
    Eigen::MatrixXcd basis;   // columns |a⟩ in the original basis
    // X in the eigenbasis.
    [[nodiscard]] Eigen::MatrixXcd to_frame(const Eigen::MatrixXcd& x) const { return basis.adjoint() * x * basis; }
};
[[nodiscard]] EigenFrame eigen_frame(const MeanFieldModeModel& model);

// max over k = 0, 1 and a grid of times in [0, t_max] of |μ_S(G(t₁)⋯G(t_{2k+1}))| / ‖G‖^{2k+1}:
// zero (to rounding) when (A0) holds, e.g. G = σ^x with ρ diagonal in h's basis, or any G
// with μ_S = ½𝟙. A check of k ≤ 1 only: (A0) for all k is not decidable from samples.
[[nodiscard]] double odd_moment_residual(const MeanFieldModeModel& model, double t_max);

// ∫_0^t e^{iνs} ds = (e^{iνt} − 1)/(iν), written t e^{iνt/2} sinc(νt/2) so that ν → 0 (resonance)
// loses no digits.
[[nodiscard]] std::complex<double> phase_integral(double nu, double t);

// (1 − cos νt)/ν² = ½|∫_0^t e^{iνs} ds|², with the same care at ν → 0 (→ t²/2).
[[nodiscard]] double resonance_kernel(double nu, double t);

}  // namespace openspins::analytic
