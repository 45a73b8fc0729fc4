// Spectral densities: formulas, J̃(0) limits, tables (interpolation, range errors, CSV), sums.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include "openspins/errors.hpp"
#include "openspins/model/bath/drude_lorentz_density.hpp"
#include "openspins/model/bath/form_factor_density.hpp"
#include "openspins/model/bath/lorentzian_density.hpp"
#include "openspins/model/bath/power_law_density.hpp"
#include "openspins/model/bath/sum_density.hpp"
#include "openspins/model/bath/tabulated_density.hpp"

using namespace openspins;

TEST(SpectralDensity, PowerLawFormulaAndZeroSlope) {
    const PowerLawDensity ohmic(0.1, 1.0, 5.0, 1);
    EXPECT_NEAR(ohmic.value(5.0), 0.1 * 5.0 * std::exp(-1.0), 1e-15);
    EXPECT_DOUBLE_EQ(ohmic.zero_slope(), 0.1);
    EXPECT_NEAR(ohmic.value(1e-9) / 1e-9, 0.1, 1e-9);
    const PowerLawDensity super(0.1, 3.0, 2.0, 2);  // α ω_c^{−2} ω³ e^{−(ω/ω_c)²}
    EXPECT_NEAR(super.value(1.0), 0.1 * std::pow(2.0, -2.0) * std::exp(-0.25), 1e-15);
    EXPECT_EQ(super.zero_slope(), 0.0);
    EXPECT_TRUE(std::isinf(PowerLawDensity(0.1, 0.5, 1.0, 1).zero_slope()));
    EXPECT_THROW(PowerLawDensity(-0.1, 1.0, 1.0, 1), ModelError);
    EXPECT_THROW(PowerLawDensity(0.1, 1.0, 1.0, 3), ModelError);
    EXPECT_THROW(PowerLawDensity(0.1, 1.0, 0.0, 1), ModelError);
}

TEST(SpectralDensity, FormFactorFamilyOfSeed000) {
    // h(r,Σ) = r^p e^{−r^m} h'(Σ), p = −1/2 + n: J = π ω² ∫|h|²dΣ = π A ω^{2+2p} e^{−2ω^m}.
    for (int n : {0, 1, 2}) {
        for (int m : {1, 2}) {
            const double A = 4.0 * M_PI;
            const FormFactorDensity j(n, m, A);
            for (double w : {0.1, 0.7, 1.3, 3.0}) {
                const double p = -0.5 + n;
                const double h2 = std::pow(w, 2.0 * p) * std::exp(-2.0 * std::pow(w, m)) * A;  // ∫|h(w,Σ)|² dΣ
                EXPECT_NEAR(j.value(w), M_PI * w * w * h2, 1e-13 * j.value(w)) << n << m << w;
            }
            const double slope_numeric = j.value(1e-9) / 1e-9;
            EXPECT_NEAR(j.zero_slope(), slope_numeric, 1e-7 * std::max(1.0, slope_numeric)) << n << m;
        }
    }
    EXPECT_DOUBLE_EQ(FormFactorDensity(0, 1, 4.0 * M_PI).zero_slope(), 4.0 * M_PI * M_PI);
    EXPECT_THROW(FormFactorDensity(-1, 1, 1.0), ModelError);
}

TEST(SpectralDensity, DrudeLorentzAndSeed003Lorentzian) {
    const DrudeLorentzDensity dl(0.2, 3.0);
    EXPECT_NEAR(dl.value(3.0), 0.2, 1e-15);  // 2λω_D ω/(ω²+ω_D²) at ω = ω_D is λ
    EXPECT_NEAR(dl.value(1e-9) / 1e-9, dl.zero_slope(), 1e-8);
    const LorentzianDensity lz(2.0, 0.5);  // a · 2τ/(1+ω²τ²)
    EXPECT_NEAR(lz.value(0.0), 2.0, 1e-15);
    EXPECT_NEAR(lz.value(2.0), 2.0 * 1.0 / 2.0, 1e-15);
    EXPECT_NEAR(lz.at_zero(), 2.0, 1e-15);
    EXPECT_TRUE(std::isinf(lz.zero_slope()));
}

TEST(SpectralDensity, TabulatedInterpolatesAndRefusesOutsideItsRange) {
    const PowerLawDensity exact(0.3, 1.0, 2.0, 2);
    std::vector<double> w;
    std::vector<double> j;
    for (int k = 0; k <= 400; ++k) {
        w.push_back(0.025 * k);
        j.push_back(exact.value(w.back()));
    }
    const TabulatedDensity table(w, j, "test");
    for (double x = 0.013; x < 9.9; x += 0.37) EXPECT_NEAR(table.value(x), exact.value(x), 2e-5) << x;
    EXPECT_NEAR(table.zero_slope(), 0.3, 1e-3);
    try {
        (void)table.value(10.5);
        FAIL() << "no error outside the table";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("covers [0, 10]"), std::string::npos) << e.what();
    }
    EXPECT_THROW(TabulatedDensity({0.0, 2.0, 1.0}, {0.0, 1.0, 1.0}), ModelError);
    EXPECT_THROW(TabulatedDensity({0.0, 1.0, 2.0}, {0.0, -1.0, 1.0}), ModelError);
    EXPECT_THROW(TabulatedDensity({0.0, 1.0}, {0.0, 1.0}), ModelError);
}

TEST(SpectralDensity, TabulatedCsvWithHeaderAndComments) {
    const std::string path = ::testing::TempDir() + "openspins_j_table.csv";
    {
        std::ofstream out(path);
        out << "# J of a test bath\nomega,J\n0,0\n1,0.5  # comment\n2,0.8\n3,0.6\n";
    }
    const auto table = read_tabulated_density(path);
    EXPECT_NEAR(table->value(2.0), 0.8, 1e-15);
    EXPECT_EQ(table->upper_limit(), 3.0);
    {
        std::ofstream out(path);
        out << "omega,J\n0,0\n1,zero\n";
    }
    try {
        (void)read_tabulated_density(path);
        FAIL();
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find(":3: expected two numbers"), std::string::npos) << e.what();
    }
    std::remove(path.c_str());
}

TEST(SpectralDensity, SumAddsParts) {
    auto a = std::make_shared<PowerLawDensity>(0.1, 1.0, 5.0, 1);
    auto b = std::make_shared<DrudeLorentzDensity>(0.2, 3.0);
    const SumDensity sum({a, b});
    EXPECT_NEAR(sum.value(1.7), a->value(1.7) + b->value(1.7), 1e-15);
    EXPECT_NEAR(sum.zero_slope(), 0.1 + 2.0 * 0.2 / 3.0, 1e-15);
    EXPECT_EQ(sum.frequency_scale(), 5.0);
    EXPECT_THROW(SumDensity({}), ModelError);
}
