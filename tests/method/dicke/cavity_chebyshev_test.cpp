// The cavity density path with the Chebyshev exponential (integrate/chebyshev_propagator.hpp, oscillatory
// form; bounds from CavityGenerator::spectrum_extent):
//  * against CVODE Adams at rtol 1e-11 on the same file: the Dicke model with counter-rotating and RWA terms,
//    mode loss with thermal pumping, a coherent field, local emission (every j block stored, transfers between
//    them) and collective emission; every column incl. ⟨a⟩ and emitted_mode within 1e-8 relative to
//    max(1, |value|) (both sides converge to ~1e-10; a wrong bound or a dropped counter shows at 1e-3);
//  * `auto` picks it for such a file and keeps CVODE when a pulse interrupts an evolve step;
//  * a run interrupted after its checkpoint resumes to the uninterrupted run's rows bit for bit (its steps end
//    at the protocol walk's restart points);
//  * one, two and three threads give the same bits for a whole run above the threading threshold;
//  * the Gershgorin bounds contain the spectrum: |Im λ| and −Re λ of the dense Liouvillian of a small block.
#include <gtest/gtest.h>
#include <omp.h>

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <filesystem>
#include <stdexcept>

#include "method/dicke/dicke_test_support.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/checkpoint.hpp"
#include "openspins/method/dicke/cavity_generator.hpp"
#include "openspins/method/dicke/cavity_run.hpp"
#include "openspins/method/dicke/model_terms.hpp"

namespace openspins::testing {
namespace {

const std::string lossy_model = R"(
[spins]
count = 5
[[hamiltonian.term]]
expr = "Jz"
strength = 1.0
[[hamiltonian.term]]
expr = "n"
strength = 0.9
[[hamiltonian.term]]
expr = "(a + ad)*Jx"
strength = 0.35
[[hamiltonian.term]]
expr = "ad*Jm + a*Jp"
strength = 0.1
[[channel]]
kind = "emission"
rate = 0.05
[[channel]]
kind = "collective_emission"
rate = 0.08
[cavity]
n_max = 8
loss = 0.6
thermal_occupation = 0.2
initial = "coherent"
alpha = [0.6, 0.3]
observables = ["a", "emitted"]
[initial]
kind = "product"
bloch = [0.6, 0.0, -0.8]
[time]
stop = 6.0
points = 25
[output]
observables = ["Jx", "Jy", "Jz", "J2"]
)";

TEST(CavityChebyshev, AgreesWithAdamsOnALossyCounterRotatingModel) {
    const RunResult chebyshev = run_with("dicke", lossy_model, "integrator = \"chebyshev\"\n");
    const RunResult adams = run_with("dicke", lossy_model, "integrator = \"adams\"\n");
    EXPECT_EQ(chebyshev.notes.at("integrator"), "chebyshev");
    EXPECT_EQ(adams.notes.at("integrator"), "adams");
    EXPECT_LE(largest_difference(chebyshev, adams), 1e-8);
    EXPECT_GT(chebyshev.series.column_values("emitted_mode").back(), 0.1);  // the counter is integrated too
}

TEST(CavityChebyshev, AutoPicksItWithoutPulses) {
    const RunSpec plain = read_run_toml("[method]\nname = \"dicke\"\n" + lossy_model, "a.toml");
    EXPECT_EQ(dicke::cavity_integrator_choice(plain).name, "chebyshev");
    const RunSpec pulsed =
        read_run_toml("[method]\nname = \"dicke\"\n" + lossy_model +
                          "[[protocol]]\nevolve = 3.0\n[[protocol]]\npulse = { axis = \"x\", angle_deg = 90 }\n"
                          "[[protocol]]\nevolve = 3.0\n",
                      "b.toml");
    EXPECT_NE(dicke::cavity_integrator_choice(pulsed).name, "chebyshev");
}

// Without a mode the dicke method has no use for it (its spin blocks have their own propagators): refused.
TEST(CavityChebyshev, RefusedWithoutAMode) {
    try {
        (void)run_with("dicke", "[spins]\ncount = 3\n[[channel]]\nkind = \"emission\"\nrate = 1\n[time]\nstop = 1\n",
                       "integrator = \"chebyshev\"\n");
        ADD_FAILURE() << "accepted";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("a [cavity]"), std::string::npos) << e.what();
    }
}

struct Interrupted : std::runtime_error {
    Interrupted() : std::runtime_error("interrupted") {}
};

TEST(CavityChebyshev, ResumedRunEqualsUninterruptedBitForBit) {
    const RunSpec spec = read_run_toml(
        "[method]\nname = \"dicke\"\nintegrator = \"chebyshev\"\nrtol = 1e-9\n" + lossy_model, "resume.toml");
    const auto method = make_method("dicke");
    const RunResult reference = method->run(spec, {});
    const auto path = std::filesystem::temp_directory_path() / "openspins_cavity_chebyshev_checkpoint.bin";
    remove_checkpoint(path.string());
    RunControl control;
    control.checkpoint_path = path.string();
    control.fingerprint = "cavity-chebyshev";
    control.checkpoint_seconds = 0.0;
    control.progress = [](double fraction) {
        if (fraction > 0.6) throw Interrupted();
    };
    EXPECT_THROW(method->run(spec, control), Interrupted);
    ASSERT_TRUE(read_checkpoint(path.string(), "cavity-chebyshev").has_value());
    control.progress = nullptr;
    const RunResult resumed = method->run(spec, control);
    EXPECT_EQ(resumed.notes.count("resumed_at_time"), 1U);
    ASSERT_EQ(resumed.series.rows(), reference.series.rows());
    for (std::size_t r = 0; r < reference.series.rows(); ++r)
        for (std::size_t c = 0; c < reference.series.columns.size(); ++c)
            EXPECT_EQ(resumed.series.values[r][c], reference.series.values[r][c])
                << reference.series.columns[c] << " at t = " << reference.series.time[r];
    remove_checkpoint(path.string());
}

// A whole run above the threading threshold (N = 16, n_max = 10: the block j = 8, 187² reals): the kernel, the
// propagator's recurrence and the observables on one, two and three threads give the same bits.
TEST(CavityChebyshev, WholeRunSameBitsForOneTwoAndThreeThreads) {
    const std::string file = R"([method]
name = "dicke"
integrator = "chebyshev"
[spins]
count = 16
[[hamiltonian.term]]
expr = "Jz + n"
[[hamiltonian.term]]
expr = "(a + ad)*Jx"
strength = 0.2
[cavity]
n_max = 10
loss = 0.5
thermal_occupation = 0.1
[initial]
kind = "all_down"
[time]
stop = 1.0
points = 3
[output]
observables = ["Jx", "Jz"]
)";
    const RunSpec spec = read_run_toml(file, "threads.toml");
    const auto method = make_method("dicke");
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    const RunResult one = method->run(spec, {});
    omp_set_num_threads(2);
    const RunResult two = method->run(spec, {});
    omp_set_num_threads(3);
    const RunResult three = method->run(spec, {});
    omp_set_num_threads(threads);
    ASSERT_EQ(one.series.rows(), 3U);
    EXPECT_EQ(one.series.values, two.series.values);
    EXPECT_EQ(one.series.values, three.series.values);
    EXPECT_GT(one.series.column_values("photons").back(), 1e-3);  // the coupling did something
}

// The bounds against the exact spectrum: the generator applied to the D² basis matrices of the one stored
// block (all up: j = N/2) gives the dense Liouvillian on the packing; its eigenvalues lie within them.
TEST(CavityChebyshev, BoundsContainTheSpectrum) {
    std::string text = lossy_model;
    text.replace(text.find("count = 5"), 9, "count = 3");
    text.replace(text.find("n_max = 8"), 9, "n_max = 5");
    text.replace(text.find("kind = \"emission\""), 17, "kind = \"collective_dephasing\"");
    const RunSpec spec = read_run_toml("[method]\nname = \"dicke\"\n" + text, "bounds.toml");
    const dicke::DickeBasis basis(spec.model.spins.size());
    std::vector<bool> stored(static_cast<std::size_t>(basis.blocks()), false);
    stored[0] = true;
    const dicke::CavityLayout layout(basis, spec.model.cavity->n_max, stored);
    const dicke::CavityGenerator generator(layout, dicke::generator_terms(spec.model, {}),
                                           spec.model.mode_hamiltonian(), spec.model.mode_jumps());
    const auto size = static_cast<Eigen::Index>(layout.size());
    Eigen::MatrixXd l(size, size);
    std::vector<double> e(static_cast<std::size_t>(size), 0.0), out(static_cast<std::size_t>(size), 0.0);
    for (Eigen::Index c = 0; c < size; ++c) {
        e[static_cast<std::size_t>(c)] = 1.0;
        generator.apply(e.data(), out.data());
        e[static_cast<std::size_t>(c)] = 0.0;
        for (Eigen::Index r = 0; r < size; ++r) l(r, c) = out[static_cast<std::size_t>(r)];
    }
    const Eigen::VectorXcd lambda = Eigen::EigenSolver<Eigen::MatrixXd>(l, false).eigenvalues();
    const auto extent = generator.spectrum_extent();
    double im = 0.0, re = 0.0;
    for (const auto& x : lambda) {
        im = std::max(im, std::abs(x.imag()));
        re = std::max(re, -x.real());
    }
    EXPECT_LE(im, extent.oscillation);
    EXPECT_LE(re, extent.decay);
    EXPECT_GE(im, 0.5 * extent.oscillation);  // Gershgorin is not far off for these banded operators
    std::printf("|Im λ| ≤ %.4f (bound %.4f), −Re λ ≤ %.4f (bound %.4f)\n", im, extent.oscillation, re, extent.decay);
}

}  // namespace
}  // namespace openspins::testing
