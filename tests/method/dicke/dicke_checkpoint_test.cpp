// The dicke method walks protocols with the shared protocol walk, so an interrupted
// battery cycle resumes from its checkpoint and ends where an uninterrupted run ends
// bit for bit (checkpoints only at restart points, where both runs restart).
#include <gtest/gtest.h>

#include <filesystem>

#include "openspins/config/config_reader.hpp"
#include "openspins/method/checkpoint.hpp"
#include "openspins/method/method.hpp"

namespace openspins {
namespace {

struct Interrupted : std::runtime_error {
    Interrupted() : std::runtime_error("interrupted") {}
};

TEST(DickeCheckpoint, InterruptedBatteryCycleResumes) {
    const RunSpec spec = read_run_toml(R"(
[method]
name = "dicke"
rtol = 1e-10
atol = 1e-12
[spins]
count = 20
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 1.0
[[channel]]
kind = "collective_emission"
rate = 10.0
name = "cavity"
[initial]
kind = "all_down"
[[protocol]]
repeat = 3
steps = [ { pulse = { axis = "x", angle_deg = 180 } },
          { evolve = 0.05, scale = { cavity = 0.0 } },
          { evolve = 0.05 } ]
[time]
points = 31
[output]
observables = ["Jz", "J2", "emitted_collective"]
)",
                                       "battery.toml");
    const auto method = make_method("dicke");
    const auto reference = method->run(spec, {});

    const auto path = std::filesystem::temp_directory_path() / "openspins_dicke_checkpoint_test.bin";
    remove_checkpoint(path.string());
    RunControl control;
    control.checkpoint_path = path.string();
    control.fingerprint = "dicke-battery";
    control.checkpoint_seconds = 0.0;
    control.progress = [](double fraction) {
        if (fraction > 0.5) throw Interrupted();
    };
    EXPECT_THROW(method->run(spec, control), Interrupted);
    ASSERT_TRUE(read_checkpoint(path.string(), "dicke-battery").has_value());

    control.progress = nullptr;
    const auto resumed = method->run(spec, control);
    EXPECT_EQ(resumed.notes.count("resumed_at_time"), 1U);
    ASSERT_EQ(resumed.series.rows(), reference.series.rows());
    for (std::size_t r = 0; r < reference.series.rows(); ++r)
        for (std::size_t c = 0; c < reference.series.columns.size(); ++c)
            EXPECT_EQ(resumed.series.values[r][c], reference.series.values[r][c])
                << reference.series.columns[c] << " at t = " << reference.series.time[r];
    remove_checkpoint(path.string());
}

}  // namespace
}  // namespace openspins
