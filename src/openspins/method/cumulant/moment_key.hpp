// Expectation values of products on distinct spins, reduced by permutation symmetry.
//
// For a state (and a generator) symmetric under permutations of the N spins,
// ⟨σ⁺_i σ⁻_j σᶻ_k⟩ is the same for every choice of distinct i, j, k: a moment is named by
// how many σ⁺, σ⁻, σᶻ it holds, M(a, b, c) = ⟨σ⁺_1⋯σ⁺_a σ⁻_{a+1}⋯σ⁻_{a+b} σᶻ_{a+b+1}⋯σᶻ_{a+b+c}⟩,
// of order a + b + c (the number of spins it involves). M(0, 0, 0) = ⟨1⟩ = 1.
// M(b, a, c) = M(a, b, c)* (the adjoint on the same sites, relabelled), so M(a, a, c) is real.
// The variables of the cumulant method are the moments with a ≥ b (one of each
// conjugate pair).
//
// With a bosonic mode the moment also holds the normal-ordered powers of a† and a:
// M(a, b, c; p, q) = ⟨(a†)^p a^q σ⁺_1⋯σᶻ_{a+b+c}⟩, of order a + b + c + p + q — every a† and
// every a counts as one factor, as every spin does (the closure splits them alike).
// Its conjugate is M(b, a, c; q, p); the variable of a pair is the one with a > b, or
// a = b and q ≥ p (so ⟨a⟩, ⟨a²⟩, ⟨a†a⟩ are variables, not ⟨a†⟩); real when a = b and p = q.
#pragma once

#include <compare>
#include <map>
#include <string>
#include <vector>

#include "openspins/method/cumulant/n_polynomial.hpp"
#include "openspins/method/cumulant/pauli_word.hpp"

namespace openspins::cumulant {

struct MomentKey {
    int plus = 0, minus = 0, z = 0;
    int creations = 0, annihilations = 0;  // p, q of (a†)^p a^q (0 without a mode)
    [[nodiscard]] int spins() const { return plus + minus + z; }
    [[nodiscard]] int order() const { return plus + minus + z + creations + annihilations; }
    [[nodiscard]] bool has_mode() const { return creations + annihilations > 0; }
    [[nodiscard]] MomentKey conjugate() const { return {minus, plus, z, annihilations, creations}; }
    // a variable (or its own conjugate)
    [[nodiscard]] bool is_canonical() const {
        return plus > minus || (plus == minus && annihilations >= creations);
    }
    [[nodiscard]] bool is_real() const { return plus == minus && creations == annihilations; }
    [[nodiscard]] PauliWord word() const;      // σ⁺…σ⁻…σᶻ… on sites 0, 1, …
    [[nodiscard]] Word operator_word() const;  // (a†)^p a^q ⊗ word()
    auto operator<=>(const MomentKey&) const = default;
};

MomentKey key_of(const PauliWord& w);  // the letters counted, identities dropped
MomentKey key_of(const Word& w);       // and the mode's powers

// ⟨Σ c(N) word⟩ as Σ c(N) M(key), terms of equal key merged.
using MomentSum = std::map<MomentKey, NPolynomial>;
MomentSum expectation(const WordSum& op);

// The variables of a closure at `order`: every M(a, b, c) with a ≥ b, 1 ≤ a + b + c ≤ order,
// sorted by order, then a, b descending.
std::vector<MomentKey> canonical_keys(int order);
// With a mode: the keys of canonical_keys(order) with at most `max_spins` spins, each order's
// spin moments first, then those with mode factors (p + q ascending, then p, a, b descending).
std::vector<MomentKey> canonical_keys_with_mode(int order, int max_spins);

// "<s+ s- sz>" style names: plain ⟨σ⁺₁σ⁻₂σᶻ₃⟩ or LaTeX \langle\sigma^+_1\sigma^-_2\sigma^z_3\rangle;
// the mode first, "<ad^2 a s+1>" or \langle a^{\dagger 2} a\,\sigma^+_1\rangle.
std::string key_text(const MomentKey& k, bool latex);

}  // namespace openspins::cumulant
