// Does ρ stay in the positive cone? The smallest eigenvalue of the stored ρ at each output
// time, for generators that are not completely positive (Bloch–Redfield, seed 003's
// inhomogeneous forms; method/redfield/).
//
// ρ is Hermitian. In zero-quantum storage it is block diagonal (one block per sector), so its
// spectrum is the union of the blocks' spectra and each block is diagonalised alone; in full
// storage the whole 2^N × 2^N matrix is. Blocks of up to `max_block_rows` rows: Eigen's
// SelfAdjointEigenSolver (eigenvalues only, O(m³), ≈ 0.05 s at the limit). Larger blocks, up to
// `max_iterative_rows` (hermitian_lowest.hpp): first the Gershgorin bound min_i(ρ_ii − Σ_{j≠i}|ρ_ij|)
// — when it is ≥ 0 the block is certified positive and the bound (≤ its λ_min) is what is recorded,
// no eigenvalue is computed; otherwise ARPACK's Arnoldi on the real embedding of −ρ (O(m²) per
// product), with the dense solver as the fallback if it does not converge. So for blocks above 512
// rows the recorded minimum is exact when ρ may be non-positive and a non-negative lower bound
// otherwise. Beyond max_iterative_rows the check reports itself incomplete (full storage N ≤ 12,
// zero-quantum storage N ≤ 14: largest block C(14, 7) = 3432).
#pragma once

#include <limits>
#include <optional>

#include "openspins/method/exact/block_layout.hpp"

namespace openspins::exact {

inline constexpr std::size_t max_block_rows = 512;       // dense eigensolver up to here
inline constexpr std::size_t max_iterative_rows = 4096;  // Gershgorin / Arnoldi up to here

struct HermitianPieces;  // hermitian_lowest.hpp

// λ_min of one block above max_block_rows (see above), or nullopt beyond max_iterative_rows.
std::optional<double> lowest_of_large_block(const HermitianPieces& h);

// Smallest eigenvalue of the Hermitian ρ held in `layout` (a lower bound ≥ 0 for a large block
// Gershgorin certifies), or nullopt when a block has more than max_iterative_rows rows.
std::optional<double> smallest_eigenvalue(const complex* rho, const SectorBasis& basis, const BlockLayout& layout);

struct PositivityReport {
    bool complete = true;  // false: ρ too large for the check (see max_block_rows)
    double min_eigenvalue = std::numeric_limits<double>::infinity();  // over the output times
    double at_time = 0.0;
    int outputs = 0;  // output times checked
    [[nodiscard]] bool checked() const { return complete && outputs > 0; }
    void record(double t, double lowest) {
        if (lowest < min_eigenvalue) {
            min_eigenvalue = lowest;
            at_time = t;
        }
        ++outputs;
    }
};

}  // namespace openspins::exact
