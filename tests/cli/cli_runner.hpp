// A test fixture that runs the openspins binary in a fresh directory of its own and
// reads what it wrote (the pattern of cli_test.cpp, shared by the newer CLI tests).
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace openspins::testing {

struct CliOutcome {
    int status = -1;
    std::string out;
    std::string err;
};

inline std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// One spin decaying from |↑⟩ at rate γ = 0.5 (⟨Jz⟩(t) = e^{−γt} − 1/2), 11 outputs on
// [0, 1], no plot: the smallest valid run, which the CLI tests vary.
inline constexpr const char* one_spin_decay = R"toml(title = "one spin decaying"
[spins]
count = 1
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 0.5
[time]
stop = 1.0
points = 11
[output]
plot = false
)toml";

class CliRunner : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("openspins_cli_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    void write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ / name, std::ios::binary) << text;
    }

    // Runs `openspins <args>` (args as a shell would split them) with `cwd`, relative to
    // the test directory, as the working directory.
    CliOutcome cli(const std::string& args, const std::string& cwd = ".") const {
        const std::string command = "cd '" + (dir_ / cwd).string() + "' && '" OPENSPINS_CLI "' " + args + " >'" +
                                    (dir_ / "stdout.txt").string() + "' 2>'" + (dir_ / "stderr.txt").string() + "'";
        const int raw = std::system(command.c_str());
        CliOutcome o;
        o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
        o.out = read_text(dir_ / "stdout.txt");
        o.err = read_text(dir_ / "stderr.txt");
        std::filesystem::remove(dir_ / "stdout.txt");
        std::filesystem::remove(dir_ / "stderr.txt");
        return o;
    }

    // Names in the test directory other than run files: results, staging or old directories.
    std::vector<std::string> produced() const {
        std::vector<std::string> names;
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir_))
            if (e.path().extension() != ".toml" && e.path().filename() != "stdout.txt" &&
                e.path().filename() != "stderr.txt")
                names.push_back(std::filesystem::relative(e.path(), dir_).string());
        return names;
    }

    std::filesystem::path dir_;
};

}  // namespace openspins::testing
