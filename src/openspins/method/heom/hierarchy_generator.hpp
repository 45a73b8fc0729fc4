// The right-hand side of the hierarchical equations of motion, applied matrix-free
// (ħ = 1, ρ_0 the system's density matrix, basis labels as in spin_operator.hpp):
//
//   dρ_n/dt = 𝓛_S ρ_n − (Σ_k n_k ν_k) ρ_n
//             + Σ_k −i [Q_k, ρ_{n+e_k}]
//             + Σ_k n_k ( −i c^R_k [Q_k, ρ_{n−e_k}] + c^I_k {Q_k, ρ_{n−e_k}} )
//             + Σ_c (2 Re δ_c Q_c ρ_n Q_c − δ_c Q_c² ρ_n − δ̄_c ρ_n Q_c²),
//
// 𝓛_S ρ = −i[H, ρ] + Σ_j r_j (L_j ρ L_j† − ½{L_j†L_j, ρ}) the model's own Hamiltonian and
// channels, Q_k the coupling operator of exponent k's channel, δ_c its terminator
// (hierarchy_exponents.hpp). No rescaling of the ADOs (as QuTiP 4.7), so ρ_n = O(coupling^{|n|}).
//
// Storage: the ADOs one after the other, each a dense 2^N × 2^N complex matrix in column-major
// order (ADO a at offset a·D², element (r, c) at r + c·D); the integrator sees the same memory as
// 2·M·D² reals. Operators (H, jumps, Q_c and the combinations below) are kept as lists of their
// non-zero entries, so A·ρ and ρ·B cost D·nnz each (a single-spin σ^x on N spins: nnz = D) —
// plain loops over contiguous columns, no temporaries. Per ADO: 𝓛_S's and the terminators'
// one-sided parts (two products), two per jump and terminator sandwich, two per channel for all
// its neighbours together (their weighted sums are formed first): O(M·terms·D·nnz), never a
// hierarchy matrix.
#pragma once

#include <Eigen/Dense>
#include <complex>
#include <vector>

#include "openspins/method/heom/ado_index.hpp"
#include "openspins/method/heom/hierarchy_exponents.hpp"

namespace openspins::heom {

class HierarchyGenerator {
public:
    using complex = std::complex<double>;
    // `hamiltonian` and `jumps` (L_j with r_j) dense; the baths as built for this index.
    HierarchyGenerator(const Eigen::MatrixXcd& hamiltonian, const std::vector<std::pair<double, Eigen::MatrixXcd>>& jumps,
                       const HierarchyBaths& baths, const AdoIndex& index);

    // out = dρ/dt for the whole hierarchy (in and out: M·D² complex, must not alias). Not to be called
    // from two threads at once on one generator (its helper threads serve one call at a time).
    void apply(const complex* in, complex* out) const;

    // z = (I − γ·D)⁻¹ r with D = −(Σ_k n_k ν_k) on each ADO: the hierarchy's stiff part (the deep
    // ADOs decay fast) inverted exactly — the left preconditioner of BDF's GMRES (ode_integrator.hpp).
    void precondition(double gamma, const complex* r, complex* z) const;

    [[nodiscard]] int dimension() const { return dim_; }
    // Σ_k n_k ν_k of ADO a.
    [[nodiscard]] complex decay(std::size_t ado) const { return decay_[ado]; }

private:
    // Non-zero entries of an operator, column by column.
    struct Entry {
        int row, col;
        complex value;
    };
    using SparseOp = std::vector<Entry>;
    static SparseOp entries_of(const Eigen::MatrixXcd& m);

    int dim_;
    const HierarchyBaths& baths_;
    const AdoIndex& index_;
    SparseOp left_, right_;  // 𝓛_S's and the terminators' one-sided parts: left_·ρ + ρ·right_
    // w·XρX† terms (jumps: X = L, w = r; terminators: X = Q, w = 2δ): X and w·X† as entry lists.
    std::vector<SparseOp> sandwich_left_, sandwich_right_;
    // The same own block (left_, right_ and the sandwiches) as entries of one D² × D² superoperator, when cheaper.
    SparseOp own_;
    bool own_super_ = false;
    // y += (𝓛_S + terminators) ρ by the one-sided and sandwich passes (tmp: D² scratch).
    void add_own(const complex* rho, complex* y, complex* tmp) const;
    std::vector<SparseOp> couplings_;                   // Q_c
    std::vector<complex> decay_;                        // Σ_k n_k ν_k per ADO
    std::vector<std::vector<int>> channel_exponents_;  // exponents of each channel
};

}  // namespace openspins::heom
