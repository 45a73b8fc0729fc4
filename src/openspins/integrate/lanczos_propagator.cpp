#include "openspins/integrate/lanczos_propagator.hpp"

#include <gsl/gsl_integration.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace openspins {

namespace {

using cplx = LanczosPropagator::cplx;

cplx dot(const cplx* x, const cplx* y, std::size_t n) {  // x†y
    cplx s{0.0};
    for (std::size_t i = 0; i < n; ++i) s += std::conj(x[i]) * y[i];
    return s;
}

// The Krylov step's tridiagonal T_m = QΛQᵀ and the bound's ingredients.
struct Tridiagonal {
    Eigen::VectorXd eigenvalues;
    Eigen::MatrixXd vectors;

    Tridiagonal(const std::vector<double>& alpha, const std::vector<double>& beta, int m) {
        const Eigen::Map<const Eigen::VectorXd> diag(alpha.data(), m);
        const Eigen::VectorXd sub = m > 1 ? Eigen::VectorXd(Eigen::Map<const Eigen::VectorXd>(beta.data(), m - 1))
                                          : Eigen::VectorXd(0);
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver;
        solver.computeFromTridiagonal(diag, sub, Eigen::ComputeEigenvectors);
        eigenvalues = solver.eigenvalues();
        vectors = solver.eigenvectors();
    }
    [[nodiscard]] int size() const { return static_cast<int>(eigenvalues.size()); }
    // e_iᵀ exp(−isT) e₁.
    [[nodiscard]] cplx element(int i, double s) const {
        cplx sum{0.0};
        for (int k = 0; k < size(); ++k) sum += vectors(i, k) * vectors(0, k) * std::polar(1.0, -s * eigenvalues(k));
        return sum;
    }
    // ∫₀^τ |e_mᵀ exp(−isT) e₁| ds by Gauss–Legendre on panels short against the spread of T's
    // spectrum, so the oscillations of the integrand are resolved at every trial τ.
    [[nodiscard]] double bound_integral(double tau, const gsl_integration_glfixed_table* table) const {
        const double spread = eigenvalues.maxCoeff() - eigenvalues.minCoeff();
        const int panels = std::clamp(static_cast<int>(std::ceil(tau * spread / 3.0)), 1, 256);
        const double h = tau / panels;
        double total = 0.0;
        struct Context {
            const Tridiagonal* t;
        } context{this};
        gsl_function f;
        f.function = [](double s, void* p) {
            const auto* c = static_cast<const Context*>(p);
            return std::abs(c->t->element(c->t->size() - 1, s));
        };
        f.params = &context;
        for (int p = 0; p < panels; ++p) total += gsl_integration_glfixed(&f, p * h, (p + 1) * h, table);
        return total;
    }
};

struct GlTableDeleter {
    void operator()(gsl_integration_glfixed_table* t) const { gsl_integration_glfixed_table_free(t); }
};

}  // namespace

LanczosPropagator::LanczosPropagator(std::size_t dimension, Options options)
    : dim_(dimension), options_(options) {
    options_.max_dimension = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(std::max(options_.max_dimension, 2)), std::max<std::size_t>(dimension, 1)));
    basis_.resize(static_cast<std::size_t>(options_.max_dimension + 1) * dim_);
    work_.resize(dim_);
}

void LanczosPropagator::propagate(const Apply& apply, cplx* psi, double tau) {
    propagate(apply, psi, tau, Sampling{});
}

void LanczosPropagator::propagate(const Apply& apply, cplx* psi, double tau, const Sampling& sampling) {
    const Sampling* sampled = sampling.offsets != nullptr && sampling.values != nullptr ? &sampling : nullptr;
    double done = 0.0;
    while (done < tau) {
        const double remaining = tau - done;
        const double advanced = step(apply, psi, remaining, done, sampled);
        // The last step lands exactly on τ (no rounding sliver left over).
        done = advanced >= remaining ? tau : done + advanced;
    }
}

double LanczosPropagator::step(const Apply& apply, cplx* psi, double tau, double done, const Sampling* sampling) {
    static const std::unique_ptr<gsl_integration_glfixed_table, GlTableDeleter> table(
        gsl_integration_glfixed_table_alloc(8));
    const double beta0 = std::sqrt(dot(psi, psi, dim_).real());
    ++stats_.steps;
    if (beta0 == 0.0) return tau;
    const double tolerance = options_.tolerance * beta0;
    auto v = [this](int k) { return basis_.data() + static_cast<std::size_t>(k) * dim_; };
    for (std::size_t i = 0; i < dim_; ++i) v(0)[i] = psi[i] / beta0;

    std::vector<double> alpha, beta;  // T's diagonal and off-diagonal; beta[j] couples v_j and v_{j+1}
    int m = 0;
    double accepted_tau = 0.0;
    std::unique_ptr<Tridiagonal> t;
    while (true) {
        const int j = m;  // building v_{j+1} from v_j (0-based)
        apply(v(j), work_.data());
        ++stats_.applications;
        const double a = dot(v(j), work_.data(), dim_).real();
        alpha.push_back(a);
        // Full re-orthogonalisation against every earlier vector (the three-term recurrence
        // alone loses orthogonality once eigenvalues converge, and with it the unitarity), by
        // modified Gram–Schmidt, repeated while the pass cancels most of the vector (the
        // Daniel–Gragg–Kaufman–Stewart criterion ‖w‖ < ‖w_before‖/√2: a single pass leaves
        // components ~ε‖w_before‖/‖w‖ along the basis, 1e-8 once the Krylov space has converged).
        double before = std::sqrt(dot(work_.data(), work_.data(), dim_).real());
        double b = 0.0;
        for (int pass = 0; pass < 3; ++pass) {
            for (int i = 0; i <= j; ++i) {
                const cplx c = dot(v(i), work_.data(), dim_);
                for (std::size_t r = 0; r < dim_; ++r) work_[r] -= c * v(i)[r];
            }
            b = std::sqrt(dot(work_.data(), work_.data(), dim_).real());
            if (b >= before / std::sqrt(2.0)) break;
            before = b;
        }
        m = j + 1;
        t = std::make_unique<Tridiagonal>(alpha, beta, m);
        const double scale = t->eigenvalues.cwiseAbs().maxCoeff() + b;
        const bool invariant = b <= 1e-14 * scale || m >= static_cast<int>(dim_);
        if (invariant) {
            accepted_tau = tau;  // exact in the invariant subspace
            break;
        }
        // The bound can only be small once m exceeds about τ·(spectral spread)/4 (the Chebyshev
        // picture of Krylov convergence); before that, skip its quadrature.
        const double spread = t->eigenvalues.maxCoeff() - t->eigenvalues.minCoeff();
        if (tau * spread <= 4.0 * m && b * t->bound_integral(tau, table.get()) <= tolerance) {
            accepted_tau = tau;
            break;
        }
        if (m == options_.max_dimension) {
            // The largest τ' ≤ τ whose bound is within the tolerance; the bound grows ~τ^m.
            double trial = spread > 0.0 ? std::min(tau, 4.0 * m / spread) : tau;
            double error = b * t->bound_integral(trial, table.get());
            for (int attempt = 0; attempt < 60 && error > tolerance; ++attempt) {
                const double factor = std::clamp(0.9 * std::pow(tolerance / error, 1.0 / m), 0.1, 0.9);
                trial *= factor;
                error = b * t->bound_integral(trial, table.get());
            }
            accepted_tau = trial;
            break;
        }
        beta.push_back(b);
        for (std::size_t r = 0; r < dim_; ++r) v(m)[r] = work_[r] / b;
    }
    if (sampling != nullptr) {
        const std::vector<double>& offsets = *sampling->offsets;
        const bool last = accepted_tau >= tau;
        for (std::size_t p = 0; p < offsets.size(); ++p) {
            const double s = offsets[p] - done;
            if (s <= 0.0 || (!last && s > accepted_tau)) continue;
            // c = β₀ Q e^{−isΛ} Qᵀe₁: the m phases once, then m² real-by-complex products.
            const double at = std::min(s, accepted_tau);
            std::vector<cplx> phased(static_cast<std::size_t>(m)), c(static_cast<std::size_t>(m), cplx{0.0});
            for (int k = 0; k < m; ++k)
                phased[static_cast<std::size_t>(k)] = beta0 * t->vectors(0, k) * std::polar(1.0, -at * t->eigenvalues(k));
            for (int i = 0; i < m; ++i)
                for (int k = 0; k < m; ++k) c[static_cast<std::size_t>(i)] += t->vectors(i, k) * phased[static_cast<std::size_t>(k)];
            double population = 0.0;
            for (std::size_t r = sampling->begin; r < sampling->end; ++r) {
                cplx amplitude{0.0};
                for (int i = 0; i < m; ++i) amplitude += c[static_cast<std::size_t>(i)] * v(i)[r];
                population += std::norm(amplitude);
            }
            (*sampling->values)[p] += sampling->weight * population;
        }
    }
    // ψ ← β₀ Σ_i c_i v_i, c = exp(−iτT) e₁.
    std::fill(psi, psi + dim_, cplx{0.0});
    for (int i = 0; i < m; ++i) {
        const cplx c = beta0 * t->element(i, accepted_tau);
        const cplx* vi = v(i);
        for (std::size_t r = 0; r < dim_; ++r) psi[r] += c * vi[r];
    }
    return accepted_tau;
}

}  // namespace openspins
