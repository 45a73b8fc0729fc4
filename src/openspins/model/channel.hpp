// A named dissipative channel: a set of jump operators with rates, entering the
// master equation as Σ_k γ_k D[L_k]ρ, D[L]ρ = LρL† − ½{L†L, ρ}.
//
// Built-in kinds (σ^- = |↓⟩⟨↑| lowers, S = σ/2, J^- = Σσ^-_i, J^z = Σ S^z_i):
//   emission               γ D[σ^-_i] on each selected spin
//   absorption             γ D[σ^+_i] on each selected spin
//   dephasing              γ D[σ^z_i] on each selected spin (coherence decays at 2γ)
//   collective_emission    Γ D[J^-]   over the selected spins
//   collective_absorption  Γ D[J^+]
//   collective_dephasing   Γ D[J^z]
//   custom                 γ D[L] with L an operator expression; read for the dicke method
//                          with a cavity, L may contain the mode letters a, ad, n: `mode`
//                          holds it (spin_mode_polynomial.hpp) and the jump's op stays empty
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "openspins/model/spin_mode_polynomial.hpp"
#include "openspins/model/spin_operator.hpp"

namespace openspins {

struct Jump {
    double rate = 0.0;
    SpinOperator op;
};

struct Channel {
    std::string name;
    std::string kind;
    std::vector<Jump> jumps;
    // Built-in kinds: the selected spins (local kinds: jumps[k] acts on spins[k]). For
    // models read for the dicke method the jumps carry rates with empty operators.
    std::vector<int> spins{};
    // The custom jump operator on spins ⊗ mode (Model::mode_jumps collects these).
    std::optional<SpinModePolynomial> mode = std::nullopt;
    [[nodiscard]] bool is_collective() const { return kind.rfind("collective", 0) == 0; }
};

}  // namespace openspins
