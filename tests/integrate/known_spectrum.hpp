// Real matrices with a known spectrum for the eigensolver tests: A = S B S⁻¹, B block diagonal
// with real eigenvalues and 2×2 blocks [[a, w], [−w, a]] (eigenvalues a ± iw), S = 1 + a random
// perturbation of norm ~0.3 (well conditioned, cond ≈ 10, so A is mildly non-normal).
#pragma once

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <complex>
#include <random>
#include <vector>

#include "openspins/integrate/real_eigensolver.hpp"

namespace openspins::known_spectrum {

struct Known {
    Eigen::MatrixXd a;
    std::vector<std::complex<double>> values;  // slowest first (decreasing Re, then increasing Im)
};

// `pairs` holds a + iw (w > 0) for each conjugate pair, `reals` the real eigenvalues.
inline Known similar_to(const std::vector<std::complex<double>>& pairs, const std::vector<double>& reals,
                        unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    const int n = static_cast<int>(2 * pairs.size() + reals.size());
    Eigen::MatrixXd b = Eigen::MatrixXd::Zero(n, n);
    Known k;
    for (std::size_t p = 0; p < pairs.size(); ++p) {
        const auto i = static_cast<Eigen::Index>(2 * p);
        b(i, i) = b(i + 1, i + 1) = pairs[p].real();
        b(i, i + 1) = pairs[p].imag();
        b(i + 1, i) = -pairs[p].imag();
        k.values.push_back(pairs[p]);
        k.values.push_back(std::conj(pairs[p]));
    }
    for (std::size_t r = 0; r < reals.size(); ++r) {
        const auto i = static_cast<Eigen::Index>(2 * pairs.size() + r);
        b(i, i) = reals[r];
        k.values.push_back({reals[r], 0.0});
    }
    Eigen::MatrixXd s = Eigen::MatrixXd::Identity(n, n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) s(i, j) += 0.3 * u(rng) / std::sqrt(static_cast<double>(n));
    k.a = s * b * s.inverse();
    std::sort(k.values.begin(), k.values.end(),
              [](auto x, auto y) { return x.real() != y.real() ? x.real() > y.real() : x.imag() < y.imag(); });
    return k;
}

// Random rates in [0.05, 3], frequencies in [0.1, 2], and one steady state (0) as a generator has.
inline Known known_matrix(int pairs, int reals, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> rate(0.05, 3.0), freq(0.1, 2.0);
    std::vector<std::complex<double>> p;
    for (int i = 0; i < pairs; ++i) {
        const double a = -rate(rng);
        p.push_back({a, freq(rng)});
    }
    std::vector<double> r;
    for (int i = 0; i < reals; ++i) r.push_back(i == 0 ? 0.0 : -rate(rng));
    return similar_to(p, r, seed + 1000);
}

inline RealOperator as_operator(const Eigen::MatrixXd& a) {
    return {static_cast<std::size_t>(a.rows()), [&a](const double* x, double* y) {
                Eigen::Map<Eigen::VectorXd>(y, a.rows()) = a * Eigen::Map<const Eigen::VectorXd>(x, a.cols());
            }};
}

}  // namespace openspins::known_spectrum
