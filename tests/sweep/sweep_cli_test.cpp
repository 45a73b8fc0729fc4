// openspins sweep / check on sweep files (docs/sweeps.md): every point's observables
// against the closed form, every invalid point named, failing points recorded, --jobs
// equal to serial to the last bit, kill -9 and --resume.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>

#include "cli/cli_runner.hpp"

namespace openspins::testing {
namespace {

namespace fs = std::filesystem;

// CSV rows as maps column → text.
std::vector<std::map<std::string, std::string>> read_csv(const fs::path& file) {
    std::istringstream in(read_text(file));
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    std::stringstream h(line);
    for (std::string cell; std::getline(h, cell, ',');) header.push_back(cell);
    std::vector<std::map<std::string, std::string>> rows;
    while (std::getline(in, line)) {
        std::map<std::string, std::string> row;
        std::stringstream r(line);
        std::size_t k = 0;
        for (std::string cell; k < header.size() && std::getline(r, cell, ','); ++k) row[header[k]] = cell;
        rows.push_back(row);
    }
    return rows;
}

constexpr const char* grid_sweep = R"toml([sweep]
run = "run.toml"
output = "out/grid.h5"
[[axis]]
key = "channel[0].rate"
name = "rate"
range = { start = 0.5, stop = 1.5, count = 3 }
[[axis]]
key = "spins.count"
values = [1, 2]
)toml";

class SweepCli : public CliRunner {};

// N independent spins decaying at γ from |↑…↑⟩: ⟨Jz⟩(t) = N (e^{−γt} − ½). The integrator's
// default tolerances (rtol 1e-8 scale) give 1e-6 with room.
TEST_F(SweepCli, GridPointsMatchTheClosedFormAndAreNumberedLastAxisFastest) {
    write("run.toml", one_spin_decay);
    write("sweep.toml", grid_sweep);
    const auto o = cli("sweep sweep.toml --quiet");
    ASSERT_EQ(o.status, 0) << o.err;
    ASSERT_TRUE(fs::exists(dir_ / "out/grid.h5"));
    ASSERT_FALSE(fs::exists(dir_ / "out/grid.h5.points")) << "records are removed once the file is written";
    const auto rows = read_csv(dir_ / "out/grid.csv");
    ASSERT_EQ(rows.size(), 6u);
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const double rate = 0.5 + 0.5 * static_cast<double>(k / 2);
        const double n = 1.0 + static_cast<double>(k % 2);
        EXPECT_EQ(rows[k].at("point"), std::to_string(k));
        EXPECT_DOUBLE_EQ(std::stod(rows[k].at("rate")), rate);
        EXPECT_EQ(rows[k].at("spins_count"), std::to_string(static_cast<int>(n)));
        EXPECT_EQ(rows[k].at("status"), "ok");
        EXPECT_NEAR(std::stod(rows[k].at("final_Jz")), n * (std::exp(-rate) - 0.5), 1e-6) << "point " << k;
    }
}

TEST_F(SweepCli, CheckListsEveryInvalidPointWithItsKeyAndValues) {
    write("run.toml", one_spin_decay);
    write("sweep.toml",
          "[sweep]\nrun = \"run.toml\"\nmode = \"zip\"\n[[axis]]\nkey = \"spins.count\"\n"
          "values = [1, 0, 2, 0]\n[[axis]]\nkey = \"channel[0].rate\"\nvalues = [0.1, 0.2, -1.0, 0.4]\n");
    const auto o = cli("check sweep.toml");
    EXPECT_EQ(o.status, 2);
    EXPECT_NE(o.err.find("sweep.toml:6: spins.count: must be ≥ 1 (at point 1 of 4: spins.count=0, "
                         "channel[0].rate=0.2)"),
              std::string::npos)
        << o.err;
    EXPECT_NE(o.err.find("sweep.toml:9: channel[0].rate: must be ≥ 0 (at point 2 of 4"), std::string::npos) << o.err;
    EXPECT_NE(o.err.find("(at point 3 of 4"), std::string::npos) << o.err;
    EXPECT_NE(o.err.find("3 of 4 sweep points are invalid"), std::string::npos) << o.err;
    EXPECT_EQ(o.err.find("at point 0 "), std::string::npos) << o.err;
    // `sweep` makes the same check and runs nothing.
    EXPECT_EQ(cli("sweep sweep.toml --quiet").status, 2);
    EXPECT_FALSE(fs::exists(dir_ / "results"));
}

TEST_F(SweepCli, AnErrorInTheBaseFileIsLocatedThereAndNamesThePoint) {
    write("run.toml", std::string(one_spin_decay) + "[initial]\nkind = \"product\"\nbloch = [0, 0, 1]\n");
    write("sweep.toml",
          "[sweep]\nrun = \"run.toml\"\n[[axis]]\nkey = \"initial.kind\"\nvalues = [\"product\", \"all_up\"]\n");
    const auto o = cli("check sweep.toml");
    EXPECT_EQ(o.status, 2);
    EXPECT_NE(o.err.find("run.toml:17: initial.bloch: "), std::string::npos) << o.err;
    EXPECT_NE(o.err.find("(at point 1 of 2: initial.kind=\"all_up\")"), std::string::npos) << o.err;
}

TEST_F(SweepCli, AFailingPointIsRecordedAndTheOthersAreWritten) {
    write("run.toml", one_spin_decay);
    // Point 1's tolerances are below the unit roundoff: CVODE refuses (CV_TOO_MUCH_ACC).
    write("sweep.toml",
          "[sweep]\nrun = \"run.toml\"\noutput = \"s.h5\"\nmode = \"zip\"\n[[axis]]\nkey = \"method.rtol\"\n"
          "values = [1e-6, 1e-30, 1e-7]\n[[axis]]\nkey = \"method.atol\"\nvalues = [1e-8, 1e-30, 1e-9]\n");
    const auto o = cli("sweep sweep.toml --quiet");
    EXPECT_EQ(o.status, 3) << o.err;
    EXPECT_NE(o.err.find("point 1 (method.rtol=1e-30, method.atol=1e-30) failed: integrator (CVODE) failed"),
              std::string::npos)
        << o.err;
    const auto rows = read_csv(dir_ / "s.csv");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].at("status"), "ok");
    EXPECT_EQ(rows[1].at("status"), "failed");
    EXPECT_EQ(rows[2].at("status"), "ok");
    EXPECT_NE(rows[1].at("error"), "");
    EXPECT_EQ(rows[1].at("final_Jz"), "");
    EXPECT_NEAR(std::stod(rows[2].at("final_Jz")), std::exp(-0.5) - 0.5, 1e-6);
}

// tests/sweep/fits.toml: one or two independent spins under emission γ from +x.
//   ⟨Jz⟩ = N (e^{−γt} − 1)/2 → fitted T1 = 1/γ;  ⟨Jx⟩ = N e^{−γt/2} cos(ωt)/2 → T2 = 2/γ, ω = 2.
// The fits see only the integrator's error (rtol ~1e-8): 1e-6 relative with room, and their
// reported errors are far below it. [rates]: 1/T1 = γ and 1/T2 = γ/2 of the single-spin generator
// (dense eigenvalues: 1e-10), the slowest mode the steady state (rate 0); and T1 · (1/T1) = 1:
// the fit of the time series and the generator's eigenvalue agree.
TEST_F(SweepCli, FittedT1AndT2AndTheRatesMatchTheClosedForms) {
    write("fits.toml", read_text(fs::path(OPENSPINS_SOURCE_DIR) / "tests/sweep/fits.toml"));
    const auto o = cli("sweep fits.toml --quiet");
    ASSERT_EQ(o.status, 0) << o.err;
    const auto rows = read_csv(dir_ / "out/fits.csv");
    ASSERT_EQ(rows.size(), 6u);
    for (const auto& row : rows) {
        const double rate = std::stod(row.at("rate"));
        EXPECT_NEAR(std::stod(row.at("T1")) * rate, 1.0, 1e-6) << row.at("point");
        EXPECT_LT(std::stod(row.at("T1_error")) * rate, 1e-6);
        EXPECT_NEAR(std::stod(row.at("T2")) * rate / 2.0, 1.0, 1e-6) << row.at("point");
        EXPECT_NEAR(std::stod(row.at("T2_frequency")), 2.0, 1e-6);
        EXPECT_NEAR(std::stod(row.at("single_spin_rate_t1")), rate, 1e-10);
        EXPECT_NEAR(std::stod(row.at("single_spin_rate_t2")), rate / 2.0, 1e-10);
        EXPECT_NEAR(std::stod(row.at("T1")) * std::stod(row.at("single_spin_rate_t1")), 1.0, 1e-6);
        EXPECT_NEAR(std::stod(row.at("mode_0_rate")), 0.0, 1e-10);
        EXPECT_NE(row.at("mode_3_rate"), "");
    }
}

TEST_F(SweepCli, AFitThatCannotSucceedIsNaNWithAWarning) {
    write("run.toml", one_spin_decay);
    write("sweep.toml",
          "[sweep]\nrun = \"run.toml\"\noutput = \"s.h5\"\n[[axis]]\nkey = \"channel[0].rate\"\nvalues = [0.5]\n"
          "[[fit]]\nname = \"T2\"\nobservable = \"Jz\"\nmodel = \"damped_cosine\"\n");
    const auto o = cli("sweep sweep.toml --quiet");
    EXPECT_EQ(o.status, 0) << o.err;
    EXPECT_NE(o.err.find("point 0 (channel[0].rate=0.5): fit T2 failed: the series does not oscillate"),
              std::string::npos)
        << o.err;
    const auto rows = read_csv(dir_ / "s.csv");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].at("T2"), "nan");
    EXPECT_EQ(rows[0].at("status"), "ok");
}

// The columns that do not depend on timing, row by row.
std::vector<std::string> stable_columns(const fs::path& csv) {
    std::vector<std::string> rows;
    for (const auto& row : read_csv(csv)) {
        std::string text;
        for (const auto& [key, value] : row)
            if (key != "wall_seconds") text += key + "=" + value + ";";
        rows.push_back(text);
    }
    return rows;
}

TEST_F(SweepCli, LocalJobsGiveTheSerialResultsToTheLastBit) {
    write("run.toml", one_spin_decay);
    write("sweep.toml", grid_sweep);
    ASSERT_EQ(cli("sweep sweep.toml --quiet --output serial.h5").status, 0);
    const auto o = cli("sweep sweep.toml --quiet --jobs 3 --output jobs.h5");
    ASSERT_EQ(o.status, 0) << o.err;
    EXPECT_EQ(stable_columns(dir_ / "serial.csv"), stable_columns(dir_ / "jobs.csv"));
}

TEST_F(SweepCli, AnExistingResultsFileNeedsForce) {
    write("run.toml", one_spin_decay);
    write("sweep.toml", grid_sweep);
    ASSERT_EQ(cli("sweep sweep.toml --quiet").status, 0);
    EXPECT_EQ(cli("sweep sweep.toml --quiet").status, 2);
    EXPECT_EQ(cli("sweep sweep.toml --quiet --force").status, 0);
}

// kill -9 once the first point's record exists; --resume computes only the rest, and the
// results equal an uninterrupted sweep's.
TEST_F(SweepCli, KilledSweepResumesWithOnlyTheMissingPoints) {
    // Five inhomogeneous spins under collective emission: ~0.3 s a point, long enough to be
    // killed mid-sweep (the test fails loudly, rather than passing, if the sweep finishes first).
    write("run.toml",
          "[spins]\ncount = 5\nfrequency = 1.0\nbroadening = { kind = \"uniform\", width = 0.4, seed = 3 }\n"
          "[hamiltonian]\nzeeman = \"+\"\n[[channel]]\nkind = \"collective_emission\"\nrate = 0.2\n"
          "[initial]\nkind = \"product\"\nbloch = [0.6, 0, 0.8]\n[time]\nstop = 40\npoints = 401\n"
          "[output]\nobservables = [\"Jz\", \"JpJm\"]\nplot = false\n");
    write("sweep.toml",
          "[sweep]\nrun = \"run.toml\"\noutput = \"s.h5\"\n[[axis]]\nkey = \"channel[0].rate\"\n"
          "range = { start = 0.1, stop = 0.8, count = 8 }\n");
    write("kill.sh",
          "cd '" + dir_.string() +
              "' || exit 1\n'" OPENSPINS_CLI
              "' sweep sweep.toml --quiet 2>/dev/null &\n"
              "p=$!\nfor i in $(seq 3000); do ls s.h5.points/point-*.bin >/dev/null 2>&1 && break; sleep 0.01; done\n"
              "kill -9 $p\nwait $p\nls s.h5.points/point-*.bin | wc -l > records.txt\n");
    ASSERT_EQ(std::system(("sh '" + (dir_ / "kill.sh").string() + "'").c_str()), 0);
    ASSERT_FALSE(fs::exists(dir_ / "s.h5")) << "the sweep finished before it was killed";
    const int kept = std::stoi(read_text(dir_ / "records.txt"));
    ASSERT_GE(kept, 1);
    const auto resumed = cli("sweep sweep.toml --resume");
    ASSERT_EQ(resumed.status, 0) << resumed.err;
    EXPECT_NE(resumed.err.find("resuming the sweep: " + std::to_string(kept) + " of 8 points already computed"),
              std::string::npos)
        << resumed.err;
    ASSERT_EQ(cli("sweep sweep.toml --quiet --output whole.h5").status, 0);
    EXPECT_EQ(stable_columns(dir_ / "s.csv"), stable_columns(dir_ / "whole.csv"));
}

}  // namespace
}  // namespace openspins::testing
