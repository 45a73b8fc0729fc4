// The cavity generator (cavity_generator.hpp) applied to the Hermitian packing of the stored
// blocks in one pass per output row, with contiguous loops over the bands of the operators.
//
// Packed state (what the integrator holds): per packed block q of size D = layout.packed_dim(q) a D × D
// real array at real offset layout.packed_offset(q), the packing of method/exact/hermitian_packing.hpp:
//     P[i][k] = Re ρ_ik  (i ≤ k),     P[k][i] = Im ρ_ik  (i < k),
// so every state the integrator can hold is exactly Hermitian and CVODE carries D² reals per
// block instead of 2D². A packed block is a stored j block, or with parity blocks the rows and columns of
// one parity Π = (−1)^{n+k} of it (CavityLayout); below "block" and the index r are the packed block's.
// With parity blocks a jump that flips Π reads the other parity's block in its sandwich term (L ρ L† maps
// the Π = ±1 block to the ∓1 one); everything else stays inside a block.
//
// Bands. In the flattened index r = n·(2j+1) + k every operator of the model is a handful of
// diagonals: X[r][r+δ] = x_δ[r] (a (a†)^p a^q ⊗ (spin polynomial) monomial with spin shift s sits
// on δ = (q − p)(2j+1) + s, the coefficient vanishing where n or k would leave its range). The
// Dicke model (a + a†)Jx has δ = ±(2j+1) ± 1, the loss a has δ = 2j+1. With H_eff = Σ_δ h_δ
// (the anti-Hermitian part −(i/2)Σ rate L†L included) and the jumps L = Σ_δ l_δ,
//   L(ρ)[r][c] = f_rc ρ[r][c]                       f_rc = −i(h_0[r] − conj h_0[c])
//              + Σ_{δ≠0} (−i h_δ[r])      ρ[r+δ][c]       (row terms: one scalar per row)
//              + Σ_{δ≠0} (i conj h_δ[c])  ρ[r][c+δ]       (column terms: one vector per band)
//              + Σ_L rate Σ_{δ1,δ2} l_δ1[r] conj(l_δ2[c]) ρ[r+δ1][c+δ2]   (sandwich terms)
//              + local spin transfers from the blocks j ± 1, j (local_transitions.hpp).
// Output row r of the packing takes −Im L(ρ)[r][c] for c < r (= Im L(ρ)[c][r], L(ρ) being
// Hermitian) and Re L(ρ)[r][c] for c ≥ r: each output real is computed once, every row is
// the same D reals of work, and each term is an axpy over a contiguous stretch of a row of the
// unpacked planes Re ρ, Im ρ (split real/imaginary, so the loops vectorise). A band whose
// coefficients are all real (H's bands in this basis unless Jy enters; a, a†, J^±, Jz) costs one
// multiply–add per output real, a complex one two.
//
// Threads: the tiles of the unpacking and then the rows are spread over the process's helper
// threads (BlockingWorkers::shared(), the pool the Chebyshev propagator's and CVODE's vector loops
// use, threads that sleep between loops) when the stored state has at least `parallel_reals`
// reals; every output real is computed by the same operations in the same order whichever thread
// takes its row, so the result does not depend on the thread count. (An OpenMP team beside that
// pool made identical two-thread runs take 1.4 s or 2.4–4.6 s: the two pools' threads woke and
// spun against each other on two cores; docs/methods/dicke.md, "Kernel".)
#pragma once

#include <cstddef>
#include <vector>

#include "openspins/method/dicke/local_transitions.hpp"
#include "openspins/model/collective_polynomial.hpp"

namespace openspins::dicke {

class CavityLayout;

// One diagonal of an operator (D_t × D_s; square except between the parity blocks): X[r][r + offset] =
// re[r] + i im[r]; nonzero only for r in [first, last), where r + offset is a valid column, and there only on
// `runs` (stretches [begin, end) that cover every nonzero coefficient; gaps shorter than a few entries are not
// split off, so a band of the whole block is one run). In the parity blocks' index a band of the whole block
// falls into two bands whose coefficients alternate with the photon number, nonzero on every other n; the
// runs let the column and sandwich terms skip the zero half.
struct Band {
    int offset = 0;
    int first = 0, last = 0;
    bool real = true;  // every im[r] is 0
    std::vector<double> re, im;
    std::vector<std::pair<int, int>> runs;
};

// The bands of a sparse matrix, ordered by offset (entries that are exactly 0 dropped).
std::vector<Band> matrix_bands(const BlockMatrix& m);

// A packed block's operators as bands (the layout's packed blocks: cavity_generator.hpp).
struct BandedBlock {
    std::vector<double> diagonal_re, diagonal_im;  // h_0 of H_eff
    std::vector<Band> hamiltonian;                 // the δ ≠ 0 bands of H_eff
    struct Jump {
        double rate = 0.0;
        int source = -1;  // the packed block L ρ L† reads (this block, or with parity blocks the other parity for
                          // a jump that flips Π); the bands are L's rows in this block and its columns in `source`
        std::vector<Band> bands;
    };
    std::vector<Jump> jumps;  // collective spin jumps and mode jumps
};

class CavityKernel {
public:
    // `blocks`: one entry per packed block of the layout (ignored for empty ones);
    // `transfers`: the local spin channels' transfers with their rates (none with parity blocks).
    CavityKernel(const CavityLayout& layout, std::vector<BandedBlock> blocks,
                 std::vector<std::pair<double, LocalTransition>> transfers);
    CavityKernel(const CavityKernel&) = delete;  // transfers_into_ points into transfers_
    CavityKernel& operator=(const CavityKernel&) = delete;

    // packed_dot = L(packed) on the layout's packed storage (layout.packed_size() reals).
    void apply(const double* packed, double* packed_dot) const;

    // States of at least this many reals are spread over the helper threads.
    static constexpr std::size_t parallel_reals = std::size_t{1} << 15;

private:
    void unpack_tile(int q, int i0, int k0, const double* packed) const;
    void apply_row(int q, int r, const double* packed, double* packed_dot) const;

    const CavityLayout& layout_;
    std::vector<BandedBlock> blocks_;
    std::vector<std::vector<std::pair<double, const LocalTransition*>>> transfers_into_;  // per target block
    std::vector<std::pair<double, LocalTransition>> transfers_;
    struct RowTask {
        int block, row;
    };
    std::vector<RowTask> rows_;
    struct TileTask {
        int block, i0, k0;
    };
    std::vector<TileTask> tiles_;
    // Re ρ and Im ρ of the packed blocks as full row-major planes (offsets as the packing's),
    // allocated by the first apply().
    mutable std::vector<double> re_, im_;
};

}  // namespace openspins::dicke
