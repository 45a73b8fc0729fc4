// A rational approximation of exp on the negative real axis: the Chebyshev rational
// approximation (CRAM) of type (16, 16), in partial fractions,
//
//   exp(z) ≈ r(z) = α₀ + Σ_{p=1}^{8} 2 Re( α_p / (z − θ_p) )     for real z ≤ 0,
//
// the best uniform approximation of exp on (−∞, 0]: |r(z) − exp(z)| ≤ 2.1e-16 in exact
// arithmetic (α₀ is that error's size); evaluated in doubles the residues (|α_p| up to
// ~240) cancel to ~3e-14 (tests/integrate/cram_coefficients_test.cpp measures it).
// The poles come in conjugate pairs; only the eight with Im θ > 0 are listed.
//
// For a matrix A whose spectrum lies on the negative real axis,
//   exp(hA) y ≈ α₀ y + Σ_p 2 Re( α_p (hA − θ_p)⁻¹ y ),
// i.e. eight complex shifted solves, whatever h (the approximation is uniform on the
// whole axis, so no step-size restriction from the stiffness of A).
//
// Coefficients: M. Pusa, "Correction to Partial Fraction Decomposition Coefficients for
// Chebyshev Rational Approximation on the Negative Real Axis", arXiv:1206.2880 (2012),
// order 16, the numbers as printed there; in the form above they approximate exp(z) for
// z ≤ 0 directly (no sign change; the test checks r against std::exp on [−1e4, 0]).
#pragma once

#include <array>
#include <complex>

namespace openspins::cram16 {

inline constexpr int pole_count = 8;

inline constexpr double alpha0 = 2.1248537104952237488e-16;

inline constexpr std::array<std::complex<double>, pole_count> theta{{
    {-1.0843917078696988026e+1, 1.9277446167181652284e+1},
    {-5.2649713434426468895e+0, 1.6220221473167927305e+1},
    {+5.9481522689511774808e+0, 3.5874573620183222829e+0},
    {+3.5091036084149180974e+0, 8.4361989858843750826e+0},
    {+6.4161776990994341923e+0, 1.1941223933701386874e+0},
    {+1.4193758971856659786e+0, 1.0925363484496722585e+1},
    {+4.9931747377179963991e+0, 5.9968817136039422260e+0},
    {-1.4139284624888862114e+0, 1.3497725698892745389e+1},
}};

inline constexpr std::array<std::complex<double>, pole_count> alpha{{
    {-5.0901521865224915650e-7, -2.4220017652852287970e-5},
    {+2.1151742182466030907e-4, +4.3892969647380673918e-3},
    {+1.1339775178483930527e+2, +1.0194721704215856450e+2},
    {+1.5059585270023467528e+1, -5.7514052776421819979e+0},
    {-6.4500878025539646595e+1, -2.2459440762652096056e+2},
    {-1.4793007113557999718e+0, +1.7686588323782937906e+0},
    {-6.2518392463207918892e+1, -1.1190391094283228480e+1},
    {+4.1023136835410021273e-2, -1.5743466173455468191e-1},
}};

// r(z) for a scalar z ≤ 0 (the tests compare it with std::exp).
inline double approximate_exp(double z) {
    double sum = alpha0;
    for (int p = 0; p < pole_count; ++p) sum += 2.0 * (alpha[p] / (z - theta[p])).real();
    return sum;
}

}  // namespace openspins::cram16
