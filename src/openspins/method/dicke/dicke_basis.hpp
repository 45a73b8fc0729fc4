// The Dicke basis of N spins-1/2 and how the dicke method stores ρ in it.
//
// Conventions (docs/conventions.md, docs/methods/dicke.md): |j, m⟩ with
// J²|j,m⟩ = j(j+1)|j,m⟩, Jz|j,m⟩ = m|j,m⟩ (Jz = ½Σσ^z, so m = N/2 is all spins up).
// j runs over N/2, N/2 − 1, …, down to 0 or ½; block b has two_j = N − 2b and
// dimension 2j + 1, rows and columns indexed by k = j − m (k = 0 is m = j).
// The spin-j irrep appears d_j = N! (2j+1) / ((N/2+j+1)! (N/2−j)!) times.
//
// A permutation-invariant ρ is ⊕_j ρ^j ⊗ 1_{d_j}/d_j; the method stores the reduced
// blocks ρ^j ("summed over the degenerate copies", as QuTiP's piqs does), so
// Tr ρ = Σ_j Tr ρ^j, ⟨O⟩ = Σ_j Tr(O_j ρ^j) for collective O, Tr ρ² = Σ_j Tr (ρ^j)²/d_j.
//
// Storage: "full" keeps every block as a dense row-major (2j+1)² complex matrix
// (≈ N³/6 complex numbers); "populations" keeps only the diagonals (≈ N²/4 reals),
// exact when the generator, the initial state and the pulses keep ρ diagonal in m.
#pragma once

#include <cstddef>
#include <vector>

namespace openspins::dicke {

class DickeBasis {
public:
    explicit DickeBasis(int n);

    [[nodiscard]] int spins() const { return n_; }
    [[nodiscard]] int blocks() const { return static_cast<int>(two_j_.size()); }
    [[nodiscard]] int two_j(int b) const { return two_j_[static_cast<std::size_t>(b)]; }
    [[nodiscard]] int dim(int b) const { return two_j(b) + 1; }
    [[nodiscard]] double j(int b) const { return 0.5 * two_j(b); }
    // log d_j (d_j overflows doubles beyond N ≈ 1000).
    [[nodiscard]] double log_degeneracy(int b) const { return log_degeneracy_[static_cast<std::size_t>(b)]; }
    // Offsets of block b in the full (complex elements) and population (reals) storage.
    [[nodiscard]] std::size_t full_offset(int b) const { return full_offset_[static_cast<std::size_t>(b)]; }
    [[nodiscard]] std::size_t population_offset(int b) const { return pop_offset_[static_cast<std::size_t>(b)]; }
    [[nodiscard]] std::size_t full_size() const { return full_offset_.back(); }
    [[nodiscard]] std::size_t population_size() const { return pop_offset_.back(); }
    // Block index of 2j, or −1 when that j does not occur for N spins.
    [[nodiscard]] int block_of(int two_j_value) const;

private:
    int n_;
    std::vector<int> two_j_;
    std::vector<double> log_degeneracy_;
    std::vector<std::size_t> full_offset_, pop_offset_;
};

// log of the binomial coefficient C(n, k).
double log_binomial(int n, int k);

}  // namespace openspins::dicke
