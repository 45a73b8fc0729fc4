// BathSpectrum::even_rate / odd_rate: their closed forms equal [γ(ω) ± γ(−ω)]/2 of rate() for every
// thermal treatment (1e-13 relative where the difference is well conditioned), and stay accurate
// where that difference cancels: bose at ω ≪ T gives odd = J/2 exactly.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "openspins/model/bath/bath_spectrum.hpp"
#include "openspins/model/bath/lorentzian_density.hpp"
#include "openspins/model/bath/power_law_density.hpp"

using namespace openspins;

TEST(BathSpectrumParts, EvenAndOddPartsOfTheRate) {
    const auto ohmic = std::make_shared<PowerLawDensity>(0.1, 1.0, 5.0, 1);
    const auto lorentz = std::make_shared<LorentzianDensity>(1.0, 0.3);
    for (auto treatment : {ThermalTreatment::bose, ThermalTreatment::f_beta, ThermalTreatment::schofield,
                           ThermalTreatment::classical})
        for (double T : {0.0, 0.4, 3.0}) {
            if (treatment == ThermalTreatment::schofield && T == 0.0) continue;
            const BathSpectrum s(treatment == ThermalTreatment::bose ? SpectralDensityPtr(ohmic) : lorentz, T, treatment);
            for (double w : {0.05, 0.7, 4.0}) {
                const double plus = s.rate(w), minus = s.rate(-w);
                EXPECT_NEAR(s.even_rate(w), 0.5 * (plus + minus), 1e-13 * (plus + minus)) << to_string(treatment) << T << w;
                EXPECT_NEAR(s.odd_rate(w), 0.5 * (plus - minus), 1e-13 * (plus + minus)) << to_string(treatment) << T << w;
                EXPECT_EQ(s.odd_rate(-w), -s.odd_rate(w));
                EXPECT_EQ(s.even_rate(-w), s.even_rate(w));
            }
        }
    const BathSpectrum hot(ohmic, 1000.0, ThermalTreatment::bose);
    EXPECT_DOUBLE_EQ(hot.odd_rate(1e-6), 0.5 * ohmic->value(1e-6));  // rate(ω) − rate(−ω) loses 1e-7 here
}
