// Collective (symbolic) forms of the built-in Hamiltonian terms, channels and
// observables, for methods that work with permutation-symmetric models (dicke).
//
// A form exists only when the term acts identically on all N spins; otherwise the
// functions return std::nullopt and the dicke method refuses the term by name.
// Identities used (S = σ/2, J^α = Σ S^α_i, all pairs i < j of the N spins):
//   Σ_{i<j} S^α_i S^α_j = ½ ((J^α)² − N/4)
//   zz          J Σ S^z S^z             = J/2 (Jz² − N/4)
//   xy          J Σ (S^xS^x + S^yS^y)   = J/2 (J² − Jz² − N/2)
//   heisenberg  J Σ S·S                 = J/2 (J² − 3N/4)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "openspins/model/channel.hpp"
#include "openspins/model/collective_polynomial.hpp"
#include "openspins/model/observable.hpp"
#include "openspins/model/spin_system.hpp"
#include "openspins/model/term_builders.hpp"

namespace openspins {

// sign · ω Jz when every spin has the same ω.
std::optional<CollectivePolynomial> zeeman_collective(const SpinSystem& spins, int sign);
// Ω_x Jx + Ω_y Jy when the drive acts on all N spins.
std::optional<CollectivePolynomial> drive_collective(const std::vector<int>& spins, int n, double omega_x,
                                                     double omega_y);
// The coupling at unit J when `pairs` are all pairs of the N spins (each once).
std::optional<CollectivePolynomial> coupling_collective(const std::string& kind, const std::vector<SpinPair>& pairs,
                                                        int n);

// Channels described without operators: kind, spins and rates (jumps with empty
// operators), for models that never expand into monomials (N may exceed 64).
Channel symbolic_local_channel(const std::string& kind, const std::vector<int>& spins, const std::vector<double>& rates,
                               std::string name);
Channel symbolic_collective_channel(const std::string& kind, const std::vector<int>& spins, double rate,
                                    std::string name);

// Built-in observable names (Jx, Jy, Jz, J2, JpJm) as polynomials.
CollectivePolynomial builtin_collective(const std::string& name);

}  // namespace openspins

namespace openspins {

// Built-in observables of the config's `observables` list (Jx, Jy, Jz, J2, JpJm, purity,
// trace, species, spins) with collective forms and empty operators, in the order the
// config reader creates them. `species` over a species that is not all spins and no
// form; `spins` gives sα_i → (2/N) J^α (permutation-invariant states).
std::vector<Observable> symbolic_builtin_observables(const std::string& name, const SpinSystem& spins);

// Quantities computed only by the dicke method (RunSpec::method_observables) and
// the columns each writes: S (S(S+1) = ⟨J²⟩), emitted_collective, emitted_local,
// energy, ergotropy, ergotropy_symmetric, j_distribution (columns pj_<j>).
const std::vector<std::string>& symmetric_method_observables();
std::vector<std::string> symmetric_method_columns(const std::string& name, int n);

// Seed 004's fluctuation observable per axis α (eq. 1.29, first order in λ): lim_N √N(⟨σ^α⟩ per spin −
// μ_S(σ^α(t))), columns fluctuation_x, fluctuation_y, fluctuation_z. Computed only by the analytic method
// on a run file with a [cavity] (method/analytic/seed004_run.hpp); every other method refuses them by name
// (refuse_fluctuation_observables). Like the dicke-only names they go to RunSpec::method_observables.
const std::vector<std::string>& fluctuation_observables();
bool is_fluctuation_observable(const std::string& name);
// Throws ModelError (fluctuation_needs_analytic) for the first fluctuation observable requested.
void refuse_fluctuation_observables(const std::vector<std::string>& method_observables);

// Hermiticity of a polynomial (checked on the largest j blocks of N spins).
bool is_hermitian_collective(const CollectivePolynomial& p, int n);

}  // namespace openspins
