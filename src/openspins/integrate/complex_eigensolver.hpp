// Eigenvalues of a complex sparse matrix A nearest a complex shift σ, by shift-invert:
// ARPACK's complex implicitly restarted Arnoldi (znaupd/zneupd, mode 3, which = "LM") on
// (A − σ)⁻¹, applied through Eigen's sparse LU of A − σ1. The eigenvalues μ of (A − σ)⁻¹ of
// largest modulus are those of A nearest σ (λ = σ + 1/μ), so a band of eigenvalues far from
// the rest of the spectrum — one coherence order of a generator, centred at its Zeeman
// frequency — converges in a few dozen solves however wide the whole spectrum is.
// The start vector is a fixed pseudo-random one (results do not depend on what ran before).
// Each returned pair (A's eigenvalue, unit eigenvector) carries its residual ‖Av − λv‖
// computed with A. Limits: one LU of A − σ in memory (its fill, not A's size, sets the cost);
// σ must not be an eigenvalue (the LU is singular: NumericalError).
#pragma once

#include <Eigen/SparseCore>
#include <complex>
#include <functional>

#include "openspins/integrate/real_eigensolver.hpp"

namespace openspins {

// The options.count eigenvalues of A nearest σ, sorted by distance to σ (nearest first);
// products counts the LU solves; converged: ARPACK met options.tolerance for all of them.
EigenResult nearest_complex_eigenpairs(const Eigen::SparseMatrix<std::complex<double>>& a,
                                       std::complex<double> shift, const ArnoldiOptions& options);

// x = (A − σ)⁻¹ b by any means (e.g. integrate/near_shift_solver.hpp when the LU is too large).
using ShiftedSolve = std::function<void(const Eigen::VectorXcd& b, Eigen::VectorXcd& x)>;

// The same with the solves supplied; products counts them.
EigenResult nearest_complex_eigenpairs(const Eigen::SparseMatrix<std::complex<double>>& a,
                                       std::complex<double> shift, const ArnoldiOptions& options,
                                       const ShiftedSolve& solve);

}  // namespace openspins
