// CumulantSystem::Rhs::jacobian (method/cumulant/cumulant_system.hpp): the analytic Jacobian
// the cumulant method hands to CVODE, against central differences of the right-hand side at a
// generic state (every moment nonzero), for all six channels with a drive and Jz² at orders
// 1–3 and for spins with a mode at order 3. The right-hand side is a polynomial of degree ≤ 4
// in the reals, so central differences with h = 1e-5 are exact to ~h² × (its third
// derivative) ≲ 1e-8 of the largest entry; a wrong product-rule term is O(1) of it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "openspins/config/config_reader.hpp"
#include "openspins/method/cumulant/cumulant_system.hpp"

namespace openspins::testing {
namespace {

Model read_model(const std::string& body) {
    return read_run_toml("[method]\nname = \"cumulant\"\n" + body, "jacobian.toml").model;
}

const std::string everything = R"toml(
[spins]
count = 50
frequency = 1.3
[hamiltonian]
zeeman = "+"
[[hamiltonian.drive]]
omega_x = 0.8
[[hamiltonian.term]]
expr = "Jz*Jz"
strength = 0.4
[[channel]]
kind = "emission"
rate = 0.2
[[channel]]
kind = "absorption"
rate = 0.05
[[channel]]
kind = "dephasing"
rate = 0.1
[[channel]]
kind = "collective_emission"
rate = 0.3
[[channel]]
kind = "collective_absorption"
rate = 0.1
[[channel]]
kind = "collective_dephasing"
rate = 0.15
[time]
stop = 1.0
)toml";

const std::string with_mode = R"toml(
[spins]
count = 20
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 0.2
[[channel]]
kind = "collective_emission"
rate = 0.3
[cavity]
coupling = 0.3
detuning = 0.4
loss = 0.5
thermal_occupation = 0.1
[time]
stop = 1.0
)toml";

// max |analytic − central difference| over max |entry|.
double relative_jacobian_error(const cumulant::CumulantSystem& system, const std::map<std::string, double>& scale) {
    const auto rhs = system.rhs(scale);
    const std::size_t n = system.real_size();
    std::vector<double> y(n);
    for (std::size_t j = 0; j < n; ++j) y[j] = 0.3 * std::sin(1.7 * static_cast<double>(j) + 0.4);  // generic
    std::vector<double> jac(n * n, 0.0);
    rhs.jacobian(y.data(), jac.data(), n);
    const double h = 1e-5;
    double worst = 0.0, largest = 0.0;
    std::vector<double> up(n), down(n);
    for (std::size_t j = 0; j < n; ++j) {
        std::vector<double> yp = y, ym = y;
        yp[j] += h;
        ym[j] -= h;
        rhs(yp.data(), up.data());
        rhs(ym.data(), down.data());
        for (std::size_t i = 0; i < n; ++i) {
            const double fd = (up[i] - down[i]) / (2.0 * h);
            worst = std::max(worst, std::abs(jac[j * n + i] - fd));
            largest = std::max(largest, std::abs(fd));
        }
    }
    EXPECT_GT(largest, 0.0);
    return worst / largest;
}

TEST(CumulantJacobian, EqualsCentralDifferencesForAllChannelsAtOrdersOneToThree) {
    const Model model = read_model(everything);
    for (const int order : {1, 2, 3}) {
        const cumulant::CumulantSystem system(model, order);
        EXPECT_LT(relative_jacobian_error(system, {}), 1e-7) << "order " << order;
        // A protocol scale changes the rows' weights, not the tables' shape.
        EXPECT_LT(relative_jacobian_error(system, {{"collective_emission", 0.0}, {"dephasing", 3.0}}), 1e-7)
            << "order " << order;
    }
}

TEST(CumulantJacobian, EqualsCentralDifferencesWithAMode) {
    const cumulant::CumulantSystem system(read_model(with_mode), 3);
    EXPECT_LT(relative_jacobian_error(system, {}), 1e-7);
}

}  // namespace
}  // namespace openspins::testing
