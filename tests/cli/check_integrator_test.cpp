// `openspins check` says which integrator the run will use and why (the stiffness number
// and the threshold), and gives a rough run time.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Checked {
    int status = -1;
    std::string out;
};

// `openspins check` on `toml` (written to a file of its own), with its stdout.
Checked check(const std::string& toml) {
    const fs::path dir = fs::temp_directory_path() / ("openspins_check_integrator_" + std::to_string(::getpid()) + "_" +
                                                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
    std::ofstream(dir / "run.toml") << toml;
    const std::string command =
        "cd '" + dir.string() + "' && '" OPENSPINS_CLI "' check run.toml >stdout.txt 2>stderr.txt";
    const int raw = std::system(command.c_str());
    Checked c;
    c.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    std::ifstream in(dir / "stdout.txt");
    std::ostringstream text;
    text << in.rdbuf();
    c.out = text.str();
    fs::remove_all(dir);
    return c;
}

std::string example(const std::string& name) {
    std::ifstream in(std::string(OPENSPINS_SOURCE_DIR) + "/examples/" + name);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(CheckIntegrator, PrintsTheAutomaticChoiceWithStiffnessAndThreshold) {
    std::string stiff = example("battery_fig3_long_discharge.toml");
    stiff.erase(stiff.find("integrator = \"bdf\"\n"), std::string("integrator = \"bdf\"\n").size());
    const Checked c = check(stiff);
    ASSERT_EQ(c.status, 0) << c.out;
    EXPECT_NE(c.out.find("method:    dicke (bdf,"), std::string::npos) << c.out;
    EXPECT_NE(c.out.find("integrator: bdf (auto: stiffness "), std::string::npos) << c.out;
    EXPECT_NE(c.out.find(" ≥ threshold "), std::string::npos) << c.out;
    EXPECT_NE(c.out.find("'discharge'"), std::string::npos) << c.out;
    // Every evolve step goes to the rational propagator by plan: no integrator time to estimate.
    EXPECT_NE(c.out.find("run time:  no evolve step goes to the integrator"), std::string::npos) << c.out;

    const Checked gentle = check(example("two_spin_superradiance.toml"));
    ASSERT_EQ(gentle.status, 0) << gentle.out;
    EXPECT_NE(gentle.out.find("integrator: adams (auto: stiffness "), std::string::npos) << gentle.out;
    EXPECT_NE(gentle.out.find(" < threshold "), std::string::npos) << gentle.out;
    EXPECT_NE(gentle.out.find("run time:  roughly "), std::string::npos) << gentle.out;
    EXPECT_NE(gentle.out.find("rough estimate"), std::string::npos) << gentle.out;
}

// The bad-cavity example without its key: κ n_max = 1200 over t = 2 makes it stiff for CVODE (with
// max_order set, which keeps `auto` among CVODE's integrators); without it the density path's `auto`
// takes the Chebyshev exponential (0.26 s against bdf's 0.90 s here, load 8).
TEST(CheckIntegrator, CavityLossMakesTheBadCavityStiff) {
    std::string text = example("cavity_bad_cavity.toml");
    text.erase(text.find("integrator = \"bdf\"\n"), std::string("integrator = \"bdf\"\n").size());
    const Checked chebyshev = check(text);
    ASSERT_EQ(chebyshev.status, 0) << chebyshev.out;
    EXPECT_NE(chebyshev.out.find("integrator: chebyshev (auto: linear generator"), std::string::npos) << chebyshev.out;
    text.insert(text.find("name = \"dicke\"\n") + std::string("name = \"dicke\"\n").size(), "max_order = 5\n");
    const Checked c = check(text);
    ASSERT_EQ(c.status, 0) << c.out;
    EXPECT_NE(c.out.find("integrator: bdf (auto: stiffness "), std::string::npos) << c.out;
    EXPECT_NE(c.out.find("fastest decay rate 1.2e+03 over a step of 2"), std::string::npos) << c.out;
    EXPECT_NE(c.out.find("run time:  roughly "), std::string::npos) << c.out;
}

TEST(CheckIntegrator, PrintsANamedIntegratorAsNamed) {
    const Checked c = check(example("battery_fig3_long_discharge.toml"));
    ASSERT_EQ(c.status, 0) << c.out;
    EXPECT_NE(c.out.find("integrator: bdf (named in the run file)"), std::string::npos) << c.out;
}

}  // namespace
