// The master equation derived from a model's environment (model/bath/environment.hpp),
// written as extra Hamiltonian terms and Lindblad-form channels that the exact kernel
// (method/exact/lindblad_generator.hpp) applies matrix-free.
//
// Per independent noise channel k (operator A_k, weight w_k, bath spectrum γ, S), with
// A_k = Σ_ω A_k(ω) its Bohr components (bohr_decomposition.hpp), Γ(ω) = ½γ(ω) + iS(ω):
//
//   davies           Σ_ω w γ(ω) D[A(ω)]ρ − i[H_LS, ρ],  H_LS = Σ_ω w S(ω) A(ω)†A(ω)
//                    (degenerate ω grouped to 1e-9 relative; completely positive)
//   partial_secular  components whose frequencies lie within `secular_window` of a neighbour
//                    form a cluster c: D[L_c], L_c = Σ_{ω∈c} √(wγ(ω)) A(ω) (completely positive;
//                    Lamb shift as in davies, cross-frequency shifts dropped)
//   bloch_redfield   Λ = Σ_ω wΓ(ω) A(ω):  dρ/dt ∋ [Λρ, A] + [A, ρΛ†]
//                    = ½D[A + Λ] − ½D[A − Λ] − i[(AΛ − Λ†A)/(2i), ρ]
//                    (a negative-rate channel: not completely positive in general)
// Without lamb_shift, S is dropped (H_LS = 0; Γ = ½γ in Redfield).
// thermal = abragam / hubbard (davies only, classical rates): seed 003's inhomogeneous forms
// (66) / (64) as a source term Tr(ρ)·C (model/source_term.hpp) — any N, coupled spins too.
//
// H_S a sum of single-spin diagonal terms (Zeeman, any frequencies and sign): A(ω) are sums of
// A's own monomials (matrix-free, N as for the exact method). Otherwise (spin–spin terms, drives)
// the eigenbasis path: H_S = V diag(E) V† densely (Eigen), Λ = V[Γ(E_n − E_m) (V†AV)_mn]V†,
// written as full-width monomials; bloch_redfield up to N = 6 (d = 64, each Λ has up to 4096
// monomials and costs O(d³) per right-hand side); davies / partial_secular group the eigenbasis
// pairs (m, n) of V†AV by Bohr frequency E_n − E_m into jumps. Each pair belongs to one frequency,
// so in the eigenbasis all jumps together hold at most d² matrix units. Up to N = 3 they are written
// back in the product basis (VL̃V†, up to d² monomials each; there the exact method applies the
// generator as a small dense matrix anyway); beyond, the whole run is written in the
// eigenbasis (`frame`, model/basis_frame.hpp: H̃_S = diag(E), sparse jumps, transformed channels and
// observables; the exact method transforms ρ0 and pulses), up to max_eigenbasis_secular_spins.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "openspins/model/basis_frame.hpp"
#include "openspins/model/model.hpp"

namespace openspins::redfield {

inline constexpr int max_eigenbasis_spins = 6;          // bloch_redfield in the eigenbasis
inline constexpr int max_eigenbasis_secular_spins = 8;     // davies / partial_secular in the eigenbasis
inline constexpr int max_product_basis_secular_spins = 3;  // … written back in the product basis up to here

// Where the eigenbasis path of davies / partial_secular writes its operators: automatic is the
// product basis up to max_product_basis_secular_spins, the eigenbasis frame beyond.
enum class EigenbasisForm { automatic, product_basis, eigenbasis };

struct DerivedGenerator {
    std::vector<HamiltonianTerm> hamiltonian;  // Lamb shift / Redfield Hermitian part (possibly empty)
    std::vector<Channel> channels;             // one per noise channel
    std::vector<SourceTerm> sources;           // seed 003's abragam / hubbard forms (possibly empty)
    bool completely_positive = true;
    std::map<std::string, std::string> notes;  // for the run's metadata
    // Set when the operators above are written in the eigenbasis of H_S (basis_frame.hpp); then
    // frame_hamiltonian is H_S there, diag(E), and the model's own operators must be transformed.
    std::shared_ptr<const BasisFrame> frame;
    SpinOperator frame_hamiltonian;
};

// Throws ModelError when the model's Hamiltonian is not of the supported form or a bath
// spectrum is invalid at a needed frequency; NumericalError when a Lamb-shift quadrature fails.
DerivedGenerator derive_generator(const Model& model, EigenbasisForm form = EigenbasisForm::automatic);

}  // namespace openspins::redfield
