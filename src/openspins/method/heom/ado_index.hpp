// The multi-indices of the hierarchy: one auxiliary density operator (ADO) ρ_n per
// n = (n_1, …, n_K) ∈ ℕ^K with |n| = Σ_k n_k ≤ depth, K the exponents of all baths together
// (hierarchy_exponents.hpp). ADO 0 is n = 0, the system's density matrix.
//
// Order: by level |n|, then lexicographically within a level, so a truncated hierarchy is a
// prefix of a deeper one. For each ADO and exponent k the table holds the index of n + e_k
// (−1 beyond the depth) and of n − e_k (−1 when n_k = 0). Count: C(K + depth, depth).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace openspins::heom {

class AdoIndex {
public:
    AdoIndex(int exponents, int depth);

    [[nodiscard]] std::size_t size() const { return count_; }
    [[nodiscard]] int exponents() const { return k_; }
    [[nodiscard]] int depth() const { return depth_; }
    [[nodiscard]] int occupation(std::size_t ado, int k) const { return n_[ado * k_ + k]; }
    [[nodiscard]] std::int32_t raised(std::size_t ado, int k) const { return plus_[ado * k_ + k]; }
    [[nodiscard]] std::int32_t lowered(std::size_t ado, int k) const { return minus_[ado * k_ + k]; }

    // C(K + depth, depth) without building the index (saturating at SIZE_MAX).
    [[nodiscard]] static std::size_t count(int exponents, int depth);
    // Bytes of the tables for that many ADOs.
    [[nodiscard]] static std::size_t table_bytes(int exponents, int depth);

private:
    int k_, depth_;
    std::size_t count_ = 0;
    std::vector<std::uint8_t> n_;
    std::vector<std::int32_t> plus_, minus_;
};

}  // namespace openspins::heom
