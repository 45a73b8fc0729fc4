// Shared pieces of the seed-004 tests: Pauli matrices, the spin-½ model of the seed's §1.1.4/§2.1,
// a 3-level model satisfying (A0) (the seed's example (1.32): G tridiagonal with zero diagonal,
// μ_S diagonal in h's basis), and X(t) = e^{ith} X e^{−ith} by Eigen's matrix exponential — an
// evaluation independent of the eigenbasis phases the library uses.
#pragma once

#include <Eigen/Dense>
#include <complex>
#include <unsupported/Eigen/MatrixFunctions>

#include "openspins/method/analytic/mean_field_mode_model.hpp"

namespace openspins::test::seed004 {

using Matrix = Eigen::MatrixXcd;
using complex = std::complex<double>;

inline Matrix pauli(char which) {
    Matrix m = Matrix::Zero(2, 2);
    if (which == 'x') m << 0, 1, 1, 0;
    if (which == 'y') m << 0, complex(0, -1), complex(0, 1), 0;
    if (which == 'z') m << 1, 0, 0, -1;
    return m;
}

// h = (ω₀/2)σ^z, G = σ^x (or σ^z), μ_S = diag(p_↑, 1 − p_↑).
inline analytic::MeanFieldModeModel spin_half(double omega0, double omega, double lambda, double p_up,
                                              char coupling = 'x') {
    analytic::MeanFieldModeModel m;
    m.h = 0.5 * omega0 * pauli('z');
    m.G = pauli(coupling);
    m.rho = Matrix::Zero(2, 2);
    m.rho(0, 0) = p_up;
    m.rho(1, 1) = 1.0 - p_up;
    m.omega = omega;
    m.lambda = lambda;
    return m;
}

// A 3-level particle with h diagonal but not in ascending order and G as in (1.32): (A0) holds for
// μ_S diagonal.
inline analytic::MeanFieldModeModel three_level(double omega, double lambda, complex g) {
    analytic::MeanFieldModeModel m;
    m.h = Matrix::Zero(3, 3);
    m.h.diagonal() << 0.9, -0.4, 1.7;
    m.G = Matrix::Zero(3, 3);
    m.G(0, 1) = complex(0.6, 0.3);
    m.G(1, 2) = complex(-0.2, 0.8);
    m.G(1, 0) = std::conj(m.G(0, 1));
    m.G(2, 1) = std::conj(m.G(1, 2));
    m.rho = Matrix::Zero(3, 3);
    m.rho.diagonal() << 0.5, 0.3, 0.2;
    m.omega = omega;
    m.lambda = lambda;
    m.g = g;
    return m;
}

inline Matrix heisenberg(const Matrix& h, const Matrix& x, double t) {
    const Matrix u = (complex(0.0, t) * h).exp();
    return u * x * u.adjoint();
}

}  // namespace openspins::test::seed004
