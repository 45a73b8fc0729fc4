// Bath correlation transforms: γ(ω) per thermal treatment, detailed balance, the ω → 0
// limit, T = 0, the Lamb shift (closed forms and seed 000's X_j, eq. 2.18), and the
// normalisation claims of the shared conventions (seed 000 eqs. 3.1 and 3.3).
#include "openspins/model/bath/bath_spectrum.hpp"

#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_expint.h>
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "openspins/errors.hpp"
#include "openspins/model/bath/form_factor_density.hpp"
#include "openspins/model/bath/lorentzian_density.hpp"
#include "openspins/model/bath/power_law_density.hpp"
#include "openspins/model/bath/thermal_factors.hpp"

using namespace openspins;

namespace {

SpectralDensityPtr ohmic(double alpha, double cutoff) {
    return std::make_shared<PowerLawDensity>(alpha, 1.0, cutoff, 1);
}

// J_bose(ω) = 2 J_cl(ω) tanh(βω/2): the bosonic density whose symmetrised spectrum is J_cl.
class BoseFromClassical final : public SpectralDensity {
public:
    BoseFromClassical(SpectralDensityPtr cl, double T) : cl_(std::move(cl)), T_(T) {}
    double value(double w) const override { return 2.0 * cl_->value(w) * std::tanh(w / (2.0 * T_)); }
    double zero_slope() const override { return cl_->at_zero() / T_; }
    double at_zero() const override { return 0.0; }
    double frequency_scale() const override { return cl_->frequency_scale(); }
    std::string describe() const override { return "bose-from-classical"; }

private:
    SpectralDensityPtr cl_;
    double T_;
};

}  // namespace

TEST(BathSpectrum, ThermalFactors) {
    EXPECT_NEAR(thermal::bose(1.0, 0.5), 1.0 / (std::exp(2.0) - 1.0), 1e-15);
    EXPECT_NEAR(thermal::coth_half(1.0, 0.5), 1.0 / std::tanh(1.0), 1e-14);
    EXPECT_NEAR(thermal::f_beta(0.3, 0.7) + thermal::f_beta(-0.3, 0.7), 2.0, 1e-15);
    EXPECT_NEAR(thermal::f_beta(-0.3, 0.7) / thermal::f_beta(0.3, 0.7), std::exp(0.3 / 0.7), 1e-13);
    EXPECT_EQ(thermal::bose(1.0, 0.0), 0.0);
    EXPECT_EQ(thermal::f_beta(1.0, 0.0), 0.0);
    EXPECT_EQ(thermal::f_beta(-1.0, 0.0), 2.0);
    EXPECT_EQ(thermal::f_beta(800.0, 1.0), 2.0 * std::exp(-800.0) / (1.0 + std::exp(-800.0)));  // no overflow
}

TEST(BathSpectrum, DetailedBalanceForEveryQuantumTreatment) {
    const double T = 0.7;
    auto lor = std::make_shared<LorentzianDensity>(1.0, 0.4);
    const BathSpectrum bose(ohmic(0.05, 4.0), T, ThermalTreatment::bose);
    const BathSpectrum fb(lor, T, ThermalTreatment::f_beta);
    const BathSpectrum sch(lor, T, ThermalTreatment::schofield);
    const BathSpectrum cl(lor, T, ThermalTreatment::classical);
    for (double w : {0.05, 0.5, 1.0, 3.0}) {
        for (const BathSpectrum* s : {&bose, &fb, &sch}) {
            EXPECT_NEAR(s->rate(-w) / s->rate(w), std::exp(-w / T), 1e-13) << to_string(s->treatment()) << w;
        }
        EXPECT_DOUBLE_EQ(cl.rate(-w), cl.rate(w));
    }
}

TEST(BathSpectrum, SeedNormalisationRelaxationRate31) {
    // Coupling λ S^x ⊗ φ(g), H_S = −ω S^z: the Davies jumps are (λ/2)σ^± with rates γ(±ω),
    // so populations relax at (λ/2)²(γ(ω) + γ(−ω)); (3.1) says ¼ coth(βω/2) λ² J(ω).
    const double T = 0.8;
    const double lambda = 0.3;
    auto j = std::make_shared<FormFactorDensity>(0, 1, 4.0 * M_PI);
    const BathSpectrum s(j, T, ThermalTreatment::bose);
    for (double w : {0.2, 1.0, 2.5}) {
        const double davies = 0.25 * lambda * lambda * (s.rate(w) + s.rate(-w));
        const double seed31 = 0.25 / std::tanh(w / (2.0 * T)) * lambda * lambda * j->value(w);
        EXPECT_NEAR(davies, seed31, 1e-14 * seed31) << w;
    }
}

TEST(BathSpectrum, SeedNormalisationConservingRate33AndZeroFrequencyLimit) {
    // Coupling ϰ S^z ⊗ φ(f): the jump ϰ S^z at ω = 0 with rate γ(0) dephases the coherence at
    // ϰ²γ(0)/2; (3.3) says ϰ² J̃(0)/(2β). So γ(0) must be T·J̃(0), and the limit must be continuous.
    for (int n : {0, 1}) {
        auto j = std::make_shared<FormFactorDensity>(n, 2, 4.0 * M_PI);
        for (double T : {0.3, 2.0}) {
            const BathSpectrum s(j, T, ThermalTreatment::bose);
            EXPECT_NEAR(s.rate(0.0), T * j->zero_slope(), 1e-15);
            EXPECT_NEAR(s.rate(1e-7), s.rate(0.0), 1e-6 * std::max(1.0, s.rate(0.0))) << n << T;
            EXPECT_NEAR(s.rate(-1e-7), s.rate(0.0), 1e-6 * std::max(1.0, s.rate(0.0))) << n << T;
            const double kappa = 0.2;
            const double coherence_decay = 0.5 * kappa * kappa * s.rate(0.0);
            EXPECT_NEAR(coherence_decay, kappa * kappa * j->zero_slope() * T / 2.0, 1e-15);
        }
    }
}

TEST(BathSpectrum, ZeroTemperatureIsTheVacuum) {
    auto j = ohmic(0.1, 3.0);
    const BathSpectrum s(j, 0.0, ThermalTreatment::bose);
    EXPECT_EQ(s.rate(-1.0), 0.0);
    EXPECT_DOUBLE_EQ(s.rate(1.0), j->value(1.0));
    EXPECT_EQ(s.rate(0.0), 0.0);
    const BathSpectrum fb(std::make_shared<LorentzianDensity>(1.0, 1.0), 0.0, ThermalTreatment::f_beta);
    EXPECT_EQ(fb.rate(-1.0), 0.0);
    EXPECT_DOUBLE_EQ(fb.rate(1.0), 2.0 * 2.0 / 2.0);
}

TEST(BathSpectrum, FBetaIsBoseOfTheSymmetrisedDensity) {
    const double T = 0.6;
    auto cl = std::make_shared<LorentzianDensity>(0.5, 0.8);
    const BathSpectrum fb(cl, T, ThermalTreatment::f_beta);
    const BathSpectrum bose(std::make_shared<BoseFromClassical>(cl, T), T, ThermalTreatment::bose);
    for (double w : {-2.0, -0.4, 0.0, 0.3, 1.5}) EXPECT_NEAR(fb.rate(w), bose.rate(w), 1e-13) << w;
}

TEST(BathSpectrum, LambShiftClosedForms) {
    // Ohmic, exponential cutoff: J = α ω e^{−ω/c}.
    const double alpha = 0.05;
    const double c = 4.0;
    // Any T: S(0) = −(1/2π) ∫_0^∞ J(x)/x dx = −αc/2π (γ(x) − γ(−x) = J(x)).
    for (double T : {0.0, 0.5, 3.0}) {
        const BathSpectrum s(ohmic(alpha, c), T, ThermalTreatment::bose);
        EXPECT_NEAR(s.lamb_shift(0.0), -alpha * c / (2.0 * M_PI), 1e-9 * alpha * c) << T;
    }
    // T = 0: S(ω) = (1/2π) P∫_0^∞ J(x)/(ω − x) dx = (α/2π)[−c + ω e^{−ω/c} Ei(ω/c)] for ω > 0,
    // and (α/2π)[−c + |ω| e^{|ω|/c} E1(|ω|/c)] for ω < 0.
    const BathSpectrum s0(ohmic(alpha, c), 0.0, ThermalTreatment::bose);
    for (double w : {0.3, 1.0, 2.0, 7.0}) {
        const double expected = alpha / (2.0 * M_PI) * (-c + w * std::exp(-w / c) * gsl_sf_expint_Ei(w / c));
        EXPECT_NEAR(s0.lamb_shift(w), expected, 1e-9 * std::abs(expected)) << w;
        const double expected_neg = alpha / (2.0 * M_PI) * (-c + w * std::exp(w / c) * gsl_sf_expint_E1(w / c));
        EXPECT_NEAR(s0.lamb_shift(-w), expected_neg, 1e-9 * std::abs(expected_neg)) << -w;
    }
}

namespace {

// Seed 000's X_j (2.18) for one coupling: (λ²/8π) P∫_R J(|u|) coth(β|u|/2)/(u + ω) du, by its own
// quadrature (QAWC at u = −ω plus QAGIU/QAGIL tails), independent of BathSpectrum.
double seed_x(const SpectralDensity& j, double T, double lambda, double omega) {
    struct P {
        const SpectralDensity* j;
        double T;
        double w;
    } p{&j, T, omega};
    auto even = [](double u, const P& q) {
        const double a = std::abs(u);
        if (a == 0.0) return 2.0 * q.T * q.j->zero_slope();
        return q.j->value(a) / std::tanh(a / (2.0 * q.T));
    };
    static auto even_s = even;
    gsl_function f{[](double u, void* v) { return even_s(u, *static_cast<P*>(v)); }, &p};
    gsl_function ft{[](double u, void* v) {
                        auto* q = static_cast<P*>(v);
                        return even_s(u, *q) / (u + q->w);
                    },
                    &p};
    gsl_integration_workspace* ws = gsl_integration_workspace_alloc(2000);
    const double W = 40.0;
    double central = 0, up = 0, lo = 0, err = 0;
    gsl_integration_qawc(&f, -W, W, -omega, 0.0, 1e-11, 2000, ws, &central, &err);
    gsl_integration_qagiu(&ft, W, 0.0, 1e-11, 2000, ws, &up, &err);
    gsl_integration_qagil(&ft, -W, 0.0, 1e-11, 2000, ws, &lo, &err);
    gsl_integration_workspace_free(ws);
    return lambda * lambda / (8.0 * M_PI) * (central + up + lo);
}

}  // namespace

TEST(BathSpectrum, LambShiftOfTheTransitionIsSeedX218) {
    // Davies Lamb shift of H_S = −ωS^z with λS^x ⊗ φ: H_LS = (λ/2)²[S(ω)|↓⟩⟨↓| + S(−ω)|↑⟩⟨↑|],
    // so the transition frequency moves by (λ²/4)(S(ω) − S(−ω)), which must equal X_j (2.18).
    const double lambda = 0.3;
    for (int n : {0, 1}) {
        for (double T : {0.4, 1.5}) {
            auto j = std::make_shared<FormFactorDensity>(n, 1, 4.0 * M_PI);
            const BathSpectrum s(j, T, ThermalTreatment::bose);
            for (double w : {0.5, 1.0, 2.0}) {
                const double ours = 0.25 * lambda * lambda * (s.lamb_shift(w) - s.lamb_shift(-w));
                const double seed = seed_x(*j, T, lambda, w);
                EXPECT_NEAR(ours, seed, 1e-8 * std::abs(seed)) << n << " " << T << " " << w;
            }
        }
    }
}

TEST(BathSpectrum, BadInput) {
    EXPECT_THROW(BathSpectrum(ohmic(0.1, 1.0), -1.0, ThermalTreatment::bose), ModelError);
    EXPECT_THROW(BathSpectrum(ohmic(0.1, 1.0), NAN, ThermalTreatment::bose), ModelError);
    EXPECT_THROW(BathSpectrum(ohmic(0.1, 1.0), 0.0, ThermalTreatment::schofield), ModelError);
    EXPECT_THROW(BathSpectrum(std::make_shared<LorentzianDensity>(1.0, 1.0), 1.0, ThermalTreatment::bose), ModelError);
    EXPECT_THROW(thermal_treatment_from_name("hot"), ModelError);
    // Sub-ohmic at T > 0: T·J̃(0) diverges.
    const BathSpectrum sub(std::make_shared<PowerLawDensity>(0.1, 0.5, 1.0, 1), 1.0, ThermalTreatment::bose);
    EXPECT_THROW((void)sub.rate(0.0), ModelError);
    EXPECT_GT(sub.rate(0.5), 0.0);
}
