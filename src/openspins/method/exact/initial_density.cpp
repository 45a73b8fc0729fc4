#include "openspins/method/exact/initial_density.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/exact/dense_conversion.hpp"
#include "openspins/model/basis_frame.hpp"
#include "openspins/model/density_file.hpp"

namespace openspins::exact {

namespace {

bool conserves_down_count(const SpinOperator& op) {
    for (const auto& m : op.terms())
        if (m.delta_down() != 0) return false;
    return true;
}

// ⟨r|ρ_1 ⊗ … ⊗ ρ_N|c⟩ for single-spin Bloch vectors.
void fill_product(const InitialState& initial, const SectorBasis& basis, const BlockLayout& layout, complex* rho) {
    const int n = basis.spins();
    std::vector<std::array<std::array<complex, 2>, 2>> single(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const auto& r = initial.bloch[static_cast<std::size_t>(i)];
        single[static_cast<std::size_t>(i)] = {{{0.5 * (1 + r[2]), 0.5 * complex(r[0], -r[1])},
                                               {0.5 * complex(r[0], r[1]), 0.5 * (1 - r[2])}}};
    }
    for (const auto& blk : layout.blocks()) {
        const auto& rows = basis.states(blk.row_sector);
        const auto& cols = basis.states(blk.col_sector);
        for (std::size_t a = 0; a < blk.rows; ++a)
            for (std::size_t b = 0; b < blk.cols; ++b) {
                complex v = 1.0;
                for (int i = 0; i < n && v != 0.0; ++i)
                    v *= single[static_cast<std::size_t>(i)][(rows[a] >> i) & 1U][(cols[b] >> i) & 1U];
                rho[blk.offset + a * blk.cols + b] = v;
            }
    }
}

// Gibbs state e^{−H/T}/Z; block by block when H conserves the down count.
void fill_thermal(const Model& model, double temperature, const SectorBasis& basis, const BlockLayout& layout,
                  complex* rho) {
    const SpinOperator h = model.hamiltonian_operator();
    const bool by_sector = conserves_down_count(h);
    Eigen::MatrixXcd dense = Eigen::MatrixXcd::Zero(static_cast<Eigen::Index>(basis.dimension()),
                                                    static_cast<Eigen::Index>(basis.dimension()));
    std::vector<std::vector<BasisState>> groups;
    if (by_sector) {
        for (int s = 0; s < basis.sectors(); ++s) groups.push_back(basis.states(s));
    } else {
        groups.emplace_back();
        for (BasisState b = 0; b < basis.dimension(); ++b) groups.back().push_back(b);
    }
    double lowest = std::numeric_limits<double>::infinity();
    std::vector<Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>> solvers;
    for (const auto& states : groups) {
        const auto size = static_cast<Eigen::Index>(states.size());
        Eigen::MatrixXcd block = Eigen::MatrixXcd::Zero(size, size);
        for (Eigen::Index j = 0; j < size; ++j)
            for (const auto& [target, amp] : h.apply(states[static_cast<std::size_t>(j)]))
                block(static_cast<Eigen::Index>(by_sector ? basis.index_of(target) : target), j) += amp;
        solvers.emplace_back(block);
        lowest = std::min(lowest, solvers.back().eigenvalues().minCoeff());
    }
    double partition = 0.0;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const auto& solver = solvers[g];
        const Eigen::VectorXd weights = ((solver.eigenvalues().array() - lowest) / -temperature).exp();
        partition += weights.sum();
        const Eigen::MatrixXcd block = solver.eigenvectors() * weights.asDiagonal() * solver.eigenvectors().adjoint();
        const auto& states = groups[g];
        for (std::size_t a = 0; a < states.size(); ++a)
            for (std::size_t b = 0; b < states.size(); ++b)
                dense(static_cast<Eigen::Index>(states[a]), static_cast<Eigen::Index>(states[b])) =
                    block(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b));
    }
    dense /= partition;
    pack_dense(dense, basis, layout, rho);
}

// P_{j,m}/d_j: the projector onto total spin j inside the sector J_z = m (down count
// N/2 − m), from the eigenvectors of J² = N(4 − N)/4 + Σ_{i<k} P_ik there (P_ik swaps spins
// i and k; from S_i·S_k = P_ik/2 − 1/4). The eigenvalues j'(j'+1) are ≥ 2 apart for
// neighbouring j', so a window of ±½ picks out exactly the d_j eigenvectors of j.
void fill_dicke(const InitialState& initial, const SectorBasis& basis, const BlockLayout& layout, complex* rho) {
    const int n = basis.spins();
    const int sector = (n - initial.two_m) / 2;
    const auto& states = basis.states(sector);
    const auto size = static_cast<Eigen::Index>(states.size());
    Eigen::MatrixXd j2 = Eigen::MatrixXd::Constant(size, size, 0.0);
    j2.diagonal().setConstant(0.25 * n * (4 - n));
    for (Eigen::Index c = 0; c < size; ++c) {
        const BasisState b = states[static_cast<std::size_t>(c)];
        for (int i = 0; i < n; ++i)
            for (int k = i + 1; k < n; ++k) {
                const BasisState swapped =
                    ((b >> i) & 1U) == ((b >> k) & 1U) ? b : b ^ ((BasisState{1} << i) | (BasisState{1} << k));
                j2(basis.index_of(swapped), c) += 1.0;
            }
    }
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(j2);
    const double j = 0.5 * initial.two_j, target = j * (j + 1.0);
    std::vector<Eigen::Index> picked;
    for (Eigen::Index k = 0; k < size; ++k)
        if (std::abs(eigen.eigenvalues()[k] - target) < 0.5) picked.push_back(k);
    if (picked.empty()) throw std::logic_error("Dicke state: no eigenvector of J² with j(j+1) (internal error)");
    Eigen::MatrixXd v(size, static_cast<Eigen::Index>(picked.size()));
    for (std::size_t k = 0; k < picked.size(); ++k) v.col(static_cast<Eigen::Index>(k)) = eigen.eigenvectors().col(picked[k]);
    const Eigen::MatrixXd block = v * v.transpose() / static_cast<double>(picked.size());
    const Block* blk = layout.block(sector, sector);
    for (Eigen::Index r = 0; r < size; ++r)
        for (Eigen::Index c = 0; c < size; ++c)
            rho[blk->offset + static_cast<std::size_t>(r) * blk->cols + static_cast<std::size_t>(c)] = block(r, c);
}

Eigen::MatrixXcd checked_file_density(const std::string& path, Eigen::Index dim) {
    Eigen::MatrixXcd rho = read_density_file(path, dim);
    if (!rho.allFinite()) throw DataFileError(path, 0, messages::density_not_finite());
    if ((rho - rho.adjoint()).cwiseAbs().maxCoeff() > 1e-10) throw DataFileError(path, 0, messages::density_not_hermitian());
    if (std::abs(rho.trace() - complex{1.0}) > 1e-8)
        throw DataFileError(path, 0, messages::density_trace(rho.trace().real()));
    if (dim <= 1024) {
        const double lowest = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(rho, Eigen::EigenvaluesOnly).eigenvalues().minCoeff();
        if (lowest < -1e-10)
            throw DataFileError(path, 0, messages::density_negative(lowest));
    }
    return rho;
}

bool zero_quantum(const Model& model, const InitialState& initial) {
    switch (initial.kind) {
        case InitialState::Kind::all_up:
        case InitialState::Kind::all_down: return true;
        case InitialState::Kind::product:
            for (const auto& r : initial.bloch)
                if (r[0] != 0.0 || r[1] != 0.0) return false;
            return true;
        case InitialState::Kind::thermal: return conserves_down_count(model.hamiltonian_operator());
        case InitialState::Kind::file: {
            const SectorBasis basis(model.spins.size());
            const auto rho = checked_file_density(initial.path, static_cast<Eigen::Index>(basis.dimension()));
            std::vector<complex> scratch(BlockLayout::zero_quantum(basis).size());
            return pack_dense(rho, basis, BlockLayout::zero_quantum(basis), scratch.data()) == 0.0;
        }
        case InitialState::Kind::dicke: return true;  // an eigenstate of J_z: one sector
        case InitialState::Kind::mixture:
            for (const auto& c : initial.components)
                if (!zero_quantum(model, c)) return false;
            return true;
    }
    return false;
}

// `in_frame`: transform the product-basis state into the model's frame (basis_frame.hpp), ρ̃ = V†ρV.
// A thermal state is built from the model's H, which is already written in the frame.
std::vector<complex> density(const Model& model, const InitialState& initial, const SectorBasis& basis,
                             const BlockLayout& layout, bool in_frame = true) {
    if (in_frame && model.frame && initial.kind != InitialState::Kind::thermal &&
        initial.kind != InitialState::Kind::mixture) {
        const BlockLayout full = BlockLayout::all_orders(basis);
        const auto plain = density(model, initial, basis, full, false);
        const Eigen::MatrixXcd& v = model.frame->v;
        std::vector<complex> rho(layout.size(), 0.0);
        if (pack_dense(v.adjoint() * unpack_dense(plain.data(), basis, full) * v, basis, layout, rho.data()) > 1e-12)
            throw std::logic_error("initial density outside the chosen layout (internal error)");
        return rho;
    }
    std::vector<complex> rho(layout.size(), 0.0);
    const auto put = [&](BasisState b) {
        const int s = SectorBasis::sector_of(b);
        const Block* blk = layout.block(s, s);
        rho[blk->offset + basis.index_of(b) * blk->cols + basis.index_of(b)] = 1.0;
    };
    switch (initial.kind) {
        case InitialState::Kind::all_up: put(0); break;
        case InitialState::Kind::all_down: put(basis.dimension() - 1); break;
        case InitialState::Kind::product: fill_product(initial, basis, layout, rho.data()); break;
        case InitialState::Kind::thermal: fill_thermal(model, initial.temperature, basis, layout, rho.data()); break;
        case InitialState::Kind::file: {
            const auto dense = checked_file_density(initial.path, static_cast<Eigen::Index>(basis.dimension()));
            if (pack_dense(dense, basis, layout, rho.data()) > 1e-12)
                throw std::logic_error("initial density outside the chosen layout (internal error)");
            break;
        }
        case InitialState::Kind::dicke: fill_dicke(initial, basis, layout, rho.data()); break;
        case InitialState::Kind::mixture: {
            const auto weights = normalised_weights(initial);
            for (std::size_t k = 0; k < initial.components.size(); ++k) {
                const auto part = density(model, initial.components[k], basis, layout, in_frame);
                for (std::size_t e = 0; e < rho.size(); ++e) rho[e] += weights[k] * part[e];
            }
            break;
        }
    }
    return rho;
}

}  // namespace

bool initial_is_zero_quantum(const Model& model) { return zero_quantum(model, model.initial); }

std::vector<complex> initial_density(const Model& model, const SectorBasis& basis, const BlockLayout& layout) {
    return density(model, model.initial, basis, layout);
}

}  // namespace openspins::exact
