#include "openspins/method/exact/lindblad_spectrum_bounds.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace openspins::exact {

GershgorinInterval gershgorin_interval(const SpinOperator& hermitian, int spins) {
    const BasisState dimension = BasisState{1} << spins;
    const auto& terms = hermitian.terms();
    double lowest = std::numeric_limits<double>::infinity(), highest = -lowest;
    for (BasisState b = 0; b < dimension; ++b) {
        double diagonal = 0.0, radius = 0.0;
        for (const Monomial& m : terms) {
            if ((b & m.mask) != m.in) continue;  // column b: M|b⟩ ≠ 0
            if (m.is_diagonal())
                diagonal += m.coeff.real();
            else
                radius += std::abs(m.coeff);
        }
        lowest = std::min(lowest, diagonal - radius);
        highest = std::max(highest, diagonal + radius);
    }
    return {lowest, highest};
}

SpectrumBounds lindblad_spectrum_bounds(const SpinOperator& hamiltonian, const std::vector<Jump>& jumps, int spins) {
    SpectrumBounds bounds;
    const GershgorinInterval h = gershgorin_interval(hamiltonian, spins);
    bounds.oscillation = std::max(0.0, h.highest - h.lowest);
    SpinOperator anticommutator;  // A = Σ |γ_k| L_k†L_k
    double jump_part = 0.0;       // Σ |γ_k| ‖L_k‖² over the jumps whose L·L† part is not nilpotent
    for (const Jump& j : jumps) {
        if (j.rate == 0.0 || j.op.empty()) continue;
        const SpinOperator product = (j.op.adjoint() * j.op).simplified();
        anticommutator += product * complex{std::abs(j.rate)};
        int delta = 0;
        if (j.op.has_definite_delta(delta) && delta != 0) continue;
        jump_part += std::abs(j.rate) * std::max(0.0, gershgorin_interval(product, spins).highest);
    }
    const double a = anticommutator.empty() ? 0.0 : gershgorin_interval(anticommutator.simplified(), spins).highest;
    bounds.decay = std::max(0.0, a) + jump_part;
    return bounds;
}

}  // namespace openspins::exact
