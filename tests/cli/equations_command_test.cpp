// openspins equations: the cumulant equations of a run file's model, as text and LaTeX;
// and openspins run with method cumulant writing the usual results directory.
#include "cli/cli_runner.hpp"

namespace openspins::testing {
namespace {

constexpr const char* battery = R"toml([spins]
count = 140
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 1.0
[[channel]]
kind = "collective_emission"
rate = 1600.0
[initial]
kind = "all_down"
[time]
stop = 0.01
points = 3
[output]
observables = ["Jz", "JpJm", "purity"]
plot = false
)toml";

using EquationsCommand = CliRunner;

TEST_F(EquationsCommand, PrintsTheTavisCummingsSystemWithTheMode) {
    // A dicke run file with a [cavity] (n_max and the Fock column are the dicke method's): the
    // Maxwell–Bloch equation of <a> and the photon balance, with the mode's letters printed.
    write("tc.toml", R"toml([method]
name = "dicke"
[spins]
count = 10
[cavity]
n_max = 6
coupling = 0.3
detuning = 0.2
loss = 1.0
observables = ["fock"]
[time]
stop = 1.0
)toml");
    const CliOutcome text = cli("equations tc.toml --order 2");
    ASSERT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("20 reals"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("d/dt <a> =\n        cavity.detuning * (-i <a>)\n      + cavity * (N <s-1>)\n"
                            "      + cavity.loss * (-1/2 <a>)"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("d/dt <ad a> =\n        cavity * (N <ad s-1> + N <a s+1>)\n      + cavity.loss * (-<ad a>)"),
              std::string::npos)
        << text.out;
    const CliOutcome latex = cli("equations tc.toml --latex --order 1");
    ASSERT_EQ(latex.status, 0) << latex.err;
    EXPECT_NE(latex.out.find("\\langle a \\rangle"), std::string::npos) << latex.out;
}

TEST_F(EquationsCommand, PrintsSeed002sNineVariableSystemInTextAndLatex) {
    write("battery.toml", battery);
    const CliOutcome text = cli("equations battery.toml");
    ASSERT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("order 2"), std::string::npos);
    EXPECT_NE(text.out.find("9 reals"), std::string::npos);
    // The pair equation with its correct source term (seed 002's Appendix prints Γ/2 <σz_i + σz_j>).
    EXPECT_NE(text.out.find("collective_emission * (1/2 <sz1> + 1/2 <sz1 sz2> - <s+1 s-2> + (N - 2) <s+1 s-2 sz3>)"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("<s+1 s-2 sz3> ~"), std::string::npos);
    const CliOutcome latex = cli("equations battery.toml --latex --order 3");
    ASSERT_EQ(latex.status, 0) << latex.err;
    EXPECT_NE(latex.out.find("\\begin{align*}"), std::string::npos);
    EXPECT_NE(latex.out.find("\\frac{d}{dt}\\langle \\sigma^{z}_{1}\\rangle"), std::string::npos) << latex.out;
    EXPECT_NE(latex.out.find("19 reals"), std::string::npos);
    const CliOutcome bad = cli("equations battery.toml --order 4");
    EXPECT_EQ(bad.status, 2);
}

TEST_F(EquationsCommand, RunWritesTheSeriesAndRefusesPurity) {
    write("battery.toml", std::string("[method]\nname = \"cumulant\"\n") + battery);
    const CliOutcome refused = cli("run battery.toml --quiet");
    EXPECT_EQ(refused.status, 2);
    EXPECT_NE(refused.err.find("purity"), std::string::npos);
    EXPECT_NE(refused.err.find("dicke"), std::string::npos);
    const CliOutcome ok = cli("run battery.toml --quiet --set 'output.observables=[\"Jz\", \"JpJm\"]'");
    ASSERT_EQ(ok.status, 0) << ok.err;
    const std::string series = read_text(dir_ / "results" / "battery" / "series.csv");
    EXPECT_NE(series.find("Jz"), std::string::npos);
}

}  // namespace
}  // namespace openspins::testing
