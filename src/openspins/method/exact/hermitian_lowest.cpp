#include "openspins/method/exact/hermitian_lowest.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "openspins/integrate/real_eigensolver.hpp"

namespace openspins::exact {

double gershgorin_lower_bound(const HermitianPieces& h) {
    std::vector<double> centre(h.size, 0.0), radius(h.size, 0.0);
    for (const auto& p : h.pieces)
        for (std::size_t i = 0; i < p.rows; ++i)
            for (std::size_t j = 0; j < p.cols; ++j) {
                const std::complex<double> x = p.data[i * p.cols + j];
                if (p.row0 + i == p.col0 + j)
                    centre[p.row0 + i] = x.real();
                else
                    radius[p.row0 + i] += std::abs(x);
            }
    double bound = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < h.size; ++i) bound = std::min(bound, centre[i] - radius[i]);
    return bound;
}

std::optional<double> lowest_by_arnoldi(const HermitianPieces& h) {
    const std::size_t m = h.size;
    RealOperator op;
    op.size = 2 * m;
    // y = −[Re(Hz); Im(Hz)] with z = x[0, m) + i x[m, 2m).
    op.apply = [&h, m](const double* x, double* y) {
        std::fill(y, y + 2 * m, 0.0);
        for (const auto& p : h.pieces)
            for (std::size_t i = 0; i < p.rows; ++i) {
                const std::complex<double>* row = p.data + i * p.cols;
                double re = 0.0, im = 0.0;
                for (std::size_t j = 0; j < p.cols; ++j) {
                    const double a = x[p.col0 + j], b = x[m + p.col0 + j];
                    re += row[j].real() * a - row[j].imag() * b;
                    im += row[j].real() * b + row[j].imag() * a;
                }
                y[p.row0 + i] -= re;
                y[m + p.row0 + i] -= im;
            }
    };
    ArnoldiOptions options;
    options.count = 2;  // the embedding doubles every eigenvalue
    options.max_restarts = 300;
    options.tolerance = 1e-10;
    const EigenResult r = slowest_eigenpairs(op, options);
    if (!r.converged || r.pairs.empty()) return std::nullopt;
    return -r.pairs.front().value.real();
}

}  // namespace openspins::exact
