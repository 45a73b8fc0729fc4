// Where the eigenvalues λ of the Lindblad generator
//   L(ρ) = −i[H, ρ] + Σ_k γ_k (L_k ρ L_k† − ½{L_k†L_k, ρ})
// lie, for the Chebyshev exponential propagator (integrate/chebyshev_propagator.hpp, its
// SpectrumBounds: −decay ≤ Re λ ≤ 0, |Im λ| ≤ oscillation). Estimates, not proofs: the
// propagator widens bounds that a step shows too small, and an overestimate only costs terms.
//
// oscillation: the unitary part −i[H, ·] has the eigenvalues −i(E_a − E_b), so |Im λ| ≤ E_max − E_min;
//   the dissipator shifts Im λ far less (the Ising chain N = 2 … 6: max |Im λ| within 1 % below the spread).
//   E_max − E_min ≤ max_b (H_bb + R_b) − min_b (H_bb − R_b), R_b = Σ_{b'≠b} |H_b'b| (Gershgorin, on the
//   2^N product states, each monomial's |coefficient| counted: an upper bound even where monomials overlap).
// decay: −Re λ ≤ ‖A‖ + ‖J‖ on the numerical range, A = Σ γ_k L_k†L_k (the anticommutator, a negative
//   self-adjoint superoperator of norm ‖A‖) and J = Σ γ_k L_k · L_k†. ‖A‖ by Gershgorin on A's rows. A jump
//   whose monomials all change the number of down spins by the same non-zero amount (σ^−, σ^+, J^−, …) maps
//   the grading "down spins of row + column" strictly up (or down): its J part is nilpotent and adds nothing
//   to the dissipator's spectrum, so it is left out (σ^−_i on a chain of N: decay N, the exact −Re λ_min; the
//   numerical-range bound would give 2N). Other jumps add γ_k ‖L_k‖² (‖L_k‖² ≤ Gershgorin of L_k†L_k):
//   dephasing γ D[σ^z] gets 2γ, its exact rate.
#pragma once

#include <vector>

#include "openspins/integrate/chebyshev_propagator.hpp"
#include "openspins/model/channel.hpp"
#include "openspins/model/spin_operator.hpp"

namespace openspins::exact {

// Bounds for H and the jumps on `spins` spins (the matrices are never formed: O(2^N × monomials)).
SpectrumBounds lindblad_spectrum_bounds(const SpinOperator& hamiltonian, const std::vector<Jump>& jumps, int spins);

// max_b (O_bb + R_b) and min_b (O_bb − R_b) over the 2^N product states (O Hermitian): Gershgorin's interval.
struct GershgorinInterval {
    double lowest = 0.0, highest = 0.0;
};
GershgorinInterval gershgorin_interval(const SpinOperator& hermitian, int spins);

}  // namespace openspins::exact
