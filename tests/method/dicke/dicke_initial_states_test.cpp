// Dicke states |j, m⟩ (as the permutation-invariant mixture over the degenerate copies,
// model/initial_state.hpp) and mixtures of initial states: the dicke method against the
// exact method, which builds them independently (projector from the eigenvectors of
// J² = N(4−N)/4 + Σ P_ik on the 2^N space). Both run at rtol 1e-11, so 1e-8 tests the
// construction and not the integrator.
#include <gtest/gtest.h>

#include "method/dicke/dicke_test_support.hpp"
#include "openspins/method/dicke/dicke_method.hpp"

namespace openspins::testing {
namespace {

constexpr double tolerance = 1e-8;

const char* observables = R"toml(
[output]
observables = ["Jx", "Jy", "Jz", "J2", "JpJm", "purity", "trace"]
[output.custom]
jz2 = "Jz*Jz"
)toml";

std::string spins(int n) { return "[spins]\ncount = " + std::to_string(n) + "\nfrequency = 1.1\n"; }

std::string dicke_state(double j, double m) {
    return "[initial]\nkind = \"dicke\"\nj = " + std::to_string(j) + "\nm = " + std::to_string(m) + "\n";
}

// At t = 0: ⟨J²⟩ = j(j+1), ⟨Jz⟩ = m, Tr ρ² = 1/d_j — the state is the mixture over the d_j copies.
TEST(DickeInitialStates, QuantumNumbersAndPurityAtTimeZero) {
    struct Case {
        int n;
        double j, m, degeneracy;  // d_j = N!(2j+1)/((N/2+j+1)!(N/2−j)!)
    };
    for (const Case& c : {Case{4, 1.0, 0.0, 3.0}, Case{4, 0.0, 0.0, 2.0}, Case{5, 1.5, -0.5, 4.0},
                          Case{5, 0.5, 0.5, 5.0}, Case{6, 3.0, 1.0, 1.0}, Case{6, 1.0, -1.0, 9.0}}) {
        const std::string body = spins(c.n) + "[hamiltonian]\nzeeman = \"+\"\n" + dicke_state(c.j, c.m) +
                                 "[time]\nstop = 0.5\npoints = 2\n" + observables;
        for (const std::string method : {"exact", "dicke"}) {
            const RunResult r = run_with(method, body);
            const std::string what = method + " N=" + std::to_string(c.n) + " j=" + std::to_string(c.j);
            EXPECT_NEAR(r.series.column_values("J2")[0], c.j * (c.j + 1), 1e-10) << what;
            EXPECT_NEAR(r.series.column_values("Jz")[0], c.m, 1e-10) << what;
            EXPECT_NEAR(r.series.column_values("Jx")[0], 0.0, 1e-10) << what;
            EXPECT_NEAR(r.series.column_values("purity")[0], 1.0 / c.degeneracy, 1e-10) << what;
        }
    }
}

// Every channel kind, a drive (coherences in m), twisting and a pulse from Dicke states.
TEST(DickeInitialStates, DickeStatesEvolveAsInTheFullSpace) {
    double worst = 0.0;
    for (int n = 2; n <= 6; ++n) {
        for (int two_j = n; two_j >= 0; two_j -= 2) {
            const int two_m = two_j == 0 ? 0 : two_j - 2 * (two_j / 2);  // m = 0 or ½ (the middle)
            const std::string body =
                spins(n) +
                "[hamiltonian]\nzeeman = \"+\"\n[[hamiltonian.drive]]\nomega_x = 0.6\n"
                "[[hamiltonian.term]]\nexpr = \"0.2*Jz*Jz\"\n"
                "[[channel]]\nkind = \"emission\"\nrate = 0.3\n[[channel]]\nkind = \"absorption\"\nrate = 0.1\n"
                "[[channel]]\nkind = \"dephasing\"\nrate = 0.2\n"
                "[[channel]]\nkind = \"collective_emission\"\nrate = 0.5\n" +
                dicke_state(0.5 * two_j, 0.5 * two_m) +
                "[[protocol]]\nevolve = 0.5\n[[protocol]]\npulse = { axis = \"y\", angle_deg = 60 }\n"
                "[[protocol]]\nevolve = 0.5\n[time]\npoints = 5\n" +
                observables;
            const double d = largest_difference(run_with("dicke", body), run_with("exact", body));
            worst = std::max(worst, d);
            EXPECT_LE(d, tolerance) << "N=" << n << " 2j=" << two_j;
        }
    }
    std::printf("largest relative difference (Dicke states, N = 2…6): %.2e\n", worst);
}

// A mixture of a Dicke state, a tilted product state, all down and a thermal state.
TEST(DickeInitialStates, MixturesEvolveAsInTheFullSpace) {
    double worst = 0.0;
    for (int n = 2; n <= 6; ++n) {
        const std::string mixture =
            "[initial]\nkind = \"mixture\"\n"
            "[[initial.component]]\nweight = 2\nkind = \"dicke\"\nj = " +
            std::to_string(0.5 * n - 1.0) +
            "\nm = " + std::to_string(0.5 * n - 1.0) +
            "\n"
            "[[initial.component]]\nweight = 1\nkind = \"product\"\nbloch = [0.5, -0.2, 0.6]\n"
            "[[initial.component]]\nweight = 0.5\nkind = \"all_down\"\n"
            "[[initial.component]]\nweight = 0.5\nkind = \"thermal\"\ntemperature = 0.7\n";
        const std::string body = spins(n) +
                                 "[hamiltonian]\nzeeman = \"-\"\n"
                                 "[[channel]]\nkind = \"emission\"\nrate = 0.4\n"
                                 "[[channel]]\nkind = \"collective_dephasing\"\nrate = 0.3\n"
                                 "[[channel]]\nkind = \"collective_emission\"\nrate = 0.6\n" +
                                 mixture + "[time]\nstop = 1.0\npoints = 5\n" + observables;
        const RunResult dicke = run_with("dicke", body), exact = run_with("exact", body);
        const double d = largest_difference(dicke, exact);
        worst = std::max(worst, d);
        EXPECT_LE(d, tolerance) << "N=" << n;
        EXPECT_NEAR(exact.series.column_values("trace")[0], 1.0, 1e-12);
    }
    std::printf("largest relative difference (mixtures, N = 2…6): %.2e\n", worst);
}

// Diagonal Dicke states and mixtures of diagonal states keep the population storage.
TEST(DickeInitialStates, DiagonalStatesUsePopulationStorage) {
    const std::string head = spins(4) + "[method]\nname = \"dicke\"\n[hamiltonian]\nzeeman = \"+\"\n[time]\nstop = 1\n";
    EXPECT_TRUE(DickeMethod::uses_population_storage(read_run_toml(head + dicke_state(1, 0), "a.toml")));
    const std::string diagonal_mix =
        "[initial]\nkind = \"mixture\"\n[[initial.component]]\nweight = 1\nkind = \"dicke\"\nj = 0\nm = 0\n"
        "[[initial.component]]\nweight = 1\nkind = \"product\"\npopulations = 0.3\n";
    EXPECT_TRUE(DickeMethod::uses_population_storage(read_run_toml(head + diagonal_mix, "b.toml")));
    const std::string tilted_mix =
        "[initial]\nkind = \"mixture\"\n[[initial.component]]\nweight = 1\nkind = \"dicke\"\nj = 0\nm = 0\n"
        "[[initial.component]]\nweight = 1\nkind = \"product\"\nbloch = [1, 0, 0]\n";
    EXPECT_FALSE(DickeMethod::uses_population_storage(read_run_toml(head + tilted_mix, "c.toml")));
}

}  // namespace
}  // namespace openspins::testing
