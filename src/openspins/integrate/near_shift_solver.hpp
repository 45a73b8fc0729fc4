// (A − σ)x = b for a large sparse complex A whose eigenvalues near σ are what a shift-invert
// eigensolver is after, without the sparse LU of the whole A − σ (its fill is what stops
// shift-invert at N = 7 for Bloch–Redfield: ~23 GB at N = 8).
//
// Why it works for generators: 𝓛's diagonal carries the Bohr frequency of each element
// (−i(E_a − E_b)) and its decay, the off-diagonal entries are rates (~γ). Rows whose diagonal is
// far from σ (|𝓛_xx − σ| ≥ W ≫ γ) are dominated by that diagonal; the rows near σ hold the
// nearly singular part. The preconditioner M is the exact sparse LU of A − σ restricted to the
// `near_rows` rows nearest σ (by |A_xx − σ|; W is the distance of the farthest of them) and the
// diagonal elsewhere; the couplings it drops are ~γ/W relative, so GMRES on M⁻¹(A − σ)
// (Eigen's unsupported GMRES, left-preconditioned, restarted) converges in a few dozen products.
// Cost: the LU of a near block (≤ near_rows rows) and, per solve, a GMRES iteration = one
// product with A plus one preconditioner solve.
#pragma once

#include <Eigen/SparseCore>
#include <complex>
#include <cstddef>
#include <memory>

namespace openspins {

struct NearShiftOptions {
    std::size_t near_rows = 4096;  // rows factored exactly (all when A is smaller)
    double tolerance = 1e-12;      // GMRES: preconditioned residual ≤ tolerance · ‖M⁻¹b‖
    int restart = 60;
    int max_iterations = 2000;
};

class NearShiftSolver {
public:
    using Sparse = Eigen::SparseMatrix<std::complex<double>>;

    // Keeps a reference to `a` (it must outlive the solver). Throws NumericalError when the
    // near block's LU fails.
    NearShiftSolver(const Sparse& a, std::complex<double> shift, const NearShiftOptions& options = {});
    ~NearShiftSolver();
    NearShiftSolver(const NearShiftSolver&) = delete;
    NearShiftSolver& operator=(const NearShiftSolver&) = delete;

    // x = (A − σ)⁻¹ b; throws NumericalError when GMRES does not reach the tolerance.
    void solve(const Eigen::VectorXcd& b, Eigen::VectorXcd& x);

    [[nodiscard]] std::size_t near_rows() const;
    [[nodiscard]] double window() const;                           // W: the largest |A_xx − σ| among the near rows
    [[nodiscard]] long iterations() const { return iterations_; }  // GMRES iterations, all solves
    [[nodiscard]] long solves() const { return solves_; }

private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
    long iterations_ = 0, solves_ = 0;
};

}  // namespace openspins
