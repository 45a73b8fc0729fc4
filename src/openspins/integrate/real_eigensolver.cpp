#include "openspins/integrate/real_eigensolver.hpp"

#include <arpack/arpack.h>

#include <Eigen/Eigenvalues>
#include <Eigen/SparseLU>
#include <algorithm>
#include <random>
#include <string>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"

namespace openspins {

namespace {

void sort_slowest_first(std::vector<EigenPair>& pairs) {
    std::stable_sort(pairs.begin(), pairs.end(), [](const EigenPair& p, const EigenPair& q) {
        if (p.value.real() != q.value.real()) return p.value.real() > q.value.real();
        return p.value.imag() < q.value.imag();
    });
}

// ‖Av − λv‖ for a complex v = a + ib: A v = A a + i A b.
double residual(const RealOperator& a, const Eigen::VectorXcd& v, std::complex<double> lambda) {
    const auto n = static_cast<Eigen::Index>(a.size);
    const Eigen::VectorXd re = v.real(), im = v.imag();
    Eigen::VectorXd are(n), aim(n);
    a.apply(re.data(), are.data());
    a.apply(im.data(), aim.data());
    Eigen::VectorXcd av(n);
    av.real() = are;
    av.imag() = aim;
    return (av - lambda * v).norm();
}

EigenResult dense_slowest(const RealOperator& a, int count) {
    EigenResult all = dense_eigenpairs(a);
    if (all.pairs.size() > static_cast<std::size_t>(count)) all.pairs.resize(static_cast<std::size_t>(count));
    return all;
}

// The smallest A-invariant subspace containing the columns of q (orthonormal): B's invariant
// subspaces are A-invariant only up to B's degeneracies — an eigenvalue of B that several
// eigenvalues of A share (A's conjugate pair under a real B, aliased frequencies e^{iωτ}) shows
// Arnoldi one combination of their eigenvectors, and A applied to it adds the others. New
// directions are A·(the last ones added) orthogonalised twice against q and kept when their
// remainder exceeds 1e-6 of their norm (an invariant subspace's own remainder is at the level
// of its residuals); at most `rounds` rounds.
Eigen::MatrixXd invariant_closure(const RealOperator& a, Eigen::MatrixXd q, int rounds, long& products) {
    const auto n = static_cast<Eigen::Index>(a.size);
    Eigen::MatrixXd last = q;
    for (int round = 0; round < rounds && last.cols() > 0; ++round) {
        Eigen::MatrixXd added(n, 0);
        for (Eigen::Index k = 0; k < last.cols(); ++k) {
            Eigen::VectorXd w(n);
            a.apply(last.col(k).data(), w.data());
            ++products;
            const double norm = w.norm();
            for (int pass = 0; pass < 2; ++pass) {
                w -= q * (q.transpose() * w);
                if (added.cols() > 0) w -= added * (added.transpose() * w);
            }
            if (!(w.norm() > 1e-6 * norm)) continue;
            added.conservativeResize(Eigen::NoChange, added.cols() + 1);
            added.col(added.cols() - 1) = w.normalized();
        }
        q.conservativeResize(Eigen::NoChange, q.cols() + added.cols());
        q.rightCols(added.cols()) = added;
        last = added;
    }
    return q;
}

// Rayleigh–Ritz with A on the orthonormal columns of q (an invariant subspace of A): the
// eigenpairs of the small matrix H = QᵀAQ lifted to v = Qy, with their residuals.
std::vector<EigenPair> rayleigh_ritz(const RealOperator& a, const Eigen::MatrixXd& q, long& products) {
    const auto n = static_cast<Eigen::Index>(a.size);
    Eigen::MatrixXd aq(n, q.cols());
    for (Eigen::Index k = 0; k < q.cols(); ++k) a.apply(q.col(k).data(), aq.col(k).data());
    products += q.cols();
    const Eigen::EigenSolver<Eigen::MatrixXd> eig(q.transpose() * aq, true);
    if (eig.info() != Eigen::Success)
        throw NumericalError(
            messages::format_message("eigensolver_failed", {"Eigen's EigenSolver (Rayleigh–Ritz)", "no convergence"}));
    std::vector<EigenPair> pairs;
    for (Eigen::Index k = 0; k < q.cols(); ++k) {
        const Eigen::VectorXcd y = eig.eigenvectors().col(k);
        EigenPair p{eig.eigenvalues()(k), (q * y).normalized(), 0.0};
        // Av = (AQ)y: the residual without further products.
        p.residual = ((aq * y) / (q * y).norm() - p.value * p.vector).norm();
        pairs.push_back(std::move(p));
    }
    return pairs;
}

// ARPACK's implicitly restarted Arnoldi (dnaupd/dneupd, reverse communication) on `op`:
// mode 1 (op = A, which = "LR"; or op = B commuting with A, then `rayleigh_ritz` with A) or
// mode 3 (op = (A − σ)⁻¹, which = "LM", σ real); the eigenpairs returned are A's. Residuals
// are computed with `a` itself.
EigenResult arnoldi(const RealOperator& a, const std::function<void(const double*, double*)>& op, int mode,
                    double shift, const ArnoldiOptions& options, const char* transformed = nullptr) {
    const auto n = static_cast<a_int>(a.size);
    const a_int nev = options.count;
    const int wanted = options.subspace > 0 ? options.subspace : std::max(3 * options.count, options.count + 100);
    const a_int ncv = std::min<a_int>(wanted, n);
    const char* which = transformed != nullptr ? transformed : mode == 1 ? "LR" : "LM";
    std::vector<double> resid(a.size), v(a.size * static_cast<std::size_t>(ncv)), workd(3 * a.size);
    const a_int lworkl = 3 * ncv * ncv + 6 * ncv;
    std::vector<double> workl(static_cast<std::size_t>(lworkl));
    a_int iparam[11] = {};
    a_int ipntr[14] = {};
    iparam[0] = 1;  // exact shifts
    iparam[2] = options.max_restarts;
    iparam[6] = mode;
    // A fixed pseudo-random start vector (info = 1): ARPACK's own (info = 0) continues one random
    // stream through the process, so results would depend on what ran before.
    std::mt19937_64 rng(20261121);
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    for (auto& r : resid) r = uniform(rng);
    a_int ido = 0, info = 1;
    EigenResult result;
    while (true) {
        dnaupd_c(&ido, "I", n, which, nev, options.tolerance, resid.data(), ncv, v.data(), n, iparam, ipntr,
                 workd.data(), workl.data(), lworkl, &info);
        if (ido != -1 && ido != 1) break;
        op(&workd[static_cast<std::size_t>(ipntr[0] - 1)], &workd[static_cast<std::size_t>(ipntr[1] - 1)]);
        ++result.products;
    }
    if (info < 0)
        throw NumericalError(
            messages::format_message("eigensolver_failed", {"ARPACK dnaupd", "info " + std::to_string(info)}));
    result.converged = info == 0 && iparam[4] >= nev;
    const a_int nconv = iparam[4];
    if (nconv == 0) return result;
    std::vector<a_int> select(static_cast<std::size_t>(ncv), 1);
    std::vector<double> dr(static_cast<std::size_t>(nev + 1)), di(static_cast<std::size_t>(nev + 1)),
        z(a.size * static_cast<std::size_t>(nev + 1)), workev(3 * static_cast<std::size_t>(ncv));
    a_int einfo = 0;
    dneupd_c(1, "A", select.data(), dr.data(), di.data(), z.data(), n, shift, 0.0, workev.data(), "I", n, which, nev,
             options.tolerance, resid.data(), ncv, v.data(), n, iparam, ipntr, workd.data(), workl.data(), lworkl,
             &einfo);
    if (einfo != 0)
        throw NumericalError(
            messages::format_message("eigensolver_failed", {"ARPACK dneupd", "info " + std::to_string(einfo)}));
    if (transformed != nullptr) {  // the first nconv columns of v now hold B's Schur vectors
        result.transforms = result.products;
        result.products = 0;
        const Eigen::MatrixXd q =
            invariant_closure(a, Eigen::Map<const Eigen::MatrixXd>(v.data(), n, nconv), 8, result.products);
        result.pairs = rayleigh_ritz(a, q, result.products);
        // A subspace that is not quite invariant (a closure cut short) gives Ritz pairs that are
        // no eigenpairs: dropped when their residual exceeds 1e-4·max(1, |λ|).
        std::erase_if(result.pairs,
                      [](const EigenPair& p) { return p.residual > 1e-4 * std::max(1.0, std::abs(p.value)); });
        sort_slowest_first(result.pairs);
        if (result.pairs.size() > static_cast<std::size_t>(nev)) result.pairs.resize(static_cast<std::size_t>(nev));
        for (const auto& p : result.pairs)
            if (p.residual > 1e3 * options.tolerance * std::max(1.0, std::abs(p.value))) result.converged = false;
        if (result.pairs.size() < static_cast<std::size_t>(nev)) result.converged = false;
        return result;
    }
    const auto column = [&](a_int k) { return Eigen::Map<const Eigen::VectorXd>(&z[a.size * static_cast<std::size_t>(k)], n); };
    // A complex pair occupies two columns, Re and Im of the eigenvector of λ = dr + i·di; the
    // conjugate pair's eigenvector is the conjugate.
    const auto push = [&](std::complex<double> value, const Eigen::VectorXcd& vector) {
        EigenPair p{value, vector.normalized(), 0.0};
        p.residual = residual(a, p.vector, p.value);
        result.pairs.push_back(std::move(p));
    };
    const a_int found = std::min<a_int>(iparam[4], nev + 1);
    for (a_int k = 0; k < found; ++k) {
        const auto uk = static_cast<std::size_t>(k);
        const std::complex<double> lambda(dr[uk], di[uk]);
        if (di[uk] == 0.0) {
            push(lambda, column(k).cast<std::complex<double>>());
            continue;
        }
        if (k + 1 >= found) break;  // the pair's second column was not returned
        Eigen::VectorXcd vec(n);
        vec.real() = column(k);
        vec.imag() = column(k + 1);
        push(lambda, vec);
        push(std::conj(lambda), vec.conjugate());
        ++k;
    }
    result.products += 2 * static_cast<long>(result.pairs.size());
    sort_slowest_first(result.pairs);
    if (result.pairs.size() > static_cast<std::size_t>(nev)) result.pairs.resize(static_cast<std::size_t>(nev));
    return result;
}

bool too_small_for_arnoldi(std::size_t n, const ArnoldiOptions& options) {
    return n < 16 || static_cast<std::size_t>(options.count) + 3 > n;
}

}  // namespace

EigenResult dense_eigenpairs(const RealOperator& a) {
    const auto n = static_cast<Eigen::Index>(a.size);
    Eigen::MatrixXd m(n, n);
    Eigen::VectorXd unit = Eigen::VectorXd::Zero(n);
    for (Eigen::Index j = 0; j < n; ++j) {
        unit(j) = 1.0;
        a.apply(unit.data(), m.col(j).data());
        unit(j) = 0.0;
    }
    const Eigen::EigenSolver<Eigen::MatrixXd> eig(m, true);
    if (eig.info() != Eigen::Success)
        throw NumericalError(messages::format_message("eigensolver_failed", {"Eigen's EigenSolver", "no convergence"}));
    EigenResult result;
    result.products = static_cast<long>(n);
    const Eigen::MatrixXcd vectors = eig.eigenvectors();
    for (Eigen::Index k = 0; k < n; ++k) result.pairs.push_back({eig.eigenvalues()(k), vectors.col(k).normalized(), 0.0});
    sort_slowest_first(result.pairs);
    return result;
}

EigenResult slowest_eigenpairs(const RealOperator& a, const ArnoldiOptions& options) {
    if (too_small_for_arnoldi(a.size, options)) return dense_slowest(a, options.count);
    return arnoldi(a, a.apply, 1, 0.0, options);
}

EigenResult transformed_eigenpairs(const RealOperator& a, const std::function<void(const double*, double*)>& b,
                                   const ArnoldiOptions& options, Dominant dominant) {
    if (too_small_for_arnoldi(a.size, options)) return dense_slowest(a, options.count);
    return arnoldi(a, b, 1, 0.0, options, dominant == Dominant::largest_real_part ? "LR" : "LM");
}

EigenResult nearest_eigenpairs(const Eigen::SparseMatrix<double>& a, double shift, const ArnoldiOptions& options) {
    const RealOperator product{static_cast<std::size_t>(a.rows()), [&a](const double* x, double* y) {
                                   const Eigen::Map<const Eigen::VectorXd> xv(x, a.cols());
                                   Eigen::Map<Eigen::VectorXd>(y, a.rows()) = a * xv;
                               }};
    if (too_small_for_arnoldi(product.size, options)) return dense_slowest(product, options.count);
    Eigen::SparseMatrix<double> shifted = a;
    for (Eigen::Index k = 0; k < a.rows(); ++k) shifted.coeffRef(k, k) -= shift;
    shifted.makeCompressed();
    Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
    lu.compute(shifted);
    if (lu.info() != Eigen::Success)
        throw NumericalError(messages::format_message("sparse_lu_failed", {"generator eigenvalues", "A − σ"}));
    const auto solve = [&lu, &a](const double* x, double* y) {
        Eigen::Map<Eigen::VectorXd>(y, a.rows()) = lu.solve(Eigen::Map<const Eigen::VectorXd>(x, a.cols()));
    };
    return arnoldi(product, solve, 3, shift, options);
}

}  // namespace openspins
