// Reading run files for the dicke method: collective forms instead of monomials,
// located errors for what has no collective form, and one RunSpec for both methods.
#include <gtest/gtest.h>

#include "method/dicke/dicke_test_support.hpp"
#include "openspins/errors.hpp"

namespace openspins::testing {
namespace {

TEST(DickeConfig, SymbolicReadingKeepsCollectiveFormsOnly) {
    const RunSpec spec = read_run_toml(R"toml(
[method]
name = "dicke"
[spins]
count = 100
frequency = 2.0
[hamiltonian]
zeeman = "+"
[[hamiltonian.term]]
expr = "0.5*(Jp*Jm + Jm*Jp)"
name = "flipflop"
[[hamiltonian.coupling]]
kind = "zz"
J = 0.1
[[channel]]
kind = "emission"
rate = 1.0
[time]
stop = 1.0
[output.custom]
jp = "Jp"
)toml",
                                       "s.toml");
    ASSERT_EQ(spec.model.hamiltonian.size(), 3u);
    for (const auto& t : spec.model.hamiltonian) {
        EXPECT_TRUE(t.op.empty()) << t.name;
        EXPECT_TRUE(t.collective.has_value()) << t.name;
    }
    EXPECT_EQ(spec.model.channels[0].jumps.size(), 100u);
    EXPECT_TRUE(spec.model.channels[0].jumps[0].op.empty());
    for (const auto& o : spec.observables)
        if (o.kind == Observable::Kind::expectation) {
            EXPECT_TRUE(o.collective.has_value()) << o.name;
        }
    const RunResult r = make_method("dicke")->run(spec, {});
    EXPECT_NO_THROW((void)r.series.column("jp.re"));
    EXPECT_NO_THROW((void)r.series.column("jp.im"));
}

TEST(DickeConfig, NonHermitianOrSingleSpinTermsAreLocatedErrors) {
    const std::string head = "[method]\nname = \"dicke\"\n[spins]\ncount = 4\n[time]\nstop = 1.0\n";
    try {
        (void)read_run_toml(head + "[hamiltonian]\n[[hamiltonian.term]]\nexpr = \"Jp\"\n", "t.toml");
        ADD_FAILURE() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.line(), 9);
        EXPECT_EQ(e.key(), "hamiltonian.term[0].expr");
    }
    try {
        (void)read_run_toml(head + "[hamiltonian]\n[[hamiltonian.term]]\nexpr = \"Jz + sz(2)\"\n", "t.toml");
        ADD_FAILURE() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("column 6"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("exact"), std::string::npos) << e.what();
    }
}

TEST(DickeConfig, ARunSpecReadForExactAlsoRunsWithDicke) {
    // The reader fills collective forms for every method, so the exact method's RunSpec
    // (operators expanded) carries what the dicke method needs, and both agree.
    const RunSpec spec = read_run_toml(R"toml(
[method]
rtol = 1e-11
atol = 1e-13
[spins]
count = 4
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[hamiltonian.drive]]
omega_y = 0.4
[[channel]]
kind = "collective_emission"
rate = 0.5
[[channel]]
kind = "dephasing"
rate = 0.2
[time]
stop = 1.0
points = 5
[output.custom]
up0 = "nup(0)"
)toml",
                                       "x.toml");
    const RunResult exact = make_method("exact")->run(spec, {});
    const RunResult dicke = make_method("dicke")->run(spec, {});
    EXPECT_LE(largest_difference(dicke, exact), 1e-8);
}

}  // namespace
}  // namespace openspins::testing
