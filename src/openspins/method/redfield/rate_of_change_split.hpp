// Seed 003 eq. (67): the rate of change of an expectation value split into the "double
// commutator" and the "thermal" parts of the relaxation superoperator (its Figs. 1–2).
//
// For a bath with rate function γ(ω) (bath_spectrum.hpp) write γ(ω) = J(|ω|) + [γ(ω) − J(|ω|)]:
// the first, even part is the classical (infinite-temperature) generator — for each pair of
// Bohr components J(D[A(ω)] + D[A(ω)†]) = −(J/2)([A(ω)†, [A(ω), ρ]] + [A(ω), [A(ω)†, ρ]]), seed 003's
// double commutator; the rest is odd in ω (f_β: J tanh(βω/2), to first order J βω/2, the
// anticommutator term of (63)/(67)). With 𝓛_dc and 𝓛_th the two parts of the derived generator
// restricted to the couplings of the selected baths,
//   d⟨O⟩/dt = Tr(O(−i[H, ρ])) + Σ_baths [Tr(O 𝓛_dc ρ(t)) + Tr(O 𝓛_th ρ(t))],
// where ρ(t) evolves under the full generator (all baths). 𝓛_dc is the generator derived with
// thermal = "classical" minus the model's own H and channels; 𝓛_th is the generator with the
// run's treatment minus the classical one (Lamb shifts, if on, fall into the parts they come from).
//
// Dense (Liouvillian 4^N × 4^N, ρ(t) by matrix exponentials between output times): N ≤ 4.
// One evolution step without scaling; no inhomogeneous (abragam, hubbard) forms.
#pragma once

#include <string>
#include <vector>

#include "openspins/model/run_spec.hpp"

namespace openspins::redfield {

struct RateOfChangeSplit {
    std::vector<double> time;               // the spec's output times
    std::vector<double> expectation;        // ⟨O⟩(t)
    std::vector<double> double_commutator;  // Tr(O 𝓛_dc ρ(t)) of the selected baths
    std::vector<double> thermal;            // Tr(O 𝓛_th ρ(t)) of the selected baths
};

inline constexpr int max_rate_split_spins = 4;

// `baths`: names of the baths whose couplings form the parts (empty: all). O Hermitian.
// Throws ModelError for an unknown bath, N > 4, pulses or scaled steps, inhomogeneous forms.
RateOfChangeSplit split_rate_of_change(const RunSpec& spec, const SpinOperator& observable,
                                       const std::vector<std::string>& baths = {});

}  // namespace openspins::redfield
