// `steady_state = true` for method "heom" (method/heom/hierarchy_steady_state.hpp): the whole hierarchy's
// kernel by preconditioned GMRES, against QuTiP 4.7.1's HEOMSolver.steady_state() (a sparse LU of the same
// hierarchy Liouvillian; tests/data/heom_<case>_steady.csv from tests/reference/make_heom_references.py).
//
// Tolerance 1e-8 on the Pauli expectation values: both sides solve the same linear system to ~1e-11 (our GMRES
// residual ≤ steady_state_tolerance = 1e-10 relative; QuTiP's direct solve to rounding), so the difference is
// rounding plus the residual times the system's conditioning. Measured: 6.6e-11 (λ = 0.15, T = 0.3; 17 GMRES
// iterations) and 8.7e-11 (λ = 0.02, T = 0.5; 13).
#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "openspins/config/config_reader.hpp"
#include "openspins/method/method.hpp"
#include "reference/reference_csv.hpp"

using namespace openspins;

namespace {

struct Steady {
    RunResult result;
    double difference = 0.0;  // largest |Δ| of the reference's columns
};

// The case's run file with a short protocol (the steady state does not depend on it) and steady_state = true.
Steady steady_case(const std::string& name) {
    const auto data = std::filesystem::path(OPENSPINS_SOURCE_DIR) / "tests" / "data";
    std::ifstream file(data / ("heom_" + name + ".toml"));
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    text.replace(text.find("[method]\n"), 9, "[method]\nsteady_state = true\n");
    const std::size_t time = text.find("[time]\n"), output = text.find("[output]\n");
    text.replace(time, output - time, "[time]\nstop = 1.0\npoints = 2\n");
    text.replace(text.find("[output]\n"), 9, "[output]\nsteady_state_density = true\n");
    const RunSpec spec = read_run_toml(text, "heom_" + name + ".toml");
    Steady out;
    out.result = make_method(spec.method)->run(spec, {});
    const auto reference = test::read_reference_csv(data / ("heom_" + name + "_steady.csv"));
    EXPECT_TRUE(out.result.steady_state.has_value());
    for (std::size_t c = 0; c < reference.columns.size(); ++c) {
        const auto& columns = out.result.series.columns;
        const auto at = std::find(columns.begin(), columns.end(), reference.columns[c]);
        EXPECT_NE(at, columns.end());
        const double ours = (*out.result.steady_state)[static_cast<std::size_t>(at - columns.begin())];
        out.difference = std::max(out.difference, std::abs(ours - reference.rows[0][c]));
    }
    std::cout << "heom_" << name << " steady state vs QuTiP: " << out.difference << " ("
              << out.result.notes.at("steady_state_gmres_iterations") << " GMRES iterations, residual "
              << out.result.notes.at("steady_state_residual") << ")\n";
    return out;
}

}  // namespace

// λ = 0.15, T = 0.3: the state is 1.2e-2 off the bare Gibbs state, so the agreement tests the hierarchy's coupling.
TEST(HeomSteadyState, MatchesQutipAtIntermediateCoupling) {
    const Steady s = steady_case("one_spin_steady");
    EXPECT_LT(s.difference, 1e-8);
    // A density matrix: unit trace and Hermitian (neither is imposed on the ADOs by the solver beyond Tr ρ_0 = 1).
    ASSERT_TRUE(s.result.steady_state_density.has_value());
    const Eigen::MatrixXcd& rho = s.result.steady_state_density->blocks.at(0);
    EXPECT_NEAR(rho.trace().real(), 1.0, 1e-12);
    EXPECT_LT((rho - rho.adjoint()).cwiseAbs().maxCoeff(), 1e-10);
}

// λ = 0.02, T = 0.5: close to the Gibbs state σ^z = tanh(βω/2) (O(λ)); the slowest mode (τ ≈ 185) needed a run to
// t = 3000 before.
TEST(HeomSteadyState, MatchesQutipAtWeakCoupling) {
    const Steady s = steady_case("one_spin_steady_weak");
    EXPECT_LT(s.difference, 1e-8);
}
