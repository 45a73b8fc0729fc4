// Comparing generator spectra with the Kronecker-product Liouvillian (tests only).
#pragma once

#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <complex>
#include <vector>

#include "openspins/method/redfield/generator_spectrum.hpp"

namespace openspins::testing {

// Every eigenvalue of `modes` is within tol·max(1, |λ|) of one of `reference`, and vice versa
// when `both_ways` (equal multisets up to tol when the counts agree as well).
inline void expect_same_spectrum(const std::vector<GeneratorMode>& modes,
                                 const std::vector<std::complex<double>>& reference, double tol, bool both_ways) {
    const auto near = [tol](std::complex<double> a, std::complex<double> b) {
        return std::abs(a - b) <= tol * std::max(1.0, std::abs(b));
    };
    for (const auto& m : modes)
        EXPECT_TRUE(std::any_of(reference.begin(), reference.end(), [&](auto r) { return near(m.eigenvalue, r); }))
            << m.eigenvalue << " (" << m.label << ")";
    if (!both_ways) return;
    EXPECT_EQ(modes.size(), reference.size());
    for (const auto& r : reference)
        EXPECT_TRUE(std::any_of(modes.begin(), modes.end(), [&](const auto& m) { return near(m.eigenvalue, r); })) << r;
}

inline std::vector<std::complex<double>> dense_reference(const Model& model) {
    const Eigen::ComplexEigenSolver<Eigen::MatrixXcd> eig(redfield::dense_liouvillian(model), false);
    return {eig.eigenvalues().data(), eig.eigenvalues().data() + eig.eigenvalues().size()};
}

}  // namespace openspins::testing
