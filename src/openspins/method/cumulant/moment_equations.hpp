// The Heisenberg–Lindblad equations of the moments, derived from the model's terms:
//
//   d⟨O⟩/dt = ⟨ i[H, O] + Σ_channels γ ( L†OL − ½{L†L, O} ) ⟩
//
// for O = σ⁺…σ⁻…σᶻ… on distinct sites (moment_key.hpp), one generator piece at a time
// (each Hamiltonian term at unit strength, each channel at unit rate), so a protocol step
// scales pieces by name without deriving again. The result is exact (no closure):
// d M(K)/dt = Σ_{K'} c_{K K'}(N) M(K'), where K' may have a higher order than K
// (a collective channel or a quadratic J-polynomial adds one spin; a J-polynomial of
// degree p adds p − 1) and K' = (0, 0, 0) stands for the constant 1.
//
// Pieces (ħ = 1; J^± = Σσ^±_i, J^α = Σ σ^α_i / 2; D[L]ρ = LρL† − ½{L†L, ρ}):
//   hamiltonian   H = a CollectivePolynomial in Jx Jy Jz Jp Jm J2 (J2 = J⁺J⁻ + Jz² − Jz)
//   local         γ Σ_i D[ℓ_i]: emission ℓ = σ⁻, absorption σ⁺, dephasing σᶻ
//   collective    Γ D[Σ_i ℓ_i]: collective_emission ℓ = σ⁻ (J⁻), collective_absorption σ⁺ (J⁺),
//                 collective_dephasing σᶻ/2 (Jz)
//   spin–mode     H or a jump L = Σ_t (a†)^{p_t} a^{q_t} ⊗ S_t (model/spin_mode_polynomial.hpp: the
//                 cavity's δ a†a, i g (a†J⁻ − aJ⁺), κ(n̄+1) D[a], κ n̄ D[a†], and every term or
//                 custom jump with the letters a, ad, n): i[H, O] and L†OL − ½{L†L, O} on words
//                 that carry the mode's normal-ordered monomial (pauli_word.hpp). Each a† and a
//                 adds one factor to a moment's order, so (a + a†)Jx raises it by up to 2 and n·Jz
//                 (a†a Jz) by up to 2 — K' can have an order up to that of K plus 2 (plus 3 for a
//                 jump such as a·Jz).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "openspins/method/cumulant/moment_key.hpp"
#include "openspins/model/collective_polynomial.hpp"
#include "openspins/model/spin_mode_polynomial.hpp"

namespace openspins::cumulant {

// d M(K)/dt for each K of a list: K → Σ_{K'} c(N) M(K').
using MomentEquations = std::map<MomentKey, MomentSum>;

// The single-site operator of a collective letter's sum: J^α = Σ_i s_i (not J2).
SiteOperator collective_site_operator(CollectiveLetter l);

// A collective polynomial applied to an operator from the left (p · O) and the right (O · p).
WordSum apply_left(const CollectivePolynomial& p, const WordSum& o);
WordSum apply_right(const WordSum& o, const CollectivePolynomial& p);

// A spin–mode polynomial applied from the left and the right (normal ordered).
WordSum apply_left(const SpinModePolynomial& p, const WordSum& o);
WordSum apply_right(const WordSum& o, const SpinModePolynomial& p);

// The expectation of a collective polynomial, ⟨p⟩ = Σ c(N) M(K) (observables).
MomentSum collective_expectation(const CollectivePolynomial& p);

MomentEquations hamiltonian_equations(const CollectivePolynomial& h, const std::vector<MomentKey>& keys);
MomentEquations local_channel_equations(const SiteOperator& l, const std::vector<MomentKey>& keys);
MomentEquations collective_channel_equations(const SiteOperator& l, const std::vector<MomentKey>& keys);

// i[H, O] for a spin–mode Hamiltonian piece and D†[L](O) = L†OL − ½{L†L, O} for a spin–mode jump.
MomentEquations spin_mode_hamiltonian_equations(const SpinModePolynomial& h, const std::vector<MomentKey>& keys);
MomentEquations spin_mode_jump_equations(const SpinModePolynomial& l, const std::vector<MomentKey>& keys);

// The jump's single-site operator for a built-in channel kind (emission, absorption,
// dephasing and their collective_ forms); std::nullopt for other kinds (custom).
std::optional<SiteOperator> channel_site_operator(const std::string& kind);

}  // namespace openspins::cumulant
