// Random models with every term kind the exact method's kernels handle, and random Hermitian ρ, for the
// kernels' tests: single-spin fields along x, y, z, two-spin Pauli products on random pairs, local
// emission, absorption and dephasing, two-spin jumps, sums of units and the collective lowering operator.
#pragma once

#include <random>
#include <vector>

#include "openspins/model/channel.hpp"
#include "openspins/model/spin_operator.hpp"

namespace openspins::testing {

struct RandomModel {
    SpinOperator h;
    std::vector<Jump> jumps;
};

inline SpinOperator pauli(int axis, int spin) {
    switch (axis) {
        case 0: return SpinOperator::sigma_x(spin);
        case 1: return SpinOperator::sigma_y(spin);
        default: return SpinOperator::sigma_z(spin);
    }
}

inline RandomModel random_model(int spins, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    std::uniform_int_distribution<int> spin(0, spins - 1), axis(0, 2);
    RandomModel m;
    for (int i = 0; i < spins; ++i)
        for (int a = 0; a < 3; ++a) m.h += pauli(a, i) * complex{u(gen)};
    for (int k = 0; k < 2 * spins; ++k) {
        const int i = spin(gen), j = spin(gen);
        if (i != j) m.h += pauli(axis(gen), i) * pauli(axis(gen), j) * complex{u(gen)};
    }
    const auto rate = [&] { return 0.5 + 0.5 * u(gen); };
    for (int i = 0; i < spins; ++i) {
        m.jumps.push_back({rate(), SpinOperator::sigma_minus(i)});
        m.jumps.push_back({rate(), SpinOperator::sigma_plus(i)});
        m.jumps.push_back({rate(), SpinOperator::sigma_z(i)});
    }
    if (spins >= 2) {
        for (int k = 0; k < 3; ++k) {
            const int i = spin(gen), j = spin(gen);
            if (i == j) continue;
            m.jumps.push_back({rate(), SpinOperator::sigma_minus(i) * SpinOperator::sigma_minus(j)});
            m.jumps.push_back({rate(), SpinOperator::sigma_minus(i) + SpinOperator::sigma_plus(j) * complex{0.0, 0.5}});
        }
        SpinOperator collective;
        for (int i = 0; i < spins; ++i) collective += SpinOperator::sigma_minus(i);
        m.jumps.push_back({rate(), collective});
    }
    return m;
}

// Row-major complex matrix of a random Hermitian ρ with entries of order one.
inline std::vector<complex> random_hermitian(int spins, unsigned seed) {
    const std::size_t d = std::size_t{1} << spins;
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    std::vector<complex> rho(d * d);
    for (std::size_t r = 0; r < d; ++r) {
        rho[r * d + r] = u(gen);
        for (std::size_t c = r + 1; c < d; ++c) {
            rho[r * d + c] = complex(u(gen), u(gen));
            rho[c * d + r] = std::conj(rho[r * d + c]);
        }
    }
    return rho;
}

}  // namespace openspins::testing
