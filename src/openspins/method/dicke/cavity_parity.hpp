// The parity Π = (−1)^{n+k} of |n⟩ ⊗ |j, j − k⟩ (n photons, k = j − m) and which operators keep it.
//
// A monomial (a†)^p a^q ⊗ (collective letters) maps |n, k⟩ to |n + p − q, k + Δk⟩ with Δk odd for each
// Jx, Jy, Jp, Jm letter and even (0) for Jz, J2, so it changes Π by (−1)^{p − q + #(Jx, Jy, Jp, Jm)}: it keeps Π
// when that count is even and flips Π when it is odd, whatever the coefficient. A polynomial keeps Π when
// every monomial does (e.g. (a + a†)Jx, a†J^- + aJ^+, a†a, Jz, J², (a + a†)Jz is NOT: p − q = ±1 with no odd
// letter flips) and flips it when every monomial flips (a, a†, J^±, Jx); otherwise it mixes.
//
// Why it matters (CavityLayout's parity blocks): if H keeps Π and every jump L keeps or flips it, then
// H ρ, ρ H and L ρ L† map an operator with no coherence between Π = +1 and Π = −1 to another such operator,
// so a state that starts without such coherences (e.g. a Fock, vacuum or thermal mode times a spin state
// diagonal in m, or any state of definite Π) keeps only the entries of equal row and column parity — half
// of every block. (Physical parity e^{iπ(a†a + Jz + N/2)} is Π times the sign (−1)^{N/2 + j}, constant per
// block; local spin channels, which move weight between blocks, are not covered here.)
#pragma once

#include <string>
#include <vector>

#include "openspins/method/dicke/dicke_generator.hpp"
#include "openspins/model/model.hpp"
#include "openspins/model/spin_mode_polynomial.hpp"

namespace openspins::dicke {

enum class ParityChange { keeps, flips, mixes };

ParityChange parity_change(CollectiveLetter letter);
// `mode_steps`: p − q of a mode factor multiplying every monomial of `spin`. The zero polynomial keeps Π.
ParityChange parity_change(const CollectivePolynomial& spin, int mode_steps = 0);
ParityChange parity_change(const SpinModePolynomial& op);

// Whether one evolve step's generator maps parity-diagonal states to parity-diagonal states: H (the spins'
// polynomial and the spin–mode part) keeps Π, every collective and mode jump with a nonzero rate keeps or
// flips it, and no local spin channel acts. When not, `why` (if given) names the first obstacle.
bool generator_keeps_parity_blocks(const GeneratorTerms& spin_terms, const SpinModePolynomial& mode_hamiltonian,
                                   const std::vector<ModeJump>& mode_jumps, std::string* why = nullptr);

}  // namespace openspins::dicke
