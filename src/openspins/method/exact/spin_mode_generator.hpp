// The Lindblad generator of N spins (any, not necessarily identical) and one truncated bosonic
// mode on the full product space 2^N ⊗ {|0⟩ … |n_max⟩}: the exact method's spins ⊗ mode path.
//
//   dρ/dt = −i(H_eff ρ − ρ H_eff†) + Σ_k r_k L_k ρ L_k†,
//   H_eff = H_spin ⊗ 1 + H_mode − (i/2) Σ_k r_k L_k†L_k,
// H_spin = Model::hamiltonian_operator (per-spin monomials: unequal frequencies, local drives,
// any spin term), H_mode = Model::mode_hamiltonian (the cavity's δ a†a + i g (a†J^- − aJ^+) and
// every term with mode letters, Σ (a†)^p a^q ⊗ S with S a polynomial in the collective letters
// Jx Jy Jz Jp Jm J2 = sums over all spins); the jumps L_k are the spin channels' operators ⊗ 1
// (local, collective, custom: per-spin rates allowed) and Model::mode_jumps (κ(n̄_b + 1)·a,
// κ n̄_b·a†, custom spin–mode jumps).
//
// Basis and storage: index r = n·2^N + b, n the photon number, b the spin basis label of
// spin_operator.hpp (spin 0 the least significant bit, bit 0 = |↑⟩) — the mode-major order of
// the dicke method's cavity blocks. ρ is one dense row-major D × D complex matrix,
// D = (n_max + 1)·2^N, two reals per element (real part first); the operators are sparse. A
// normal-ordered monomial (a†)^p a^q is truncated as in spin_mode_polynomial.hpp (terms that
// would leave 0 … n_max dropped), and L†L is the product of the truncated matrices, so the
// truncated generator preserves the trace exactly; the truncation shows as the population
// of |n_max⟩.
//
// Cost: memory D² complex numbers per state vector (N = 6, n_max = 10: 5·10⁵); one apply is
// ~ (nnz(H_eff) + Σ_k 2 nnz(L_k))·D complex multiply-adds. Meant for N ≲ 6.
#pragma once

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <complex>
#include <map>
#include <string>
#include <vector>

#include "openspins/model/model.hpp"

namespace openspins::exact {

using SpinModeMatrix = Eigen::SparseMatrix<std::complex<double>, Eigen::RowMajor>;

// Dimensions of 2^N ⊗ (n_max + 1).
struct SpinModeSpace {
    int spins = 0;
    int n_max = 0;
    [[nodiscard]] Eigen::Index spin_dim() const { return Eigen::Index{1} << spins; }
    [[nodiscard]] Eigen::Index dim() const { return (n_max + 1) * spin_dim(); }
    [[nodiscard]] Eigen::Index index(int photons, Eigen::Index spin_state) const { return photons * spin_dim() + spin_state; }
};

// O_spin ⊗ 1_mode on the space (O given by its monomials).
SpinModeMatrix spins_times_identity(const SpinOperator& op, const SpinModeSpace& space);
// A spin–mode polynomial Σ (a†)^p a^q ⊗ S_t (collective letters) on the space.
SpinModeMatrix spin_mode_matrix(const SpinModePolynomial& p, const SpinModeSpace& space);

class SpinModeGenerator {
public:
    // The model's terms at one protocol step's scale factors.
    SpinModeGenerator(const Model& model, const SpinModeSpace& space, const std::map<std::string, double>& scale);

    // ydot = L(y), y the 2·D² reals of ρ.
    void apply(const double* y, double* ydot) const;

private:
    struct Jump {
        double rate;
        SpinModeMatrix op, adjoint;
    };
    SpinModeSpace space_;
    SpinModeMatrix effective_, effective_adjoint_;
    std::vector<Jump> jumps_;
    mutable Eigen::Matrix<std::complex<double>, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> scratch_;
};

}  // namespace openspins::exact
