// A run interrupted after a checkpoint resumes from it and ends where an
// uninterrupted run ends. The integrator restarts its multistep history at the
// checkpoint, and so does the uninterrupted run (checkpoints are taken only at the
// protocol walk's restart points): the two agree bit for bit.
#include <gtest/gtest.h>

#include <filesystem>

#include "method/exact/spec_builder.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/checkpoint.hpp"
#include "openspins/method/exact/exact_method.hpp"

namespace openspins {
namespace {

struct Interrupted : std::runtime_error {
    Interrupted() : std::runtime_error("interrupted") {}
};

RunSpec battery_like_spec() {
    return testing::SpecBuilder(3, 1.0)
        .zeeman(+1)
        .channel("emission", 0.1)
        .channel("collective_emission", 0.5, {}, "collective")
        .initial_up()
        .evolve(1.0, {{"collective", 0.0}})
        .pulse({1, 0, 0}, M_PI)
        .evolve(2.0)
        .times(3.0, 31)
        .build();
}

TEST(CheckpointResume, InterruptedRunResumesAndMatches) {
    const RunSpec spec = battery_like_spec();
    const auto reference = ExactMethod().run(spec, {});

    const auto path = std::filesystem::temp_directory_path() / "openspins_checkpoint_test.bin";
    std::filesystem::remove(path);
    RunControl control;
    control.checkpoint_path = path.string();
    control.fingerprint = "test-run";
    control.checkpoint_seconds = 0.0;  // checkpoint at every output
    control.progress = [](double fraction) {
        if (fraction > 0.6) throw Interrupted();
    };
    EXPECT_THROW(ExactMethod().run(spec, control), Interrupted);
    ASSERT_TRUE(std::filesystem::exists(path));
    const auto saved = read_checkpoint(path.string(), "test-run");
    ASSERT_TRUE(saved.has_value());
    EXPECT_GT(saved->series.rows(), 10U);
    EXPECT_LT(saved->series.rows(), reference.series.rows());
    EXPECT_THROW((void)read_checkpoint(path.string(), "another-run"), ModelError) << "a foreign checkpoint is refused";

    control.progress = nullptr;
    const auto resumed = ExactMethod().run(spec, control);
    EXPECT_EQ(resumed.notes.count("resumed_at_time"), 1U);
    ASSERT_EQ(resumed.series.rows(), reference.series.rows());
    for (std::size_t r = 0; r < reference.series.rows(); ++r) {
        EXPECT_DOUBLE_EQ(resumed.series.time[r], reference.series.time[r]);
        EXPECT_EQ(resumed.series.step[r], reference.series.step[r]);
        for (std::size_t c = 0; c < reference.series.columns.size(); ++c)
            EXPECT_EQ(resumed.series.values[r][c], reference.series.values[r][c])
                << reference.series.columns[c] << " at t = " << reference.series.time[r];
    }
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace openspins

namespace openspins {
namespace {

TEST(ExactStorage, FullStorageGivesTheSameAnswer) {
    // Forcing all coherence orders on a model that conserves coherence order must not
    // change the physics: both integrate the same equations, to rtol 1e-10.
    RunSpec spec = battery_like_spec();
    EXPECT_TRUE(ExactMethod::uses_zero_quantum_storage(spec));
    const auto reduced = ExactMethod().run(spec, {});
    spec.solver.storage = "full";
    EXPECT_FALSE(ExactMethod::uses_zero_quantum_storage(spec));
    const auto full = ExactMethod().run(spec, {});
    EXPECT_NE(full.stats.storage, reduced.stats.storage);
    ASSERT_EQ(full.series.rows(), reduced.series.rows());
    for (std::size_t r = 0; r < full.series.rows(); ++r)
        for (std::size_t c = 0; c < full.series.columns.size(); ++c)
            EXPECT_NEAR(full.series.values[r][c], reduced.series.values[r][c], 1e-8);
}

}  // namespace
}  // namespace openspins

namespace openspins {
namespace {

TEST(ExactValidation, RefusesObservablesOnlyTheDickeMethodComputes) {
    RunSpec spec = battery_like_spec();
    spec.method_observables = {"ergotropy"};
    try {
        ExactMethod().validate(spec);
        FAIL() << "expected a ModelError";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("ergotropy"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace openspins
