// Seed 004 eq. (2.9) for one mode (mode_excitation_second_order.hpp):
//  * the general ½λ²|g|²μ_S(Ĩ†Ĩ) equals the printed (2.9) for G = σ^x, at and off resonance (1e-13:
//    two closed forms of the same sum);
//  * it equals the second-order term of Lemma 1.6, λ²|g|²∫_0^t ds∫_0^s ds' Re{μ_S(G(s')G(s)) e^{iω(s−s')}},
//    integrated by GSL (nested QAG, 1e-11 requested) with G(s) from Eigen's matrix exponential, for
//    a 3-level particle with complex G and g (1e-9);
//  * against exact finite-N numbers (QuTiP, N = 4, tests/data/seed004_dicke_*): the remainder
//    N_exact − (2.9) scales as λ⁴ — halving λ divides it by 16 ± 15 % at t ≥ 1 — and is below
//    2 λ⁴ t⁴ inside the seed's window |t| < (2|λ|‖g‖)⁻¹.
#include "openspins/method/analytic/mode_excitation_second_order.hpp"

#include <gsl/gsl_integration.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>

#include "method/analytic/seed004_test_support.hpp"
#include "openspins/errors.hpp"
#include "reference/reference_csv.hpp"

using namespace openspins;
using namespace openspins::test::seed004;

namespace {

double qag(const std::function<double(double)>& f, double a, double b) {
    gsl_integration_workspace* ws = gsl_integration_workspace_alloc(1000);
    gsl_function F;
    F.function = [](double x, void* p) { return (*static_cast<const std::function<double(double)>*>(p))(x); };
    F.params = const_cast<std::function<double(double)>*>(&f);
    double result = 0.0, err = 0.0;
    gsl_integration_qag(&F, a, b, 1e-13, 1e-11, 1000, GSL_INTEG_GAUSS41, ws, &result, &err);
    gsl_integration_workspace_free(ws);
    return result;
}

}  // namespace

TEST(Seed004ModeExcitation, GeneralFormIsThePrinted29ForSigmaX) {
    for (double omega : {0.7, 1.0, 2.3})
        for (double p : {0.0, 0.3, 1.0})
            for (double t : {0.1, 1.7, 12.0}) {
                const auto model = spin_half(1.0, omega, 0.2, p);
                EXPECT_NEAR(analytic::mode_excitation_second_order(model, t),
                            analytic::mode_excitation_dicke_2_9(p, 1.0, omega, 1.0, 0.2, t), 1e-13)
                    << "omega " << omega << " p " << p << " t " << t;
            }
    // At resonance the emission term grows as λ²p t²/2.
    EXPECT_NEAR(analytic::mode_excitation_dicke_2_9(1.0, 1.0, 1.0, 1.0, 0.1, 4.0), 0.01 * 8.0, 1e-15);
}

TEST(Seed004ModeExcitation, EqualsLemma16DoubleIntegralByQuadrature) {
    const auto model = three_level(1.1, 0.3, complex(0.7, -0.4));
    for (double t : {0.5, 2.0, 6.0}) {
        const auto inner = [&](double s) {
            const Matrix gs = heisenberg(model.h, model.G, s);
            return qag(
                [&](double sp) {
                    const Matrix gsp = heisenberg(model.h, model.G, sp);
                    return ((model.rho * gsp * gs).trace() * std::polar(1.0, model.omega * (s - sp))).real();
                },
                0.0, s);
        };
        const double quadrature = model.lambda * model.lambda * std::norm(model.g) * qag(inner, 0.0, t);
        EXPECT_NEAR(analytic::mode_excitation_second_order(model, t), quadrature, 1e-9) << "t " << t;
    }
}

TEST(Seed004ModeExcitation, RemainderAgainstExactFiniteNScalesAsLambdaToTheFourth) {
    namespace fs = std::filesystem;
    const fs::path data = fs::path(OPENSPINS_SOURCE_DIR) / "tests" / "data";
    for (const std::string spins : {"down", "up"}) {
        const auto weak = test::read_reference_csv(data / ("seed004_dicke_n4_" + spins + "_l005.csv"));
        const auto strong = test::read_reference_csv(data / ("seed004_dicke_n4_" + spins + "_l010.csv"));
        const double p = spins == "up" ? 1.0 : 0.0;
        for (std::size_t row = 1; row < weak.rows.size(); ++row) {
            const double t = weak.rows[row][0];
            const double r_weak = weak.rows[row][weak.column("n")] -
                                  analytic::mode_excitation_second_order(spin_half(1.0, 0.7, 0.05, p), t);
            const double r_strong = strong.rows[row][strong.column("n")] -
                                    analytic::mode_excitation_second_order(spin_half(1.0, 0.7, 0.10, p), t);
            EXPECT_LT(std::abs(r_strong), 2.0 * std::pow(0.1 * t, 4)) << spins << " t " << t;
            if (t >= 1.0) {
                EXPECT_NEAR(r_strong / r_weak, 16.0, 16.0 * 0.15) << spins << " t " << t;
            }
        }
    }
}

TEST(Seed004ModeExcitation, RefusesACoherentFieldAndGivesTheWindow) {
    auto model = spin_half(1.0, 0.7, 0.1, 0.0);
    model.alpha = 0.5;
    EXPECT_THROW((void)analytic::mode_excitation_second_order(model, 1.0), ModelError);
    EXPECT_DOUBLE_EQ(analytic::second_order_window(0.1, complex(0.0, 2.0)), 2.5);
}
