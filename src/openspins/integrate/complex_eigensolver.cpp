#include "openspins/integrate/complex_eigensolver.hpp"

#include <arpack/arpack.h>

#include <Eigen/Eigenvalues>
#include <Eigen/SparseLU>
#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <tuple>
#include <type_traits>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"

namespace openspins {

namespace {

using Complex = std::complex<double>;
using Sparse = Eigen::SparseMatrix<Complex>;

// ARPACK's C interface takes C99 `double _Complex`, layout-compatible with std::complex<double>
// (both are two doubles, real part first); its name is taken from znaupd_c's signature.
template <class R, class... A>
std::tuple<A...> arguments_of(R (*)(A...));
using CComplex = std::remove_pointer_t<std::tuple_element_t<6, decltype(arguments_of(&znaupd_c))>>;
static_assert(sizeof(CComplex) == sizeof(Complex));

CComplex* c_array(std::vector<Complex>& v) { return reinterpret_cast<CComplex*>(v.data()); }

CComplex c_value(Complex z) {
    CComplex c;
    std::memcpy(&c, &z, sizeof c);
    return c;
}

EigenResult dense_nearest(const Sparse& a, Complex shift, int count) {
    const Eigen::ComplexEigenSolver<Eigen::MatrixXcd> eig(Eigen::MatrixXcd(a), true);
    if (eig.info() != Eigen::Success)
        throw NumericalError(
            messages::format_message("eigensolver_failed", {"Eigen's ComplexEigenSolver", "no convergence"}));
    EigenResult result;
    result.products = a.rows();
    for (Eigen::Index k = 0; k < a.rows(); ++k)
        result.pairs.push_back({eig.eigenvalues()(k), eig.eigenvectors().col(k).normalized(), 0.0});
    std::stable_sort(result.pairs.begin(), result.pairs.end(), [shift](const EigenPair& p, const EigenPair& q) {
        return std::abs(p.value - shift) < std::abs(q.value - shift);
    });
    if (result.pairs.size() > static_cast<std::size_t>(count)) result.pairs.resize(static_cast<std::size_t>(count));
    return result;
}

}  // namespace

EigenResult nearest_complex_eigenpairs(const Sparse& a, Complex shift, const ArnoldiOptions& options) {
    if (a.rows() < 16 || options.count + 2 > a.rows()) return dense_nearest(a, shift, options.count);
    Sparse shifted = a;
    for (Eigen::Index k = 0; k < a.rows(); ++k) shifted.coeffRef(k, k) -= shift;
    shifted.makeCompressed();
    Eigen::SparseLU<Sparse> lu;
    lu.compute(shifted);
    if (lu.info() != Eigen::Success)
        throw NumericalError(messages::format_message("sparse_lu_failed", {"generator eigenvalues", "A − σ"}));
    return nearest_complex_eigenpairs(a, shift, options,
                                      [&lu](const Eigen::VectorXcd& b, Eigen::VectorXcd& x) { x = lu.solve(b); });
}

EigenResult nearest_complex_eigenpairs(const Sparse& a, Complex shift, const ArnoldiOptions& options,
                                       const ShiftedSolve& solve) {
    const auto n = static_cast<a_int>(a.rows());
    if (n < 16 || options.count + 2 > n) return dense_nearest(a, shift, options.count);
    const a_int nev = options.count;
    const int wanted = options.subspace > 0 ? options.subspace : std::max(2 * options.count + 1, options.count + 20);
    const a_int ncv = std::min<a_int>(wanted, n);
    const auto un = static_cast<std::size_t>(n);
    std::vector<Complex> resid(un), v(un * static_cast<std::size_t>(ncv)), workd(3 * un);
    const a_int lworkl = 3 * ncv * ncv + 5 * ncv;
    std::vector<Complex> workl(static_cast<std::size_t>(lworkl));
    std::vector<double> rwork(static_cast<std::size_t>(ncv));
    a_int iparam[11] = {};
    a_int ipntr[14] = {};
    iparam[0] = 1;  // exact shifts
    iparam[2] = options.max_restarts;
    iparam[6] = 3;
    std::mt19937_64 rng(20261121);
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    for (auto& r : resid) r = Complex(uniform(rng), uniform(rng));
    a_int ido = 0, info = 1;
    EigenResult result;
    Eigen::VectorXcd in(n), x(n);
    while (true) {
        znaupd_c(&ido, "I", n, "LM", nev, options.tolerance, c_array(resid), ncv, c_array(v), n, iparam, ipntr,
                 c_array(workd), c_array(workl), lworkl, rwork.data(), &info);
        if (ido != -1 && ido != 1) break;
        in = Eigen::Map<const Eigen::VectorXcd>(&workd[static_cast<std::size_t>(ipntr[0] - 1)], n);
        solve(in, x);
        Eigen::Map<Eigen::VectorXcd>(&workd[static_cast<std::size_t>(ipntr[1] - 1)], n) = x;
        ++result.products;
    }
    if (info < 0)
        throw NumericalError(
            messages::format_message("eigensolver_failed", {"ARPACK znaupd", "info " + std::to_string(info)}));
    result.converged = info == 0 && iparam[4] >= nev;
    const a_int nconv = iparam[4];
    if (nconv == 0) return result;
    std::vector<a_int> select(static_cast<std::size_t>(ncv), 1);
    std::vector<Complex> d(static_cast<std::size_t>(nev + 1)), z(un * static_cast<std::size_t>(nev)),
        workev(2 * static_cast<std::size_t>(ncv));
    a_int einfo = 0;
    zneupd_c(1, "A", select.data(), c_array(d), c_array(z), n, c_value(shift), c_array(workev), "I", n, "LM", nev,
             options.tolerance, c_array(resid), ncv, c_array(v), n, iparam, ipntr, c_array(workd), c_array(workl),
             lworkl, rwork.data(), &einfo);
    if (einfo != 0)
        throw NumericalError(
            messages::format_message("eigensolver_failed", {"ARPACK zneupd", "info " + std::to_string(einfo)}));
    for (a_int k = 0; k < std::min(nconv, nev); ++k) {
        EigenPair p{d[static_cast<std::size_t>(k)],
                    Eigen::Map<const Eigen::VectorXcd>(&z[un * static_cast<std::size_t>(k)], n).normalized(), 0.0};
        p.residual = (a * p.vector - p.value * p.vector).norm();
        result.pairs.push_back(std::move(p));
    }
    result.products += static_cast<long>(result.pairs.size());  // the residuals' products with A
    std::stable_sort(result.pairs.begin(), result.pairs.end(), [shift](const EigenPair& p, const EigenPair& q) {
        return std::abs(p.value - shift) < std::abs(q.value - shift);
    });
    return result;
}

}  // namespace openspins
