#include "openspins/method/redfield/generator_spectrum.hpp"

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <Eigen/SparseLU>
#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/propagator_eigensolver.hpp"
#include "openspins/integrate/real_eigensolver.hpp"
#include "openspins/method/exact/hermitian_packing.hpp"
#include "openspins/method/exact/lindblad_generator.hpp"
#include "openspins/method/redfield/bohr_block_spectrum.hpp"
#include "openspins/method/redfield/bohr_decomposition.hpp"
#include "openspins/method/redfield/dense_operator.hpp"
#include "openspins/method/redfield/derived_generator.hpp"
#include "openspins/method/redfield/shift_invert_spectrum.hpp"
#include "openspins/number_text.hpp"

namespace openspins::redfield {

namespace {

using Matrix = Eigen::MatrixXcd;

Matrix dense(const SpinOperator& op, int n) { return dense_matrix(op, n); }

Matrix kron(const Matrix& a, const Matrix& b) {
    Matrix k(a.rows() * b.rows(), a.cols() * b.cols());
    for (Eigen::Index i = 0; i < a.rows(); ++i)
        for (Eigen::Index j = 0; j < a.cols(); ++j)
            k.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
    return k;
}

}  // namespace

Matrix dense_liouvillian(const Model& model) {
    const int n = model.spins.size();
    const Matrix h = dense(model.hamiltonian_operator(), n);
    const Matrix one = Matrix::Identity(h.rows(), h.cols());
    const std::complex<double> i(0.0, 1.0);
    Matrix l = -i * (kron(one, h) - kron(h.transpose(), one));
    for (const auto& jump : model.jumps()) {
        const Matrix a = dense(jump.op, n);
        const Matrix ada = a.adjoint() * a;
        l += jump.rate * (kron(a.conjugate(), a) - 0.5 * kron(one, ada) - 0.5 * kron(ada.transpose(), one));
    }
    return l;
}

namespace {

struct OrderBlock {
    std::string name;
    exact::BlockLayout layout;
};

std::vector<OrderBlock> order_blocks(const Model& model, const exact::SectorBasis& basis) {
    std::vector<OrderBlock> blocks;
    if (!exact::conserves_coherence_order(model.hamiltonian_operator(), model.jumps())) {
        blocks.push_back({"all orders", exact::BlockLayout::all_orders(basis)});
        return blocks;
    }
    for (int k = 0; k <= basis.spins(); ++k)
        blocks.push_back(
            {k == 0 ? "order 0" : "orders ±" + std::to_string(k), exact::BlockLayout::coherence_pair(basis, k)});
    return blocks;
}

// The mode of eigenvector v (packed coordinates): its eigenmatrix X = unpack(Re v) + i unpack(Im v),
// the coherence order holding most of ‖X‖² and the share of ‖X‖² on the diagonal.
GeneratorMode classify(const EigenPair& pair, const exact::BlockLayout& layout, const exact::HermitianPacking& packing,
                       int spins) {
    const Eigen::VectorXd re = pair.vector.real(), im = pair.vector.imag();
    std::vector<complex> a(layout.size()), b(layout.size());
    packing.unpack(re.data(), a.data());
    packing.unpack(im.data(), b.data());
    ModeWeights weights(spins);
    for (const auto& blk : layout.blocks())
        for (std::size_t i = 0; i < blk.rows; ++i)
            for (std::size_t j = 0; j < blk.cols; ++j) {
                const std::size_t at = blk.offset + i * blk.cols + j;
                weights.add(blk.row_sector - blk.col_sector, blk.row_sector == blk.col_sector && i == j,
                            std::norm(a[at] + complex(0.0, 1.0) * b[at]));
            }
    return weights.mode(pair.value, pair.residual);
}

}  // namespace

namespace {

// The steady state's populations p_b, from the population-to-population part W of the first
// block (W_ab = ⟨a|𝓛(|b⟩⟨b|)|a⟩: 2^N products), whose kernel a sparse LU gives (one row replaced
// by the trace). Exact for a secular generator, where populations decouple from coherences;
// otherwise only the scaling below is less ideal — any positive p is a valid similarity.
// Normalised to max 1 and floored at 1e-8, which bounds the scaling's condition number.
std::vector<double> steady_populations(const exact::SectorBasis& basis, const exact::BlockLayout& layout,
                                       const exact::HermitianPacking& packing, const RealOperator& op) {
    const BasisState dim = basis.dimension();
    std::vector<complex> marks(layout.size(), 0.0);
    for (const auto& blk : layout.blocks())
        if (blk.row_sector == blk.col_sector)
            for (std::size_t i = 0; i < blk.rows; ++i)
                marks[blk.offset + i * blk.cols + i] = static_cast<double>(basis.states(blk.row_sector)[i] + 1);
    std::vector<double> packed(packing.size());
    packing.pack(marks.data(), packed.data());
    std::vector<std::size_t> position(dim);
    for (std::size_t k = 0; k < packed.size(); ++k)
        if (packed[k] >= 1.0) position[static_cast<std::size_t>(packed[k]) - 1] = k;
    std::vector<Eigen::Triplet<double>> entries;
    std::vector<double> x(packing.size(), 0.0), y(packing.size());
    for (BasisState b = 0; b < dim; ++b) {
        x[position[b]] = 1.0;
        op.apply(x.data(), y.data());
        x[position[b]] = 0.0;
        for (BasisState a = 1; a < dim; ++a)  // row 0 becomes the trace
            if (y[position[a]] != 0.0) entries.emplace_back(static_cast<int>(a), static_cast<int>(b), y[position[a]]);
        entries.emplace_back(0, static_cast<int>(b), 1.0);
    }
    const auto n = static_cast<Eigen::Index>(dim);
    Eigen::SparseMatrix<double> w(n, n);
    w.setFromTriplets(entries.begin(), entries.end());
    Eigen::SparseLU<Eigen::SparseMatrix<double>> lu(w);
    std::vector<double> p(dim, 1.0);
    if (lu.info() != Eigen::Success) return p;  // several steady states: no scaling
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
    rhs(0) = 1.0;
    const Eigen::VectorXd solution = lu.solve(rhs);
    const double largest = solution.cwiseAbs().maxCoeff();
    if (!(largest > 0.0) || !solution.allFinite()) return p;
    for (BasisState b = 0; b < dim; ++b)
        p[b] = std::max(std::abs(solution(static_cast<Eigen::Index>(b))) / largest, 1e-8);
    return p;
}

// Packed coordinates of element (r, c) scaled by (p_r p_c)^{1/4}: for a generator with quantum
// detailed balance with respect to the diagonal state p (Davies at one temperature), the
// similarity S⁻¹𝓛S is self-adjoint in the plain inner product (the KMS inner product
// ⟨X, Y⟩ = Tr X† p^{-1/2} Y p^{-1/2} made Euclidean), so Arnoldi meets no spurious Ritz values
// to the right of the spectrum, which the non-normal 𝓛 (a Markov generator far from a uniform
// stationary state) produces. Eigenvalues are unchanged; eigenvectors are S ṽ.
std::vector<double> kms_scale(const exact::SectorBasis& basis, const exact::BlockLayout& layout,
                              const exact::HermitianPacking& packing, const std::vector<double>& p) {
    std::vector<complex> full(layout.size());
    for (const auto& blk : layout.blocks())
        for (std::size_t i = 0; i < blk.rows; ++i)
            for (std::size_t j = 0; j < blk.cols; ++j) {
                const double v =
                    std::pow(p[basis.states(blk.row_sector)[i]] * p[basis.states(blk.col_sector)[j]], 0.25);
                full[blk.offset + i * blk.cols + j] = complex(v, v);  // Re and Im slots alike
            }
    std::vector<double> scale(packing.size());
    packing.pack(full.data(), scale.data());
    return scale;
}

// H without its one-body diagonal terms (the Zeeman levels ε_n σ^z_n, single-spin Lamb shifts):
// the generator with it instead of H is 𝓛 − 𝓗₀, 𝓗₀ = −i[H₀, ·] on the one-body part H₀.
SpinOperator without_one_body_diagonal(const SpinOperator& h) {
    std::vector<Monomial> rest;
    for (const auto& m : h.terms())
        if (!(m.is_diagonal() && std::popcount(m.mask) <= 1)) rest.push_back(m);
    return SpinOperator(std::move(rest));
}

// Whether r = 𝓛 − 𝓗₀ commutes with 𝓛 (equivalently with 𝓗₀): ‖𝓛(rx) − r(𝓛x)‖ ≤
// 1e-12·(‖𝓛(rx)‖ + ‖r(𝓛x)‖) for a random x. True when every jump changes the one-body energy
// by one Bohr frequency and the rest of H conserves it: a secular generator (Davies, with its
// Lamb shift) of spins whose interactions are diagonal.
bool commutes(const RealOperator& l, const RealOperator& r) {
    const auto n = static_cast<Eigen::Index>(l.size);
    const Eigen::VectorXd x = Eigen::VectorXd::Random(n);
    Eigen::VectorXd lx(n), rx(n), lrx(n), rlx(n);
    l.apply(x.data(), lx.data());
    r.apply(x.data(), rx.data());
    l.apply(rx.data(), lrx.data());
    r.apply(lx.data(), rlx.data());
    return (lrx - rlx).norm() <= 1e-12 * (lrx.norm() + rlx.norm());
}

bool beyond_dense_limit(const std::vector<OrderBlock>& blocks, const SpectrumOptions& options) {
    return std::any_of(blocks.begin(), blocks.end(), [&](const OrderBlock& b) {
        return exact::HermitianPacking(b.layout).size() > options.dense_limit;
    });
}

// The solver a block beyond the dense limit gets (SpectrumOptions::solver) for the generator l
// and r = l − 𝓗₀ (both KMS-scaled; `commuting`: whether they commute, tested once by the caller);
// `report` receives its name and the propagations.
//   rotating  when r commutes with 𝓗₀, 𝓛's eigenvalues are r's plus the imaginary ones of 𝓗₀ on
//             common eigenvectors, so 𝓛's slowest modes are r's, whose spectrum lacks the wide
//             band of Zeeman frequencies that slows Arnoldi on 𝓛: Arnoldi on r (which = "LR"),
//             then Rayleigh–Ritz with 𝓛 (transformed_eigenpairs).
EigenResult slowest_iteratively(const RealOperator& l, const RealOperator& r, bool commuting,
                                const SpectrumOptions& options, SpectrumBlock& report) {
    ArnoldiOptions arnoldi;
    arnoldi.count = options.modes;
    arnoldi.tolerance = options.tolerance;
    if (options.solver == "rotating" && !commuting)
        throw ModelError(messages::format_message("rotating_not_commuting"));
    if (commuting) {
        report.solver = "Arnoldi, rotating frame";
        auto result = transformed_eigenpairs(l, r.apply, arnoldi, Dominant::largest_real_part);
        result.products += result.transforms + 4;  // r's products, the commutation test
        return result;
    }
    if (options.solver != "propagator") {
        report.solver = "Arnoldi";
        return slowest_eigenpairs(l, arnoldi);
    }
    PropagatorOptions propagation;
    propagation.arnoldi = arnoldi;
    propagation.tau = options.tau;  // > 0: given, or set by generator_spectrum
    auto result = slowest_by_propagator(l, propagation);
    report.solver = "propagator tau = " + number_text("%.4g", propagation.tau);
    report.propagations = result.transforms;
    return result;
}

}  // namespace

GeneratorSpectrum generator_spectrum(const Model& model, const SpectrumOptions& options) {
    if (model.frame) return bohr_block_spectrum(model, options);
    const int n = model.spins.size();
    const exact::SectorBasis basis(n);
    const SpinOperator h = model.hamiltonian_operator();
    const auto jumps = model.jumps();
    if (options.solver != "auto" && options.solver != "arnoldi" && options.solver != "propagator" &&
        options.solver != "rotating" && options.solver != "shift-invert")
        throw ModelError(
            messages::not_one_of(options.solver, {"auto", "arnoldi", "rotating", "propagator", "shift-invert"}));
    GeneratorSpectrum spectrum;
    std::vector<double> populations;  // of the steady state, once a block needs Arnoldi
    const auto blocks = order_blocks(model, basis);
    // A Bohr block of m elements costs a dense solve of m complex: it counts against the dense limit.
    if (options.solver == "auto" && beyond_dense_limit(blocks, options))
        if (auto split = bohr_block_spectrum_within(model, std::min(options.dense_limit, max_bohr_block), options))
            return std::move(*split);
    if (options.solver == "shift-invert" && blocks.size() > 1)
        throw ModelError(messages::format_message("shift_invert_one_block"));
    for (const auto& block : blocks) {
        const auto start = std::chrono::steady_clock::now();
        const exact::HermitianPacking packing(block.layout);
        check_spectrum_memory(n, block.name, packing.size(), options, 4 * block.layout.size() * sizeof(complex));
        const exact::LindbladGenerator generator(basis, block.layout, h, jumps);
        std::vector<complex> rho(block.layout.size()), out(block.layout.size());
        const auto packed = [&](const exact::LindbladGenerator& g) {
            return RealOperator{packing.size(), [&](const double* x, double* y) {
                                    packing.unpack(x, rho.data());
                                    g.apply(rho.data(), out.data());
                                    packing.pack(out.data(), y);
                                }};
        };
        const RealOperator op = packed(generator);
        SpectrumBlock report;
        report.name = block.name;
        report.dimension = packing.size();
        spectrum.total_dimension += packing.size();
        EigenResult result;
        if (packing.size() <= options.dense_limit) {
            report.solver = "dense";
            result = dense_eigenpairs(op);
        } else {
            const exact::LindbladGenerator rotating(basis, block.layout, without_one_body_diagonal(h), jumps);
            const RealOperator r = packed(rotating);
            const bool commuting = (options.solver == "auto" || options.solver == "rotating") && commutes(op, r);
            // The one block of a non-conserving generator that the rotating frame does not serve:
            // Arnoldi on 𝓛 itself does not converge there beyond N = 5 (docs/methods/redfield.md, "Rates").
            if (blocks.size() == 1 && (options.solver == "shift-invert" || (options.solver == "auto" && !commuting))) {
                spectrum.blocks.push_back(shift_invert_spectrum(model, options, spectrum.modes));
                continue;
            }
            if (populations.empty()) populations = steady_populations(basis, block.layout, packing, op);
            const auto scale = kms_scale(basis, block.layout, packing, populations);
            std::vector<double> scaled(packing.size());
            const auto similar = [&](const RealOperator& a) {
                return RealOperator{packing.size(), [&](const double* x, double* y) {
                                        for (std::size_t k = 0; k < scaled.size(); ++k) scaled[k] = scale[k] * x[k];
                                        a.apply(scaled.data(), y);
                                        for (std::size_t k = 0; k < scaled.size(); ++k) y[k] /= scale[k];
                                    }};
            };
            SpectrumOptions block_options = options;
            if (options.solver == "propagator" && !(options.tau > 0.0)) {
                // τ = tau_rates / (mean decay rate −trace(𝓛)/n). −i[H, ·] is traceless, so the rate is
                // the dissipator D's alone, and −xᵀDx refuses a block without dissipation
                // (propagator_no_decay). Before, only the one-sample −xᵀ𝓛x was used; where H is not
                // diagonal (drives) it carries a term from H, because −i[H, ·] is not antisymmetric
                // in the packed basis: 0.0058 for three driven spins without channels (true rate 0),
                // so τ = 5135, 17·10⁶ products and rates of ±1e-10. τ keeps −xᵀ𝓛x where it is the
                // larger (driven, emission 0.1: 0.69 against D's 0.14): that shorter τ = 44 converges
                // (residual 1e-10) where τ = 210 from D's rate does not (7e-5; presumably the 12th
                // mode's e^{−30} is below what CVODE's rtol resolves). τ ≤ tau_rates / D's rate.
                const exact::LindbladGenerator dissipator(basis, block.layout, SpinOperator(), jumps);
                const double dissipation = mean_decay_rate(packed(dissipator));
                block_options.tau = options.tau_rates / std::max(dissipation, mean_decay_estimate(similar(op)));
            }
            result = slowest_iteratively(similar(op), similar(r), commuting, block_options, report);
            for (auto& pair : result.pairs) {
                for (std::size_t k = 0; k < scale.size(); ++k) pair.vector(static_cast<Eigen::Index>(k)) *= scale[k];
                pair.vector.normalize();
            }
        }
        report.found = result.pairs.size();
        report.converged = result.converged;
        report.products = result.products;
        for (const auto& pair : result.pairs) {
            auto mode = classify(pair, block.layout, packing, n);
            mode.block = block.name;
            report.max_residual = std::max(report.max_residual, mode.residual);
            spectrum.modes.push_back(std::move(mode));
        }
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        spectrum.blocks.push_back(report);
    }
    sort_slowest_first(spectrum.modes);
    label_modes(spectrum.modes);
    return spectrum;
}

std::vector<GeneratorMode> generator_modes(const Model& model, const SpectrumOptions& options) {
    if (model.frame) return bohr_block_spectrum(model, options).modes;
    const exact::SectorBasis basis(model.spins.size());
    const auto blocks = order_blocks(model, basis);
    if (!beyond_dense_limit(blocks, options)) return generator_spectrum(model, options).modes;
    if (auto split = bohr_block_spectrum_within(model, max_bohr_block, options)) return std::move(split->modes);
    throw ModelError(messages::format_message("all_modes_dense_limit",
                                              {std::to_string(options.dense_limit), std::to_string(max_bohr_block)}));
}

namespace {

bool acts_only_on(const SpinOperator& op, int spin) {
    const BasisState bit = BasisState{1} << spin;
    return std::all_of(op.terms().begin(), op.terms().end(), [&](const Monomial& m) { return (m.mask & ~bit) == 0; });
}

SpinOperator moved_to_spin0(const SpinOperator& op, int spin) {
    std::vector<Monomial> terms;
    for (const auto& m : op.terms()) terms.push_back({m.mask >> spin, m.out >> spin, m.in >> spin, m.coeff});
    return SpinOperator(std::move(terms));
}

}  // namespace

std::vector<SingleSpinRates> single_spin_rates(const Model& model) {
    const int n = model.spins.size();
    const auto energies = single_spin_energies(model.hamiltonian_operator(), n);
    if (!energies) return {};
    std::vector<SingleSpinRates> out;
    for (int j = 0; j < n; ++j) {
        Model one;
        Species lone;
        lone.name = "spin";
        lone.count = 1;
        lone.frequency = model.spins.frequency(j);
        one.spins = SpinSystem({lone});
        HamiltonianTerm levels;
        levels.name = "levels";
        levels.kind = "custom";
        levels.op = complex(energies->up[static_cast<std::size_t>(j)], 0.0) * SpinOperator::projector_up(0) +
                    complex(energies->down[static_cast<std::size_t>(j)], 0.0) * SpinOperator::projector_down(0);
        one.hamiltonian.push_back(levels);
        for (const auto& c : model.channels) {
            Channel moved;
            moved.name = c.name;
            moved.kind = c.kind;
            for (const auto& jump : c.jumps)
                if (acts_only_on(jump.op, j)) moved.jumps.push_back({jump.rate, moved_to_spin0(jump.op, j)});
            if (!moved.jumps.empty()) one.channels.push_back(moved);
        }
        one.environment.baths = model.environment.baths;
        one.environment.options = model.environment.options;
        for (const auto& term : model.environment.couplings)
            if (acts_only_on(term.op, j))
                one.environment.couplings.push_back(
                    {term.name, term.bath, term.copy < 0 ? -1 : 0, moved_to_spin0(term.op, j)});
        const auto derived = derive_generator(one);
        for (const auto& t : derived.hamiltonian) one.hamiltonian.push_back(t);
        for (const auto& c : derived.channels) one.channels.push_back(c);
        SingleSpinRates r = one_spin_rates(generator_modes(one), j);
        out.push_back(r);
    }
    return out;
}

}  // namespace openspins::redfield
