// Eigenvalues of the dicke method's generator (dicke_generator.hpp), labelled like the exact
// method's (method/generator_modes.hpp) plus the j block holding most of each mode.
//
// The Dicke generator acts on the reduced blocks ρ^j and is the exact generator restricted to
// permutation-invariant states, an invariant subspace: its Σ_j (2j+1)² eigenvalues are a
// subset of the exact generator's 4^N (tested for N ≤ 6).
// When H is diagonal in m (a polynomial in Jz, J², J+J-, …) every term keeps m − m', so the
// generator is block diagonal in it:
//   populations   m = m' (coherence order 0): the population generator as an explicit sparse
//                 matrix (DickeGenerator::population_matrix), Σ_j (2j+1) ≈ N²/4 reals; every
//                 eigenvalue densely up to options.dense_limit, beyond it the options.modes
//                 eigenvalues nearest a small positive shift by shift-invert with a sparse LU
//                 (= the slowest ones when the spectrum is real, as with detailed balance);
//   orders ±d     m − m' = ±d, d = 1 … N: the elements (k, k + d) of every block, on which the
//                 full-storage kernel is complex linear. The block is probed into an explicit
//                 sparse matrix (15 full-storage applies: each element feeds only j ± 1 and
//                 k ± 2), realified on (Re, Im) pairs — a real operator whose eigenvalues are those
//                 of orders d and −d together (2 Σ_j (2j+1−d) reals) — and solved densely or by
//                 Arnoldi on the sparse product. The probing needs the full storage (≈ N³/6 complex
//                 numbers), so these blocks are computed while it stays under
//                 options.max_full_elements (N ≈ 300 by default), and up to options.max_order.
// A Hamiltonian with off-diagonal terms (a drive) mixes all orders: one block of 2 Σ_j (2j+1)²
// reals. Coherence order is q(r) − q(c) = m' − m (docs/conventions.md).
#pragma once

#include "openspins/method/generator_modes.hpp"
#include "openspins/model/model.hpp"

namespace openspins::dicke {

struct DickeSpectrumOptions {
    SpectrumOptions spectrum;
    int max_order = -1;                          // largest |m − m'| computed; −1: all
    std::size_t max_full_elements = 5'000'000;   // full-storage size (complex) up to which coherence blocks are computed
};

GeneratorSpectrum dicke_spectrum(const Model& model, const DickeSpectrumOptions& options = {});

// T1, T2 and the pure-dephasing rate of one spin alone with the model's channels (the N = 1
// Dicke generator: a collective channel acts on a lone spin like a local one).
SingleSpinRates dicke_single_spin_rates(const Model& model);

}  // namespace openspins::dicke
