// A Lindblad-form generator (a model's H and jumps, rates of either sign) as a sparse complex
// matrix on vec(ρ) (column-major: the matrix unit |a⟩⟨b| has index a + d·b, d = 2^N), assembled
// from the sparse H and jumps L_k (rates γ_k):
//   𝓛ρ = Gρ + ρG† + Σ_k γ_k L_k ρ L_k†,  G = −iH − ½K,  K = Σ_k γ_k L_k†L_k,
//   𝓛 = 1 ⊗ G + Ḡ ⊗ 1 + Σ_k γ_k L̄_k ⊗ L_k.
// The same matrix as dense_liouvillian (generator_spectrum.hpp), whatever basis the model's
// operators are written in (the eigenbasis frame of bohr_block_spectrum.hpp or the product
// basis). Negative rates (Bloch–Redfield's negative-rate channel) are assembled as they are.
// Cost: Σ_k nnz(L_k)² + 2·d·nnz(G) entries before summing — fine for sparse jumps, d⁴ for dense.
#pragma once

#include <Eigen/SparseCore>
#include <cstddef>
#include <utility>
#include <vector>

#include "openspins/model/model.hpp"

namespace openspins::redfield {

struct SparseEntry {
    Eigen::Index row, col;
    complex value;
};

// G and the jumps as lists of non-zero entries.
struct LiouvillianTerms {
    Eigen::Index d = 0;
    std::vector<SparseEntry> g;
    std::vector<std::pair<double, std::vector<SparseEntry>>> jumps;
};

LiouvillianTerms liouvillian_terms(const Model& model);

// Every entry of 𝓛 on vec(ρ), as (row, column, value) to `visit` (repeated positions are summed
// by the caller).
template <class Visit>
void for_each_entry(const LiouvillianTerms& f, Visit&& visit) {
    const Eigen::Index d = f.d;
    for (const auto& e : f.g)
        for (Eigen::Index b = 0; b < d; ++b) {
            visit(e.row + d * b, e.col + d * b, e.value);             // (Gρ)_{rb} ∋ G_rc ρ_cb
            visit(b + d * e.row, b + d * e.col, std::conj(e.value));  // (ρG†)_{br} ∋ ρ_bc conj(G_rc)
        }
    for (const auto& [rate, entries] : f.jumps)
        for (const auto& x : entries)
            for (const auto& y : entries)  // (LρL†)_ab ∋ L_ac ρ_ce conj(L_be)
                visit(x.row + d * y.row, x.col + d * y.col, rate * x.value * std::conj(y.value));
}

// 𝓛 as a compressed sparse matrix; entries below 1e-14 of the largest (rounding of cancelling
// terms) are dropped. Refuses (check_memory_budget) an assembly beyond memory_limit (0: the
// machine's available memory).
Eigen::SparseMatrix<complex> sparse_liouvillian(const LiouvillianTerms& f, int n, std::size_t memory_limit);

}  // namespace openspins::redfield
