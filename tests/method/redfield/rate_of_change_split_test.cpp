// Seed 003 eq. (67) / Figs. 1–2: d⟨O⟩/dt split into the "double commutator" (classical rates
// J(|ω|)) and "thermal" (γ(ω) − J(|ω|) = J tanh(βω/2) for f_β) parts, per relaxation mechanism,
// on the seed's two like spins (examples/nmr_dipolar_random_field_singlet.toml: dipolar b = 2 on
// baths dd0–dd4, random field κ = 0.3 on field_x/y/z, τ = 1e-3, ω_0 = 1, H = +ω_0 J^z) at βω_0 = 0.5.
//
// Derived here for the random field (rank 1: Davies jumps ½σ^∓_n at ±ω_0 from S^x and S^y, copies
// correlated with κ; F = σ^+_0σ^-_1 + σ^-_0σ^+_1 the flip-flop):
//   thermal part of d⟨J^z⟩/dt = −J(ω_0) tanh(βω_0/2) (1 + κ⟨F⟩(t))      (D†[L](J^z) = −L†L for a lowering L)
// so it is state independent but for the flip-flop correlation, and from the state inverted
// from Boltzmann equilibrium (⟨J^z⟩ = +tanh(βω_0/2), ⟨F⟩ = 0) it equals the double-commutator part
// −J(ω_0)⟨J^z⟩ (both drive the magnetisation back at the same rate). Tolerances 1e-10 relative
// (dense matrix exponentials).
#include "openspins/method/redfield/rate_of_change_split.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"

using namespace openspins;
using redfield::split_rate_of_change;

namespace {

constexpr double T = 2.0, kappa = 0.3, tau = 1e-3;
const std::string example = std::string(OPENSPINS_SOURCE_DIR) + "/examples/nmr_dipolar_random_field_singlet.toml";

// The example at T = 2 from `initial` (a TOML [initial] body), outputs at `times`.
RunSpec seed003(const std::string& initial, const std::string& times = "[0.0, 50.0, 200.0, 800.0]") {
    std::ifstream in(example);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    for (std::size_t at = text.find("temperature = 50.0"); at != std::string::npos; at = text.find("temperature = 50.0", at))
        text.replace(at, 18, "temperature = 2.0");
    text.replace(text.find("kind = \"file\"\npath = \"nmr_singlet_rho0.txt\""), 43, initial);
    text.replace(text.find("stop = 1500.0\npoints = 151"), 26, "times = " + times);
    return read_run_toml(text, example);
}

// Bloch z component, to all digits (std::to_string keeps six).
std::string exact_number(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", x);
    return buffer;
}

SpinOperator jz() { return collective_jz({0, 1}); }
SpinOperator flip_flop() {
    return SpinOperator::sigma_plus(0) * SpinOperator::sigma_minus(1) +
           SpinOperator::sigma_minus(0) * SpinOperator::sigma_plus(1);
}
// ¼ − I·S, the singlet projector.
SpinOperator singlet() {
    SpinOperator s = complex(0.25) * SpinOperator::identity();
    const auto half = complex(0.5);
    s = s - half * SpinOperator::sigma_x(0) * (half * SpinOperator::sigma_x(1));
    s = s - half * SpinOperator::sigma_y(0) * (half * SpinOperator::sigma_y(1));
    s = s - half * SpinOperator::sigma_z(0) * (half * SpinOperator::sigma_z(1));
    return s;
}

const std::vector<std::string> random_field = {"field_x", "field_y", "field_z"};
const std::vector<std::string> dipolar = {"dd0", "dd1", "dd2", "dd3", "dd4"};
const std::string singlet_initial = "kind = \"file\"\npath = \"nmr_singlet_rho0.txt\"";

void expect_relative(double value, double expected, double scale, const std::string& what) {
    EXPECT_NEAR(value, expected, 1e-10 * scale) << what;
}

}  // namespace

TEST(RateOfChangeSplit, MechanismsAddUpAndEquilibriumIsStationaryPerMechanism) {
    const double m = std::tanh(1.0 / (2 * T));
    // Gibbs state of H = +ω_0 J^z: each spin's Bloch z = −tanh(βω_0/2).
    const RunSpec gibbs = seed003("kind = \"product\"\nbloch = [0, 0, " + exact_number(-m) + "]");
    const RunSpec from_singlet = seed003(singlet_initial);
    for (const auto& op : {jz(), singlet()}) {
        const auto all = split_rate_of_change(from_singlet, op);
        const auto ran = split_rate_of_change(from_singlet, op, random_field);
        const auto dd = split_rate_of_change(from_singlet, op, dipolar);
        for (std::size_t k = 0; k < all.time.size(); ++k) {
            const double scale = std::abs(all.double_commutator[k]) + std::abs(all.thermal[k]);
            expect_relative(ran.double_commutator[k] + dd.double_commutator[k], all.double_commutator[k], scale, "dc");
            expect_relative(ran.thermal[k] + dd.thermal[k], all.thermal[k], scale, "thermal");
        }
        for (const auto& baths : {random_field, dipolar}) {
            // Davies with detailed balance: each mechanism alone keeps e^{−βH}/Z; the parts cancel.
            const auto eq = split_rate_of_change(gibbs, op, baths);
            for (std::size_t k = 0; k < eq.time.size(); ++k) {
                // Relative to the rate scale J(ω_0) ≈ 2τ (the singlet's parts vanish separately here).
                expect_relative(eq.double_commutator[k] + eq.thermal[k], 0.0, 2 * tau, "equilibrium " + baths.front());
            }
        }
    }
    // The ⟨J^z⟩ parts are also the full rate: J^z commutes with H. Compare with a central difference.
    const RunSpec fine = seed003(singlet_initial, "[99.9, 100.0, 100.1]");
    const auto s = split_rate_of_change(fine, jz());
    const double derivative = (s.expectation[2] - s.expectation[0]) / 0.2;
    EXPECT_NEAR(s.double_commutator[1] + s.thermal[1], derivative, 1e-10);  // h²f'''/6 ≈ 2e-11 here
}

TEST(RateOfChangeSplit, RandomFieldThermalPartIsStateIndependentButForTheFlipFlop) {
    const double j0 = 2 * tau / (1 + tau * tau), th = std::tanh(1.0 / (2 * T));
    const RunSpec spec = seed003(singlet_initial);
    const auto split = split_rate_of_change(spec, jz(), random_field);
    const auto f = split_rate_of_change(spec, flip_flop(), random_field).expectation;
    EXPECT_NEAR(f.front(), -1.0, 1e-12);  // the singlet: ⟨σ^+σ^- + σ^-σ^+⟩ = −1
    for (std::size_t k = 0; k < split.time.size(); ++k)
        expect_relative(split.thermal[k], -j0 * th * (1 + kappa * f[k]), j0, "t = " + std::to_string(split.time[k]));
}

TEST(RateOfChangeSplit, FromTheInvertedStateThermalEqualsDoubleCommutatorForTheRandomField) {
    const double j0 = 2 * tau / (1 + tau * tau), m = std::tanh(1.0 / (2 * T));
    const RunSpec inverted = seed003("kind = \"product\"\nbloch = [0, 0, " + exact_number(m) + "]", "[0.0, 1.0]");
    const auto ran = split_rate_of_change(inverted, jz(), random_field);
    expect_relative(ran.thermal[0], -j0 * m, j0, "thermal");
    expect_relative(ran.double_commutator[0], -j0 * m, j0, "double commutator");
    // The dipolar mechanism: both parts pull the same way too (recorded in docs/validation/redfield.md).
    const auto dd = split_rate_of_change(inverted, jz(), dipolar);
    EXPECT_LT(dd.thermal[0], 0.0);
    EXPECT_LT(dd.double_commutator[0], 0.0);
}

TEST(RateOfChangeSplit, RefusesWhatItCannotSplit) {
    RunSpec spec = seed003(singlet_initial);
    EXPECT_THROW((void)split_rate_of_change(spec, jz(), {"nosuch"}), ModelError);
    spec.model.environment.options.inhomogeneous = "abragam";
    EXPECT_THROW((void)split_rate_of_change(spec, jz()), ModelError);
}
