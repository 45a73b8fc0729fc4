// Helpers for the dicke tests: one run file read twice (method exact and method
// dicke) so both methods see the same model through the config reader.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <string>
#include <vector>

#include "openspins/config/config_reader.hpp"
#include "openspins/method/dicke/dicke_basis.hpp"
#include "openspins/method/method.hpp"

namespace openspins::testing {

// `method_options`: more [method] lines, e.g. "propagator = \"integrator\"\n".
inline RunResult run_with(const std::string& method, const std::string& body, const std::string& method_options = "") {
    const std::string text =
        "[method]\nname = \"" + method + "\"\nrtol = 1e-11\natol = 1e-13\n" + method_options + body;
    const RunSpec spec = read_run_toml(text, "dicke_test.toml");
    return make_method(method)->run(spec, {});
}

// Largest |dicke − exact| over the columns both have, relative to max(1, |exact|).
inline double largest_difference(const RunResult& dicke, const RunResult& exact) {
    double worst = 0.0;
    EXPECT_EQ(dicke.series.rows(), exact.series.rows());
    for (const auto& column : exact.series.columns) {
        const auto a = dicke.series.column_values(column);
        const auto b = exact.series.column_values(column);
        for (std::size_t r = 0; r < std::min(a.size(), b.size()); ++r)
            worst = std::max(worst, std::abs(a[r] - b[r]) / std::max(1.0, std::abs(b[r])));
    }
    return worst;
}

// Reproducible pseudo-random reals in [−½, ½) (a linear congruential sequence from `seed`).
inline std::vector<double> random_reals(std::size_t count, unsigned seed) {
    std::vector<double> v(count);
    for (auto& x : v) x = ((seed = seed * 1103515245u + 12345u) >> 8) * (1.0 / 16777216.0) - 0.5;
    return v;
}

// A pseudo-random Hermitian ρ in the dicke "full" storage (every block Hermitian, not normalised).
inline std::vector<double> random_hermitian_blocks(const dicke::DickeBasis& basis, unsigned seed) {
    std::vector<double> y = random_reals(2 * basis.full_size(), seed);
    for (int b = 0; b < basis.blocks(); ++b) {
        auto* rho = reinterpret_cast<std::complex<double>*>(y.data()) + basis.full_offset(b);
        const int d = basis.dim(b);
        for (int r = 0; r < d; ++r)
            for (int c = 0; c <= r; ++c) {
                const std::complex<double> v = r == c ? std::complex<double>{rho[r * d + c].real()} : rho[r * d + c];
                rho[r * d + c] = v;
                rho[c * d + r] = std::conj(v);
            }
    }
    return y;
}

}  // namespace openspins::testing
