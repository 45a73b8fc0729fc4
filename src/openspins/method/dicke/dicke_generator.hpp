// The Lindblad generator of a permutation-symmetric model on the Dicke blocks.
//
//   dρ^j/dt = −i(H_eff ρ^j − ρ^j H_eff†) + Σ_c Γ_c L_c ρ^j L_c†
//             + Σ_local γ Σ_{j'} (local transfer j → j', local_transitions.hpp),
//   H_eff = H − (i/2) (Σ_c Γ_c L_c†L_c + Σ_local γ Σ_i A_i†A_i),
// with H a collective polynomial and L_c ∈ {J^-, J^+, Jz} acting inside each block.
// Storage (dicke_basis.hpp): "full" reads and writes the blocks as complex numbers
// (two reals each, real part first); "populations" the diagonals only, valid when
// H is diagonal in m and ρ is (L_c and the local transfers keep it so).
#pragma once

#include <Eigen/SparseCore>
#include <array>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "openspins/method/dicke/dicke_basis.hpp"
#include "openspins/method/dicke/hermitian_packing.hpp"
#include "openspins/method/dicke/local_transitions.hpp"
#include "openspins/model/collective_polynomial.hpp"

namespace openspins::dicke {

struct CollectiveJump {
    double rate = 0.0;
    CollectiveLetter op = CollectiveLetter::Jm;  // Jm, Jp or Jz
};

struct LocalJump {
    double rate = 0.0;  // the same on every spin
    LocalKind kind = LocalKind::emission;
};

struct GeneratorTerms {
    CollectivePolynomial hamiltonian;
    std::vector<CollectiveJump> collective;
    std::vector<LocalJump> local;
};

class DickeGenerator {
public:
    DickeGenerator(const DickeBasis& basis, const GeneratorTerms& terms, bool populations_only);

    // ydot = L(y) on the storage (no extra components).
    void apply(const double* y, double* ydot) const;
    // Full storage only: the same on the Hermitian packing of the blocks
    // (hermitian_packing.hpp), half as many reals; computes the upper triangles only.
    void apply_packed(const double* packed, double* packed_dot) const;
    // Full storage only: that packing.
    [[nodiscard]] const PackedBlocks& packing() const { return *packing_; }
    // Quanta emitted per unit time: {Σ Γ⟨J^+J^-⟩ over collective emission, Σ γ⟨Σσ^+σ^-⟩ over local emission}.
    [[nodiscard]] std::array<double, 2> emission_rates(const double* y) const;
    [[nodiscard]] std::array<double, 2> emission_rates_packed(const double* packed) const;
    [[nodiscard]] std::size_t size() const;  // reals
    // Populations only: solves (I − γ A) z = r exactly for the part A of the generator
    // inside each j block (tridiagonal in k: collective jumps, losses, local transfers
    // that keep j); the local transfers between blocks (rates ~ γ_local N, small next to
    // Γ j²) are left to GMRES. Returns false for the full storage (no preconditioner).
    [[nodiscard]] bool has_preconditioner() const { return populations_only_; }
    void precondition(double gamma, const double* r, double* z) const;
    // Populations only: the generator as a sparse matrix (dp/dt = A p), for the steady state.
    [[nodiscard]] Eigen::SparseMatrix<double> population_matrix() const;
    // Populations only: every contribution A(target, source) += value (population storage
    // indices; an entry may come in several parts), without forming the matrix.
    void for_each_population_entry(const std::function<void(std::size_t target, std::size_t source, double value)>&
                                       visit) const;
    // The weights f of emission_rates() = {f_c·p, f_l·p} at population (block b, k).
    [[nodiscard]] std::array<double, 2> emission_weights(int b, int k) const;

private:
    template <bool Upper>
    void apply_full(const double* y, double* ydot) const;
    void apply_populations(const double* y, double* ydot) const;
    // Σ_k diag[b][k] ρ^b_kk, from the storage or (full storage) its Hermitian packing
    double diagonal_expectation(const std::vector<std::vector<double>>& diag, const double* y, bool packed) const;

    const DickeBasis& basis_;
    bool populations_only_;
    struct BlockJump {
        double rate;
        BlockMatrix op;
    };
    std::vector<BlockMatrix> effective_;         // H_eff per block (full), compressed row-major
    std::vector<std::vector<BlockJump>> jumps_;  // Γ, L per block (full)
    std::vector<std::vector<double>> loss_;      // populations: −d p_k/dt / p_k from H_eff
    // populations: collective gains p_k → p_{k'} at rate Γ|L_{k'k}|², per block
    std::vector<std::vector<std::array<double, 3>>> gains_;          // (k, k', rate)
    std::vector<std::pair<double, LocalTransition>> transfers_;      // (γ, transition)
    std::vector<std::vector<double>> collective_flux_, local_flux_;  // diagonals for emission_rates
    // populations: the intra-block generator per block, A(k+1,k), A(k,k), A(k−1,k)
    std::vector<std::vector<double>> lower_, diagonal_, upper_;
    std::shared_ptr<const PackedBlocks> packing_;  // full storage (PackedBlocks is not copyable)
    mutable std::vector<double> scratch_in_, scratch_out_;  // apply_packed's full blocks
};

}  // namespace openspins::dicke
