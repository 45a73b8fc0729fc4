// The baths of a model as HEOM exponents: every independent noise channel
// (model/bath/environment.hpp: Σ A ⊗ B = Σ_c A_c ⊗ ξ_c, ⟨ξ_c(t)ξ_c⟩ = w_c C_bath(t)) with its
// correlation function expanded in damped exponentials (model/bath/*_correlation.hpp).
//
// For an exponent k of channel c (coupling operator Q = A_c, C(t) ⊃ c^R e^{−νt} and/or
// i c^I e^{−νt}) the hierarchy (hierarchy_generator.hpp) couples
//
//   ρ_n ← −i [Q, ρ_{n+e_k}]                                   (every exponent)
//   ρ_n ← n_k ( −i c^R [Q, ρ_{n−e_k}] + c^I {Q, ρ_{n−e_k}} )  (real and imaginary coefficients)
//   ρ_n ← −n_k ν_k ρ_n.
//
// A real-part and an imaginary-part exponent of the same channel with the same ν (|Δν| ≤
// 1e-7 + 1e-5|ν|) are combined into one carrying both coefficients — QuTiP 4.7's
// BosonicBath.combine rule, so hierarchies have the same size as QuTiP's at the same Nk.
#pragma once

#include <Eigen/Dense>
#include <complex>
#include <string>
#include <vector>

#include "openspins/method/heom/heom_options.hpp"
#include "openspins/model/bath/environment.hpp"

namespace openspins::heom {

struct HierarchyExponent {
    int channel = 0;                 // index into HierarchyBaths::couplings
    std::complex<double> rate;       // ν_k
    std::complex<double> real_coefficient = 0.0;       // c^R_k (commutator)
    std::complex<double> imaginary_coefficient = 0.0;  // c^I_k (anticommutator)
};

struct HierarchyBaths {
    std::vector<Eigen::MatrixXcd> couplings;       // Q_c, dense 2^N × 2^N
    std::vector<std::complex<double>> terminators;  // δ_c (0 without terminator)
    std::vector<std::string> labels;               // channel labels (bath, copy)
    std::vector<HierarchyExponent> exponents;
    std::vector<std::string> descriptions;         // per channel: expansion, terms, exponents (metadata)
    double fit_error = 0.0;                        // largest fit error of a fitted channel (0: none fitted)
    // Fitted channels: the largest |γ_fit(ω)/γ(ω) − 1| over ω = ±(the options' Bohr frequencies), and at ω = 0
    // (γ_fit(ω) = 2 Re Σ c/(ν − iω), γ the density's Bose spectrum, bath_spectrum.hpp); −1: not computed.
    double fit_spectrum_error = -1.0;
    double fit_spectrum_error_zero = -1.0;
};

// `extra_terms` adds to options.terms (the K vs K+1 check). Throws ModelError (message table)
// for a bath the expansions do not cover or at T = 0.
HierarchyBaths hierarchy_baths(const Environment& env, int spins, const HeomOptions& options, int extra_terms = 0);

// The number of exponents without building the matrices (memory estimates).
int count_exponents(const Environment& env, const HeomOptions& options, int extra_terms = 0);

}  // namespace openspins::heom
