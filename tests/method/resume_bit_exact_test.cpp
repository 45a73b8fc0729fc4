// Every method resumes bit for bit: a run stopped after a checkpoint (by the library's
// interrupt request, as Ctrl-C does) and resumed writes exactly the rows of an
// uninterrupted run — checkpoints are taken only at the protocol walk's restart
// points, where the uninterrupted run restarts its integrator too (protocol_walk.hpp).
// One example run file per method and storage path.
#include <gtest/gtest.h>

#include <filesystem>

#include "openspins/config/config_reader.hpp"
#include "openspins/interrupt.hpp"
#include "openspins/method/checkpoint.hpp"
#include "openspins/method/method.hpp"

namespace openspins {
namespace {

class ResumeBitExact : public ::testing::TestWithParam<const char*> {};

TEST_P(ResumeBitExact, ResumedRowsEqualUninterruptedRows) {
    const RunFile run = load_run_file(std::string(OPENSPINS_SOURCE_DIR "/examples/") + GetParam());
    const RunSpec& spec = run.spec;
    const auto method = make_method(spec.method);
    const RunResult reference = method->run(spec, {});

    const auto path = std::filesystem::temp_directory_path() /
                      ("openspins_resume_bit_exact_" + std::string(GetParam()) + ".checkpoint");
    remove_checkpoint(path.string());
    RunControl control;
    control.checkpoint_path = path.string();
    control.fingerprint = GetParam();
    control.checkpoint_seconds = 0.0;  // at every restart point
    control.progress = [](double fraction) {
        if (fraction > 0.55) request_interrupt(2);
    };
    EXPECT_THROW(method->run(spec, control), Interrupted);
    clear_interrupt();
    const auto saved = read_checkpoint(path.string(), GetParam());
    ASSERT_TRUE(saved.has_value()) << "no checkpoint was written before the interruption";
    EXPECT_LT(saved->series.rows(), reference.series.rows());

    control.progress = nullptr;
    const RunResult resumed = method->run(spec, control);
    EXPECT_EQ(resumed.notes.count("resumed_at_time"), 1U);
    ASSERT_EQ(resumed.series.rows(), reference.series.rows());
    EXPECT_EQ(resumed.series.time, reference.series.time);
    EXPECT_EQ(resumed.series.step, reference.series.step);
    std::size_t differing = 0;
    for (std::size_t r = 0; r < reference.series.rows(); ++r)
        for (std::size_t c = 0; c < reference.series.columns.size(); ++c)
            differing += resumed.series.values[r][c] != reference.series.values[r][c];  // bitwise, not near
    EXPECT_EQ(differing, 0U) << "values differ after resuming at t = " << saved->time;
    remove_checkpoint(path.string());
}

INSTANTIATE_TEST_SUITE_P(Examples, ResumeBitExact,
                         ::testing::Values("rabi_torrey.toml",                  // exact, all orders (drive)
                                           "two_spin_superradiance.toml",       // exact, zero-quantum blocks
                                           "hahn_echo.toml",                    // exact, pulses, broadening
                                           "battery_cycle_n6.toml",             // protocol of short steps
                                           "cavity_bad_cavity.toml",            // dicke with a cavity mode
                                           "battery_fig3_equal_times.toml",     // dicke, rational propagator
                                           "bath_seed000_local_collective.toml",  // redfield
                                           "analytic_pure_dephasing.toml",      // analytic
                                           "battery_cumulant.toml",            // cumulant, pulses
                                           "heom_two_spins_drude_lorentz.toml"),  // heom (with its check run)
                         [](const ::testing::TestParamInfo<const char*>& example) {
                             const std::string file = example.param;
                             return file.substr(0, file.find('.'));
                         });

}  // namespace
}  // namespace openspins
