// The hierarchy's steady state: all ADOs x = (ρ_n) with 𝓛_HEOM x = 0 and Tr ρ_0 = 1 (hierarchy_generator.hpp's
// equations with dρ_n/dt = 0), solved without time stepping as
//
//   A x = 𝓛_HEOM x + Tr(ρ_0)·E = E,    E = 1/D on ρ_0 and 0 on every other ADO.
//
// The ρ_0 equation is trace-free for every x (𝓛_S, the terminators and −i[Q, ρ_{e_k}] are traceless), so the
// trace of A x = E on ρ_0 gives Tr ρ_0 = 1 and then 𝓛_HEOM x = 0: the unique solution is the unit-trace steady
// state whenever the hierarchy has a one-dimensional kernel (as the exact method's steady state).
//
// Solved by restarted GMRES (SUNDIALS SPGMR, integrate/gmres_solver.hpp) on the matrix-free generator, right-
// preconditioned by the inverse of each ADO's own block — 𝓛_S + the terminators − (Σ_k n_k ν_k) as a dense
// D² × D² matrix, LU-factorised once per distinct Σ n_k ν_k (for ρ_0, whose 𝓛_S alone is singular: shifted by −σ,
// σ = the smallest Re ν_k, off the identity direction, which E·Tr keeps at 1); for D² > 256 (N > 4) the scalar part
// 1/(σ + Σ n_k ν_k) only. What is left for GMRES is the coupling between neighbouring ADOs (one spin, depth 5:
// 17 iterations, 26 with the scalar preconditioner).
#pragma once

#include <Eigen/Dense>
#include <utility>
#include <vector>

#include "openspins/method/heom/ado_index.hpp"
#include "openspins/method/heom/hierarchy_exponents.hpp"

namespace openspins::heom {

struct HierarchySteadyState {
    Eigen::MatrixXcd rho;  // ρ_0, D × D
    int iterations = 0;    // GMRES iterations
    double residual = 0.0;  // ‖E − A x‖₂ / ‖E‖₂
    bool converged = false;
};

// `tolerance`: relative residual ‖E − A x‖₂/‖E‖₂.
HierarchySteadyState hierarchy_steady_state(const Eigen::MatrixXcd& hamiltonian,
                                            const std::vector<std::pair<double, Eigen::MatrixXcd>>& jumps,
                                            const HierarchyBaths& baths, const AdoIndex& index, double tolerance);

}  // namespace openspins::heom
