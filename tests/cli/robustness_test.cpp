// Issue 18's defects, each as the reproducer that found it, run against the CLI:
// --force never deletes what is not an earlier result, rates goes through the same
// validation as run, damaged or foreign checkpoints are refused, a resumed run equals
// an uninterrupted one bit for bit, max_steps counts per protocol step, unwritable
// results directories are refused before computing, signals leave nothing behind
// but the checkpoint.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli_runner.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/checkpoint.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;

using openspins::testing::read_text;

class Robustness : public openspins::testing::CliRunner {
protected:
    // Starts `openspins run …` in the background; returns its pid.
    pid_t spawn_run(std::vector<std::string> args) const {
        args.insert(args.begin(), {OPENSPINS_CLI, "run"});
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, (dir_ / "spawned.stderr").c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        pid_t pid = 0;
        const int spawned = posix_spawn(&pid, OPENSPINS_CLI, &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        return spawned == 0 ? pid : -1;
    }

    // Entries of the test directory whose names start with `prefix`.
    std::vector<std::string> entries(const std::string& prefix) const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(dir_))
            if (e.path().filename().string().rfind(prefix, 0) == 0) names.push_back(e.path().filename().string());
        return names;
    }
};

const char* const one_spin = openspins::testing::one_spin_decay;

// Seven spins, long enough to be interrupted: the checkpoint and resume tests.
const char* const seven_spins = R"toml([spins]
count = 7
frequency = 1.0
broadening = { kind = "uniform", width = 0.4, seed = 3 }
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 0.05
[[channel]]
kind = "collective_emission"
rate = 0.2
[initial]
kind = "product"
bloch = [0.6, 0, 0.8]
[time]
stop = 40
points = 801
[output]
plot = false
)toml";

// ---- data loss: --force ---------------------------------------------------------

TEST_F(Robustness, ForceNeverReplacesTheWorkingDirectoryOrAnAncestor) {
    fs::create_directories(dir_ / "work" / "deeper");
    std::ofstream(dir_ / "work" / "model.toml") << one_spin;
    std::ofstream(dir_ / "work" / "deeper" / "model.toml") << one_spin;
    for (const auto& [target, cwd] : {std::pair<std::string, std::string>{"\"$PWD\"", "work"}, {".", "work"},
                                      {"..", "work/deeper"}, {"../..", "work/deeper"}}) {
        const auto o = cli("run model.toml --output " + target + " --force", cwd);
        EXPECT_EQ(o.status, 2) << target << ": " << o.err;
        EXPECT_NE(o.err.find("working directory"), std::string::npos) << o.err;
        EXPECT_TRUE(fs::exists(dir_ / "work" / "model.toml")) << "the run file was deleted by --output " << target;
        EXPECT_TRUE(fs::exists(dir_ / "work" / "deeper" / "model.toml"));
    }
}

TEST_F(Robustness, ForceReplacesOnlyEarlierResultsOrEmptyDirectories) {
    write("model.toml", one_spin);
    fs::create_directories(dir_ / "notes");
    write("notes/thesis.tex", "years of work");
    const auto refused = cli("run model.toml --output notes --force");
    EXPECT_EQ(refused.status, 2) << refused.err;
    EXPECT_NE(refused.err.find("not an openspins results directory"), std::string::npos) << refused.err;
    EXPECT_EQ(read_text(dir_ / "notes" / "thesis.tex"), "years of work");

    // A directory whose metadata.json is someone else's JSON is not ours either.
    fs::create_directories(dir_ / "other");
    write("other/metadata.json", R"({"producer": "another tool"})");
    EXPECT_EQ(cli("run model.toml --output other --force").status, 2);
    EXPECT_TRUE(fs::exists(dir_ / "other" / "metadata.json"));

    fs::create_directories(dir_ / "empty");
    EXPECT_EQ(cli("run model.toml --output empty --force -q").status, 0);
    EXPECT_TRUE(fs::exists(dir_ / "empty" / "series.csv"));

    ASSERT_EQ(cli("run model.toml --output out -q").status, 0);
    write("out/series.csv", "old");
    const auto replaced = cli("run model.toml --output out --force -q");
    EXPECT_EQ(replaced.status, 0) << replaced.err;
    EXPECT_NE(read_text(dir_ / "out" / "series.csv"), "old");
}

// ---- crash: rates without the N limit ---------------------------------------------

TEST_F(Robustness, RatesAppliesTheSameSizeAndMemoryChecksAsRun) {
    for (const int n : {64, 36}) {
        std::string text = one_spin;
        text.replace(text.find("count = 1"), 9, "count = " + std::to_string(n));
        write("big.toml", text);
        const auto rates = cli("rates big.toml");
        const auto run = cli("run big.toml");
        EXPECT_EQ(rates.status, 2) << "N = " << n << ": " << rates.err;
        EXPECT_NE(rates.err.find("big.toml:3: spins.count:"), std::string::npos) << rates.err;
        EXPECT_EQ(rates.err, run.err) << "rates and run refuse N = " << n << " alike";
    }
}

TEST_F(Robustness, RatesOutputIsAtomicAndNeedsForce) {
    write("model.toml", one_spin);
    const auto first = cli("rates model.toml --output rates_out");
    ASSERT_EQ(first.status, 0) << first.err;
    for (const char* f : {"modes.csv", "blocks.csv", "single_spin.csv", "rates.json"})
        EXPECT_TRUE(fs::exists(dir_ / "rates_out" / f)) << f;
    EXPECT_TRUE(entries("rates_out.").empty()) << "no staging directory left";

    const auto again = cli("rates model.toml --output rates_out");
    EXPECT_EQ(again.status, 2);
    EXPECT_NE(again.err.find("already exists (use --force"), std::string::npos) << again.err;
    EXPECT_EQ(cli("rates model.toml --output rates_out --force").status, 0);

    fs::create_directories(dir_ / "mine");
    write("mine/keep.txt", "keep");
    EXPECT_EQ(cli("rates model.toml --output mine --force").status, 2);
    EXPECT_EQ(read_text(dir_ / "mine" / "keep.txt"), "keep");
}

// ---- writability --------------------------------------------------------------------

TEST_F(Robustness, AnUnwritableResultsDirectoryIsRefusedBeforeComputing) {
    write("model.toml", one_spin);
    const auto run = cli("run model.toml --output /proc/openspins_cannot_write_here");
    EXPECT_EQ(run.status, 2) << run.err;
    EXPECT_NE(run.err.find("--output: results directory '/proc/openspins_cannot_write_here' cannot be written"),
              std::string::npos)
        << run.err;

    std::string text = one_spin;
    text += "directory = \"/proc/openspins_x\"\n";
    write("proc.toml", text);
    const auto check = cli("check proc.toml");
    EXPECT_EQ(check.status, 2) << check.out;
    EXPECT_NE(check.err.find("proc.toml: output.directory: results directory '/proc/openspins_x' cannot be written"),
              std::string::npos)
        << check.err;
    EXPECT_EQ(cli("run proc.toml").status, 2);
}

// ---- max_steps per protocol step ----------------------------------------------------

TEST_F(Robustness, MaxStepsIsABudgetPerProtocolStepNotPerOutputInterval) {
    // t = 0 … 100 at rtol 1e-8 takes Adams hundreds of steps; each of the 400 output
    // intervals far fewer than 40.
    std::string text = one_spin;
    text.replace(text.find("stop = 1.0"), 10, "stop = 100.0");
    text.replace(text.find("points = 11"), 11, "points = 401");
    write("ok.toml", text);
    ASSERT_EQ(cli("run ok.toml --output ok -q").status, 0);
    write("limited.toml", text + "[method]\nmax_steps = 40\n");
    const auto o = cli("run limited.toml --output limited");
    EXPECT_EQ(o.status, 3) << o.err;
    EXPECT_NE(o.err.find("max_steps = 40 steps within one protocol step"), std::string::npos) << o.err;
    EXPECT_FALSE(fs::exists(dir_ / "limited"));
}

// ---- checkpoints ------------------------------------------------------------------------

TEST_F(Robustness, ACheckpointWithAChangedByteIsRefused) {
    const std::string path = (dir_ / "c.checkpoint").string();
    openspins::Checkpoint c;
    c.fingerprint = "run file=1;method=exact";
    c.step = 0;
    c.time = 2.5;
    c.next_output = 51;
    c.series.columns = {"Jz"};
    c.series.add_row(0.0, 0, {0.5});
    c.state = {1.0, 0.0, 0.25};
    openspins::write_checkpoint(path, c);
    ASSERT_TRUE(openspins::read_checkpoint(path, c.fingerprint).has_value());

    const std::string good = read_text(path);
    // Every single-byte change anywhere in the file is detected.
    for (std::size_t k = 0; k < good.size(); ++k) {
        std::string bad = good;
        bad[k] = static_cast<char>(bad[k] ^ 0x5a);
        std::ofstream(path, std::ios::binary) << bad;
        EXPECT_THROW((void)openspins::read_checkpoint(path, c.fingerprint), openspins::ModelError) << "byte " << k;
    }
    std::ofstream(path, std::ios::binary) << good.substr(0, good.size() - 3);
    EXPECT_THROW((void)openspins::read_checkpoint(path, c.fingerprint), openspins::ModelError);
    std::ofstream(path, std::ios::binary) << good;
    try {
        (void)openspins::read_checkpoint(path, "run file=2;method=exact");
        ADD_FAILURE() << "a foreign checkpoint was accepted";
    } catch (const openspins::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("belongs to another run (run file 1 ≠ 2)"), std::string::npos)
            << e.what();
    }
}

// Kills a run once its checkpoint exists; returns false when it finished first.
bool interrupt_after_checkpoint(pid_t pid, const fs::path& checkpoint, int signal, int& status) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (!fs::exists(checkpoint) && std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(pid, &status, WNOHANG) == pid) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ::kill(pid, signal);
    ::waitpid(pid, &status, 0);
    return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST_F(Robustness, AResumedRunEqualsAnUninterruptedOneBitForBit) {
    write("long.toml", seven_spins);
    ASSERT_EQ(cli("run long.toml --output reference -q").status, 0);
    const std::string reference = read_text(dir_ / "reference" / "series.csv");

    for (const int signal : {SIGKILL, SIGTERM}) {
        SCOPED_TRACE(::strsignal(signal));
        const fs::path checkpoint = dir_ / "out.checkpoint";
        const pid_t pid = spawn_run({(dir_ / "long.toml").string(), "--output", (dir_ / "out").string(), "-q",
                                     "--checkpoint-interval", "0"});
        ASSERT_GT(pid, 0);
        int status = 0;
        if (!interrupt_after_checkpoint(pid, checkpoint, signal, status))
            GTEST_SKIP() << "the run finished before it could be interrupted";
        ASSERT_TRUE(fs::exists(checkpoint)) << "an interrupted run keeps its checkpoint";
        EXPECT_FALSE(fs::exists(dir_ / "out"));
        if (signal == SIGTERM) {
            // A clean stop: exit 128 + 15, one line saying what was kept and how to resume.
            EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 143) << status;
            const std::string said = read_text(dir_ / "spawned.stderr");
            EXPECT_NE(said.find("kept the checkpoint"), std::string::npos) << said;
            EXPECT_NE(said.find("--resume"), std::string::npos) << said;
            EXPECT_TRUE(entries("out.tmp-").empty());
        }

        // Damaged: 8 bytes changed in the middle → refused, nothing computed, the checkpoint kept.
        const std::string good = read_text(checkpoint);
        std::string bad = good;
        for (std::size_t k = 0; k < 8; ++k) bad[bad.size() / 2 + k] = static_cast<char>(~bad[bad.size() / 2 + k]);
        std::ofstream(checkpoint, std::ios::binary) << bad;
        const auto refused = cli("run long.toml --output out --resume");
        EXPECT_EQ(refused.status, 2) << refused.err;
        EXPECT_NE(refused.err.find("is damaged (checksum mismatch)"), std::string::npos) << refused.err;
        EXPECT_FALSE(fs::exists(dir_ / "out"));

        // Foreign: the run file changed since the checkpoint was written.
        std::ofstream(checkpoint, std::ios::binary) << good;
        write("long.toml", std::string(seven_spins) + "# edited\n");
        const auto foreign = cli("run long.toml --output out --resume");
        EXPECT_EQ(foreign.status, 2) << foreign.err;
        EXPECT_NE(foreign.err.find("belongs to another run (run file"), std::string::npos) << foreign.err;
        write("long.toml", seven_spins);

        const auto resumed = cli("run long.toml --output out --resume");
        ASSERT_EQ(resumed.status, 0) << resumed.err;
        EXPECT_NE(resumed.err.find("resuming from"), std::string::npos) << resumed.err;
        EXPECT_FALSE(fs::exists(checkpoint)) << "a finished run removes its checkpoint";
        EXPECT_EQ(read_text(dir_ / "out" / "series.csv"), reference) << "resumed ≠ uninterrupted";
        fs::remove_all(dir_ / "out");
    }
}

TEST_F(Robustness, ASignalWhileThePlotIsDrawnLeavesNoStagingDirectory) {
    std::string text = one_spin;
    text.replace(text.find("plot = false"), 12, "plot = true");
    write("plot.toml", text);
    const pid_t pid = spawn_run({(dir_ / "plot.toml").string(), "--output", (dir_ / "out").string(), "-q"});
    ASSERT_GT(pid, 0);
    // The staging directory exists only while the files and the plot are written.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    int status = 0;
    bool finished = false;
    while (entries("out.tmp-").empty() && std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            finished = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    if (finished) GTEST_SKIP() << "the run finished before its staging directory was seen";
    ::kill(pid, SIGTERM);
    ::waitpid(pid, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) GTEST_SKIP() << "the results were in place before the signal";
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 143) << status;
    EXPECT_TRUE(entries("out.tmp-").empty()) << "the staging directory was left behind";
    EXPECT_FALSE(fs::exists(dir_ / "out"));
}

}  // namespace
