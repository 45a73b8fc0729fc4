#include "openspins/method/dicke/cavity_generator.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace openspins::dicke {

namespace {

using cplx = std::complex<double>;
using Dense = Eigen::Matrix<cplx, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Triplets = std::vector<Eigen::Triplet<cplx>>;

// Entries of 1_mode ⊗ s (s a spin-j matrix of dimension d) for M = n_max + 1 photon numbers.
void add_spin_part(const BlockMatrix& s, int modes, int d, cplx factor, Triplets& out) {
    for (int n = 0; n < modes; ++n)
        for (int r = 0; r < s.outerSize(); ++r)
            for (BlockMatrix::InnerIterator it(s, r); it; ++it)
                out.emplace_back(n * d + static_cast<int>(it.row()), n * d + static_cast<int>(it.col()),
                                 factor * it.value());
}

BlockMatrix from_triplets(int size, const Triplets& entries) {
    BlockMatrix m(size, size);
    m.setFromTriplets(entries.begin(), entries.end());  // duplicates are summed
    m.makeCompressed();
    return m;
}

}  // namespace

namespace {

std::vector<bool> every_block_if_empty(std::vector<bool> stored, const DickeBasis& basis) {
    if (stored.empty()) stored.assign(static_cast<std::size_t>(basis.blocks()), true);
    return stored;
}

exact::BlockLayout stored_blocks_layout(const DickeBasis& basis, int n_max, const std::vector<bool>& stored) {
    std::vector<std::size_t> sizes;
    for (int b = 0; b < basis.blocks(); ++b)
        sizes.push_back(stored[static_cast<std::size_t>(b)] ? static_cast<std::size_t>((n_max + 1) * basis.dim(b)) : 0);
    return exact::BlockLayout::diagonal(sizes);
}

// The rows of parity `row_sector` and the columns of parity `column_sector` of block b's matrix m, in the
// packed blocks' order (CavityLayout::sector_rows); without parity blocks m itself. An entry that falls outside
// (a coherence between the parities that the generator should not have) is a logic error.
BlockMatrix parity_part(const CavityLayout& layout, int b, const BlockMatrix& m, int row_sector, int column_sector) {
    if (!layout.parity()) return m;
    Triplets entries;
    for (int r = 0; r < m.outerSize(); ++r)
        for (BlockMatrix::InnerIterator it(m, r); it; ++it) {
            if (it.value() == cplx{0.0}) continue;
            const int c = static_cast<int>(it.col());
            const bool row_in = layout.sector(b, r) == row_sector, column_in = layout.sector(b, c) == column_sector;
            if (row_in != column_in)
                throw std::logic_error("cavity parity blocks: an operator entry couples the parities unexpectedly");
            if (row_in) entries.emplace_back(layout.sector_position(b, r), layout.sector_position(b, c), it.value());
        }
    BlockMatrix part(layout.packed_dim(2 * b + row_sector), layout.packed_dim(2 * b + column_sector));
    part.setFromTriplets(entries.begin(), entries.end());
    part.makeCompressed();
    return part;
}

// Whether the jump's matrix flips Π (its entries connect different parities); false without parity blocks.
bool flips_parity(const CavityLayout& layout, int b, const BlockMatrix& m) {
    if (!layout.parity()) return false;
    for (int r = 0; r < m.outerSize(); ++r)
        for (BlockMatrix::InnerIterator it(m, r); it; ++it)
            if (it.value() != cplx{0.0}) return layout.sector(b, r) != layout.sector(b, static_cast<int>(it.col()));
    return false;
}

}  // namespace

CavityLayout::CavityLayout(const DickeBasis& basis, int n_max, std::vector<bool> stored, bool parity)
    : basis_(basis), n_max_(n_max), stored_(every_block_if_empty(std::move(stored), basis)), parity_(parity),
      blocks_(stored_blocks_layout(basis, n_max, stored_)), packing_(blocks_) {
    offset_.push_back(0);
    for (int b = 0; b < basis.blocks(); ++b)
        offset_.push_back(offset_.back() +
                          (this->stored(b) ? static_cast<std::size_t>(dim(b)) * static_cast<std::size_t>(dim(b)) : 0));
    sector_rows_.resize(static_cast<std::size_t>(packed_blocks()));
    sector_position_.resize(static_cast<std::size_t>(blocks()));
    packed_offset_.push_back(0);
    for (int b = 0; b < basis.blocks(); ++b) {
        auto& position = sector_position_[static_cast<std::size_t>(b)];
        if (this->stored(b)) {
            position.resize(static_cast<std::size_t>(dim(b)));
            for (int i = 0; i < dim(b); ++i) {
                auto& rows = sector_rows_[static_cast<std::size_t>(2 * b + sector(b, i))];
                position[static_cast<std::size_t>(i)] = static_cast<int>(rows.size());
                rows.push_back(i);
            }
        }
        for (int s = 0; s < 2; ++s) {
            const auto d = static_cast<std::size_t>(packed_dim(2 * b + s));
            packed_offset_.push_back(packed_offset_.back() + d * d);
        }
    }
}

int CavityLayout::sector(int b, int i) const {
    if (!parity_) return 0;
    const int d = basis_.dim(b);
    return (i / d + i % d) % 2;
}

void CavityLayout::pack(const double* full, double* packed) const {
    if (!parity_) {
        packing_.pack(reinterpret_cast<const cplx*>(full), packed);
        return;
    }
    const auto* rho = reinterpret_cast<const cplx*>(full);
    for (int q = 0; q < packed_blocks(); ++q) {
        const int b = q / 2;
        const auto size = static_cast<std::size_t>(dim(b)), d = static_cast<std::size_t>(packed_dim(q));
        const std::vector<int>& rows = sector_rows(q);
        const cplx* block = rho + (d > 0 ? offset(b) : 0);
        double* p = packed + packed_offset(q);
        for (std::size_t i = 0; i < d; ++i)
            for (std::size_t k = i; k < d; ++k) {
                const cplx v = block[static_cast<std::size_t>(rows[i]) * size + static_cast<std::size_t>(rows[k])];
                p[i * d + k] = v.real();
                if (k > i) p[k * d + i] = v.imag();
            }
    }
}

void CavityLayout::unpack(const double* packed, double* full) const {
    if (!parity_) {
        packing_.unpack(packed, reinterpret_cast<cplx*>(full));
        return;
    }
    auto* rho = reinterpret_cast<cplx*>(full);
    std::fill(rho, rho + size(), cplx{0.0});
    for (int q = 0; q < packed_blocks(); ++q) {
        const int b = q / 2;
        const auto size = static_cast<std::size_t>(dim(b)), d = static_cast<std::size_t>(packed_dim(q));
        const std::vector<int>& rows = sector_rows(q);
        cplx* block = rho + (d > 0 ? offset(b) : 0);
        const double* p = packed + packed_offset(q);
        for (std::size_t i = 0; i < d; ++i) {
            const auto ri = static_cast<std::size_t>(rows[i]);
            block[ri * size + ri] = p[i * d + i];
            for (std::size_t k = i + 1; k < d; ++k) {
                const auto rk = static_cast<std::size_t>(rows[k]);
                block[ri * size + rk] = cplx{p[i * d + k], p[k * d + i]};
                block[rk * size + ri] = cplx{p[i * d + k], -p[k * d + i]};
            }
        }
    }
}

CavityGenerator::CavityGenerator(const CavityLayout& layout, const GeneratorTerms& spin_terms,
                                 const SpinModePolynomial& mode_hamiltonian, const std::vector<ModeJump>& mode_jumps)
    : layout_(layout) {
    const DickeBasis& basis = layout.spins();
    const int n = basis.spins();
    const int modes = layout.n_max() + 1;
    // Σ rates × L†L of the spin jumps: the spin part of H_eff's anti-Hermitian part.
    CollectivePolynomial loss, emission_collective, emission_local;
    for (const auto& c : spin_terms.collective) {
        const auto l = CollectivePolynomial::letter(c.op);
        loss += l.adjoint() * l * c.rate;
        if (c.op == CollectiveLetter::Jm) emission_collective += l.adjoint() * l * c.rate;
    }
    for (const auto& t : spin_terms.local) {
        loss += local_loss_operator(t.kind, n) * t.rate;
        if (t.kind == LocalKind::emission) emission_local += local_loss_operator(t.kind, n) * t.rate;
    }
    const CollectivePolynomial hamiltonian = spin_terms.hamiltonian.simplified();
    const CollectivePolynomial spin_loss = loss.simplified();

    for (int b = 0; b < basis.blocks(); ++b) {
        if (!layout.stored(b)) {  // keeps the per-block vectors indexed by b
            effective_.emplace_back();
            effective_adjoint_.emplace_back();
            jumps_.emplace_back();
            collective_flux_.emplace_back();
            local_flux_.emplace_back();
            continue;
        }
        const int two_j = basis.two_j(b), d = basis.dim(b), size = layout.dim(b);
        Triplets h;
        add_spin_part(block_matrix(hamiltonian, two_j), modes, d, 1.0, h);
        add_spin_part(block_matrix(spin_loss, two_j), modes, d, cplx{0.0, -0.5}, h);
        // The spin–mode part of H (the cavity's δ a†a + i g (a† J^- − a J^+) and the mode terms)
        // and −(i/2) Σ rate L†L of the mode jumps, L†L as the product of the truncated matrices
        // (so that the truncated generator preserves the trace exactly).
        BlockMatrix effective = from_triplets(size, h);
        effective += mode_block_matrix(mode_hamiltonian, two_j, layout.n_max());
        std::vector<Jump> jumps;
        for (const auto& mj : mode_jumps) {
            Jump jump{mj.rate, mode_block_matrix(mj.op, two_j, layout.n_max()), {}};
            jump.adjoint = BlockMatrix(jump.op.adjoint());
            effective += BlockMatrix(jump.adjoint * jump.op) * cplx{0.0, -0.5 * mj.rate};
            jumps.push_back(std::move(jump));
        }
        effective.makeCompressed();
        effective_.push_back(std::move(effective));
        effective_adjoint_.push_back(BlockMatrix(effective_.back().adjoint()));
        effective_adjoint_.back().makeCompressed();

        for (const auto& c : spin_terms.collective) {
            if (c.rate == 0.0) continue;
            Triplets l;
            add_spin_part(letter_matrix(c.op, two_j), modes, d, 1.0, l);
            Jump jump{c.rate, from_triplets(size, l), {}};
            jump.adjoint = BlockMatrix(jump.op.adjoint());
            jumps.push_back(std::move(jump));
        }
        jumps_.push_back(std::move(jumps));
        collective_flux_.push_back(real_diagonal(block_matrix(emission_collective.simplified(), two_j)));
        local_flux_.push_back(real_diagonal(block_matrix(emission_local.simplified(), two_j)));
    }
    for (const auto& t : spin_terms.local) local_rates_ += std::abs(t.rate);
    for (const auto& t : spin_terms.local)
        if (t.rate != 0.0)
            for (auto& tr : local_transitions(basis, t.kind)) {
                assert(layout.stored(tr.source) && layout.stored(tr.target));  // local channels store every block
                transfers_.emplace_back(t.rate, std::move(tr));
            }

    // The same operators as bands for the fused kernel on the packing: per packed block (a stored block whole,
    // or with parity blocks its rows and columns of one parity; a jump that flips Π maps the other parity's
    // block into this one).
    std::vector<BandedBlock> banded(static_cast<std::size_t>(layout.packed_blocks()));
    for (int b = 0; b < basis.blocks(); ++b) {
        if (!layout.stored(b)) continue;
        const auto ub = static_cast<std::size_t>(b);
        for (int s = 0; s < (layout.parity() ? 2 : 1); ++s) {
            const int q = 2 * b + s;
            const auto size = static_cast<std::size_t>(layout.packed_dim(q));
            BandedBlock& block = banded[static_cast<std::size_t>(q)];
            block.diagonal_re.assign(size, 0.0);
            block.diagonal_im.assign(size, 0.0);
            for (auto& band : matrix_bands(parity_part(layout, b, effective_[ub], s, s))) {
                if (band.offset != 0) {
                    block.hamiltonian.push_back(std::move(band));
                    continue;
                }
                block.diagonal_re = std::move(band.re);
                block.diagonal_im = std::move(band.im);
            }
            for (const auto& jump : jumps_[ub]) {
                if (jump.rate == 0.0) continue;
                const int source = s ^ (flips_parity(layout, b, jump.op) ? 1 : 0);
                block.jumps.push_back({jump.rate, 2 * b + source, matrix_bands(parity_part(layout, b, jump.op, s, source))});
            }
        }
    }
    kernel_ = std::make_unique<CavityKernel>(layout, std::move(banded), transfers_);
}

CavityGenerator::SpectrumExtent CavityGenerator::spectrum_extent() const {
    SpectrumExtent extent;
    for (std::size_t b = 0; b < effective_.size(); ++b) {
        if (!layout_.stored(static_cast<int>(b))) continue;
        // H = (E + E†)/2, Γ = (i/2)(E − E†), row by row from E and E† (same sparsity pattern up to transposition).
        const BlockMatrix h = (effective_[b] + effective_adjoint_[b]) * cplx{0.5};
        const BlockMatrix gamma = (effective_[b] - effective_adjoint_[b]) * cplx{0.0, 0.5};
        double top = -std::numeric_limits<double>::infinity(), bottom = std::numeric_limits<double>::infinity();
        double loss = 0.0;
        for (int r = 0; r < h.outerSize(); ++r) {
            double centre = 0.0, radius = 0.0;
            for (BlockMatrix::InnerIterator it(h, r); it; ++it)
                (it.col() == r ? centre : radius) += it.col() == r ? it.value().real() : std::abs(it.value());
            top = std::max(top, centre + radius);
            bottom = std::min(bottom, centre - radius);
            double g_centre = 0.0, g_radius = 0.0;
            for (BlockMatrix::InnerIterator it(gamma, r); it; ++it)
                (it.col() == r ? g_centre : g_radius) += it.col() == r ? it.value().real() : std::abs(it.value());
            loss = std::max(loss, g_centre + g_radius);
        }
        // The jumps' L ρ L† add at most Σ r‖L‖² (a dephasing-type L makes a coherence decay at r(l_a − l_b)², up
        // to twice what Γ alone gives); ‖L‖² ≤ ‖L‖₁‖L‖_∞ (largest column sum × largest row sum).
        double feed = 0.0;
        for (const auto& jump : jumps_[b]) {
            if (jump.rate == 0.0) continue;
            const auto largest_row_sum = [](const BlockMatrix& m) {
                double largest = 0.0;
                for (int r = 0; r < m.outerSize(); ++r) {
                    double sum = 0.0;
                    for (BlockMatrix::InnerIterator it(m, r); it; ++it) sum += std::abs(it.value());
                    largest = std::max(largest, sum);
                }
                return largest;
            };
            feed += jump.rate * largest_row_sum(jump.op) * largest_row_sum(jump.adjoint);
        }
        if (h.outerSize() > 0) extent.oscillation = std::max(extent.oscillation, top - bottom);
        extent.decay = std::max(extent.decay, 2.0 * loss + feed);
    }
    // The local channels' transfers: Σ_i γ A_i ρ A_i† with ‖A_i‖ ≤ 1 for every local kind, N spins.
    extent.decay += local_rates_ * layout_.spins().spins();
    return extent;
}

void CavityGenerator::apply_sparse(const double* y, double* ydot) const {
    const auto* rho = reinterpret_cast<const cplx*>(y);
    auto* out = reinterpret_cast<cplx*>(ydot);
    const DickeBasis& basis = layout_.spins();
    const int modes = layout_.n_max() + 1;
    Dense scratch;
    for (int b = 0; b < layout_.blocks(); ++b) {
        if (!layout_.stored(b)) continue;
        const auto ub = static_cast<std::size_t>(b);
        const int size = layout_.dim(b);
        const Eigen::Map<const Dense> r(rho + layout_.offset(b), size, size);
        Eigen::Map<Dense> o(out + layout_.offset(b), size, size);
        // −i H_eff ρ + i ρ H_eff†, written out for any ρ (no Hermiticity assumed:
        // dicke_generator.hpp explains why).
        o.noalias() = effective_[ub] * r;
        o *= cplx{0.0, -1.0};
        scratch.noalias() = r * effective_adjoint_[ub];
        o.noalias() += cplx{0.0, 1.0} * scratch;
        for (const auto& jump : jumps_[ub]) {
            scratch.noalias() = jump.op * r;
            o.noalias() += jump.rate * (scratch * jump.adjoint);
        }
    }
    // Local transfers act on the spin indices of every (n1, n2) pair of photon numbers.
    for (const auto& [rate, t] : transfers_) {
        const int ds = basis.dim(t.source), dt = basis.dim(t.target);
        const int size_s = layout_.dim(t.source), size_t_ = layout_.dim(t.target);
        const cplx* source = rho + layout_.offset(t.source);
        cplx* target = out + layout_.offset(t.target);
        for (int n1 = 0; n1 < modes; ++n1)
            for (int k1 = 0; k1 < ds; ++k1) {
                const int row = k1 + t.shift;
                if (row < 0 || row >= dt) continue;
                const double a0 = t.c[0][static_cast<std::size_t>(k1)], a1 = t.c[1][static_cast<std::size_t>(k1)];
                if (a0 == 0.0 && a1 == 0.0) continue;
                const cplx* in_row = source + static_cast<std::size_t>(n1 * ds + k1) * static_cast<std::size_t>(size_s);
                cplx* out_row = target + static_cast<std::size_t>(n1 * dt + row) * static_cast<std::size_t>(size_t_);
                for (int n2 = 0; n2 < modes; ++n2)
                    for (int k2 = 0; k2 < ds; ++k2) {
                        const int col = k2 + t.shift;
                        if (col < 0 || col >= dt) continue;
                        const double w = a0 * t.c[0][static_cast<std::size_t>(k2)] + a1 * t.c[1][static_cast<std::size_t>(k2)];
                        out_row[n2 * dt + col] += rate * w * in_row[n2 * ds + k2];
                    }
            }
    }
}

void CavityGenerator::apply_to_vector(int b, const cplx* psi, cplx* out) const {
    const auto& h = effective_[static_cast<std::size_t>(b)];
    const Eigen::Map<const Eigen::VectorXcd> in(psi, h.cols());
    Eigen::Map<Eigen::VectorXcd> o(out, h.rows());
    o.noalias() = h * in;
    o *= cplx{0.0, -1.0};
}

std::array<double, 2> CavityGenerator::emission_rates(const double* y) const {
    const DickeBasis& basis = layout_.spins();
    std::array<double, 2> rates{0.0, 0.0};
    for (int b = 0; b < layout_.blocks(); ++b) {
        if (!layout_.stored(b)) continue;
        const auto ub = static_cast<std::size_t>(b);
        for (int photons = 0; photons <= layout_.n_max(); ++photons)
            for (int k = 0; k < basis.dim(b); ++k) {
                const double p = y[layout_.diagonal(b, layout_.index(b, photons, k))];
                rates[0] += collective_flux_[ub][static_cast<std::size_t>(k)] * p;
                rates[1] += local_flux_[ub][static_cast<std::size_t>(k)] * p;
            }
    }
    return rates;
}

double CavityGenerator::photon_number(const double* y) const {
    const DickeBasis& basis = layout_.spins();
    double photons = 0.0;
    for (int b = 0; b < layout_.blocks(); ++b) {
        if (!layout_.stored(b)) continue;
        for (int n = 1; n <= layout_.n_max(); ++n)
            for (int k = 0; k < basis.dim(b); ++k) photons += n * y[layout_.diagonal(b, layout_.index(b, n, k))];
    }
    return photons;
}

double CavityGenerator::top_population(const double* y) const {
    const DickeBasis& basis = layout_.spins();
    double top = 0.0;
    for (int b = 0; b < layout_.blocks(); ++b) {
        if (!layout_.stored(b)) continue;
        for (int k = 0; k < basis.dim(b); ++k) top += y[layout_.diagonal(b, layout_.index(b, layout_.n_max(), k))];
    }
    return top;
}

}  // namespace openspins::dicke
