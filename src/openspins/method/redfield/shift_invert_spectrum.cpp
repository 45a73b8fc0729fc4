#include "openspins/method/redfield/shift_invert_spectrum.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <string>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/complex_eigensolver.hpp"
#include "openspins/integrate/near_shift_solver.hpp"
#include "openspins/method/memory_budget.hpp"
#include "openspins/method/redfield/sparse_liouvillian.hpp"

namespace openspins::redfield {

namespace {

using Index = Eigen::Index;

int down_count(Index state) { return std::popcount(static_cast<unsigned long long>(state)); }

// The mode of the vec-form eigenvector v: dominant order q(a) − q(b) and weight on a = b.
GeneratorMode classify(const EigenPair& pair, Index d, int spins) {
    ModeWeights weights(spins);
    for (Index x = 0; x < pair.vector.size(); ++x) {
        const Index a = x % d, b = x / d;
        weights.add(down_count(a) - down_count(b), a == b, std::norm(pair.vector(x)));
    }
    GeneratorMode m = weights.mode(pair.value, pair.residual);
    m.block = "all orders";
    return m;
}

}  // namespace

SpectrumBlock shift_invert_spectrum(const Model& model, const SpectrumOptions& options,
                                    std::vector<GeneratorMode>& modes, ShiftInvertInner inner) {
    const auto start = std::chrono::steady_clock::now();
    const int n = model.spins.size();
    if (n > max_shift_invert_spins)
        throw ModelError(messages::format_message("shift_invert_spins",
                                                  {std::to_string(max_shift_invert_spins), std::to_string(n)}));
    const Index d = Index{1} << n;
    const auto size = static_cast<std::size_t>(d * d);
    const double n_reals = static_cast<double>(size);
    if (inner == ShiftInvertInner::automatic)
        inner = n <= max_lu_shift_invert_spins ? ShiftInvertInner::lu : ShiftInvertInner::gmres;
    if (inner == ShiftInvertInner::lu) {
        // The LU's fill, from measured peaks of `openspins rates` on seed 000's Bloch–Redfield
        // generator (Eigen's SparseLU, COLAMD ordering; everything else is small beside it): N = 6
        // (n = 4096) 131 MB, N = 7 (n = 16 384) 1.6 GB, i.e. ≈ 40·n^1.8 bytes; 48·n^1.8 with margin
        // (N = 8: 23 GB). Checked before anything is assembled.
        const auto lu_bytes = static_cast<std::size_t>(48.0 * std::pow(n_reals, 1.8));
        check_memory_budget(n, lu_bytes, options.memory_limit_bytes,
                            "generator spectrum, shift-invert (sparse LU of 𝓛 − σ, " + std::to_string(size) + " rows)");
    }
    const LiouvillianTerms terms = liouvillian_terms(model);
    const Eigen::SparseMatrix<complex> l = sparse_liouvillian(terms, n, options.memory_limit_bytes);

    // Band centres from 𝓛's diagonal.
    std::vector<double> frequency(static_cast<std::size_t>(n + 1), 0.0), members(static_cast<std::size_t>(n + 1), 0.0);
    double decay = 0.0;
    for (Index x = 0; x < d * d; ++x) {
        const complex diag = l.coeff(x, x);
        decay -= diag.real();
        const int k = down_count(x % d) - down_count(x / d);
        if (k < 0) continue;
        frequency[static_cast<std::size_t>(k)] += diag.imag();
        members[static_cast<std::size_t>(k)] += 1.0;
    }
    const double epsilon = 1e-3 * std::max(decay / n_reals, 1e-300);

    SpectrumBlock report;
    report.name = "all orders";
    report.dimension = size;
    report.solver = "shift-invert, " + std::to_string(n + 1) + " bands";
    long gmres_iterations = 0;
    ArnoldiOptions arnoldi;
    arnoldi.count = std::min<int>(options.modes, static_cast<int>(size) - 2);
    arnoldi.tolerance = options.tolerance;
    std::vector<GeneratorMode> found;
    const auto known = [&](complex z, std::size_t before) {
        return std::any_of(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(before), [&](const auto& m) {
            return std::abs(m.eigenvalue - z) <= 1e-8 * std::max(1.0, std::abs(z));
        });
    };
    for (int k = 0; k <= n; ++k) {
        const auto uk = static_cast<std::size_t>(k);
        const complex shift(epsilon, frequency[uk] / members[uk]);
        EigenResult result;
        if (inner == ShiftInvertInner::lu) {
            result = nearest_complex_eigenpairs(l, shift, arnoldi);
        } else {
            NearShiftOptions near;
            near.tolerance = 1e-3 * options.tolerance;
            // A quarter of the rows at most, so that small N (the tests) exercise the preconditioner too.
            near.near_rows = std::min<std::size_t>(near.near_rows, size / 4);
            NearShiftSolver solver(l, shift, near);
            result = nearest_complex_eigenpairs(
                l, shift, arnoldi, [&solver](const Eigen::VectorXcd& b, Eigen::VectorXcd& x) { solver.solve(b, x); });
            gmres_iterations += solver.iterations();
        }
        if (options.progress) options.progress(static_cast<double>(k + 1) / (n + 1));
        report.products += result.products;
        report.converged = report.converged && result.converged;
        const std::size_t before = found.size();  // duplicates only across shifts
        for (const auto& pair : result.pairs) {
            if (known(pair.value, before)) continue;
            GeneratorMode mode = classify(pair, d, n);
            found.push_back(mode);
            if (k == 0 || known(std::conj(pair.value), before)) continue;  // band 0 is its own mirror image
            mode.eigenvalue = std::conj(mode.eigenvalue);
            mode.coherence_order = -mode.coherence_order;
            found.push_back(mode);
        }
    }
    if (inner == ShiftInvertInner::gmres)
        report.solver += ", GMRES (" + std::to_string(gmres_iterations) + " iterations)";
    for (const auto& m : found) report.max_residual = std::max(report.max_residual, m.residual);
    report.found = found.size();
    modes.insert(modes.end(), found.begin(), found.end());
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

}  // namespace openspins::redfield
