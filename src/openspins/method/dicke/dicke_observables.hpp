// Observables on the Dicke blocks (storage: dicke_basis.hpp).
//
//   expectation  ⟨O⟩ = Σ_j Tr(O_j ρ^j) for a collective polynomial O
//   purity       Tr ρ² = Σ_j Tr (ρ^j)² / d_j      trace  Σ_j Tr ρ^j
//   S            effective spin length, S(S+1) = ⟨J²⟩ (seed 002 eq. 7)
//   emitted_collective, emitted_local
//                quanta emitted through the collective and the local emission channels
//                since t = 0: ∫ Σ Γ⟨J^+J^-⟩ dt and ∫ Σ γ⟨Σ_i σ^+_iσ^-_i⟩ dt, integrated as two
//                extra ODE components (so at the integrator's accuracy); × ω is the energy.
//   energy       ⟨H_Z⟩ of the Zeeman term H_Z = c·Jz
//   ergotropy    ⟨H_Z⟩ − Tr(σ_p H_Z), σ_p the passive state for all unitaries on the 2^N
//                space: eigenvalues λ/d_j of ρ (each d_j-fold) sorted down, matched with
//                the levels c·m of H_Z (each C(N, N/2 − m)-fold) sorted up
//   ergotropy_symmetric
//                the same for unitaries that commute with the permutations (⊕_j U_j ⊗ 1):
//                in each block the eigenvalues of ρ^j sorted down against c·m sorted up
//   j_distribution  Tr ρ^j for every j (columns pj_<j>, largest j first)
//   power_stored, power_released, power_lost
//                the battery's energy flows (battery_power.hpp), computed by the caller
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "openspins/method/dicke/dicke_basis.hpp"
#include "openspins/model/run_spec.hpp"

namespace openspins::dicke {

class DickeObservables {
public:
    // `energy_scale`: c in H_Z = c·Jz, needed for energy and the ergotropies.
    DickeObservables(const DickeBasis& basis, const RunSpec& spec, bool populations_only,
                     std::optional<double> energy_scale);

    [[nodiscard]] const std::vector<std::string>& columns() const { return columns_; }
    // `emitted`: the two integrated emission counters; `power`: battery_power()'s {P_s, P_r, P_l}
    // when needs_power().
    [[nodiscard]] std::vector<double> evaluate(const double* y, const std::array<double, 2>& emitted,
                                               const std::array<double, 3>& power = {}) const;
    [[nodiscard]] bool needs_power() const { return needs_power_; }
    [[nodiscard]] double trace(const double* y) const;
    // ρ^j's eigenvalues, block by block (populations: the diagonal).
    [[nodiscard]] std::vector<std::vector<double>> block_eigenvalues(const double* y) const;

private:
    struct Entry {
        enum class What { expectation, purity, trace, method } what;
        std::string name;
        bool hermitian = true;
        std::vector<BlockMatrix> blocks;  // expectation
    };
    [[nodiscard]] std::complex<double> expectation(const std::vector<BlockMatrix>& blocks, const double* y) const;
    [[nodiscard]] double purity(const double* y) const;
    [[nodiscard]] std::array<double, 2> ergotropies(const double* y) const;

    const DickeBasis& basis_;
    bool populations_only_;
    std::optional<double> energy_scale_;
    bool needs_power_ = false;
    std::vector<Entry> entries_;
    std::vector<std::string> columns_;
    std::vector<BlockMatrix> j_squared_, jz_;
};

}  // namespace openspins::dicke
