// The cumulant closure at order n: a moment of more than n spins is written as the sum,
// over the partitions of its spins into blocks of at most n, of the products of the
// blocks' joint cumulants — all cumulants of more than n spins are set to zero:
//
//   ⟨X₁⋯X_m⟩ ≈ Σ_{π: |B| ≤ n ∀B∈π} Π_{B∈π} κ(B),
//   κ(B) = Σ_{σ partition of B} (−1)^{|σ|−1} (|σ| − 1)! Π_{C∈σ} ⟨Π_{i∈C} X_i⟩   (Möbius inversion).
//
// Order 1 (mean field):   ⟨AB⟩ ≈ ⟨A⟩⟨B⟩
// Order 2:                ⟨ABC⟩ ≈ ⟨AB⟩⟨C⟩ + ⟨AC⟩⟨B⟩ + ⟨BC⟩⟨A⟩ − 2⟨A⟩⟨B⟩⟨C⟩
// Order 3:                ⟨ABCD⟩ ≈ Σ₄ ⟨ABC⟩⟨D⟩ + Σ₃ ⟨AB⟩⟨CD⟩ − 2 Σ₆ ⟨AB⟩⟨C⟩⟨D⟩ + 6 ⟨A⟩⟨B⟩⟨C⟩⟨D⟩
// The X_i act on distinct spins (moment_key.hpp), so they commute and the order of
// the factors does not matter. With the permutation symmetry each ⟨…⟩ is a MomentKey.
// With a mode, each a† and each a of the normal-ordered (a†)^p a^q is one more factor X_i
// (order 1: ⟨a†a⟩ ≈ ⟨a†⟩⟨a⟩, ⟨a σ⁺⟩ ≈ ⟨a⟩⟨σ⁺⟩; order 2: ⟨a†a σᶻ⟩ ≈ ⟨a†a⟩⟨σᶻ⟩ + ⟨a†σᶻ⟩⟨a⟩ +
// ⟨aσᶻ⟩⟨a†⟩ − 2⟨a†⟩⟨a⟩⟨σᶻ⟩); the blocks keep the normal order, so every block is a moment.
// Gaussian states of the mode (vacuum, coherent, thermal) have no mode cumulant beyond the
// second; a Fock state has all of them (docs/methods/cumulant.md, "Mode").
#pragma once

#include <map>
#include <vector>

#include "openspins/method/cumulant/moment_key.hpp"

namespace openspins::cumulant {

// Σ coefficient · Π moments; a factor list is sorted; the empty list is the constant 1.
using MomentPolynomial = std::map<std::vector<MomentKey>, double>;

// M(key) in moments of order ≤ `order` (itself when its order is ≤ `order`).
MomentPolynomial closure(const MomentKey& key, int order);

std::string polynomial_text(const MomentPolynomial& p, bool latex);

}  // namespace openspins::cumulant
