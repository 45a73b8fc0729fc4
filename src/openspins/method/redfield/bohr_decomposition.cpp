#include "openspins/method/redfield/bohr_decomposition.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace openspins::redfield {

std::optional<SingleSpinEnergies> single_spin_energies(const SpinOperator& hamiltonian, int n_spins) {
    SingleSpinEnergies e{std::vector<double>(static_cast<std::size_t>(n_spins), 0.0),
                         std::vector<double>(static_cast<std::size_t>(n_spins), 0.0)};
    const SpinOperator h = hamiltonian.simplified();  // named: terms() refers into it
    for (const auto& m : h.terms()) {
        if (!m.is_diagonal() || std::popcount(m.mask) > 1) return std::nullopt;
        if (std::abs(m.coeff.imag()) > 1e-14 * std::max(1.0, std::abs(m.coeff))) return std::nullopt;
        if (m.mask == 0) continue;  // a multiple of the identity shifts every level alike
        const int spin = std::countr_zero(m.mask);
        if (spin >= n_spins) return std::nullopt;
        // bit 0 is |↑⟩, bit 1 is |↓⟩ (spin_operator.hpp).
        auto& level = (m.in & m.mask) ? e.down : e.up;
        level[static_cast<std::size_t>(spin)] += m.coeff.real();
    }
    return e;
}

std::vector<BohrComponent> bohr_components(const SpinOperator& a, const SingleSpinEnergies& energies,
                                           double tolerance) {
    std::vector<std::pair<double, Monomial>> tagged;
    const SpinOperator simple = a.simplified();
    for (const auto& m : simple.terms()) {
        double omega = 0.0;
        for (BasisState mask = m.mask; mask != 0; mask &= mask - 1) {
            const int i = std::countr_zero(mask);
            const BasisState bit = BasisState{1} << i;
            const auto level = [&](BasisState pattern) {
                return (pattern & bit) ? energies.down[static_cast<std::size_t>(i)]
                                       : energies.up[static_cast<std::size_t>(i)];
            };
            omega += level(m.in) - level(m.out);
        }
        tagged.emplace_back(omega, m);
    }
    std::sort(tagged.begin(), tagged.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<BohrComponent> out;
    for (const auto& [omega, m] : tagged) {
        if (out.empty() || std::abs(omega - out.back().omega) > tolerance) {
            out.push_back({omega, SpinOperator({m})});
        } else {
            out.back().op += SpinOperator({m});
        }
    }
    // The component's frequency: the first of a degenerate group (they agree within tolerance).
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>> cluster_by_window(const std::vector<BohrComponent>& components,
                                                                   double window) {
    std::vector<std::pair<std::size_t, std::size_t>> clusters;
    for (std::size_t k = 0; k < components.size(); ++k) {
        if (!clusters.empty() && window > 0.0 && components[k].omega - components[k - 1].omega <= window) {
            clusters.back().second = k + 1;
        } else {
            clusters.emplace_back(k, k + 1);
        }
    }
    return clusters;
}

}  // namespace openspins::redfield
