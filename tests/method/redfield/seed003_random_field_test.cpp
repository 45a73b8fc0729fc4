// Seed 003's partially correlated random field on two like spins (eqs. 69, 72–74): each spin
// couples through ω_rms(S^x B^x + S^y B^y + S^z B^z) to local baths (one per axis) whose copies
// are correlated with κ, Lorentzian J_cl = 2τ/(1 + ω²τ²), quantum f_β treatment. The generator's
// eigenvalues contain R1^ran = ω_rms² J(ω_0) (→ 2ω_rms²τ, eq. 73) and, at high temperature, the
// singlet-order rate R_S = 4ω_rms²τ(1 − κ) (eq. 74) up to O(ω²τ²); tolerances 1e-9 and 2e-4 relative.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "openspins/config/config_reader.hpp"
#include "openspins/method/redfield/generator_spectrum.hpp"
#include "openspins/method/redfield/redfield_method.hpp"

using namespace openspins;

namespace {

std::string random_field(double kappa, double tau, double temperature) {
    std::string text = R"(
[method]
name = "redfield"
thermal = "f_beta"
lamb_shift = false
[spins]
count = 2
frequency = 1.0
[hamiltonian]
zeeman = "-"
[time]
stop = 1.0
)";
    for (const char* axis : {"x", "y", "z"}) {
        text += "[[bath]]\nname = \"r" + std::string(axis) + "\"\ntemperature = " + std::to_string(temperature) +
                "\nscope = \"local\"\ncorrelation = " + std::to_string(kappa) +
                "\nspectral_density = { kind = \"lorentzian\", correlation_time = " + std::to_string(tau) + " }\n";
        text += "[[coupling]]\nbath = \"r" + std::string(axis) + "\"\nkind = \"S" + axis + "\"\nstrength = 1.0\n";
    }
    return text;
}

bool has_rate(const std::vector<redfield::GeneratorMode>& modes, double rate, double relative) {
    for (const auto& m : modes)
        if (std::abs(-m.eigenvalue.real() - rate) <= relative * rate && std::abs(m.eigenvalue.imag()) < 1e-9)
            return true;
    return false;
}

}  // namespace

TEST(Seed003RandomField, LongitudinalAndSingletRates) {
    const double tau = 0.01, omega = 1.0;
    for (double kappa : {0.0, 0.3, 0.8}) {
        const RunSpec spec = read_run_toml(random_field(kappa, tau, 1000.0), "run.toml");
        const auto modes = redfield::generator_modes(RedfieldMethod::derived_spec(spec).model);
        const double r1 = 2.0 * tau / (1.0 + omega * omega * tau * tau);
        EXPECT_TRUE(has_rate(modes, r1, 1e-9)) << "R1 at kappa " << kappa;
        EXPECT_TRUE(has_rate(modes, 4.0 * tau * (1.0 - kappa), 2e-4)) << "R_S at kappa " << kappa;
    }
}
