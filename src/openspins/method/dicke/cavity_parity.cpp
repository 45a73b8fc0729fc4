#include "openspins/method/dicke/cavity_parity.hpp"

namespace openspins::dicke {

namespace {

ParityChange combine(ParityChange a, ParityChange b) { return a == b ? a : ParityChange::mixes; }

}  // namespace

ParityChange parity_change(CollectiveLetter letter) {
    switch (letter) {
        case CollectiveLetter::Jz:
        case CollectiveLetter::J2:
            return ParityChange::keeps;
        default:  // Jx, Jy, Jp, Jm change k by ±1
            return ParityChange::flips;
    }
}

ParityChange parity_change(const CollectivePolynomial& spin, int mode_steps) {
    bool any = false;
    ParityChange change = ParityChange::keeps;
    const CollectivePolynomial simplified = spin.simplified();
    for (const auto& monomial : simplified.terms()) {
        int odd = mode_steps;
        for (const auto letter : monomial.letters) odd += parity_change(letter) == ParityChange::flips ? 1 : 0;
        const ParityChange mine = odd % 2 == 0 ? ParityChange::keeps : ParityChange::flips;
        change = any ? combine(change, mine) : mine;
        any = true;
    }
    return change;
}

ParityChange parity_change(const SpinModePolynomial& op) {
    bool any = false;
    ParityChange change = ParityChange::keeps;
    const SpinModePolynomial simplified = op.simplified();
    for (const auto& term : simplified.terms()) {
        if (term.spin.simplified().empty()) continue;
        const ParityChange mine = parity_change(term.spin, term.creations - term.annihilations);
        change = any ? combine(change, mine) : mine;
        any = true;
    }
    return change;
}

bool generator_keeps_parity_blocks(const GeneratorTerms& spin_terms, const SpinModePolynomial& mode_hamiltonian,
                                   const std::vector<ModeJump>& mode_jumps, std::string* why) {
    const auto refuse = [why](const std::string& reason) {
        if (why) *why = reason;
        return false;
    };
    for (const auto& t : spin_terms.local)
        if (t.rate != 0.0) return refuse("a local spin channel moves weight between j blocks");
    if (parity_change(spin_terms.hamiltonian) != ParityChange::keeps)
        return refuse("the spin Hamiltonian " + to_string(spin_terms.hamiltonian.simplified()) +
                      " does not keep (-1)^(n+k)");
    if (parity_change(mode_hamiltonian) != ParityChange::keeps)
        return refuse("the spin-mode Hamiltonian " + to_string(mode_hamiltonian.simplified()) +
                      " does not keep (-1)^(n+k)");
    for (const auto& jump : mode_jumps)
        if (jump.rate != 0.0 && parity_change(jump.op) == ParityChange::mixes)
            return refuse("the jump " + to_string(jump.op.simplified()) + " neither keeps nor flips (-1)^(n+k)");
    return true;  // a collective jump is a single letter: it keeps or flips Π
}

}  // namespace openspins::dicke
