// Does ρ stay in the positive cone? The smallest eigenvalue of the stored ρ at each output
// time, for generators that are not completely positive (Bloch–Redfield, seed 003's
// inhomogeneous forms; method/redfield/).
//
// ρ is Hermitian. In zero-quantum storage it is block diagonal (one block per sector), so its
// spectrum is the union of the blocks' spectra and each block is diagonalised alone; in full
// storage the whole 2^N × 2^N matrix is. Eigen's SelfAdjointEigenSolver (eigenvalues only,
// O(m³) per block of m rows). Blocks above `max_block_rows` are not diagonalised (≈ 0.05 s each
// at the limit): the check then reports itself incomplete rather than slowing the run by
// orders of magnitude (full storage N ≤ 9, zero-quantum storage N ≤ 11).
#pragma once

#include <limits>
#include <optional>

#include "openspins/method/exact/block_layout.hpp"

namespace openspins::exact {

inline constexpr std::size_t max_block_rows = 512;

// Smallest eigenvalue of the Hermitian ρ held in `layout`, or nullopt when a block it would
// diagonalise has more than max_block_rows rows.
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
