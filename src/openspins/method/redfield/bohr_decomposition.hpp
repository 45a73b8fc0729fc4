// Splitting a coupling operator A into its Bohr-frequency components A(ω) for spins
// whose Hamiltonian is a sum of single-spin diagonal terms (no spin–spin terms, no drives):
//
//   H_S = Σ_i [e_i(↑) |↑⟩⟨↑|_i + e_i(↓) |↓⟩⟨↓|_i] + const,
//   A(ω) = Σ_{E' − E = ω} Π(E) A Π(E'),   A = Σ_ω A(ω),   ω = energy the system loses.
//
// In that case every matrix-unit monomial of A (spin_operator.hpp) maps basis states to
// basis states with one definite energy change, ω = Σ_{i ∈ mask} [e_i(in_i) − e_i(out_i)],
// so A(ω) is a sum of A's own monomials: the jump operators stay local monomials and the
// exact kernel applies them matrix-free.
#pragma once

#include <optional>
#include <vector>

#include "openspins/model/spin_operator.hpp"

namespace openspins::redfield {

// e_i(↑), e_i(↓) per spin, or nullopt when H has a spin–spin or off-diagonal term.
struct SingleSpinEnergies {
    std::vector<double> up;
    std::vector<double> down;
};
std::optional<SingleSpinEnergies> single_spin_energies(const SpinOperator& hamiltonian, int n_spins);

struct BohrComponent {
    double omega = 0.0;
    SpinOperator op;
};

// A's components sorted by ω; frequencies closer than `tolerance` are one component.
std::vector<BohrComponent> bohr_components(const SpinOperator& a, const SingleSpinEnergies& energies, double tolerance);

// Consecutive components (sorted by ω) whose neighbours lie within `window` form one cluster
// (single linkage); window 0 keeps each component alone. Returns index ranges [begin, end).
std::vector<std::pair<std::size_t, std::size_t>> cluster_by_window(const std::vector<BohrComponent>& components,
                                                                   double window);

}  // namespace openspins::redfield
