#include "openspins/method/exact/lindblad_generator.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <stdexcept>

#include "openspins/errors.hpp"
#include "openspins/method/exact/tiled_loop.hpp"

namespace openspins::exact {

namespace {

const complex I{0.0, 1.0};

// ⟨b|O|b⟩ of a diagonal operator for every basis state.
std::vector<complex> diagonal_values(const SpinOperator& op, const SectorBasis& basis) {
    std::vector<complex> value(basis.dimension(), 0.0);
    for (const auto& m : op.terms())
        for (BasisState b = 0; b < basis.dimension(); ++b)
            if ((b & m.mask) == m.in) value[b] += m.coeff;
    return value;
}

bool all_diagonal(const SpinOperator& op) {
    return std::all_of(op.terms().begin(), op.terms().end(), [](const Monomial& m) { return m.is_diagonal(); });
}

BasisState support(const SpinOperator& op) {
    BasisState s = 0;
    for (const auto& m : op.terms()) s |= m.mask;
    return s;
}

}  // namespace

bool conserves_coherence_order(const SpinOperator& hamiltonian, const std::vector<Jump>& jumps) {
    for (const auto& m : hamiltonian.terms())
        if (m.delta_down() != 0) return false;
    int delta = 0;
    return std::all_of(jumps.begin(), jumps.end(), [&](const Jump& j) { return j.op.has_definite_delta(delta); });
}

LindbladGenerator::LindbladGenerator(const SectorBasis& basis, const BlockLayout& layout,
                                     const SpinOperator& hamiltonian, const std::vector<Jump>& jumps,
                                     const std::vector<complex>& source)
    : basis_(basis), layout_(layout) {
    if (!source.empty()) {
        if (source.size() != layout.size()) throw std::logic_error("source term does not match the layout");
        for (std::size_t k = 0; k < source.size(); ++k)
            if (source[k] != complex{0.0}) source_.emplace_back(k, source[k]);
        if (!source_.empty())
            for (int a = 0; a < basis.sectors(); ++a) {
                const Block* blk = layout.block(a, a);
                for (std::size_t i = 0; i < blk->rows; ++i) diagonal_.push_back(blk->offset + i * blk->cols + i);
            }
    }
    const int n = basis.spins();
    const BasisState dim = basis.dimension();
    low_bits_ = n / 2;
    const int high_bits = n - low_bits_;
    table_low_.assign(std::size_t{1} << (2 * low_bits_), 0.0);
    table_high_.assign(std::size_t{1} << (2 * high_bits), 0.0);
    row_factor_.assign(dim, 0.0);

    const SpinOperator h = hamiltonian.simplified();
    std::vector<Monomial> off_diagonal;
    for (const auto& m : h.terms()) {
        if (m.is_diagonal()) {
            for (BasisState b = 0; b < dim; ++b)
                if ((b & m.mask) == m.in) row_factor_[b] += -I * m.coeff;
        } else {
            off_diagonal.push_back(m);
        }
    }
    if (!off_diagonal.empty()) hamiltonian_off_diagonal_.emplace_back(SpinOperator(off_diagonal), -I, basis);

    std::size_t y_size = 0;
    for (const auto& jump : jumps) {
        const SpinOperator op = jump.op.simplified();
        const double rate = jump.rate;
        if (op.empty() || rate == 0.0) continue;
        if (all_diagonal(op)) {
            const auto value = diagonal_values(op, basis);
            for (BasisState b = 0; b < dim; ++b) row_factor_[b] -= 0.5 * rate * std::norm(value[b]);
            const BasisState s = support(op);
            if (std::popcount(s) <= 1) {
                // γ l(r) l̄(c) depends on one bit of r and of c: fold into the table of its half.
                const int k = s == 0 ? 0 : std::countr_zero(s);
                const bool low = k < low_bits_;
                const int width = low ? low_bits_ : high_bits;
                const int shift = low ? k : k - low_bits_;
                auto& table = low ? table_low_ : table_high_;
                const BasisState spin_bit = BasisState{1} << k;
                const complex l0 = value[0], l1 = value[spin_bit];  // l on |↑⟩ and |↓⟩ of spin k
                for (BasisState r = 0; r < (BasisState{1} << width); ++r)
                    for (BasisState c = 0; c < (BasisState{1} << width); ++c) {
                        const complex lr = ((r >> shift) & 1U) ? l1 : l0;
                        const complex lc = ((c >> shift) & 1U) ? l1 : l0;
                        table[(r << width) | c] += rate * lr * std::conj(lc);
                    }
            } else {
                diagonal_jumps_.push_back({rate, value});
            }
        } else if (op.terms().size() == 1) {
            const Monomial& m = op.terms().front();
            for (BasisState b = 0; b < dim; ++b)
                if ((b & m.mask) == m.in) row_factor_[b] -= 0.5 * rate * std::norm(m.coeff);
            SingleJump sj{rate * std::norm(m.coeff), MonomialMap(m, basis), {}};
            for (int a = 0; a < basis.sectors(); ++a) {
                sj.source_row.emplace_back(basis.sector_size(a), -1);
                for (const auto& p : sj.map.pairs(a))
                    sj.source_row.back()[p.target] = static_cast<std::int32_t>(p.source);
            }
            single_jumps_.push_back(std::move(sj));
        } else {
            int delta = 0;
            if (!op.has_definite_delta(delta) && layout.kind() != BlockLayout::Kind::all_orders)
                throw std::logic_error("jump without definite coherence change in a zero-quantum layout");
            MultiJump mj{rate, tabulate(op, basis), RowOperator(op, 1.0, basis),
                         RowOperator(op.adjoint(), -0.5 * rate, basis), BlockLayout::shifted(layout, basis, delta), {}};
            for (int a = 0; a < basis.sectors(); ++a) mj.y_rows.push_back(mj.l_rows.reached_rows(a));
            y_size = std::max(y_size, mj.y_layout.size());
            multi_jumps_.push_back(std::move(mj));
        }
    }
    if (!multi_jumps_.empty() || !hamiltonian_off_diagonal_.empty()) z_.assign(layout.size(), 0.0);
    y_.assign(y_size, 0.0);
    count_streamed_bytes();
}

void LindbladGenerator::count_streamed_bytes() {
    constexpr std::size_t c = sizeof(complex);
    std::size_t bytes = 2 * layout_.size() * c;  // elementwise: read ρ, write out
    for (const auto& blk : layout_.blocks())
        for (const auto& jump : single_jumps_) {
            const int delta = jump.map.delta();
            if (layout_.block(blk.row_sector - delta, blk.col_sector - delta) == nullptr) continue;
            bytes += 3 * jump.map.pairs(blk.row_sector).size() * jump.map.pairs(blk.col_sector).size() * c;
        }
    bytes += diagonal_.size() * c + source_.size() * (2 * c + sizeof(complex) + sizeof(std::size_t));  // Tr ρ; out += Tr(ρ)C
    if (!z_.empty()) bytes += 4 * layout_.size() * c;  // clear Z; Z + Z†: read Z twice, out read-modify-write
    for (const auto& h : hamiltonian_off_diagonal_) bytes += h.streamed_bytes(layout_, layout_);
    for (const auto& jump : multi_jumps_) {
        for (const auto& blk : jump.y_layout.blocks())  // clear Y's reached rows
            bytes += jump.y_rows[static_cast<std::size_t>(blk.row_sector)].size() * blk.cols * c;
        bytes += jump.l_rows.streamed_bytes(layout_, jump.y_layout);
        for (const auto& blk : layout_.blocks())
            for (const auto& map : jump.l)
                if (jump.y_layout.block(blk.row_sector, blk.col_sector - map.delta()) != nullptr)
                    bytes += 3 * jump.y_rows[static_cast<std::size_t>(blk.row_sector)].size() *
                             map.pairs(blk.col_sector).size() * c;
        bytes += jump.l_dagger_rows.streamed_bytes(jump.y_layout, layout_);
    }
    streamed_bytes_ = bytes;
}

std::size_t LindbladGenerator::scratch_bytes() const { return (z_.size() + y_.size()) * sizeof(complex); }

void LindbladGenerator::apply(const complex* rho, complex* out) const {
    apply_elementwise(rho, out);
    if (!source_.empty()) add_source(rho, out);
    if (!single_jumps_.empty()) apply_single_jumps(rho, out);
    if (z_.empty()) return;
    complex* z = z_.data();
    std::fill(z_.begin(), z_.end(), complex{0.0});
    for (const auto& h : hamiltonian_off_diagonal_) h.add_product(layout_, rho, layout_, z);
    for (const auto& jump : multi_jumps_) apply_multi_jump(jump, rho, out, z);
    add_hermitian_part(z, out);
}

void LindbladGenerator::apply_elementwise(const complex* rho, complex* out) const {
    const int high_shift = low_bits_;
    const int high_width = basis_.spins() - low_bits_;
    const BasisState low_mask = (BasisState{1} << low_bits_) - 1;
    for (const auto& blk : layout_.blocks()) {
        const auto& row_states = basis_.states(blk.row_sector);
        const auto& col_states = basis_.states(blk.col_sector);
        for (std::size_t i = 0; i < blk.rows; ++i) {
            const BasisState r = row_states[i];
            const complex rf = row_factor_[r];
            const complex* tl = &table_low_[(r & low_mask) << low_bits_];
            const complex* th = &table_high_[(r >> high_shift) << high_width];
            const complex* src = rho + blk.offset + i * blk.cols;
            complex* dst = out + blk.offset + i * blk.cols;
            for (std::size_t j = 0; j < blk.cols; ++j) {
                const BasisState c = col_states[j];
                complex f = rf + std::conj(row_factor_[c]) + tl[c & low_mask] + th[c >> high_shift];
                for (const auto& dj : diagonal_jumps_) f += dj.rate * dj.value[r] * std::conj(dj.value[c]);
                dst[j] = f * src[j];
            }
        }
    }
}

void LindbladGenerator::apply_single_jumps(const complex* rho, complex* out) const {
    struct Source {
        const SingleJump* jump;
        const Block* block;
    };
    std::vector<Source> sources;
    for (const auto& blk : layout_.blocks()) {
        // out[t_r, t_c] += γ|c|² ρ[s_r, s_c] for every single jump, one output row at a time.
        sources.clear();
        for (const auto& jump : single_jumps_) {
            const int delta = jump.map.delta();
            const Block* src = layout_.block(blk.row_sector - delta, blk.col_sector - delta);
            if (src != nullptr && !jump.map.pairs(blk.col_sector).empty()) sources.push_back({&jump, src});
        }
        if (sources.empty()) continue;
        for (std::size_t t = 0; t < blk.rows; ++t) {
            complex* d = out + blk.offset + t * blk.cols;
            for (const auto& [jump, src] : sources) {
                const std::int32_t s_row = jump->source_row[static_cast<std::size_t>(blk.row_sector)][t];
                if (s_row < 0) continue;
                const complex* s = rho + src->offset + static_cast<std::size_t>(s_row) * src->cols;
                const double w = jump->weight;
                for (const auto& p : jump->map.pairs(blk.col_sector)) d[p.target] += w * s[p.source];
            }
        }
    }
}

void LindbladGenerator::apply_multi_jump(const MultiJump& jump, const complex* rho, complex* out,
                                         complex* z) const {
    complex* y = y_.data();
    for (const auto& blk : jump.y_layout.blocks())
        for (const std::uint32_t t : jump.y_rows[static_cast<std::size_t>(blk.row_sector)])
            std::fill_n(y + blk.offset + t * blk.cols, blk.cols, complex{0.0});
    jump.l_rows.add_product(layout_, rho, jump.y_layout, y);
    // out += γ Y L†: column t of block (a, b) gathers column s of Y's block (a, b − δ),
    // one output row at a time so that it stays in cache across the monomials.
    struct Source {
        const MonomialMap* map;
        const Block* block;
        complex weight;
    };
    std::vector<Source> sources;
    for (const auto& blk : layout_.blocks()) {
        sources.clear();
        for (const auto& map : jump.l) {
            const Block* yblk = jump.y_layout.block(blk.row_sector, blk.col_sector - map.delta());
            if (yblk != nullptr && !map.pairs(blk.col_sector).empty())
                sources.push_back({&map, yblk, jump.rate * std::conj(map.coeff())});
        }
        if (sources.empty()) continue;
        for (const std::uint32_t i : jump.y_rows[static_cast<std::size_t>(blk.row_sector)]) {
            complex* d = out + blk.offset + i * blk.cols;
            for (const auto& [map, yblk, w] : sources) {
                const complex* yr = y + yblk->offset + i * yblk->cols;
                for (const auto& p : map->pairs(blk.col_sector)) d[p.target] += w * yr[p.source];
            }
        }
    }
    jump.l_dagger_rows.add_product(jump.y_layout, y, layout_, z);
}

void LindbladGenerator::add_source(const complex* rho, complex* out) const {
    double trace = 0.0;
    for (const std::size_t k : diagonal_) trace += rho[k].real();
    for (const auto& [k, c] : source_) out[k] += trace * c;
}

void LindbladGenerator::add_hermitian_part(const complex* z, complex* out) const {
    for (const auto& blk : layout_.blocks()) {
        const Block* tblk = layout_.block(blk.col_sector, blk.row_sector);
        assert(tblk != nullptr);
        complex* o = out + blk.offset;
        const complex* zb = z + blk.offset;
        const complex* zt = z + tblk->offset;
        for_each_tiled(blk.rows, blk.cols, false, [&](std::size_t i, std::size_t j) {
            o[i * blk.cols + j] += zb[i * blk.cols + j] + std::conj(zt[j * tblk->cols + i]);
        });
    }
}

}  // namespace openspins::exact
