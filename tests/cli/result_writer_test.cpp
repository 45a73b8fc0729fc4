// The results directory appears complete or not at all, and replaces an existing
// one only when asked (result/result_writer.hpp); metadata.json carries its keys.
#include "openspins/result/result_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "openspins/result/metadata.hpp"

namespace openspins {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class ResultWriter : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("openspins_writer_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(root_);
        fs::create_directories(root_);
        series_.columns = {"Jz", "purity"};
        series_.add_row(0.0, 0, {0.5, 1.0});
        series_.add_row(0.1, 0, {1.0 / 3.0, 0.99});
        metadata_ = {{"method", "test"}};
    }
    void TearDown() override { fs::remove_all(root_); }

    // Entries of root_ other than `keep`: staging or old directories left behind.
    std::vector<std::string> leftovers(const std::string& keep = "") const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(root_))
            if (e.path().filename() != keep) names.push_back(e.path().filename().string());
        return names;
    }

    ResultFiles files() const {
        ResultFiles f;
        f.series = &series_;
        f.metadata = &metadata_;
        return f;
    }

    fs::path root_;
    TimeSeries series_;
    nlohmann::json metadata_;
};

TEST_F(ResultWriter, WritesSeriesWithSeventeenDigitsAndMetadata) {
    const fs::path dir = root_ / "out";
    const std::vector<double> steady{-0.5, 1.0};
    ResultFiles f = files();
    f.steady_state = &steady;
    write_results(dir, false, f);
    EXPECT_EQ(read_text(dir / "series.csv"),
              "t,step,Jz,purity\n0,0,0.5,1\n0.10000000000000001,0,0.33333333333333331,0.98999999999999999\n");
    EXPECT_EQ(read_text(dir / "steady_state.csv"), "Jz,purity\n-0.5,1\n");
    EXPECT_EQ(nlohmann::json::parse(read_text(dir / "metadata.json"))["method"], "test");
    EXPECT_TRUE(leftovers("out").empty());
}

TEST_F(ResultWriter, FilesAreStagedInASiblingUntilComplete) {
    const fs::path dir = root_ / "out";
    ResultFiles f = files();
    bool called = false;
    f.extra = [&](const fs::path& staging) {
        called = true;
        EXPECT_EQ(staging, root_ / ("out.tmp-" + std::to_string(::getpid())));
        EXPECT_TRUE(fs::exists(staging / "series.csv"));
        EXPECT_TRUE(fs::exists(staging / "metadata.json"));
        EXPECT_FALSE(fs::exists(dir)) << "the target must not appear before the files are complete";
        std::ofstream(staging / "plot.png") << "png";
    };
    write_results(dir / "", false, f);  // a trailing slash names the same directory
    EXPECT_TRUE(called);
    EXPECT_EQ(read_text(dir / "plot.png"), "png");
    EXPECT_TRUE(leftovers("out").empty());
}

TEST_F(ResultWriter, RefusesAnExistingDirectoryWithoutReplace) {
    const fs::path dir = root_ / "out";
    fs::create_directories(dir);
    std::ofstream(dir / "good.csv") << "keep me";
    // Not an openspins result: even replace_existing must not delete it.
    EXPECT_THROW(check_output_target(dir, true), ModelError);
    std::ofstream(dir / "metadata.json") << R"({"openspins": {"version": "0"}})";
    EXPECT_TRUE(is_openspins_result(dir));
    EXPECT_THROW(check_output_target(dir, false), OutputExistsError);
    EXPECT_NO_THROW(check_output_target(dir, true));
    EXPECT_THROW(write_results(dir, false, files()), OutputExistsError);
    EXPECT_EQ(read_text(dir / "good.csv"), "keep me");
    EXPECT_FALSE(fs::exists(dir / "series.csv"));
    EXPECT_TRUE(leftovers("out").empty());
}

TEST_F(ResultWriter, ReplacesAnExistingDirectoryOnlyWhenComplete) {
    const fs::path dir = root_ / "out";
    fs::create_directories(dir);
    std::ofstream(dir / "good.csv") << "old";
    std::ofstream(dir / "metadata.json") << R"({"openspins": {"version": "0"}})";
    write_results(dir, true, files());
    EXPECT_FALSE(fs::exists(dir / "good.csv"));
    EXPECT_TRUE(fs::exists(dir / "series.csv"));
    EXPECT_TRUE(leftovers("out").empty()) << "no .tmp or .old directory may remain";
}

TEST_F(ResultWriter, AFailureLeavesNoDirectoryAndKeepsTheOldOne) {
    ResultFiles f = files();
    f.extra = [](const fs::path&) { throw std::runtime_error("plotting exploded"); };
    EXPECT_THROW(write_results(root_ / "fresh", false, f), std::runtime_error);
    EXPECT_TRUE(leftovers().empty());

    const fs::path dir = root_ / "out";
    fs::create_directories(dir);
    std::ofstream(dir / "good.csv") << "keep me";
    std::ofstream(dir / "metadata.json") << R"({"openspins": {"version": "0"}})";
    EXPECT_THROW(write_results(dir, true, f), std::runtime_error);
    EXPECT_EQ(read_text(dir / "good.csv"), "keep me");
    EXPECT_TRUE(leftovers("out").empty());
}

TEST_F(ResultWriter, AFileInTheWayIsNotReplaced) {
    std::ofstream(root_ / "out") << "a file";
    EXPECT_THROW(check_output_target(root_ / "out", true), ModelError);
    try {
        check_output_target(root_ / "out", true);
    } catch (const OutputExistsError&) {
        ADD_FAILURE() << "a file in the way is not an existing results directory";
    } catch (const ModelError&) {
    }
}

// Per-spin lists stay readable at small N and are compacted beyond 64 entries: at N = 10⁶ the
// metadata of a pulsed battery run reached 400 MB.
TEST(Metadata, CompactsPerSpinListsOfLargeEnsembles) {
    const auto metadata_for = [](int n) {
        RunSpec spec;
        spec.model.spins = SpinSystem({Species{"A", n, 1.0, {}, {}}});
        std::vector<int> all(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) all[static_cast<std::size_t>(i)] = i;
        spec.protocol.steps = {{"kick", Pulse{all, {1, 0, 0}, 3.14}}, {"wait", Evolve{1.0, {}}}};
        spec.output_times = {0.0, 1.0};
        RunResult result;
        result.method = "dicke";
        RunRecord record;
        record.started = std::chrono::system_clock::from_time_t(0);
        return build_metadata(spec, result, record);
    };
    const auto small = metadata_for(64);
    EXPECT_EQ(small["model"]["frequencies"].size(), 64U);
    EXPECT_EQ(small["protocol"]["steps"][0]["spins"].size(), 64U);
    const auto large = metadata_for(1000000);
    EXPECT_EQ(large["model"]["frequencies"]["all"], 1.0);
    EXPECT_EQ(large["model"]["frequencies"]["count"], 1000000);
    EXPECT_EQ(large["model"]["species"][0]["spins"]["first"], 0);
    EXPECT_EQ(large["protocol"]["steps"][0]["spins"]["count"], 1000000);
    EXPECT_LT(large.dump().size(), 4096U);
}

TEST(Metadata, RecordsRunFactsAndVersions) {
    RunSpec spec;
    spec.model.spins = SpinSystem({Species{"A", 2, 1.5, {}, {}}});
    spec.protocol.steps = {{"kick", Pulse{{0, 1}, {1, 0, 0}, 1.0}}, {"wait", Evolve{2.0, {{"zeeman", 0.5}}}}};
    spec.output_times = {0.0, 1.0, 2.0};
    RunResult result;
    result.method = "exact";
    result.series.columns = {"Jz"};
    result.stats.storage = "full";
    result.notes = {{"rhs_calls", "12"}};
    RunRecord record;
    record.title = "meta";
    record.config_path = "run.toml";
    record.config = {{"title", "meta"}};
    record.command_line = "openspins run run.toml";
    record.started = std::chrono::system_clock::from_time_t(0);
    record.wall_seconds = 1.25;
    record.extra_libraries = {{"cli11", "2.1.2"}};
    const auto m = build_metadata(spec, result, record);
    EXPECT_EQ(m["title"], "meta");
    EXPECT_EQ(m["started_at"], "1970-01-01T00:00:00Z");
    EXPECT_EQ(m["method"], "exact");
    EXPECT_EQ(m["solver"]["rtol"], 1e-8);
    EXPECT_EQ(m["statistics"]["storage"], "full");
    EXPECT_EQ(m["notes"]["rhs_calls"], "12");
    EXPECT_EQ(m["model"]["frequencies"], (std::vector<double>{1.5, 1.5}));
    EXPECT_EQ(m["model"]["species"][0]["name"], "A");
    EXPECT_EQ(m["protocol"]["steps"][1]["start"], 0.0);
    EXPECT_EQ(m["protocol"]["steps"][1]["kind"], "evolve");
    EXPECT_EQ(m["protocol"]["steps"][1]["scale"]["zeeman"], 0.5);
    EXPECT_EQ(m["protocol"]["total_duration"], 2.0);
    EXPECT_EQ(m["config"]["title"], "meta");
    EXPECT_EQ(m["wall_seconds"], 1.25);
    for (const char* lib : {"sundials", "eigen", "tomlplusplus", "nlohmann_json", "compiler", "cli11"})
        EXPECT_TRUE(m["libraries"].contains(lib)) << lib;
    EXPECT_TRUE(m["openspins"].contains("git_revision"));
    EXPECT_TRUE(m["openspins"].contains("version"));
}

}  // namespace
}  // namespace openspins
