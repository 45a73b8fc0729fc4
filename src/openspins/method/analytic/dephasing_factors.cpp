#include "openspins/method/analytic/dephasing_factors.hpp"

#include <cmath>

namespace openspins::analytic {

DephasingFactors::DephasingFactors(const PureDephasingModel& model, const exact::SectorBasis& basis,
                                   const exact::BlockLayout& layout)
    : model_(model), basis_(basis), layout_(layout) {}

void DephasingFactors::apply(const std::vector<complex>& rho0, const std::vector<double>& term_times,
                             const std::vector<double>& channel_times, const std::vector<complex>& g,
                             std::vector<complex>& rho) const {
    const std::size_t dimension = basis_.dimension();
    // X_ab = s(a) + conj(s(b)) + Σ_m c_m v_m(a) conj(v_m(b)), with the one-state part
    //   s(b) = −i E(b) − ½Σ_jumps γτ|L(b)|² − Σ_k w_k G_k A_k(b)²,  E(b) = Σ τ_term h_term(b),
    // and the pair parts v = L (c = γτ) and v = A_k (c = 2 w_k Re G_k).
    std::vector<complex> single(dimension, 0.0);
    for (std::size_t i = 0; i < model_.hamiltonian.size(); ++i) {
        const auto& h = model_.hamiltonian[i].values;
        for (std::size_t b = 0; b < dimension; ++b) single[b] += complex(0.0, -term_times[i] * h[b]);
    }
    struct Pair {
        double coefficient;
        const std::vector<complex>* complex_values;
        const std::vector<double>* real_values;
    };
    std::vector<Pair> pairs;
    for (std::size_t i = 0; i < model_.channels.size(); ++i)
        for (const auto& jump : model_.channels[i].jumps) {
            const double c = jump.rate * channel_times[i];
            if (c == 0.0) continue;
            for (std::size_t b = 0; b < dimension; ++b) single[b] -= 0.5 * c * std::norm(jump.values[b]);
            pairs.push_back({c, &jump.values, nullptr});
        }
    for (const auto& k : model_.noise) {
        const complex gk = g[static_cast<std::size_t>(k.bath)];
        for (std::size_t b = 0; b < dimension; ++b) single[b] -= k.weight * gk * (k.values[b] * k.values[b]);
        pairs.push_back({2.0 * k.weight * gk.real(), nullptr, &k.values});
    }

    for (const auto& blk : layout_.blocks()) {
        const auto& rows = basis_.states(blk.row_sector);
        const auto& cols = basis_.states(blk.col_sector);
        for (std::size_t i = 0; i < blk.rows; ++i) {
            const BasisState a = rows[i];
            for (std::size_t j = 0; j < blk.cols; ++j) {
                const BasisState b = cols[j];
                const std::size_t at = blk.offset + i * blk.cols + j;
                if (rho0[at] == 0.0 || a == b) {  // X_aa = 0 identically: keep populations bit-exact
                    rho[at] = rho0[at];
                    continue;
                }
                complex x = single[a] + std::conj(single[b]);
                for (const auto& p : pairs)
                    x += p.coefficient * (p.real_values ? complex((*p.real_values)[a] * (*p.real_values)[b])
                                                        : (*p.complex_values)[a] * std::conj((*p.complex_values)[b]));
                rho[at] = rho0[at] * std::exp(x);
            }
        }
    }
}

}  // namespace openspins::analytic
