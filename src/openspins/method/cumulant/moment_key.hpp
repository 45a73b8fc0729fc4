// Expectation values of products on distinct spins, reduced by permutation symmetry.
//
// For a state (and a generator) symmetric under permutations of the N spins,
// ⟨σ⁺_i σ⁻_j σᶻ_k⟩ is the same for every choice of distinct i, j, k: a moment is named by
// how many σ⁺, σ⁻, σᶻ it holds, M(a, b, c) = ⟨σ⁺_1⋯σ⁺_a σ⁻_{a+1}⋯σ⁻_{a+b} σᶻ_{a+b+1}⋯σᶻ_{a+b+c}⟩,
// of order a + b + c (the number of spins it involves). M(0, 0, 0) = ⟨1⟩ = 1.
// M(b, a, c) = M(a, b, c)* (the adjoint on the same sites, relabelled), so M(a, a, c) is real.
// The variables of the cumulant method are the moments with a ≥ b (one of each
// conjugate pair); the mode of a later spin–mode extension would add the powers of
// a† and a here.
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
    [[nodiscard]] int order() const { return plus + minus + z; }
    [[nodiscard]] MomentKey conjugate() const { return {minus, plus, z}; }
    [[nodiscard]] bool is_canonical() const { return plus >= minus; }  // a variable (or its own conjugate)
    [[nodiscard]] bool is_real() const { return plus == minus; }
    [[nodiscard]] PauliWord word() const;  // σ⁺…σ⁻…σᶻ… on sites 0, 1, …
    auto operator<=>(const MomentKey&) const = default;
};

MomentKey key_of(const PauliWord& w);  // the letters counted, identities dropped

// ⟨Σ c(N) word⟩ as Σ c(N) M(key), terms of equal key merged.
using MomentSum = std::map<MomentKey, NPolynomial>;
MomentSum expectation(const WordSum& op);

// The variables of a closure at `order`: every M(a, b, c) with a ≥ b, 1 ≤ a + b + c ≤ order,
// sorted by order, then a, b descending.
std::vector<MomentKey> canonical_keys(int order);

// "<s+ s- sz>" style names: plain ⟨σ⁺₁σ⁻₂σᶻ₃⟩ or LaTeX \langle\sigma^+_1\sigma^-_2\sigma^z_3\rangle.
std::string key_text(const MomentKey& k, bool latex);

}  // namespace openspins::cumulant
