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

void DephasingFactors::apply(const std::vector<complex>& rho0, const std::vector<Interval>& intervals,
                             const std::vector<FlipPulse>& pulses, const std::vector<std::vector<complex>>& kernels,
                             std::vector<complex>& rho) const {
    const std::size_t m = pulses.size();
    std::vector<BasisState> a_path(m + 1), b_path(m + 1);
    for (const auto& blk : layout_.blocks()) {
        const auto& rows = basis_.states(blk.row_sector);
        const auto& cols = basis_.states(blk.col_sector);
        for (std::size_t r = 0; r < blk.rows; ++r)
            for (std::size_t c = 0; c < blk.cols; ++c) {
                a_path[m] = rows[r];
                b_path[m] = cols[c];
                complex phase{1.0, 0.0};
                for (std::size_t i = m; i > 0; --i) {
                    const FlipPulse& p = pulses[i - 1];
                    a_path[i - 1] = a_path[i] ^ p.mask;
                    b_path[i - 1] = b_path[i] ^ p.mask;
                    phase *= p.phase(a_path[i - 1]) * std::conj(p.phase(b_path[i - 1]));
                }
                const BasisState a0 = a_path[0], b0 = b_path[0];
                const exact::Block* source = layout_.block(exact::SectorBasis::sector_of(a0),
                                                           exact::SectorBasis::sector_of(b0));
                const complex start = source == nullptr ? complex(0.0)
                                                        : rho0[source->offset + basis_.index_of(a0) * source->cols +
                                                               basis_.index_of(b0)];
                const std::size_t at = blk.offset + r * blk.cols + c;
                if (start == 0.0) {
                    rho[at] = 0.0;
                    continue;
                }
                complex x = 0.0;
                for (std::size_t i = 0; i <= m; ++i) {
                    const BasisState a = a_path[i], b = b_path[i];
                    const Interval& interval = intervals[i];
                    for (std::size_t k = 0; k < model_.hamiltonian.size(); ++k) {
                        const auto& h = model_.hamiltonian[k].values;
                        x += complex(0.0, -interval.term_times[k] * (h[a] - h[b]));
                    }
                    for (std::size_t k = 0; k < model_.channels.size(); ++k)
                        for (const auto& jump : model_.channels[k].jumps) {
                            const complex la = jump.values[a], lb = jump.values[b];
                            x += jump.rate * interval.channel_times[k] *
                                 (la * std::conj(lb) - 0.5 * std::norm(la) - 0.5 * std::norm(lb));
                        }
                }
                for (const auto& noise : model_.noise) {
                    const auto& kernel = kernels[static_cast<std::size_t>(noise.bath)];
                    const auto& v = noise.values;
                    complex sum = 0.0;
                    for (std::size_t i = 0; i <= m; ++i) {
                        const double d = v[a_path[i]] - v[b_path[i]];
                        if (d == 0.0) continue;
                        for (std::size_t j = 0; j <= i; ++j) {
                            const complex kij = kernel[i * (m + 1) + j];
                            sum += d * (v[a_path[j]] * kij - v[b_path[j]] * std::conj(kij));
                        }
                    }
                    x -= noise.weight * sum;
                }
                rho[at] = phase * start * std::exp(x);
            }
    }
}

}  // namespace openspins::analytic
