#include "openspins/method/dicke/dicke_generator.hpp"

#include <algorithm>

#include "openspins/method/dicke/hermitian_packing.hpp"

namespace openspins::dicke {

namespace {
using cplx = std::complex<double>;
}  // namespace

DickeGenerator::DickeGenerator(const DickeBasis& basis, const GeneratorTerms& terms, bool populations_only)
    : basis_(basis), populations_only_(populations_only) {
    if (!populations_only) packing_ = std::make_shared<const PackedBlocks>(basis);
    const int n = basis.spins();
    // Σ rates × (L†L) of every jump, as one polynomial: the anti-Hermitian part of H_eff.
    CollectivePolynomial loss;
    for (const auto& c : terms.collective) {
        const auto l = CollectivePolynomial::letter(c.op);
        loss += l.adjoint() * l * c.rate;
    }
    for (const auto& t : terms.local) loss += local_loss_operator(t.kind, n) * t.rate;
    CollectivePolynomial emission_collective, emission_local;
    for (const auto& c : terms.collective)
        if (c.op == CollectiveLetter::Jm)
            emission_collective += CollectivePolynomial::letter(CollectiveLetter::Jp) *
                                   CollectivePolynomial::letter(CollectiveLetter::Jm) * c.rate;
    for (const auto& t : terms.local)
        if (t.kind == LocalKind::emission) emission_local += local_loss_operator(t.kind, n) * t.rate;

    const auto blocks = static_cast<std::size_t>(basis.blocks());
    effective_.resize(blocks);
    jumps_.resize(blocks);
    loss_.resize(blocks);
    gains_.resize(blocks);
    for (int b = 0; b < basis.blocks(); ++b) {
        const auto ub = static_cast<std::size_t>(b);
        const BlockMatrix loss_matrix = block_matrix(loss.simplified(), basis.two_j(b));
        collective_flux_.push_back(real_diagonal(block_matrix(emission_collective, basis.two_j(b))));
        local_flux_.push_back(real_diagonal(block_matrix(emission_local, basis.two_j(b))));
        if (populations_only) {
            loss_[ub] = real_diagonal(loss_matrix);
            for (const auto& c : terms.collective) {
                const BlockMatrix l = letter_matrix(c.op, basis.two_j(b));
                for (int k = 0; k < l.outerSize(); ++k)
                    for (BlockMatrix::InnerIterator it(l, k); it; ++it)
                        gains_[ub].push_back({static_cast<double>(it.col()), static_cast<double>(it.row()),
                                              c.rate * std::norm(it.value())});
            }
        } else {
            effective_[ub] = block_matrix(terms.hamiltonian.simplified(), basis.two_j(b)) -
                             BlockMatrix(loss_matrix * cplx{0.0, 0.5});
            effective_[ub].makeCompressed();  // the kernel walks the compressed row arrays
            for (const auto& c : terms.collective)
                if (c.rate != 0.0) {
                    BlockMatrix l = letter_matrix(c.op, basis.two_j(b));
                    l.makeCompressed();
                    jumps_[ub].push_back({c.rate, std::move(l)});
                }
        }
    }
    for (const auto& t : terms.local)
        if (t.rate != 0.0)
            for (auto& tr : local_transitions(basis, t.kind)) transfers_.emplace_back(t.rate, std::move(tr));
    if (!populations_only) return;
    // The tridiagonal intra-block part, for the preconditioner.
    lower_.resize(blocks);
    diagonal_.resize(blocks);
    upper_.resize(blocks);
    const auto add = [&](std::size_t b, int row, int col, double value) {
        if (row == col)
            diagonal_[b][static_cast<std::size_t>(col)] += value;
        else if (row == col + 1)
            lower_[b][static_cast<std::size_t>(col)] += value;
        else if (row == col - 1)
            upper_[b][static_cast<std::size_t>(col)] += value;
    };
    for (int b = 0; b < basis.blocks(); ++b) {
        const auto ub = static_cast<std::size_t>(b);
        const auto d = static_cast<std::size_t>(basis.dim(b));
        lower_[ub].assign(d, 0.0);
        diagonal_[ub].assign(d, 0.0);
        upper_[ub].assign(d, 0.0);
        for (std::size_t k = 0; k < d; ++k) diagonal_[ub][k] -= loss_[ub][k];
        for (const auto& g : gains_[ub]) add(ub, static_cast<int>(g[1]), static_cast<int>(g[0]), g[2]);
    }
    for (const auto& [rate, t] : transfers_) {
        if (t.source != t.target) continue;
        for (std::size_t k = 0; k < t.c[0].size(); ++k) {
            const double w = t.c[0][k] * t.c[0][k] + t.c[1][k] * t.c[1][k];
            if (w != 0.0)
                add(static_cast<std::size_t>(t.source), static_cast<int>(k) + t.shift, static_cast<int>(k), rate * w);
        }
    }
}

void DickeGenerator::for_each_population_entry(
    const std::function<void(std::size_t target, std::size_t source, double value)>& visit) const {
    for (int b = 0; b < basis_.blocks(); ++b) {
        const std::size_t off = basis_.population_offset(b);
        const auto& loss = loss_[static_cast<std::size_t>(b)];
        for (std::size_t k = 0; k < loss.size(); ++k) visit(off + k, off + k, -loss[k]);
        for (const auto& g : gains_[static_cast<std::size_t>(b)])
            visit(off + static_cast<std::size_t>(g[1]), off + static_cast<std::size_t>(g[0]), g[2]);
    }
    for (const auto& [rate, t] : transfers_) {
        const std::size_t source = basis_.population_offset(t.source);
        const std::size_t target = basis_.population_offset(t.target);
        for (std::size_t k = 0; k < t.c[0].size(); ++k) {
            const double w = t.c[0][k] * t.c[0][k] + t.c[1][k] * t.c[1][k];
            if (w != 0.0)
                visit(static_cast<std::size_t>(static_cast<std::ptrdiff_t>(target + k) + t.shift), source + k,
                      rate * w);
        }
    }
}

Eigen::SparseMatrix<double> DickeGenerator::population_matrix() const {
    std::vector<Eigen::Triplet<double>> entries;
    for_each_population_entry([&](std::size_t target, std::size_t source, double value) {
        entries.emplace_back(static_cast<int>(target), static_cast<int>(source), value);
    });
    const auto n = static_cast<Eigen::Index>(basis_.population_size());
    Eigen::SparseMatrix<double> a(n, n);
    a.setFromTriplets(entries.begin(), entries.end());  // duplicates are summed
    return a;
}

std::array<double, 2> DickeGenerator::emission_weights(int b, int k) const {
    const auto ub = static_cast<std::size_t>(b), uk = static_cast<std::size_t>(k);
    return {collective_flux_[ub][uk], local_flux_[ub][uk]};
}

void DickeGenerator::precondition(double gamma, const double* r, double* z) const {
    // Thomas algorithm on M = I − γA per block; M is an M-matrix with dominant
    // diagonal by columns (A is a generator), so no pivoting is needed.
    std::vector<double> c_prime;
    for (int b = 0; b < basis_.blocks(); ++b) {
        const auto ub = static_cast<std::size_t>(b);
        const std::size_t off = basis_.population_offset(b);
        const auto d = static_cast<std::size_t>(basis_.dim(b));
        const auto& lo = lower_[ub];
        const auto& di = diagonal_[ub];
        const auto& up = upper_[ub];
        c_prime.assign(d, 0.0);
        // Row k: −γ lo[k−1] z[k−1] + (1 − γ di[k]) z[k] − γ up[k+1] z[k+1] = r[k].
        double previous_c = 0.0, previous_z = 0.0;
        for (std::size_t k = 0; k < d; ++k) {
            const double sub = k > 0 ? -gamma * lo[k - 1] : 0.0;
            const double sup = k + 1 < d ? -gamma * up[k + 1] : 0.0;
            const double pivot = (1.0 - gamma * di[k]) - sub * previous_c;
            c_prime[k] = sup / pivot;
            previous_z = (r[off + k] - sub * previous_z) / pivot;
            z[off + k] = previous_z;
            previous_c = c_prime[k];
        }
        for (std::size_t k = d - 1; k-- > 0;) z[off + k] -= c_prime[k] * z[off + k + 1];
    }
}

std::size_t DickeGenerator::size() const {
    return populations_only_ ? basis_.population_size() : 2 * basis_.full_size();
}

void DickeGenerator::apply(const double* y, double* ydot) const {
    if (populations_only_)
        apply_populations(y, ydot);
    else
        apply_full<false>(y, ydot);
}

void DickeGenerator::apply_populations(const double* y, double* ydot) const {
    std::fill(ydot, ydot + basis_.population_size(), 0.0);
    for (int b = 0; b < basis_.blocks(); ++b) {
        const std::size_t off = basis_.population_offset(b);
        const auto& loss = loss_[static_cast<std::size_t>(b)];
        for (std::size_t k = 0; k < loss.size(); ++k) ydot[off + k] -= loss[k] * y[off + k];
        for (const auto& g : gains_[static_cast<std::size_t>(b)])
            ydot[off + static_cast<std::size_t>(g[1])] += g[2] * y[off + static_cast<std::size_t>(g[0])];
    }
    for (const auto& [rate, t] : transfers_) {
        const double* p = y + basis_.population_offset(t.source);
        double* out = ydot + basis_.population_offset(t.target);
        const std::size_t dim = t.c[0].size();
        for (std::size_t k = 0; k < dim; ++k) {
            const double w = t.c[0][k] * t.c[0][k] + t.c[1][k] * t.c[1][k];
            if (w != 0.0) out[static_cast<std::ptrdiff_t>(k) + t.shift] += rate * w * p[k];
        }
    }
}

void DickeGenerator::apply_packed(const double* packed, double* packed_dot) const {
    scratch_in_.resize(2 * basis_.full_size());
    scratch_out_.resize(2 * basis_.full_size());
    packing_->unpack(packed, scratch_in_.data());
    apply_full<true>(scratch_in_.data(), scratch_out_.data());
    packing_->pack(scratch_out_.data(), packed_dot);
}

// Upper: only the entries on and above each block's diagonal are computed (the rest of
// ydot is left zero), enough for a Hermitian ρ whose L(ρ) is Hermitian too.
template <bool Upper>
void DickeGenerator::apply_full(const double* y, double* ydot) const {
    const auto* rho_all = reinterpret_cast<const cplx*>(y);
    auto* out_all = reinterpret_cast<cplx*>(ydot);
    std::fill(out_all, out_all + basis_.full_size(), cplx{0.0});
    for (int b = 0; b < basis_.blocks(); ++b) {
        const int d = basis_.dim(b);
        const cplx* rho = rho_all + basis_.full_offset(b);
        cplx* out = out_all + basis_.full_offset(b);
        const auto ub = static_cast<std::size_t>(b);
        // −i H_eff ρ + i ρ H_eff†, written for any ρ (not only Hermitian ones): the
        // integrator's rounding leaves anti-Hermitian noise in ρ, which a form that
        // assumes ρ = ρ† (such as L (Lρ)† for LρL†) would amplify. H_eff is row-major
        // sparse: (r, k, v) are its nonzeros, a few per row.
        const BlockMatrix& h = effective_[ub];
        const int* h_start = h.outerIndexPtr();
        const int* h_col = h.innerIndexPtr();
        const cplx* h_value = h.valuePtr();
        for (int r = 0; r < d; ++r) {  // out_r· −= i Σ_k H_rk ρ_k·
            cplx* out_row = out + static_cast<std::ptrdiff_t>(r) * d;
            for (int p = h_start[r]; p < h_start[r + 1]; ++p) {
                const cplx a = cplx{0.0, -1.0} * h_value[p];
                const cplx* rho_row = rho + static_cast<std::ptrdiff_t>(h_col[p]) * d;
                for (int c = Upper ? r : 0; c < d; ++c) out_row[c] += a * rho_row[c];
            }
        }
        for (int r = 0; r < d; ++r) {  // out_rc += i Σ_k ρ_rk conj(H_ck)
            const cplx* rho_row = rho + static_cast<std::ptrdiff_t>(r) * d;
            cplx* out_row = out + static_cast<std::ptrdiff_t>(r) * d;
            for (int c = Upper ? r : 0; c < d; ++c) {
                cplx sum = 0.0;
                for (int p = h_start[c]; p < h_start[c + 1]; ++p) sum += std::conj(h_value[p]) * rho_row[h_col[p]];
                out_row[c] += cplx{-sum.imag(), sum.real()};
            }
        }
        // Γ L ρ L†: out_rc += Γ Σ L_rk ρ_kl conj(L_cl), L with a few nonzeros per row.
        for (const auto& jump : jumps_[ub]) {
            const int* l_start = jump.op.outerIndexPtr();
            const int* l_col = jump.op.innerIndexPtr();
            const cplx* l_value = jump.op.valuePtr();
            for (int r = 0; r < d; ++r)
                for (int p = l_start[r]; p < l_start[r + 1]; ++p) {
                    const cplx a = jump.rate * l_value[p];
                    const cplx* rho_row = rho + static_cast<std::ptrdiff_t>(l_col[p]) * d;
                    cplx* out_row = out + static_cast<std::ptrdiff_t>(r) * d;
                    for (int c = Upper ? r : 0; c < d; ++c)
                        for (int q = l_start[c]; q < l_start[c + 1]; ++q)
                            out_row[c] += a * std::conj(l_value[q]) * rho_row[l_col[q]];
                }
        }
    }
    for (const auto& [rate, t] : transfers_) {
        const int ds = basis_.dim(t.source), dt = basis_.dim(t.target);
        const cplx* rho = rho_all + basis_.full_offset(t.source);
        cplx* out = out_all + basis_.full_offset(t.target);
        const auto& c0 = t.c[0];
        const auto& c1 = t.c[1];
        for (int k1 = 0; k1 < ds; ++k1) {
            const int t1 = k1 + t.shift;
            if (t1 < 0 || t1 >= dt) continue;
            const double a0 = rate * c0[static_cast<std::size_t>(k1)], a1 = rate * c1[static_cast<std::size_t>(k1)];
            if (a0 == 0.0 && a1 == 0.0) continue;
            const cplx* row = rho + static_cast<std::ptrdiff_t>(k1) * ds;
            cplx* out_row = out + static_cast<std::ptrdiff_t>(t1) * dt + t.shift;
            for (int k2 = std::max(Upper ? k1 : 0, -t.shift); k2 < ds && k2 + t.shift < dt; ++k2) {
                const double w = a0 * c0[static_cast<std::size_t>(k2)] + a1 * c1[static_cast<std::size_t>(k2)];
                out_row[k2] += w * row[k2];
            }
        }
    }
}

double DickeGenerator::diagonal_expectation(const std::vector<std::vector<double>>& diag, const double* y,
                                            bool packed) const {
    double total = 0.0;
    for (int b = 0; b < basis_.blocks(); ++b) {
        const auto& dv = diag[static_cast<std::size_t>(b)];
        const int d = basis_.dim(b);
        for (int k = 0; k < d; ++k) {
            const auto uk = static_cast<std::size_t>(k);
            const double p = populations_only_ ? y[basis_.population_offset(b) + uk]
                             : packed          ? y[packing_->diagonal_index(b, k)]
                                               : y[2 * (basis_.full_offset(b) + uk * static_cast<std::size_t>(d) + uk)];
            total += dv[static_cast<std::size_t>(k)] * p;
        }
    }
    return total;
}

std::array<double, 2> DickeGenerator::emission_rates(const double* y) const {
    return {diagonal_expectation(collective_flux_, y, false), diagonal_expectation(local_flux_, y, false)};
}

std::array<double, 2> DickeGenerator::emission_rates_packed(const double* packed) const {
    return {diagonal_expectation(collective_flux_, packed, true), diagonal_expectation(local_flux_, packed, true)};
}

}  // namespace openspins::dicke
