#include "openspins/method/dicke/dicke_spectrum.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/real_eigensolver.hpp"
#include "openspins/method/dicke/dicke_basis.hpp"
#include "openspins/method/dicke/dicke_generator.hpp"
#include "openspins/method/dicke/model_terms.hpp"

namespace openspins::dicke {

namespace {

using cplx = std::complex<double>;
using Clock = std::chrono::steady_clock;

std::string j_text(int two_j) { return "j = " + (two_j % 2 ? std::to_string(two_j) + "/2" : std::to_string(two_j / 2)); }

// One stored element of the full storage: its block and complex index, and k1 − k2.
struct Element {
    int block;
    std::size_t at;
    int order;  // q(r) − q(c) = m' − m = k1 − k2
};

// The elements with k2 − k1 = d (d ≥ 1), or every element (d < 0), block by block.
std::vector<Element> elements(const DickeBasis& basis, int d) {
    std::vector<Element> out;
    for (int b = 0; b < basis.blocks(); ++b) {
        const int dim = basis.dim(b);
        for (int k1 = 0; k1 < dim; ++k1)
            for (int k2 = 0; k2 < dim; ++k2)
                if (d < 0 || k2 - k1 == d)
                    out.push_back({b, basis.full_offset(b) + static_cast<std::size_t>(k1 * dim + k2), k1 - k2});
    }
    return out;
}

GeneratorMode mode_with_weights(const EigenPair& pair, const std::vector<double>& block_weight,
                                const DickeBasis& basis) {
    GeneratorMode m;
    m.eigenvalue = pair.value;
    m.residual = pair.residual;
    const auto b = std::max_element(block_weight.begin(), block_weight.end()) - block_weight.begin();
    m.detail = j_text(basis.two_j(static_cast<int>(b)));
    return m;
}

// A mode of the populations block: v holds the populations of every block.
GeneratorMode population_mode(const EigenPair& pair, const DickeBasis& basis) {
    std::vector<double> w(static_cast<std::size_t>(basis.blocks()), 0.0);
    for (int b = 0; b < basis.blocks(); ++b)
        for (int k = 0; k < basis.dim(b); ++k)
            w[static_cast<std::size_t>(b)] +=
                std::norm(pair.vector(static_cast<Eigen::Index>(basis.population_offset(b)) + k));
    GeneratorMode m = mode_with_weights(pair, w, basis);
    m.coherence_order = 0;
    m.population_weight = 1.0;
    return m;
}

// A mode of a real operator on the interleaved (Re, Im) parts of the elements `els` of a
// complex-linear map M: v = (x_e, y_e) per element; M(x + iy) = λ(x + iy) when x + iy ≠ 0,
// otherwise M̄ has the eigenvector x − iy, i.e. λ belongs to the conjugate elements
// (the opposite order). The larger of the two decides; its weights give order and j.
GeneratorMode realified_mode(const EigenPair& pair, const std::vector<Element>& els, const DickeBasis& basis,
                             int spins) {
    double plus = 0.0, minus = 0.0;
    for (std::size_t e = 0; e < els.size(); ++e) {
        const cplx x = pair.vector(static_cast<Eigen::Index>(2 * e)), y = pair.vector(static_cast<Eigen::Index>(2 * e + 1));
        plus += std::norm(x + cplx(0, 1) * y);
        minus += std::norm(x - cplx(0, 1) * y);
    }
    const bool direct = plus >= minus;
    std::vector<double> block_weight(static_cast<std::size_t>(basis.blocks()), 0.0);
    std::vector<double> order_weight(static_cast<std::size_t>(2 * spins + 1), 0.0);
    double diagonal = 0.0, total = 0.0;
    for (std::size_t e = 0; e < els.size(); ++e) {
        const cplx x = pair.vector(static_cast<Eigen::Index>(2 * e)), y = pair.vector(static_cast<Eigen::Index>(2 * e + 1));
        const double w = std::norm(direct ? x + cplx(0, 1) * y : x - cplx(0, 1) * y);
        const int order = direct ? els[e].order : -els[e].order;  // the conjugate sits at the transposed element
        block_weight[static_cast<std::size_t>(els[e].block)] += w;
        order_weight[static_cast<std::size_t>(order + spins)] += w;
        if (els[e].order == 0) diagonal += w;
        total += w;
    }
    GeneratorMode m = mode_with_weights(pair, block_weight, basis);
    m.coherence_order =
        static_cast<int>(std::max_element(order_weight.begin(), order_weight.end()) - order_weight.begin()) - spins;
    m.population_weight = total > 0.0 ? diagonal / total : 0.0;
    return m;
}

// The order-d block (elements (k, k + d), d ≥ 1) of the full-storage generator as an explicit
// sparse matrix, realified on interleaved (Re, Im) coordinates. With H diagonal in m, element
// (b, k) of the block feeds only (b', k') with |b' − b| ≤ 1 (local transfers change j by one)
// and |k' − k| ≤ 2 (k = j − m moves by Δj − δm), so the sources coloured by (b mod 3, k mod 5)
// never share a target: 15 full-storage applies give every column (checked on a random vector).
Eigen::SparseMatrix<double> realified_order_block(const DickeBasis& basis, const DickeGenerator& full,
                                                  const std::vector<Element>& els, std::vector<double>& in,
                                                  std::vector<double>& out) {
    // Index of element (b, k) of the block, −1 when absent.
    std::vector<std::vector<int>> index(static_cast<std::size_t>(basis.blocks()));
    std::vector<std::pair<int, int>> where(els.size());
    for (std::size_t e = 0; e < els.size(); ++e) {
        const int b = els[e].block;
        const int dim = basis.dim(b);
        const auto local = static_cast<int>(els[e].at - basis.full_offset(b));
        const int k = local / dim;
        auto& row = index[static_cast<std::size_t>(b)];
        if (row.empty()) row.assign(static_cast<std::size_t>(dim), -1);
        row[static_cast<std::size_t>(k)] = static_cast<int>(e);
        where[e] = {b, k};
    }
    const auto find = [&](int b, int k) {
        if (b < 0 || b >= basis.blocks() || k < 0) return -1;
        const auto& row = index[static_cast<std::size_t>(b)];
        return static_cast<std::size_t>(k) < row.size() ? row[static_cast<std::size_t>(k)] : -1;
    };
    std::vector<Eigen::Triplet<double>> entries;
    for (int cb = 0; cb < 3; ++cb)
        for (int ck = 0; ck < 5; ++ck) {
            bool any = false;
            for (std::size_t e = 0; e < els.size(); ++e)
                if (where[e].first % 3 == cb && where[e].second % 5 == ck) {
                    in[2 * els[e].at] = 1.0;
                    any = true;
                }
            if (!any) continue;
            full.apply(in.data(), out.data());
            for (std::size_t t = 0; t < els.size(); ++t) {
                const cplx value(out[2 * els[t].at], out[2 * els[t].at + 1]);
                if (value == cplx{}) continue;
                const auto [bt, kt] = where[t];
                int source = -1;
                for (int b = bt - 1; b <= bt + 1 && source < 0; ++b)
                    for (int k = kt - 2; k <= kt + 2 && source < 0; ++k)
                        if (b >= 0 && k >= 0 && b % 3 == cb && k % 5 == ck) source = find(b, k);
                if (source < 0) throw std::logic_error("dicke spectrum: a coupling outside the assumed stencil");
                const auto r = static_cast<int>(2 * t), c = 2 * source;
                entries.emplace_back(r, c, value.real());
                entries.emplace_back(r, c + 1, -value.imag());
                entries.emplace_back(r + 1, c, value.imag());
                entries.emplace_back(r + 1, c + 1, value.real());
            }
            for (std::size_t e = 0; e < els.size(); ++e) in[2 * els[e].at] = 0.0;
        }
    const auto n = static_cast<Eigen::Index>(2 * els.size());
    Eigen::SparseMatrix<double> m(n, n);
    m.setFromTriplets(entries.begin(), entries.end());
    // The stencil assumption, checked: M x against the full apply on a pseudo-random x.
    Eigen::VectorXd x(n);
    for (Eigen::Index i = 0; i < n; ++i) x(i) = std::sin(1.0 + 0.7 * static_cast<double>(i));
    for (std::size_t e = 0; e < els.size(); ++e) {
        in[2 * els[e].at] = x(static_cast<Eigen::Index>(2 * e));
        in[2 * els[e].at + 1] = x(static_cast<Eigen::Index>(2 * e + 1));
    }
    full.apply(in.data(), out.data());
    const Eigen::VectorXd mx = m * x;
    double worst = 0.0, scale = 1e-300;
    for (std::size_t e = 0; e < els.size(); ++e)
        for (int part = 0; part < 2; ++part) {
            const double direct = out[2 * els[e].at + static_cast<std::size_t>(part)];
            worst = std::max(worst, std::abs(direct - mx(static_cast<Eigen::Index>(2 * e) + part)));
            scale = std::max(scale, std::abs(direct));
        }
    for (const auto& e : els) in[2 * e.at] = in[2 * e.at + 1] = 0.0;
    if (worst > 1e-12 * scale) throw std::logic_error("dicke spectrum: the probed order block disagrees with the generator");
    return m;
}

RealOperator sparse_operator(const Eigen::SparseMatrix<double>& a) {
    return {static_cast<std::size_t>(a.rows()), [&a](const double* x, double* y) {
                Eigen::Map<Eigen::VectorXd>(y, a.rows()) = a * Eigen::Map<const Eigen::VectorXd>(x, a.cols());
            }};
}

EigenResult solve(const RealOperator& op, const SpectrumOptions& options, SpectrumBlock& report) {
    if (op.size <= options.dense_limit) {
        report.solver = "dense";
        return dense_eigenpairs(op);
    }
    report.solver = "Arnoldi";
    ArnoldiOptions arnoldi;
    arnoldi.count = options.modes;
    arnoldi.tolerance = options.tolerance;
    return slowest_eigenpairs(op, arnoldi);
}

void finish(SpectrumBlock& report, const EigenResult& result, Clock::time_point start) {
    report.found = result.pairs.size();
    report.converged = result.converged;
    report.products = result.products;
    for (const auto& p : result.pairs) report.max_residual = std::max(report.max_residual, p.residual);
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
}

GeneratorSpectrum spectrum_of(const DickeBasis& basis, const GeneratorTerms& terms, const DickeSpectrumOptions& options) {
    const int n = basis.spins();
    const bool keeps_order = terms.hamiltonian.is_diagonal_in_m();
    GeneratorSpectrum spectrum;
    spectrum.total_dimension = basis.full_size();
    const bool full_fits = basis.full_size() <= options.max_full_elements;
    if (!keeps_order && !full_fits)
        throw ModelError(messages::format_message(
            "dicke_spectrum_too_large",
            {std::to_string(basis.full_size()), std::to_string(n), std::to_string(options.max_full_elements)}));

    if (keeps_order) {
        const auto start = Clock::now();
        const DickeGenerator populations(basis, terms, true);
        const Eigen::SparseMatrix<double> a = populations.population_matrix();
        SpectrumBlock report;
        report.name = "populations";
        report.dimension = static_cast<std::size_t>(a.rows());
        check_spectrum_memory(n, report.name, report.dimension, options.spectrum, 0);
        EigenResult result;
        if (report.dimension <= options.spectrum.dense_limit) {
            report.solver = "dense";
            result = dense_eigenpairs(sparse_operator(a));
        } else {
            report.solver = "shift-invert (sparse LU)";
            double scale = 0.0;
            for (Eigen::Index k = 0; k < a.rows(); ++k) scale = std::max(scale, std::abs(a.coeff(k, k)));
            ArnoldiOptions arnoldi;
            arnoldi.count = options.spectrum.modes;
            arnoldi.tolerance = options.spectrum.tolerance;
            // Just right of 0 (the steady state makes A singular): nearest σ = slowest for a real spectrum.
            result = nearest_eigenpairs(a, 1e-7 * std::max(scale, 1e-300), arnoldi);
        }
        for (const auto& p : result.pairs) {
            auto m = population_mode(p, basis);
            m.block = report.name;
            spectrum.modes.push_back(std::move(m));
        }
        finish(report, result, start);
        spectrum.blocks.push_back(report);
    }

    std::vector<int> orders;
    if (keeps_order) {
        for (int d = 1; d <= n && (options.max_order < 0 || d <= options.max_order); ++d) orders.push_back(d);
    } else {
        orders.push_back(-1);
    }
    if (!full_fits) {
        // The probing needs the full storage; the table says so instead of failing.
        char size[32];
        std::snprintf(size, sizeof size, "%.1e", static_cast<double>(basis.full_size()));
        spectrum.blocks.push_back({"orders ±1…±" + std::to_string(n), 0, std::string("skipped (storage ") + size + ")", 0,
                                   true, 0, 0.0, 0.0});
        orders.clear();
    }
    if (orders.empty()) {
        sort_slowest_first(spectrum.modes);
        label_modes(spectrum.modes);
        return spectrum;
    }
    const DickeGenerator full(basis, terms, false);
    std::vector<double> in(2 * basis.full_size(), 0.0), out(2 * basis.full_size(), 0.0);
    for (const int d : orders) {
        const auto start = Clock::now();
        const auto els = elements(basis, d);
        SpectrumBlock report;
        report.name = d < 0 ? "all orders" : "orders ±" + std::to_string(d);
        EigenResult result;
        if (d < 0) {
            // Hermitian ρ in real coordinates per block: P[i][j] = Re ρ_ij (i ≤ j), P[j][i] = Im ρ_ij (i < j),
            // as exact/hermitian_packing.hpp; the generator preserves Hermiticity, so this is exact.
            const RealOperator op{basis.full_size(), [&](const double* x, double* y) {
                                      for (int b = 0; b < basis.blocks(); ++b) {
                                          const auto dim = static_cast<std::size_t>(basis.dim(b));
                                          const std::size_t off = basis.full_offset(b);
                                          for (std::size_t i = 0; i < dim; ++i)
                                              for (std::size_t j = i; j < dim; ++j) {
                                                  const double re = x[off + i * dim + j];
                                                  const double im = j > i ? x[off + j * dim + i] : 0.0;
                                                  in[2 * (off + i * dim + j)] = re;
                                                  in[2 * (off + i * dim + j) + 1] = im;
                                                  in[2 * (off + j * dim + i)] = re;
                                                  in[2 * (off + j * dim + i) + 1] = -im;
                                              }
                                      }
                                      full.apply(in.data(), out.data());
                                      for (int b = 0; b < basis.blocks(); ++b) {
                                          const auto dim = static_cast<std::size_t>(basis.dim(b));
                                          const std::size_t off = basis.full_offset(b);
                                          for (std::size_t i = 0; i < dim; ++i)
                                              for (std::size_t j = i; j < dim; ++j) {
                                                  y[off + i * dim + j] = out[2 * (off + i * dim + j)];
                                                  if (j > i) y[off + j * dim + i] = out[2 * (off + i * dim + j) + 1];
                                              }
                                      }
                                  }};
            report.dimension = op.size;
            check_spectrum_memory(n, report.name, op.size, options.spectrum, 0);
            result = solve(op, options.spectrum, report);
            // The eigenmatrix X = unpack(Re v) + i unpack(Im v), written as interleaved (Re, Im) of X
            // over all elements so that realified_mode weighs it (X itself: x + iy with y = 0).
            for (const auto& p : result.pairs) {
                EigenPair expanded{p.value, Eigen::VectorXcd::Zero(static_cast<Eigen::Index>(2 * els.size())), p.residual};
                for (int b = 0; b < basis.blocks(); ++b) {
                    const auto dim = static_cast<std::size_t>(basis.dim(b));
                    const std::size_t off = basis.full_offset(b);
                    for (std::size_t i = 0; i < dim; ++i)
                        for (std::size_t j = i; j < dim; ++j) {
                            const auto at = [&](std::size_t k) { return p.vector(static_cast<Eigen::Index>(k)); };
                            const cplx re = at(off + i * dim + j), im = j > i ? at(off + j * dim + i) : cplx{};
                            // X_ij = re + i·im, X_ji = re − i·im, with re, im the complex coordinates.
                            expanded.vector(static_cast<Eigen::Index>(2 * (off + i * dim + j))) = re + cplx(0, 1) * im;
                            expanded.vector(static_cast<Eigen::Index>(2 * (off + j * dim + i))) = re - cplx(0, 1) * im;
                        }
                }
                auto m = realified_mode(expanded, els, basis, n);
                m.block = report.name;
                spectrum.modes.push_back(std::move(m));
            }
        } else {
            const Eigen::SparseMatrix<double> block = realified_order_block(basis, full, els, in, out);
            const RealOperator op = sparse_operator(block);
            report.dimension = op.size;
            check_spectrum_memory(n, report.name, op.size, options.spectrum, 0);
            result = solve(op, options.spectrum, report);
            for (const auto& p : result.pairs) {
                auto m = realified_mode(p, els, basis, n);
                m.block = report.name;
                spectrum.modes.push_back(std::move(m));
            }
        }
        finish(report, result, start);
        spectrum.blocks.push_back(report);
    }
    sort_slowest_first(spectrum.modes);
    label_modes(spectrum.modes);
    return spectrum;
}

}  // namespace

GeneratorSpectrum dicke_spectrum(const Model& model, const DickeSpectrumOptions& options) {
    const DickeBasis basis(model.spins.size());
    return spectrum_of(basis, generator_terms(model, {}), options);
}

SingleSpinRates dicke_single_spin_rates(const Model& model) {
    const DickeBasis one(1);
    return one_spin_rates(spectrum_of(one, generator_terms(model, {}), {}).modes, 0);
}

}  // namespace openspins::dicke
