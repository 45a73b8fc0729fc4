// The Dicke-basis state file (model/dicke_state_file.hpp): what it accepts, what it refuses
// (each with the file's line), and the [output] keys that ask for state files.
#include "openspins/model/dicke_state_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "config/test_support.hpp"
#include "openspins/errors.hpp"

namespace openspins {
namespace {

class DickeStateFile : public ::testing::Test {
protected:
    void TearDown() override { std::filesystem::remove(path_); }

    DensityBlocks read(const std::string& text, int spins) {
        std::ofstream(path_) << text;
        return read_dicke_state_file(path_, spins);
    }
    // Reading `text` for `spins` fails with "<path>: line <line>: <what>".
    ::testing::AssertionResult refused(const std::string& text, int spins, int line, const std::string& what) {
        try {
            (void)read(text, spins);
        } catch (const ModelError& e) {
            const std::string expected = path_ + ": line " + std::to_string(line) + ": " + what;
            if (std::string(e.what()).rfind(expected, 0) != 0)
                return ::testing::AssertionFailure() << "expected '" << expected << "…', got '" << e.what() << "'";
            return ::testing::AssertionSuccess();
        }
        return ::testing::AssertionFailure() << "accepted";
    }

    std::string path_ = (std::filesystem::temp_directory_path() /
                         ("openspins_dicke_state_" + std::to_string(::getpid()) + ".dicke.txt"))
                            .string();
};

TEST_F(DickeStateFile, BlocksInAnyOrderMissingOnesZero) {
    // N = 3: blocks 2j = 3 (4 × 4) and 1 (2 × 2, listed first here); comments and blank lines skipped.
    const auto state = read("# comment\n\nspins 3\ntwo_j 1\n0.25 0 0 -0.5\n0 0.5 0.25 0\n", 3);
    ASSERT_EQ(state.two_j, (std::vector<int>{3, 1}));
    EXPECT_EQ(state.blocks[0], Eigen::MatrixXcd::Zero(4, 4));
    EXPECT_EQ(state.blocks[1](0, 0), std::complex<double>(0.25, 0));
    EXPECT_EQ(state.blocks[1](0, 1), std::complex<double>(0, -0.5));
    EXPECT_EQ(state.blocks[1](1, 0), std::complex<double>(0, 0.5));
    EXPECT_EQ(state.spins, 3);
}

TEST_F(DickeStateFile, MalformedContentNamesTheLine) {
    EXPECT_TRUE(refused("two_j 1\n", 1, 1, "expected 'spins N' first"));
    EXPECT_TRUE(refused("", 1, 0, "expected 'spins N' first"));
    EXPECT_TRUE(refused("spins 2\n", 3, 1, "the state is of 2 spins, the run has N = 3"));
    EXPECT_TRUE(refused("spins 3\ntwo_j 2\n", 3, 2, "two_j 2 is not a block of N = 3 spins"));
    EXPECT_TRUE(refused("spins 3\ntwo_j 5\n", 3, 2, "two_j 5 is not a block of N = 3 spins"));
    EXPECT_TRUE(refused("spins 3\nrows\n", 3, 2, "expected 'two_j K'"));
    EXPECT_TRUE(refused("spins 1\ntwo_j 1\n1 0 0\n", 1, 3, "expected 4 numbers (re im pairs), found 3"));
    EXPECT_TRUE(refused("spins 1\ntwo_j 1\n1 0 0 nan\n", 1, 3, "an entry is not a finite number"));
    EXPECT_TRUE(refused("spins 1\ntwo_j 1\n1 0 0 0x\n", 1, 3, "an entry is not a finite number"));
    EXPECT_TRUE(refused("spins 1\ntwo_j 1\n1 0 0 0\n", 1, 3, "block two_j 1 ends before its 2 rows"));
    EXPECT_TRUE(refused("spins 1\ntwo_j 1\n1 0 0 0\n0 0 0 0\ntwo_j 1\n", 1, 5, "block two_j 1 given twice"));
}

TEST_F(DickeStateFile, WriteThenReadGivesTheSameDoubles) {
    DensityBlocks state;
    state.spins = 2;
    state.two_j = {2, 0};
    state.blocks = {Eigen::MatrixXcd::Random(3, 3), Eigen::MatrixXcd::Constant(1, 1, {1.0 / 3.0, 0.0})};
    write_dicke_state_file(path_, state);
    const auto back = read_dicke_state_file(path_, 2);
    EXPECT_EQ(back.two_j, state.two_j);
    EXPECT_EQ(back.blocks, state.blocks);
}

TEST(StateFileKeys, RefusedWhereNoStateIsWritten) {
    using testing::base;
    using testing::fails_at;
    // base() has 7 lines: [output] is line 8, its key line 9.
    EXPECT_TRUE(fails_at(base("[output]\nsteady_state_density = true\n"), 9, "output.steady_state_density",
                         "needs [method] steady_state = true"));
    EXPECT_TRUE(fails_at(base("[output]\nfinal_state = 1\n"), 9, "output.final_state", "must be a boolean"));
    const std::string cavity = "[method]\nname = \"dicke\"\n" + base() +
                               "[cavity]\nn_max = 2\ncoupling = 0.1\nloss = 0.1\n[output]\nfinal_state = true\n";
    EXPECT_TRUE(fails_at(cavity, 15, "output.final_state", "not written for a run with a [cavity]"));
}

}  // namespace
}  // namespace openspins
