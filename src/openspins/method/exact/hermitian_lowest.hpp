// The smallest eigenvalue of a Hermitian matrix too large to diagonalise densely at every output
// time (positivity_monitor.hpp), given as row-major pieces of a block layout (the whole ρ in full
// storage, or one zero-quantum block).
//
//   gershgorin_lower_bound   min_i (H_ii − Σ_{j≠i} |H_ij|) ≤ λ_min: one pass over the matrix.
//   lowest_by_arnoldi        λ_min as the rightmost eigenvalue of −H in the real embedding
//                            [[Re, −Im], [Im, Re]] (2m × 2m, symmetric, each eigenvalue of H twice),
//                            by ARPACK's implicitly restarted Arnoldi on products only
//                            (integrate/real_eigensolver.hpp; for a symmetric operator it is Lanczos
//                            with full reorthogonalisation). Each product reads H once: O(m²). ARPACK's
//                            tolerance 1e-10 is relative to |λ| with a floor of ε^{2/3} ≈ 4e-11, so
//                            λ_min is found to ~1e-10 absolute for a trace-one ρ; nullopt when it did
//                            not converge.
#pragma once

#include <complex>
#include <cstddef>
#include <optional>
#include <vector>

namespace openspins::exact {

struct HermitianPieces {
    struct Piece {
        std::size_t row0 = 0, col0 = 0, rows = 0, cols = 0;  // position in the whole matrix
        const std::complex<double>* data = nullptr;         // rows × cols, row-major
    };
    std::size_t size = 0;  // the whole matrix is size × size; the pieces tile it
    std::vector<Piece> pieces;
};

double gershgorin_lower_bound(const HermitianPieces& h);

std::optional<double> lowest_by_arnoldi(const HermitianPieces& h);

}  // namespace openspins::exact
