// Eigenvalues of a real linear operator known through its action (matrix-free), for the
// spectra of generators.
//
// A Lindblad or Redfield generator maps Hermitian matrices to Hermitian matrices, so on
// their packed real coordinates (method/exact/hermitian_packing.hpp) — or on the real and
// imaginary parts of a block it maps to itself — it is a real linear operator A: its
// eigenvalues are real or come in conjugate pairs, its eigenvectors are complex vectors in
// the same real coordinates (v = a + ib ↔ the complex matrix a + ib).
//
//   dense_eigenpairs      A's matrix from A applied to the n unit vectors, then Eigen's
//                         EigenSolver (real Schur form): every eigenpair, O(n³) time and
//                         n² doubles, so n up to a few thousand.
//   slowest_eigenpairs    the `count` eigenvalues of largest real part (the slowest modes
//                         of e^{At}) by implicitly restarted Arnoldi on A itself (ARPACK's
//                         dnaupd/dneupd, which = "LR", reverse communication): only products A x. Arnoldi
//                         finds the extreme points of the spectrum's convex hull first; the
//                         rightmost eigenvalues are extreme, but when the spectrum is a band
//                         much wider in frequency than in rate the ones behind the first few
//                         converge slowly (the result says whether all converged).
//   nearest_eigenpairs    (explicit sparse A) shift-invert: the eigenvalues nearest a real
//                         shift σ ≥ 0 from (A − σ)⁻¹ by Eigen's sparse LU (ARPACK mode 3). For a spectrum
//                         on the negative real axis (a population generator with detailed
//                         balance) "nearest σ" is "largest real part", and convergence does
//                         not depend on how far the fast rates reach.
//   transformed_eigenpairs  Arnoldi on an operator B that commutes with A and whose dominant
//                         eigenvalues (largest modulus, e.g. the propagator e^{Aτ} of
//                         integrate/propagator_eigensolver.hpp, or largest real part, e.g. a
//                         Lindblad generator's dissipator when it commutes with the Hamiltonian
//                         part) belong to A's slowest modes; then the smallest A-invariant
//                         subspace Q containing B's converged Schur vectors (B's degenerate
//                         eigenvalues hide all but one combination of A's eigenvectors from
//                         Arnoldi; A applied to it restores the others) and Rayleigh–Ritz with A
//                         on it: the eigenpairs (μ, y) of QᵀAQ give λ = μ, v = Qy. So λ comes
//                         from A itself (no inversion of f, no aliasing of Im λ·τ).
// Every pair from the iterative paths carries its residual ‖Av − λv‖/‖v‖ computed with A.
#pragma once

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <complex>
#include <cstddef>
#include <functional>
#include <vector>

namespace openspins {

struct RealOperator {
    std::size_t size = 0;
    std::function<void(const double*, double*)> apply;  // y = A x, both of `size` doubles
};

struct EigenPair {
    std::complex<double> value;
    Eigen::VectorXcd vector;  // unit 2-norm
    double residual = 0.0;    // ‖Av − λv‖ (0 for the dense path, which is backward stable)
};

struct EigenResult {
    std::vector<EigenPair> pairs;  // sorted by decreasing real part, then increasing imaginary part
    bool converged = true;         // iterative: every requested pair met the tolerance
    long products = 0;             // applications of A (or solves with A − σ)
    long transforms = 0;           // transformed_eigenpairs: applications of B
};

// Every eigenpair of A, by building A densely.
EigenResult dense_eigenpairs(const RealOperator& a);

struct ArnoldiOptions {
    int count = 10;             // eigenvalues wanted (a conjugate pair counts two)
    int subspace = 0;           // Krylov dimension; 0: max(3·count, count + 100), at most n
    int max_restarts = 3000;    // ARPACK's iparam[2]
    double tolerance = 1e-10;   // ARPACK's: Ritz estimate ≤ tolerance · |λ|
};

// The `count` eigenvalues of largest real part by restarted Arnoldi on A.
EigenResult slowest_eigenpairs(const RealOperator& a, const ArnoldiOptions& options);

// The `count` eigenvalues of A whose images under B (commuting with A) are largest in modulus;
// products counts the applications of A (Rayleigh–Ritz and residuals), transforms those of B.
// converged also requires every returned residual ≤ 1e3·tolerance·max(1, |λ|); Ritz pairs with
// residuals above 1e-4·max(1, |λ|) (a subspace that is not A-invariant) are dropped.
enum class Dominant { largest_modulus, largest_real_part };
EigenResult transformed_eigenpairs(const RealOperator& a, const std::function<void(const double*, double*)>& b,
                                   const ArnoldiOptions& options, Dominant dominant);

// The `count` eigenvalues nearest the real shift σ by shift-invert with a sparse LU of A − σ.
EigenResult nearest_eigenpairs(const Eigen::SparseMatrix<double>& a, double shift, const ArnoldiOptions& options);

}  // namespace openspins
