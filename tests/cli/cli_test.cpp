// The openspins binary end to end: exit statuses, error messages naming file:line
// and key, no results left behind by a failed run, --force semantics, and a full
// run of examples/single_spin_t1_t2.toml checked against the analytic T1/T2 decay.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_runner.hpp"

namespace {

namespace fs = std::filesystem;

using openspins::testing::read_text;

// Each test works in its own empty directory, where the CLI writes results/<stem>.
class Cli : public openspins::testing::CliRunner {};

const char* const valid_run = openspins::testing::one_spin_decay;

TEST_F(Cli, VersionAndHelp) {
    const auto version = cli("--version");
    EXPECT_EQ(version.status, 0);
    EXPECT_NE(version.out.find("openspins 0."), std::string::npos) << version.out;
    for (const char* sub : {"run --help", "check --help", "--help"}) {
        const auto help = cli(sub);
        EXPECT_EQ(help.status, 0) << sub;
        EXPECT_NE(help.out.find("Usage"), std::string::npos) << sub;
    }
}

TEST_F(Cli, UsageErrorsExitWithTwo) {
    EXPECT_EQ(cli("").status, 2);
    EXPECT_EQ(cli("run").status, 2);
    EXPECT_EQ(cli("run missing.toml").status, 2);
    EXPECT_EQ(cli("frobnicate x.toml").status, 2);
    EXPECT_TRUE(produced().empty());
}

// Each bad input: exit 2, "openspins: error: bad.toml:<line>: <key>: …" on stderr, nothing written.
TEST_F(Cli, BadInputsExitWithTwoNamingFileLineAndKey) {
    struct Case {
        std::string toml;
        int line;
        std::string key;
        std::string words;
    };
    const std::string spins = "[spins]\ncount = 2\nfrequency = 1.0\n[hamiltonian]\nzeeman = \"+\"\n";  // lines 1–5
    const std::string time = "[time]\nstop = 1\n";
    const std::vector<Case> cases{
        {spins + time + "[[channel]]\nkind = \"emission\"\nrate = \n", 10, "(syntax)", "TOML syntax error"},
        {spins + "[[channel]]\nkind = \"emission\"\nrate = 1\nrat = 2\n" + time, 9, "channel[0].rat", "unknown key"},
        {spins + "[[channel]]\nkind = \"emission\"\nrate = \"1\"\n" + time, 8, "channel[0].rate", "must be a number"},
        {spins + "[[channel]]\nkind = \"emission\"\n" + time, 6, "channel[0].rate", "required key is missing"},
        {spins + "[[channel]]\nkind = \"emission\"\nrate = -1\n" + time, 8, "channel[0].rate", "must be ≥ 0"},
        {spins + "[[channel]]\nkind = \"emission\"\nrate = nan\n" + time, 8, "channel[0].rate", "finite"},
        {spins + "[[channel]]\nkind = \"emission\"\nrate = 1\nspins = [2]\n" + time, 9, "channel[0].spins[0]",
         "out of range [0, 2)"},
        {spins +
             "[[channel]]\nkind = \"emission\"\nrate = 1\n[[channel]]\nkind = \"dephasing\"\nrate = 1\n"
             "name = \"emission\"\n" +
             time,
         12, "channel[1].name", "already used"},
        {spins + "[[channel]]\nkind = \"emission\"\nrate = 1\nspecies = \"B\"\n" + time, 9, "channel[0].species",
         "unknown species 'B'"},
        {spins + "[[protocol]]\nevolve = 1\nscale = { emision = 0 }\n", 8, "protocol[0].scale.emision",
         "names no Hamiltonian term or channel"},
        {spins + "[[protocol]]\npulse = { axis = \"q\", angle_deg = 90 }\n[[protocol]]\nevolve = 1\n", 7,
         "protocol[0].pulse.axis", "axis must be"},
        {spins + "[initial]\nkind = \"product\"\nbloch = [1, 1, 1]\n" + time, 8, "initial.bloch", "exceeds 1"},
        {spins + "[time]\ntimes = [0, 2, 1]\n", 7, "time.times[2]", "strictly ascending"},
        {"[spins]\ncount = 1\nfrequency = 1.0\n" + time, 1, "hamiltonian.zeeman", "required"},
        {spins + time + "[[hamiltonian.term]]\nexpr = \"sx(0) * sq(1)\"\n", 9, "hamiltonian.term[0].expr",
         "column 9: unknown name 'sq'"},
        // Refusals by the method (size, memory) are located at the spin count.
        {"[spins]\ncount = 17\nfrequency = 1.0\n[hamiltonian]\nzeeman = \"+\"\n" + time, 2, "spins.count",
         "beyond the exact method"},
        {"[method]\nmemory_limit_gib = 0.001\n[[species]]\nname = \"A\"\ncount = 9\nfrequency = 1.0\n"
         "[hamiltonian]\nzeeman = \"+\"\n" + time,
         5, "species[0].count", "needs about"},
    };
    for (const auto& c : cases) {
        write("bad.toml", c.toml);
        for (const char* sub : {"run bad.toml", "check bad.toml"}) {
            const auto o = cli(sub);
            const std::string prefix = "openspins: error: bad.toml:" + std::to_string(c.line) + ": " + c.key + ": ";
            EXPECT_EQ(o.status, 2) << sub << "\n" << c.toml;
            EXPECT_EQ(o.err.rfind(prefix, 0), 0u) << "expected prefix '" << prefix << "', got: " << o.err;
            EXPECT_NE(o.err.find(c.words), std::string::npos) << o.err;
        }
        EXPECT_TRUE(produced().empty()) << "a failed run must leave nothing behind:\n" << c.toml;
    }
}

TEST_F(Cli, ExistingResultsAreRefusedWithoutForce) {
    write("run.toml", valid_run);
    fs::create_directories(dir_ / "results" / "run");
    write("results/run/good.csv", "keep me");
    const auto o = cli("run run.toml");
    EXPECT_EQ(o.status, 2);
    EXPECT_NE(o.err.find("already exists (use --force"), std::string::npos) << o.err;
    EXPECT_EQ(read_text(dir_ / "results" / "run" / "good.csv"), "keep me");
    EXPECT_EQ(produced(), (std::vector<std::string>{"results", "results/run", "results/run/good.csv"}));
}

TEST_F(Cli, ForceReplacesAGoodDirectoryOnlyWithACompleteOne) {
    write("run.toml", valid_run);
    fs::create_directories(dir_ / "out");
    write("out/good.csv", "keep me");
    write("out/metadata.json", R"({"openspins": {"version": "earlier"}})");  // an earlier result

    // Invalid input, with --force: exit 2 and the good directory untouched.
    write("bad.toml", std::string(valid_run) + "[[channel]]\nkind = \"emission\"\nrate = -1\n");
    EXPECT_EQ(cli("run bad.toml --output out --force").status, 2);
    EXPECT_EQ(read_text(dir_ / "out" / "good.csv"), "keep me");

    // A numerical failure (trace tolerance no integrator can meet), with --force: exit 3, untouched.
    write("numerics.toml", std::string(valid_run) + "[method]\ntrace_tolerance = 1e-300\n");
    const auto failed = cli("run numerics.toml --output out --force");
    EXPECT_EQ(failed.status, 3) << failed.err;
    EXPECT_EQ(failed.err.rfind("openspins: error: ", 0), 0u) << failed.err;
    EXPECT_EQ(read_text(dir_ / "out" / "good.csv"), "keep me");
    auto kept = produced();
    std::sort(kept.begin(), kept.end());
    EXPECT_EQ(kept, (std::vector<std::string>{"out", "out/good.csv", "out/metadata.json"}));

    // A successful run with --force replaces it; no staging or old directory remains.
    const auto ok = cli("run run.toml --output out --force --quiet");
    EXPECT_EQ(ok.status, 0) << ok.err;
    EXPECT_TRUE(ok.out.empty()) << "--quiet prints no summary";
    EXPECT_FALSE(fs::exists(dir_ / "out" / "good.csv"));
    auto names = produced();
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"out", "out/metadata.json", "out/series.csv"}));
}

TEST_F(Cli, UnwritableOutputExitsWithTwoBeforeComputingAndLeavesNothing) {
    write("run.toml", valid_run);
    write("blocker", "a file where a directory should be");
    const auto o = cli("run run.toml --output blocker/results");
    EXPECT_EQ(o.status, 2) << o.err;
    EXPECT_NE(o.err.find("--output: results directory"), std::string::npos) << o.err;
    EXPECT_EQ(o.err.rfind("openspins: error: ", 0), 0u) << o.err;
    EXPECT_EQ(produced(), std::vector<std::string>{"blocker"});
}

TEST_F(Cli, CheckPrintsASummary) {
    write("run.toml", valid_run);
    const auto o = cli("check run.toml");
    EXPECT_EQ(o.status, 0) << o.err;
    for (const char* words : {"run.toml: ok", "N = 1", "exact", "storage:", "estimated", "1 step", "11 times", "Jz"})
        EXPECT_NE(o.out.find(words), std::string::npos) << words << " missing from:\n" << o.out;
    EXPECT_TRUE(produced().empty()) << "check writes nothing";
}

TEST_F(Cli, FailedRunRemovesTheParentsItCreated) {
    write("numerics.toml", std::string(valid_run) + "[method]\ntrace_tolerance = 1e-300\n");
    EXPECT_EQ(cli("run numerics.toml --output new/parent/out").status, 3);
    EXPECT_TRUE(produced().empty()) << "the checkpoint's parent directories must go with a failed run";
}

// CVODE itself failing (tolerances below what double precision can resolve: CV_TOO_MUCH_ACC)
// is a numerical failure, exit 3. Under the sanitizer job (make sanitize) this also proves
// the error path frees CVodeGetReturnFlagName's string: a leak would turn 3 into
// LeakSanitizer's exit status.
TEST_F(Cli, IntegratorFailureExitsWithThree) {
    write("tight.toml", std::string(valid_run) +
                            "[method]\npropagator = \"integrator\"\nintegrator = \"adams\"\n"
                            "rtol = 1e-300\natol = 1e-300\n");
    const auto o = cli("run tight.toml");
    EXPECT_EQ(o.status, 3) << o.err;
    EXPECT_EQ(o.err.rfind("openspins: error: ", 0), 0u) << o.err;
    EXPECT_NE(o.err.find("CV_TOO_MUCH_ACC"), std::string::npos) << "CVODE's own flag, named: " << o.err;
    EXPECT_TRUE(produced().empty()) << "a failed run must leave nothing behind";
}

TEST_F(Cli, ResumeWithoutACheckpointStartsAtZeroAndStaleCheckpointsAreDiscarded) {
    write("run.toml", valid_run);
    const auto fresh = cli("run run.toml --output out --resume");
    EXPECT_EQ(fresh.status, 0) << fresh.err;
    EXPECT_NE(fresh.err.find("no checkpoint of this run"), std::string::npos) << fresh.err;

    // Without --resume an old checkpoint (here: not even a valid one) is ignored and removed.
    write("out2.checkpoint", "stale");
    EXPECT_EQ(cli("run run.toml --output out2 -q").status, 0);
    EXPECT_FALSE(fs::exists(dir_ / "out2.checkpoint"));
    // With --resume a file that is not a checkpoint is an input error.
    write("out3.checkpoint", "stale");
    const auto bad = cli("run run.toml --output out3 --resume");
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.err.find("not an openspins checkpoint"), std::string::npos) << bad.err;
    EXPECT_FALSE(fs::exists(dir_ / "out3"));
}

// Killed and resumed runs: tests/cli/robustness_test.cpp (bit for bit, signals, damaged checkpoints).

// examples/single_spin_t1_t2.toml: H = +ω S^z, γ D[σ^-] + γ_φ D[σ^z], start along +x.
// Analytic: ⟨S^z⟩(t) = −½(1 − e^{−γt}); |⟨S^⊥⟩|(t) = ½ e^{−(γ/2 + 2γ_φ)t}.
TEST_F(Cli, SingleSpinExampleMatchesTheAnalyticDecay) {
    const auto o = cli("run '" OPENSPINS_SOURCE_DIR "/examples/single_spin_t1_t2.toml' --output out --quiet");
    ASSERT_EQ(o.status, 0) << o.err;
    EXPECT_TRUE(o.err.empty() || o.err.find("warning") != std::string::npos) << o.err;

    std::ifstream csv(dir_ / "out" / "series.csv");
    std::string header;
    std::getline(csv, header);
    EXPECT_EQ(header, "t,step,Jx,Jy,Jz,purity,trace");
    std::string line, last;
    int rows = 0;
    while (std::getline(csv, line)) {
        last = line;
        ++rows;
    }
    EXPECT_EQ(rows, 401);
    std::vector<double> v;
    std::stringstream fields(last);
    for (std::string f; std::getline(fields, f, ',');) v.push_back(std::stod(f));
    ASSERT_EQ(v.size(), 7u);
    const double t = v[0], gamma = 0.1, gamma_phi = 0.05;
    EXPECT_EQ(t, 40.0);
    EXPECT_NEAR(v[4], -0.5 * (1.0 - std::exp(-gamma * t)), 1e-6);
    EXPECT_NEAR(std::hypot(v[2], v[3]), 0.5 * std::exp(-(gamma / 2 + 2 * gamma_phi) * t), 1e-6);
    EXPECT_NEAR(v[6], 1.0, 1e-9);

    const auto m = nlohmann::json::parse(read_text(dir_ / "out" / "metadata.json"));
    for (const char* key : {"title", "config", "method", "solver", "statistics", "notes", "libraries", "openspins",
                            "started_at", "wall_seconds", "command_line", "columns", "model", "protocol", "output"})
        EXPECT_TRUE(m.contains(key)) << key;
    EXPECT_EQ(m["method"], "exact");
    EXPECT_EQ(m["config"]["channel"][0]["kind"], "emission");
    EXPECT_EQ(m["columns"], (std::vector<std::string>{"Jx", "Jy", "Jz", "purity", "trace"}));
    EXPECT_EQ(m["solver"]["rtol"], 1e-8);
    EXPECT_GT(m["statistics"]["rhs_evaluations"].get<long>(), 0);
    EXPECT_TRUE(m["libraries"].contains("sundials"));
    EXPECT_FALSE(m["openspins"]["git_revision"].get<std::string>().empty());
    // plot.png is a convenience: present when matplotlib works, otherwise a warning was printed.
    EXPECT_TRUE(fs::exists(dir_ / "out" / "plot.png") || o.err.find("plot.png not written") != std::string::npos);
}

// A cavity truncated below the photons the spins emit (method/dicke/cavity_run.hpp): the
// top-Fock-level guard ends the run as a numerical failure (exit 3), names cavity.n_max,
// and nothing is written.
TEST_F(Cli, CavityTruncationTooSmallFailsWithoutResults) {
    write("cavity.toml", R"toml([method]
name = "dicke"
[spins]
count = 6
[cavity]
n_max = 2
coupling = 1.0
loss = 0.1
[time]
stop = 2.0
points = 11
[output]
plot = false
)toml");
    const auto o = cli("run cavity.toml");
    EXPECT_EQ(o.status, 3) << o.err;
    EXPECT_NE(o.err.find("increase cavity.n_max"), std::string::npos) << o.err;
    EXPECT_TRUE(produced().empty()) << "a failed run must leave nothing behind";
}

}  // namespace
