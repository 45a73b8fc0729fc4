// One spin, H_S = −ωS^z (seed 000, zeeman "-"), coupled through λS^x (exchange) and ϰS^z
// (conserving) to baths with ohmic and super-ohmic J: the derived generators relax the
// populations at seed 000's γ_relax (3.1) and the coherence at ½γ_relax + γ_cons (3.2)–(3.3),
// γ_cons = ϰ²J̃(0)/(2β). Tolerance 1e-7 relative (CVODE at rtol 1e-10).
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <string>

#include "method/redfield/redfield_test_support.hpp"
#include "openspins/model/bath/form_factor_density.hpp"

using namespace openspins;
using openspins::testing::run_toml;

namespace {

std::string single_spin(const std::string& generator, int n_form, double lambda, double kappa, double T,
                        const std::string& initial) {
    return R"(
[method]
name = "redfield"
generator = ")" +
           generator + R"("
rtol = 1e-11
atol = 1e-13
[spins]
count = 1
frequency = 1.0
[hamiltonian]
zeeman = "-"
[[bath]]
name = "g"
temperature = )" +
           std::to_string(T) + R"(
spectral_density = { kind = "form_factor", n = )" +
           std::to_string(n_form) + R"(, m = 1, angular_integral = 0.05 }
[[bath]]
name = "f"
temperature = )" +
           std::to_string(T) + R"(
spectral_density = { kind = "form_factor", n = 0, m = 2, angular_integral = 0.05 }
[[coupling]]
bath = "g"
kind = "exchange"
strength = )" +
           std::to_string(lambda) + R"(
[[coupling]]
bath = "f"
kind = "conserving"
strength = )" +
           std::to_string(kappa) + R"(
)" + initial +
           R"(
[time]
stop = 20.0
points = 5
[output]
observables = ["spins"]
plot = false
)";
}

}  // namespace

class SingleSpinRates : public ::testing::TestWithParam<std::tuple<std::string, int>> {};

TEST_P(SingleSpinRates, RelaxationIsSeed31) {
    const auto& [generator, n_form] = GetParam();
    const double T = 0.6, lambda = 0.8, kappa = 0.5, w = 1.0;
    const auto r = run_toml(single_spin(generator, n_form, lambda, kappa, T, "[initial]\nkind = \"all_down\""));
    const FormFactorDensity j(n_form, 1, 0.05);
    const double gamma_relax = 0.25 / std::tanh(w / (2 * T)) * lambda * lambda * j.value(w);
    const double eq = std::tanh(w / (2 * T));  // ⟨σ^z⟩ at equilibrium, |↑⟩ ground
    const auto sz = r.series.column_values("sz_0");
    const auto& t = r.series.time;
    for (std::size_t k = 1; k < t.size(); ++k) {
        const double expected = eq + (-1.0 - eq) * std::exp(-gamma_relax * t[k]);
        EXPECT_NEAR(sz[k], expected, 1e-7 * std::abs(expected)) << generator << " t=" << t[k];
    }
}

TEST_P(SingleSpinRates, DephasingIsSeed32And33) {
    const auto& [generator, n_form] = GetParam();
    const double T = 0.6, lambda = 0.8, kappa = 0.5, w = 1.0;
    const auto r =
        run_toml(single_spin(generator, n_form, lambda, kappa, T, "[initial]\nkind = \"product\"\nbloch = [1, 0, 0]"));
    const FormFactorDensity jg(n_form, 1, 0.05);
    const FormFactorDensity jf(0, 2, 0.05);
    const double gamma_relax = 0.25 / std::tanh(w / (2 * T)) * lambda * lambda * jg.value(w);
    const double gamma_cons = kappa * kappa * jf.zero_slope() * T / 2.0;
    const double gamma_deph = 0.5 * gamma_relax + gamma_cons;
    const auto sx = r.series.column_values("sx_0");
    const auto sy = r.series.column_values("sy_0");
    const auto& t = r.series.time;
    for (std::size_t k = 1; k < t.size(); ++k) {
        const double amplitude = std::hypot(sx[k], sy[k]);
        // Bloch–Redfield keeps the non-secular terms (coherence ↔ its conjugate, rotating at 2ω):
        // the amplitude is modulated at O(|Γ|/ω) ≈ 5e-3 here, so only a loose check.
        const double tol = generator == "davies" ? 1e-7 : 1e-2;
        EXPECT_NEAR(amplitude, std::exp(-gamma_deph * t[k]), tol * std::exp(-gamma_deph * t[k]))
            << generator << " t=" << t[k];
    }
}

INSTANTIATE_TEST_SUITE_P(Generators, SingleSpinRates,
                         ::testing::Combine(::testing::Values("davies", "bloch_redfield"), ::testing::Values(0, 1)));
