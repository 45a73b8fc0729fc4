#include "openspins/integrate/propagator_eigensolver.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/ode_integrator.hpp"
#include "openspins/number_text.hpp"

namespace openspins {

namespace {

Eigen::VectorXd random_unit_vector(Eigen::Index n) {
    Eigen::VectorXd x(n);
    std::mt19937_64 rng(20261121);
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    for (auto& e : x) e = uniform(rng);
    return x.normalized();
}

std::string number(double x) { return number_text("%.3g", x); }

}  // namespace

double mean_decay_estimate(const RealOperator& a) {
    const Eigen::VectorXd x = random_unit_vector(static_cast<Eigen::Index>(a.size));
    Eigen::VectorXd ax(x.size());
    a.apply(x.data(), ax.data());
    return -x.dot(ax);
}

double mean_decay_rate(const RealOperator& a) {
    const Eigen::VectorXd x = random_unit_vector(static_cast<Eigen::Index>(a.size));
    Eigen::VectorXd ax(x.size());
    a.apply(x.data(), ax.data());
    const double rate = -x.dot(ax);
    // Without dissipation A is 0 (a dissipator alone) or antisymmetric in an orthonormal basis
    // (−i[H, ·] alone): xᵀAx is then 0 or rounding, ~1e-16·‖Ax‖ of either sign, and τ = 30 / rate
    // would span ~1e17 of the generator's timescales. Below 1e-12·‖Ax‖ there is no decay at
    // working precision.
    if (!(rate > no_decay_fraction * ax.norm()))
        throw ModelError(messages::format_message("propagator_no_decay", {number(rate + 0.0)}));  // + 0: no "-0"
    return rate;
}

double fastest_rate_estimate(const RealOperator& a) {
    Eigen::VectorXd x = random_unit_vector(static_cast<Eigen::Index>(a.size)), ax(x.size());
    double largest = 0.0;
    for (int k = 0; k < 8; ++k) {
        a.apply(x.data(), ax.data());
        const double growth = ax.norm();  // ‖Ax‖ for a unit x: at most ‖A‖₂
        largest = std::max(largest, growth);
        if (!(growth > 0.0) || !std::isfinite(growth)) break;
        x = ax / growth;
    }
    return largest;
}

EigenResult slowest_by_propagator(const RealOperator& a, const PropagatorOptions& options) {
    if (!(options.tau > 0.0)) throw ModelError(messages::format_message("propagator_tau"));
    // Each application of B integrates over τ in steps bounded by 1/ρ, ρ the fastest rate: Adams
    // at rtol 1e-10 took 1–2 generator products per unit of τρ (three driven spins with emission
    // 0.1, KMS-scaled: ρ ≈ 24, τ = 100 and 400), so τρ = max_timescales is ~2·10⁵ products per
    // propagation and ~10⁷ per solve of ~50 propagations (minutes at N = 3, more beyond).
    const double fastest = fastest_rate_estimate(a);
    if (options.tau * fastest > max_timescales)
        throw ModelError(messages::format_message(
            "propagator_tau_too_long", {number(options.tau), number(options.tau * fastest), number(fastest),
                                        number(max_timescales)}));
    const auto n = static_cast<Eigen::Index>(a.size);
    double shift = 0.0;
    SolverOptions solver;
    solver.integrator = "adams";
    solver.rtol = options.rtol;
    solver.atol = 1e-3 * options.rtol / std::sqrt(static_cast<double>(a.size));
    const auto integrator = make_integrator(
        a.size,
        [&](double, const double* y, double* ydot) {
            a.apply(y, ydot);
            for (Eigen::Index k = 0; k < n; ++k) ydot[k] += shift * y[k];
        },
        solver, true);
    const auto propagate = [&](const double* x, double* y, double tau) {
        integrator->reset(0.0, x, tau);
        integrator->advance(tau, y);
    };
    // The shift: a random unit vector propagated over τ/4 eight times, renormalised each time;
    // its decay per interval tends to the slowest rate's e^{Re λ₁·τ/4} (as in the power method).
    Eigen::VectorXd x = random_unit_vector(n), y(n);
    for (int pass = 0; pass < 8; ++pass) {
        propagate(x.data(), y.data(), options.tau / 4);
        const double growth = y.norm();
        if (!(growth > 0.0) || !std::isfinite(growth))
            throw NumericalError(messages::format_message("propagator_vanished"));
        shift -= std::log(growth) / (options.tau / 4);
        x = y / growth;
    }
    ArnoldiOptions arnoldi = options.arnoldi;
    if (arnoldi.subspace == 0) arnoldi.subspace = 2 * arnoldi.count + 20;
    EigenResult result = transformed_eigenpairs(
        a, [&](const double* in, double* out) { propagate(in, out, options.tau); }, arnoldi, Dominant::largest_modulus);
    result.products += integrator->statistics().rhs_evaluations;
    result.transforms += 2;  // the shift estimate's eight quarter-intervals
    return result;
}

}  // namespace openspins
