// Exponential expansions of bath correlation functions (model/bath/*_correlation.hpp):
// coefficients against QuTiP 4.7.1's HEOM baths (tests/reference/make_heom_bath_coefficients.py,
// library normalisation = ½ QuTiP's), and C(t) against a direct quadrature of
// (1/2π)∫J(ω)(coth(βω/2) cos ωt − i sin ωt)dω (GSL QAWF) with many terms.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "openspins/errors.hpp"
#include "openspins/model/bath/correlation_terminator.hpp"
#include "openspins/model/bath/drude_lorentz_correlation.hpp"
#include "openspins/model/bath/drude_lorentz_density.hpp"
#include "openspins/model/bath/thermal_factors.hpp"
#include "openspins/model/bath/underdamped_correlation.hpp"
#include "openspins/model/bath/underdamped_density.hpp"

using namespace openspins;
using cd = std::complex<double>;

namespace {

struct QutipRow {
    cd ck, vk;
};
// case → part → rows in QuTiP's order.
using QutipTable = std::map<std::string, std::map<std::string, std::vector<QutipRow>>>;

QutipTable read_qutip_table() {
    const auto path = std::filesystem::path(OPENSPINS_SOURCE_DIR) / "tests" / "data" / "heom_bath_coefficients.csv";
    std::ifstream in(path);
    EXPECT_TRUE(in.good()) << path;
    QutipTable table;
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::stringstream s(line);
        std::string name, part, index, v[4];
        std::getline(s, name, ',');
        std::getline(s, part, ',');
        std::getline(s, index, ',');
        for (auto& x : v) std::getline(s, x, ',');
        table[name][part].push_back({cd(std::stod(v[0]), std::stod(v[1])), cd(std::stod(v[2]), std::stod(v[3]))});
    }
    return table;
}

// Library coefficients are half of QuTiP's; rates equal. Relative 1e-12: both evaluate the
// same closed forms in double precision (Padé: eigenvalues of the same tridiagonal matrices).
void expect_matches(const std::vector<CorrelationExponent>& ours, const std::vector<QutipRow>& theirs,
                    const std::string& what) {
    ASSERT_EQ(ours.size(), theirs.size()) << what;
    for (std::size_t k = 0; k < ours.size(); ++k) {
        EXPECT_LE(std::abs(ours[k].coefficient - 0.5 * theirs[k].ck), 1e-12 * std::abs(theirs[k].ck)) << what << " c_" << k;
        EXPECT_LE(std::abs(ours[k].rate - theirs[k].vk), 1e-12 * std::abs(theirs[k].vk)) << what << " ν_" << k;
    }
}

void expect_case(const QutipTable& table, const std::string& name, const ExponentialCorrelation& c) {
    ASSERT_TRUE(table.count(name)) << name;
    expect_matches(c.real_part, table.at(name).at("real"), name + " real");
    expect_matches(c.imaginary_part, table.at(name).at("imag"), name + " imag");
}

// (1/2π)∫_0^∞ J(ω)(coth(βω/2) cos ωt − i sin ωt)dω by GSL's QAWF (Fourier integrals on [0, ∞)).
cd quadrature_correlation(const SpectralDensity& j, double temperature, double t) {
    gsl_set_error_handler_off();
    struct Params {
        const SpectralDensity* j;
        double temperature;
        bool real;
    };
    const auto integrand = [](double w, void* p) {
        const auto* q = static_cast<Params*>(p);
        if (w <= 0.0) return q->real ? 2.0 * q->temperature * q->j->zero_slope() : 0.0;
        return q->real ? q->j->value(w) * thermal::coth_half(w, q->temperature) : q->j->value(w);
    };
    double parts[2];
    for (int p = 0; p < 2; ++p) {
        Params params{&j, temperature, p == 0};
        gsl_function f{integrand, &params};
        gsl_integration_workspace* w = gsl_integration_workspace_alloc(2000);
        gsl_integration_workspace* cw = gsl_integration_workspace_alloc(2000);
        gsl_integration_qawo_table* table = gsl_integration_qawo_table_alloc(t, 1.0, p == 0 ? GSL_INTEG_COSINE : GSL_INTEG_SINE, 60);
        double err = 0.0;
        gsl_integration_qawf(&f, 0.0, 1e-13, 2000, w, cw, table, &parts[p], &err);
        gsl_integration_qawo_table_free(table);
        gsl_integration_workspace_free(cw);
        gsl_integration_workspace_free(w);
    }
    return cd(parts[0], -parts[1]) / (2.0 * M_PI);
}

}  // namespace

TEST(HeomCorrelation, DrudeLorentzMatchesQutip) {
    const auto table = read_qutip_table();
    expect_case(table, "dl_matsubara_k3", drude_lorentz_correlation(0.1, 0.5, 1.0, 3, PoleExpansion::matsubara));
    expect_case(table, "dl_matsubara_k6_cold", drude_lorentz_correlation(0.05, 2.0, 0.3, 6, PoleExpansion::matsubara));
    expect_case(table, "dl_pade_k1", drude_lorentz_correlation(0.1, 0.5, 1.0, 1, PoleExpansion::pade));
    expect_case(table, "dl_pade_k2", drude_lorentz_correlation(0.1, 0.5, 1.0, 2, PoleExpansion::pade));
    expect_case(table, "dl_pade_k4_cold", drude_lorentz_correlation(0.05, 2.0, 0.3, 4, PoleExpansion::pade));
}

TEST(HeomCorrelation, UnderdampedMatchesQutip) {
    const auto table = read_qutip_table();
    expect_case(table, "ud_k2", underdamped_correlation(0.3, 1.2, 0.4, 0.8, 2));
    expect_case(table, "ud_k5_cold", underdamped_correlation(0.2, 0.9, 0.1, 0.25, 5));
}

// δ against QuTiP's _DrudeLorentzTerminator (× ½), to 1e-13 of the scale T·J̃(0). The Padé
// expansion reproduces coth's low-order Taylor terms exactly, so Σ c/ν nearly equals ∫_0^∞ C dt:
// its δ is 1e-12 (K = 2, T = 1) and 1e-5 (K = 4, T = 0.3) of T·J̃(0) — the terminator adds almost
// nothing to Padé — while the Matsubara remainder is a positive dephasing weight (0.2 % of T·J̃(0) at K = 3).
TEST(HeomCorrelation, TerminatorMatchesQutip) {
    const auto table = read_qutip_table();
    const std::vector<std::tuple<std::string, double, double, double, int, PoleExpansion>> cases = {
        {"dl_matsubara_k3", 0.1, 0.5, 1.0, 3, PoleExpansion::matsubara},
        {"dl_matsubara_k6_cold", 0.05, 2.0, 0.3, 6, PoleExpansion::matsubara},
        {"dl_pade_k2", 0.1, 0.5, 1.0, 2, PoleExpansion::pade},
        {"dl_pade_k4_cold", 0.05, 2.0, 0.3, 4, PoleExpansion::pade}};
    for (const auto& [name, lambda, gamma, temperature, k, expansion] : cases) {
        const auto c = drude_lorentz_correlation(lambda, gamma, temperature, k, expansion);
        const DrudeLorentzDensity j(lambda, gamma);
        const double scale = temperature * j.zero_slope();
        const cd delta = terminator_weight(c, j.zero_slope(), M_PI * lambda, temperature);
        const cd theirs = table.at(name).at("terminator").front().ck;
        EXPECT_LE(std::abs(delta - 0.5 * theirs), 1e-13 * scale) << name;
        EXPECT_LE(std::abs(delta.imag()), 1e-15 * scale) << name;  // C_I is exact: no imaginary remainder
        if (expansion == PoleExpansion::matsubara)
            EXPECT_GT(delta.real(), 1e-3 * scale) << name;
        else
            EXPECT_LE(std::abs(delta), 1e-4 * scale) << name;
    }
}

// Many terms: the expansion converges to the quadrature at t > 0 (the Matsubara remainder
// is O(e^{−2πKTt}): K = 100 leaves e^{−37} at T = 0.2, t = 0.3). Tolerance 1e-9 relative to the
// expansion's C(0): QAWF's requested 1e-13 absolute is met to ~1e-11 on these 1/ω tails.
TEST(HeomCorrelation, ExpansionsMatchQuadratureForManyTerms) {
    const DrudeLorentzDensity dl(0.1, 0.5);
    for (const double temperature : {1.0, 0.2})
        for (const auto expansion : {PoleExpansion::matsubara, PoleExpansion::pade}) {
            const auto c = drude_lorentz_correlation(0.1, 0.5, temperature, 100, expansion);
            for (const double t : {0.3, 1.0, 3.0}) {
                const cd ref = quadrature_correlation(dl, temperature, t);
                EXPECT_LE(std::abs(c.value(t) - ref), 1e-9 * std::abs(c.value(0.0)))
                    << "T=" << temperature << " t=" << t << " pade=" << (expansion == PoleExpansion::pade)
                    << " ours " << c.value(t) << " quadrature " << ref;
            }
        }
    const UnderdampedDensity ud(0.3, 1.2, 0.4);
    for (const double temperature : {0.8, 0.25}) {
        const auto c = underdamped_correlation(0.3, 1.2, 0.4, temperature, 100);
        for (const double t : {0.3, 1.0, 3.0}) {
            const cd ref = quadrature_correlation(ud, temperature, t);
            EXPECT_LE(std::abs(c.value(t) - ref), 1e-9 * std::abs(c.value(0.0))) << "T=" << temperature << " t=" << t;
        }
    }
}

TEST(HeomCorrelation, RefusesWhatHasNoExpansion) {
    EXPECT_THROW(drude_lorentz_correlation(0.1, 0.5, 0.0, 3, PoleExpansion::matsubara), ModelError);
    EXPECT_THROW(underdamped_correlation(0.1, 0.1, 0.4, 1.0, 3), ModelError);  // ω_0 < Γ/2
}
