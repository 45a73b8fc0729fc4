// Seed 003's temperature corrections to the singlet → magnetisation recovery (eq. 77, Appendix D),
// on its two like spins with dipolar + partially correlated random-field relaxation
// (examples/nmr_dipolar_random_field_singlet.toml: b = 2, κ = 0.3, τ = 1e-3, ω_0 = 1, f_β).
//
// ⟨I_z⟩(t)/⟨I_z⟩_eq = 1 + Σ_k a_k e^{λ_k t} exactly, from the modes of the generator the redfield
// method derives (dense Liouvillian, eigen-decomposition). Eq. (77) keeps two modes with the
// β → 0 amplitudes A_1 = R_S/(2(R1 − R_S)), A_S = (R_S − 2R1)/(2(R1 − R_S)); Appendix D says the
// amplitudes are A_1 + C_1β² and A_S − C_1β² with C_1 given by (D2). Checked:
//  * the run's amplitudes equal those of the printed population block (76) solved exactly
//    (Eigen, in this test) at βω_0 = 0.05, 0.5, 2 — 1e-5 absolute (Lorentzian vs J = 2τ:
//    O(ω²τ²) = 1e-6 relative on the rates, amplified by 1/(R1 − R_S));
//  * the corrections are even in β: (a_S(β) − A_S)/β² converges (β = 0.05 vs 0.025 within 1%),
//    and the amplitudes near R1 sum to A_1 − (a_S(β) − A_S) (their total is fixed by the ratio
//    being 0 at t = 0 and 1 at t = ∞), i.e. C_S = −C_1 as Appendix D states;
//  * the value: the exact coefficient is C_S = −0.0283 ω_0² here, while (D2) gives −C_1 = +0.0413:
//    the printed (D2) does not describe (76) (docs/validation/redfield.md, "Seed 003, Appendix D").
//    The test asserts the opposite sign so that this finding stays checked.
//  * at βω_0 = 0.5 and 2, (77) with β-independent amplitudes is off by 1e-2 and more — the size
//    of the temperature corrections (76) contains and (77) drops.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "openspins/config/config_reader.hpp"
#include "openspins/method/redfield/generator_spectrum.hpp"
#include "openspins/method/redfield/redfield_method.hpp"

using namespace openspins;

namespace {

constexpr double b = 2.0, kappa = 0.3, tau = 1e-3, omega0 = 1.0;
const double r1dd = 1.5 * b * b * tau, r1ran = 2.0 * tau, r1 = r1dd + r1ran, rs = 4.0 * tau * (1.0 - kappa);
const double a1 = rs / (2 * (r1 - rs)), as = (rs - 2 * r1) / (2 * (r1 - rs));

struct Mode {
    double rate;       // −λ
    double amplitude;  // a_k of ⟨I_z⟩/⟨I_z⟩_eq − 1 = Σ a_k e^{−rate t}
};

// The example at temperature T, its derived generator's modes projected on ρ(0) = singlet and
// on J^z (normalised by ⟨J^z⟩_eq = −tanh(βω_0/2): zeeman "+", |↓⟩ lowest).
std::vector<Mode> openspins_modes(double temperature) {
    const std::string path = std::string(OPENSPINS_SOURCE_DIR) + "/examples/nmr_dipolar_random_field_singlet.toml";
    std::ifstream in(path);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    for (std::size_t at = text.find("temperature = 50.0"); at != std::string::npos;
         at = text.find("temperature = 50.0", at))
        text.replace(at, 18, "temperature = " + std::to_string(temperature));
    const Model model = RedfieldMethod::derived_spec(read_run_toml(text, path)).model;
    const Eigen::MatrixXcd l = redfield::dense_liouvillian(model);
    const Eigen::ComplexEigenSolver<Eigen::MatrixXcd> eig(l);
    // ρ(0) = |S0⟩⟨S0|, |S0⟩ = (|↑↓⟩ − |↓↑⟩)/√2: basis b = bit_0 + 2 bit_1, bit = 1 is |↓⟩.
    Eigen::Matrix4cd rho0 = Eigen::Matrix4cd::Zero();
    rho0(1, 1) = rho0(2, 2) = 0.5;
    rho0(1, 2) = rho0(2, 1) = -0.5;
    const Eigen::VectorXcd c = eig.eigenvectors().colPivHouseholderQr().solve(
        Eigen::Map<const Eigen::VectorXcd>(rho0.data(), 16));
    const double jz_eq = -std::tanh(omega0 / (2.0 * temperature));
    std::vector<Mode> modes;
    for (int k = 0; k < 16; ++k) {
        const Eigen::VectorXcd v = eig.eigenvectors().col(k);
        // Tr(J^z ρ) with J^z = diag(1, 0, 0, −1) on column-major vec(ρ): elements 0 and 15.
        const std::complex<double> jz = c(k) * (v(0) - v(15));
        if (std::abs(jz) < 1e-14) continue;
        modes.push_back({-eig.eigenvalues()(k).real(), (jz / jz_eq).real()});
    }
    return modes;
}

// The same from the printed population block (76) in the basis (S0, T+1, T0, T−1), J = 2τ.
std::vector<Mode> eq76_modes(double temperature) {
    const auto f = [&](double omega) { return 2.0 / (1.0 + std::exp(omega / temperature)); };
    const double a = 0.5 * (1 - kappa) * r1ran, c = 0.5 * (1 + kappa) * r1ran;
    Eigen::Matrix4d w;
    w << 0, a * f(-1), a, a * f(1),                                            //
        a * f(1), 0, r1dd / 5 * f(1) + c * f(1), 2 * r1dd / 5 * f(2),          //
        a, r1dd / 5 * f(-1) + c * f(-1), 0, r1dd / 5 * f(1) + c * f(1),        //
        a * f(-1), 2 * r1dd / 5 * f(-2), r1dd / 5 * f(-1) + c * f(-1), 0;
    for (int j = 0; j < 4; ++j) w(j, j) = -w.col(j).sum();
    const Eigen::EigenSolver<Eigen::Matrix4d> eig(w);
    const Eigen::Matrix4d v = eig.eigenvectors().real();
    const Eigen::Vector4d c0 = v.colPivHouseholderQr().solve(Eigen::Vector4d(1, 0, 0, 0));
    const double jz_eq = -std::tanh(omega0 / (2.0 * temperature));
    std::vector<Mode> modes;
    for (int k = 0; k < 4; ++k) {
        const double jz = c0(k) * (v(1, k) - v(3, k));  // J^z = p(T+1) − p(T−1)
        if (std::abs(jz) < 1e-14) continue;
        modes.push_back({-eig.eigenvalues()(k).real(), jz / jz_eq});
    }
    return modes;
}

double ratio(const std::vector<Mode>& modes, double t) {
    double r = 0.0;
    for (const auto& m : modes) r += m.amplitude * std::exp(-m.rate * t);
    return r;
}

// Amplitude of the mode at R_S (the only one within 1% of it).
double singlet_amplitude(const std::vector<Mode>& modes) {
    double a = 0.0;
    int found = 0;
    for (const auto& m : modes)
        if (std::abs(m.rate - rs) < 1e-2 * rs) {
            a = m.amplitude;
            ++found;
        }
    EXPECT_EQ(found, 1);
    return a;
}

// Seed 003 (D2).
double c1_appendix_d() {
    const double R1 = r1, Rd = r1dd, RS = rs;
    return omega0 * omega0 * RS *
           (600 * std::pow(R1, 3) - 20 * R1 * R1 * (4416 * Rd + 35 * RS) -
            5 * RS * (17280 * Rd * Rd + 2958 * Rd * RS + 5 * RS * RS) +
            2 * R1 * (43488 * Rd * Rd + 51120 * Rd * RS + 125 * RS * RS)) /
           (5760 * R1 * (150 * R1 - 149 * Rd - 25 * RS) * std::pow(R1 - RS, 2));
}

}  // namespace

TEST(Seed003AppendixD, RecoveryFromTheSingletFollowsEq76AtAnyTemperature) {
    for (double beta : {0.05, 0.5, 2.0}) {
        const auto ours = openspins_modes(1.0 / beta);
        const auto seed = eq76_modes(1.0 / beta);
        double worst77 = 0.0;
        for (double t = 0.0; t <= 1500.0; t += 50.0) {
            EXPECT_NEAR(ratio(ours, t), ratio(seed, t), 1e-5) << "βω0 = " << beta << " t = " << t;
            const double eq77 = 1 + a1 * std::exp(-r1 * t) + as * std::exp(-rs * t);
            worst77 = std::max(worst77, std::abs(ratio(ours, t) - eq77));
        }
        if (beta >= 0.5) {
            EXPECT_GT(worst77, 1e-2) << "βω0 = " << beta;  // the temperature corrections (77) drops
        }
        EXPECT_NEAR(ratio(ours, 0.0), 0.0, 1e-10);  // ⟨I_z⟩ = 0 in the singlet
    }
}

TEST(Seed003AppendixD, AmplitudeCorrectionsAreEvenInBetaButNotThePrintedD2) {
    const double reference = singlet_amplitude(openspins_modes(1e6));  // β → 0 with this J (not exactly 2τ)
    EXPECT_NEAR(reference, as, 1e-5);
    std::vector<double> cs;
    for (double beta : {0.05, 0.025}) {
        const auto ours = openspins_modes(1.0 / beta);
        const double a_s = singlet_amplitude(ours);
        cs.push_back((a_s - reference) / (beta * beta));
        // The eq. (76) solution at the same β agrees (both at J = 2τ up to O(ω²τ²)).
        EXPECT_NEAR((singlet_amplitude(eq76_modes(1.0 / beta)) - as) / (beta * beta), cs.back(), 1e-2 * std::abs(cs.back()));
        // The other decaying modes carry A_1 − (a_S − A_S): C_S = −C_1.
        double others = 0.0;
        for (const auto& m : ours)
            if (m.rate > 1e-9 && std::abs(m.rate - rs) >= 1e-2 * rs) others += m.amplitude;
        EXPECT_NEAR(others - a1 + (a_s - as), 0.0, 1e-5) << beta;
    }
    EXPECT_NEAR(cs[0], cs[1], 1e-2 * std::abs(cs[1]));  // O(β²): the next term is O(β⁴)
    EXPECT_NEAR(cs[1], -0.0283, 5e-4);                   // the exact coefficient C_S for this model
    const double c1 = c1_appendix_d();
    EXPECT_NEAR(-c1, 0.0413, 1e-4);  // what (D2) prints for C_S = −C_1
    EXPECT_LT(cs[1] * -c1, 0.0);     // finding: opposite sign (docs/validation/redfield.md)
}
