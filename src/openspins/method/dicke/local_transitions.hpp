// Local (one-spin) dissipators Σ_i γ D[A_i] in the Dicke basis, A = σ^-, σ^+ or σ^z.
//
// Derivation (docs/methods/dicke.md has the full text). Split the N spins into the
// first N−1 (total spin l, multiplicity d^{N−1}_l) and spin N. Each |j, m, α⟩ is a
// |j, m; l, β⟩ with l = j ± ½, and A_N keeps (l, β). For ρ = ⊕ ρ^j ⊗ 1/d_j,
// permutation symmetry gives Σ_i A_i ρ A_i† = N · (symmetrised) A_N ρ A_N†, so the
// reduced block j' of Σ_i A_i ρ A_i† is
//   Σ_j Σ_{l} w_l(j) a_l(j m → j' m+δ) a_l(j m' → j' m'+δ) ρ^j_{m m'}
// with w_l(j) = N d^{N−1}_l / d^N_j, i.e.
//   w_{j−½} = 2j (N/2 + j + 1)/(2j + 1),   w_{j+½} = (2j + 2)(N/2 − j)/(2j + 1),
// and a_l the matrix element ⟨j' μ; l|A_N|j m; l⟩ from the spin-½ Clebsch–Gordan
// coefficients (Condon–Shortley):
//   |l+½, M⟩ =  √((l+M+½)/(2l+1)) |l, M−½⟩|↑⟩ + √((l−M+½)/(2l+1)) |l, M+½⟩|↓⟩
//   |l−½, M⟩ = −√((l−M+½)/(2l+1)) |l, M−½⟩|↑⟩ + √((l+M+½)/(2l+1)) |l, M+½⟩|↓⟩.
// δ = −1 (σ^-), +1 (σ^+), 0 (σ^z); j' ∈ {j−1, j, j+1}. The anticommutator part uses
// Σ_i A_i†A_i = N/2 + Jz (σ^-), N/2 − Jz (σ^+), N (σ^z), collective and diagonal.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "openspins/method/dicke/dicke_basis.hpp"
#include "openspins/model/collective_polynomial.hpp"

namespace openspins::dicke {

enum class LocalKind { emission, absorption, dephasing };
LocalKind local_kind(const std::string& channel_kind);  // "emission", "absorption", "dephasing"

// One source block → one target block: ρ^{target}_{k1+shift, k2+shift} +=
// Σ_l c[l][k1] c[l][k2] ρ^{source}_{k1 k2} (rate not included). c is zero where the
// target index falls outside the target block.
struct LocalTransition {
    int source = 0;
    int target = 0;
    int shift = 0;
    std::array<std::vector<double>, 2> c;  // l = j − ½, j + ½ (√w_l · a_l)
};

std::vector<LocalTransition> local_transitions(const DickeBasis& basis, LocalKind kind);

// Σ_i A_i†A_i as a collective polynomial of the N spins.
CollectivePolynomial local_loss_operator(LocalKind kind, int n);

// ⟨j' μ; l|A_N|j m; l⟩ for spin N, all arguments doubled (two_l = 2l, …).
double coupled_matrix_element(LocalKind kind, int two_l, int two_j, int two_m, int two_jp, int two_mu);

}  // namespace openspins::dicke
