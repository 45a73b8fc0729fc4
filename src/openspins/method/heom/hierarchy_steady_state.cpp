#include "openspins/method/heom/hierarchy_steady_state.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <map>

#include "openspins/integrate/gmres_solver.hpp"
#include "openspins/method/heom/hierarchy_generator.hpp"

namespace openspins::heom {

namespace {

using complex = std::complex<double>;

// Orders complex numbers for the map of distinct decays.
struct ComplexLess {
    bool operator()(const complex& a, const complex& b) const {
        return a.real() < b.real() || (a.real() == b.real() && a.imag() < b.imag());
    }
};

}  // namespace

HierarchySteadyState hierarchy_steady_state(const Eigen::MatrixXcd& hamiltonian,
                                            const std::vector<std::pair<double, Eigen::MatrixXcd>>& jumps,
                                            const HierarchyBaths& baths, const AdoIndex& index, double tolerance) {
    const HierarchyGenerator generator(hamiltonian, jumps, baths, index);
    const int d = generator.dimension();
    const Eigen::Index d2 = static_cast<Eigen::Index>(d) * d;
    const std::size_t m = index.size();
    const std::size_t total = m * static_cast<std::size_t>(d2);  // complex entries

    // σ: the slowest bath rate (the scale of the slowest ADO decay), 1 without exponents.
    double sigma = std::numeric_limits<double>::infinity();
    for (const auto& e : baths.exponents) sigma = std::min(sigma, std::abs(e.rate.real()));
    if (!std::isfinite(sigma) || sigma <= 0.0) sigma = 1.0;

    // Each ADO's own block: 𝓛_S + terminators (the generator of a depth-0 hierarchy, column by column).
    const bool dense_blocks = d2 <= 256;
    Eigen::MatrixXcd own;
    if (dense_blocks) {
        const AdoIndex single(index.exponents(), 0);
        const HierarchyGenerator system(hamiltonian, jumps, baths, single);
        own.resize(d2, d2);
        Eigen::VectorXcd unit = Eigen::VectorXcd::Zero(d2);
        for (Eigen::Index c = 0; c < d2; ++c) {
            unit(c) = 1.0;
            system.apply(unit.data(), own.col(c).data());
            unit(c) = 0.0;
        }
    }
    // E·Tr on ρ_0 (column-major: the diagonal sits at r + r·D). ρ_0's block is own − σ + (1 + σ)E·Tr: E·Tr maps the
    // identity direction to itself with eigenvalue 1, so the identity direction keeps eigenvalue 1 and the rest
    // (𝓛_S's kernel: what commutes with H) is shifted by −σ — never singular.
    const double e = 1.0 / d;
    std::map<complex, Eigen::PartialPivLU<Eigen::MatrixXcd>, ComplexLess> factors;
    Eigen::PartialPivLU<Eigen::MatrixXcd> top_lu;
    std::vector<const Eigen::PartialPivLU<Eigen::MatrixXcd>*> block(m, nullptr);
    if (dense_blocks) {
        Eigen::MatrixXcd top = own - sigma * Eigen::MatrixXcd::Identity(d2, d2);
        for (int r = 0; r < d; ++r)
            for (int q = 0; q < d; ++q)
                top(r + static_cast<Eigen::Index>(r) * d, q + static_cast<Eigen::Index>(q) * d) += (1.0 + sigma) * e;
        top_lu.compute(top);
        block[0] = &top_lu;
        for (std::size_t a = 1; a < m; ++a) {
            const complex g = generator.decay(a);
            auto it = factors.find(g);
            if (it == factors.end())
                it = factors.emplace(g, Eigen::PartialPivLU<Eigen::MatrixXcd>(own - g * Eigen::MatrixXcd::Identity(d2, d2)))
                         .first;
            block[a] = &it->second;
        }
    }
    const auto precondition = [&](const complex* r, complex* z) {
        for (std::size_t a = 0; a < m; ++a) {
            const complex* ra = r + a * static_cast<std::size_t>(d2);
            complex* za = z + a * static_cast<std::size_t>(d2);
            if (dense_blocks) {
                Eigen::Map<Eigen::VectorXcd>(za, d2) = block[a]->solve(Eigen::Map<const Eigen::VectorXcd>(ra, d2));
            } else {
                const complex f = 1.0 / (sigma + generator.decay(a));
                for (Eigen::Index i = 0; i < d2; ++i) za[i] = f * ra[i];
            }
        }
    };
    std::vector<complex> tmp(total), out(total);
    const auto apply = [&](const complex* x, complex* y) {
        generator.apply(x, y);
        complex trace = 0.0;
        for (int r = 0; r < d; ++r) trace += x[r + static_cast<std::ptrdiff_t>(r) * d];
        for (int r = 0; r < d; ++r) y[r + static_cast<std::ptrdiff_t>(r) * d] += e * trace;
    };
    // Right preconditioning: GMRES on A M⁻¹ u = E, x = M⁻¹ u (the residual is A's own).
    const auto preconditioned = [&](const double* in, double* result) {
        precondition(reinterpret_cast<const complex*>(in), tmp.data());
        apply(tmp.data(), reinterpret_cast<complex*>(result));
    };
    std::vector<complex> rhs(total, 0.0), u(total);
    for (int r = 0; r < d; ++r) rhs[static_cast<std::size_t>(r + r * d)] = e;
    const double rhs_norm = std::sqrt(static_cast<double>(d)) * e;
    const auto gmres = solve_gmres(2 * total, preconditioned, reinterpret_cast<const double*>(rhs.data()),
                                   reinterpret_cast<double*>(u.data()), tolerance * rhs_norm, 80, 200);
    precondition(u.data(), out.data());
    HierarchySteadyState result;
    result.rho = Eigen::Map<const Eigen::MatrixXcd>(out.data(), d, d);
    // The residual of the original system, measured (SPGMR's is that of its scaled inner problem).
    apply(out.data(), tmp.data());
    double r2 = 0.0;
    for (std::size_t i = 0; i < total; ++i) r2 += std::norm(tmp[i] - rhs[i]);
    result.residual = std::sqrt(r2) / rhs_norm;
    result.iterations = gmres.iterations;
    result.converged = gmres.converged || result.residual <= tolerance;
    return result;
}

}  // namespace openspins::heom
