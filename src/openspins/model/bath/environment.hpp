// The microscopic environment of the spins: bosonic baths and the couplings A ⊗ B to them,
// from which the `redfield` method derives the master equation (docs/methods/redfield.md).
//
//   H = H_S + Σ_baths H_B + Σ_terms A_term ⊗ B_{bath, copy},   A_term Hermitian.
//
// A *shared* bath is one field B coupled to every term that names it (seed 000's collective
// reservoir: λ_n S^x_n ⊗ φ_c(g_c), ϰ_n S^z_n ⊗ φ_c(f_c)). A *local* bath stands for one copy
// per spin (seed 000's φ_n(g_n)): the term on spin n couples to copy n. Copies of a local bath
// may be partially correlated, ⟨B_n(t)B_m⟩ = κ⟨B_n(t)B_n⟩ for n ≠ m (seed 003's random field,
// κ = 1 is a shared bath, κ = 0 independent baths). Different baths are uncorrelated, so
// couplings through different form factors (seed 000's g and f) use different baths.
#pragma once

#include <string>
#include <vector>

#include "openspins/model/bath/bath_spectrum.hpp"
#include "openspins/model/bath/spectral_density.hpp"
#include "openspins/model/spin_operator.hpp"

namespace openspins {

struct Bath {
    std::string name;
    SpectralDensityPtr density;
    double temperature = 0.0;  // T ≥ 0; T = 0 is the vacuum
    bool local = false;
    double correlation = 0.0;  // κ between different copies of a local bath
};

struct CouplingTerm {
    std::string name;  // the coupling entry it came from (metadata, tables)
    int bath = 0;      // index into Environment::baths
    int copy = -1;     // −1 for a shared bath, the spin index for a local one
    SpinOperator op;   // A (Hermitian), strength included
};

// How the master equation is derived (read from [method] with name = "redfield").
struct GeneratorOptions {
    std::string generator = "davies";  // "davies" | "partial_secular" | "bloch_redfield"
    bool lamb_shift = true;
    ThermalTreatment thermal = ThermalTreatment::bose;
    double secular_window = 0.0;  // partial_secular: Bohr frequencies within it are grouped
    // Seed 003's semiclassical forms with an inhomogeneous term (thermal = "classical" rates):
    // "abragam" dσ/dt = R(σ − σ_eq) (eq. 66), "hubbard" dσ/dt = Rσ + (β/2d)Σ_ω ωγ(ω)[A(ω), A(ω)†]
    // (eq. 64); "" for none.
    std::string inhomogeneous;
};

// One independent noise channel after the copies of each bath are decorrelated:
// Σ_terms A ⊗ B = Σ_k A_k ⊗ ξ_k with ⟨ξ_k(t) ξ_l⟩ = δ_kl weight_k ⟨B(t)B⟩ of its bath.
struct NoiseChannel {
    int bath = 0;
    double weight = 1.0;
    SpinOperator op;    // A_k
    std::string label;  // bath name, with the copy or mode
};

struct Environment {
    std::vector<Bath> baths;
    std::vector<CouplingTerm> couplings;
    GeneratorOptions options;

    [[nodiscard]] bool empty() const { return couplings.empty(); }
    // Groups terms by bath copy and diagonalises each local bath's correlation matrix
    // (1 on the diagonal, κ off it, over the copies that carry a coupling): channels with
    // zero weight or a zero operator are dropped. Throws ModelError when the matrix is not
    // positive semi-definite (κ < −1/(n − 1) for n copies).
    [[nodiscard]] std::vector<NoiseChannel> noise_channels() const;
    // One BathSpectrum per bath, with the options' thermal treatment.
    [[nodiscard]] std::vector<BathSpectrum> spectra() const;
};

}  // namespace openspins
