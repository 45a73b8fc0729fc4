// The dicke method against the exact method (full 2^N space) on the same run files,
// N = 1 … 8: every channel alone, all together, with drives, couplings, twisting,
// pulses and the initial states the dicke method supports. Both run at rtol 1e-11,
// so agreement to 1e-8 tests the Dicke-basis coefficients, not the integrator.
#include <gtest/gtest.h>

#include <cstdio>

#include "method/dicke/dicke_test_support.hpp"
#include "openspins/method/dicke/dicke_method.hpp"

namespace openspins::testing {
namespace {

constexpr double tolerance = 1e-8;

std::string spins(int n) { return "[spins]\ncount = " + std::to_string(n) + "\nfrequency = 1.3\n"; }

const char* all_observables = R"toml(
[output]
observables = ["Jx", "Jy", "Jz", "J2", "JpJm", "purity", "trace", "spins"]
[output.custom]
jz2 = "Jz*Jz"
jp = "Jp"
nup0 = "nup(0)"
)toml";

std::string channel(const std::string& kind, double rate) {
    return "[[channel]]\nkind = \"" + kind + "\"\nrate = " + std::to_string(rate) + "\n";
}

double worst_seen = 0.0;  // reported in the test log (docs/methods/dicke.md quotes it)

// Returns the dicke run (its notes say which propagator ran).
RunResult expect_agreement(const std::string& body, const std::string& what, const std::string& dicke_options = "") {
    const RunResult exact = run_with("exact", body);
    RunResult dicke = run_with("dicke", body, dicke_options);
    const double difference = largest_difference(dicke, exact);
    worst_seen = std::max(worst_seen, difference);
    EXPECT_LE(difference, tolerance) << what;
    return dicke;
}

class DickeVsExact : public ::testing::Test {
protected:
    void SetUp() override { worst_seen = 0.0; }
    void TearDown() override { std::printf("largest relative difference: %.2e\n", worst_seen); }
};

TEST_F(DickeVsExact, EveryChannelAloneFromATiltedProductState) {
    const std::vector<std::pair<std::string, double>> channels{{"emission", 0.8},
                                                               {"absorption", 0.5},
                                                               {"dephasing", 0.4},
                                                               {"collective_emission", 0.6},
                                                               {"collective_absorption", 0.3},
                                                               {"collective_dephasing", 0.7}};
    for (int n : {1, 2, 3, 4, 5}) {
        for (const auto& [kind, rate] : channels) {
            const std::string body = spins(n) + "[hamiltonian]\nzeeman = \"+\"\n" + channel(kind, rate) +
                                     "[initial]\nkind = \"product\"\nbloch = [0.6, 0.3, 0.5]\n"
                                     "[time]\nstop = 1.5\npoints = 4\n" +
                                     all_observables;
            expect_agreement(body, kind + " N=" + std::to_string(n));
        }
    }
}

TEST_F(DickeVsExact, AllChannelsTogetherWithDriveTwistingCouplingsAndPulses) {
    for (int n = 1; n <= 8; ++n) {
        std::string body = spins(n) +
                           "[hamiltonian]\nzeeman = \"-\"\n"
                           "[[hamiltonian.drive]]\nomega_x = 0.7\nomega_y = -0.2\n"
                           "[[hamiltonian.term]]\nexpr = \"0.3*Jz*Jz\"\nname = \"twist\"\n";
        if (n >= 2)
            body +=
                "[[hamiltonian.coupling]]\nkind = \"heisenberg\"\nJ = 0.25\n"
                "[[hamiltonian.coupling]]\nkind = \"xy\"\nJ = -0.15\n"
                "[[hamiltonian.coupling]]\nkind = \"zz\"\nJ = 0.1\n";
        body += channel("emission", 0.5) + channel("absorption", 0.2) + channel("dephasing", 0.3) +
                channel("collective_emission", 0.4) + channel("collective_absorption", 0.1) +
                channel("collective_dephasing", 0.25);
        body += R"(
[initial]
kind = "all_up"
[[protocol]]
evolve = 0.4
[[protocol]]
pulse = { axis = "y", angle_deg = 90 }
[[protocol]]
evolve = 0.5
scale = { drive = 0.0, collective_emission = 3.0 }
[[protocol]]
pulse = { axis = [1, 1, 0.5], angle = 2.1 }
[[protocol]]
evolve = 0.3
[time]
points = 7
)";
        body += all_observables;
        expect_agreement(body, "N=" + std::to_string(n));
    }
}

// Emission, dephasing and collective emission never raise m: "auto" takes the rational
// propagator (triangular_propagator.hpp) for every step, "integrator" CVODE; both must
// reproduce the full space.
TEST_F(DickeVsExact, PopulationPathWithPiPulsesMatchesTheFullSpace) {
    for (int n : {1, 2, 4, 7}) {
        const std::string body = spins(n) + "[hamiltonian]\nzeeman = \"+\"\n" + channel("emission", 0.3) +
                                 channel("dephasing", 0.2) + channel("collective_emission", 2.0) + R"(
[initial]
kind = "product"
populations = 0.8
[[protocol]]
repeat = 3
steps = [ { pulse = { axis = "x", angle_deg = 180 } },
          { evolve = 0.2, scale = { collective_emission = 0.0 } },
          { evolve = 0.3 } ]
[time]
points = 9
)" + all_observables;
        const RunSpec spec = read_run_toml("[method]\nname = \"dicke\"\n" + body, "p.toml");
        EXPECT_TRUE(DickeMethod::uses_population_storage(spec));
        const RunResult rational = expect_agreement(body, "N=" + std::to_string(n));
        EXPECT_EQ(rational.notes.at("propagator").rfind("rational", 0), 0U) << rational.notes.at("propagator");
        const RunResult integrated =
            expect_agreement(body, "integrator, N=" + std::to_string(n), "propagator = \"integrator\"\n");
        EXPECT_EQ(integrated.notes.at("propagator").rfind("integrator", 0), 0U);
    }
}

// A protocol whose steps alternate between a generator that raises m (absorption) and
// one that does not: the run switches between CVODE and the rational propagator and
// must still follow the full space.
TEST_F(DickeVsExact, MixedRationalAndIntegratorStepsMatchTheFullSpace) {
    for (int n : {3, 6}) {
        const std::string body = spins(n) + "[hamiltonian]\nzeeman = \"+\"\n" + channel("emission", 0.4) +
                                 channel("absorption", 0.3) + channel("collective_emission", 1.5) + R"(
[initial]
kind = "all_down"
[[protocol]]
repeat = 2
steps = [ { pulse = { axis = "y", angle_deg = 180 } },
          { evolve = 0.3, scale = { absorption = 0.0 } },
          { evolve = 0.25 } ]
[time]
points = 12
[output]
observables = ["Jz", "J2", "JpJm", "purity", "trace"]
)";
        const RunResult dicke = expect_agreement(body, "mixed, N=" + std::to_string(n));
        EXPECT_NE(dicke.notes.at("propagator").find("CVODE"), std::string::npos) << dicke.notes.at("propagator");
        EXPECT_EQ(dicke.notes.at("propagator").rfind("rational", 0), 0U) << dicke.notes.at("propagator");
    }
}

TEST_F(DickeVsExact, ThermalStatesWithAndWithoutTransverseFields) {
    for (int n : {2, 5}) {
        for (const std::string drive : {"", "[[hamiltonian.drive]]\nomega_x = 0.9\n"}) {
            const std::string body = spins(n) + "[hamiltonian]\nzeeman = \"+\"\n" + drive + channel("emission", 0.3) +
                                     channel("collective_dephasing", 0.2) +
                                     "[initial]\nkind = \"thermal\"\ntemperature = 0.8\n"
                                     "[time]\nstop = 1.0\npoints = 3\n" +
                                     all_observables;
            expect_agreement(body, "thermal N=" + std::to_string(n) + (drive.empty() ? "" : " driven"));
        }
    }
}

}  // namespace
}  // namespace openspins::testing

namespace openspins::testing {
namespace {

TEST(DickeVsExactSteadyState, PopulationAndFullPathsMatchTheExactSteadyState) {
    for (const std::string drive : {"", "[[hamiltonian.drive]]\nomega_x = 0.7\n"}) {
        for (int n : {2, 5}) {
            const std::string body = "[spins]\ncount = " + std::to_string(n) +
                                     "\nfrequency = 1.0\n[hamiltonian]\nzeeman = \"+\"\n" + drive +
                                     "[[channel]]\nkind = \"emission\"\nrate = 0.6\n"
                                     "[[channel]]\nkind = \"absorption\"\nrate = 0.2\n"
                                     "[[channel]]\nkind = \"dephasing\"\nrate = 0.1\n"
                                     "[[channel]]\nkind = \"collective_emission\"\nrate = 0.4\n"
                                     "[time]\nstop = 0.5\npoints = 2\n"
                                     "[output]\nobservables = [\"Jx\", \"Jz\", \"J2\", \"JpJm\", \"purity\"]\n";
            const auto run = [&](const std::string& method) {
                const RunSpec spec = read_run_toml(
                    "[method]\nname = \"" + method + "\"\nsteady_state = true\nsteady_state_tolerance = 1e-12\n" + body,
                    "s.toml");
                return make_method(method)->run(spec, {});
            };
            const RunResult exact = run("exact"), dicke = run("dicke");
            ASSERT_TRUE(exact.steady_state && dicke.steady_state);
            for (std::size_t c = 0; c < exact.steady_state->size(); ++c)
                EXPECT_NEAR((*dicke.steady_state)[c], (*exact.steady_state)[c], 1e-8)
                    << exact.series.columns[c] << " N=" << n << (drive.empty() ? "" : " driven");
        }
    }
}

}  // namespace
}  // namespace openspins::testing
