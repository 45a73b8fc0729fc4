// The exact method with integrator = "chebyshev" (exp(ΔtL) by a Chebyshev series on every evolve step,
// integrate/chebyshev_propagator.hpp): its spectrum bounds (lindblad_spectrum_bounds.hpp) against the dense
// Lindbladian's eigenvalues, its runs against CVODE's on random dissipative models (full storage and the
// zero-quantum blocks), bit-exact resumption from a checkpoint, and the refusals of the run-file reader.
#include "openspins/method/exact/lindblad_spectrum_bounds.hpp"

#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <filesystem>
#include <random>

#include "config/test_support.hpp"
#include "method/exact/dense_reference.hpp"
#include "method/exact/spec_builder.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/interrupt.hpp"
#include "openspins/method/checkpoint.hpp"
#include "openspins/method/method.hpp"

namespace openspins {
namespace {

using testing::dense;
using testing::dense_lindblad;

struct Model {
    SpinOperator h;
    std::vector<Jump> jumps;
};

// The dissipative transverse-field Ising chain of bench/ising_chain_vs_qutip.py.
Model ising_chain(int n) {
    Model m;
    for (int i = 0; i < n; ++i) m.h += SpinOperator::sigma_z(i) * complex{0.2};
    for (int i = 0; i + 1 < n; ++i) m.h += SpinOperator::sigma_x(i) * SpinOperator::sigma_x(i + 1);
    for (int i = 0; i < n; ++i) m.jumps.push_back({1.0, SpinOperator::sigma_minus(i)});
    return m;
}

SpinOperator pauli(int axis, int spin) {
    return axis == 0 ? SpinOperator::sigma_x(spin) : axis == 1 ? SpinOperator::sigma_y(spin) : SpinOperator::sigma_z(spin);
}

// Random fields along x, y, z, random two-spin Pauli products and a mix of jumps: local emission,
// absorption and dephasing, a collective lowering operator and a non-nilpotent sum σ^−_i + ½iσ^+_j.
// `order_conserving`: only σ^z fields, flip-flop couplings and emission/dephasing (zero-quantum storage).
Model random_model(int n, unsigned seed, bool order_conserving) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    std::uniform_int_distribution<int> spin(0, n - 1), axis(0, 2);
    const auto rate = [&] { return 0.3 + 0.2 * u(gen); };
    Model m;
    for (int i = 0; i < n; ++i) {
        if (order_conserving) {
            m.h += SpinOperator::sigma_z(i) * complex{u(gen)};
        } else {
            for (int a = 0; a < 3; ++a) m.h += pauli(a, i) * complex{u(gen)};
        }
    }
    for (int k = 0; k < 2 * n && n > 1; ++k) {
        const int i = spin(gen), j = spin(gen);
        if (i == j) continue;
        if (order_conserving)
            m.h += (SpinOperator::sigma_plus(i) * SpinOperator::sigma_minus(j) +
                    SpinOperator::sigma_minus(i) * SpinOperator::sigma_plus(j)) * complex{u(gen)};
        else
            m.h += pauli(axis(gen), i) * pauli(axis(gen), j) * complex{u(gen)};
    }
    for (int i = 0; i < n; ++i) {
        m.jumps.push_back({rate(), SpinOperator::sigma_minus(i)});
        m.jumps.push_back({rate(), SpinOperator::sigma_z(i)});
        if (!order_conserving) m.jumps.push_back({rate(), SpinOperator::sigma_plus(i)});
    }
    if (n > 1) {
        SpinOperator collective;
        for (int i = 0; i < n; ++i) collective += SpinOperator::sigma_minus(i);
        m.jumps.push_back({rate(), collective});
        if (!order_conserving) m.jumps.push_back({rate(), SpinOperator::sigma_minus(0) + SpinOperator::sigma_plus(n - 1) * complex{0.0, 0.5}});
    }
    return m;
}

// The eigenvalues of the 4^N × 4^N Lindbladian, column by column from the dense reference.
Eigen::VectorXcd lindblad_eigenvalues(const Model& m, int n) {
    const auto d = Eigen::Index{1} << n;
    Eigen::MatrixXcd superoperator(d * d, d * d);
    for (Eigen::Index c = 0; c < d * d; ++c) {
        Eigen::MatrixXcd unit = Eigen::MatrixXcd::Zero(d, d);
        unit(c % d, c / d) = 1.0;
        const Eigen::MatrixXcd image = dense_lindblad(unit, m.h, m.jumps, n);
        superoperator.col(c) = Eigen::Map<const Eigen::VectorXcd>(image.data(), d * d);
    }
    return Eigen::ComplexEigenSolver<Eigen::MatrixXcd>(superoperator, false).eigenvalues();
}

// The Ising chain's spectrum: −Re λ reaches N exactly (all spins up decays at N γ), which the bound gives
// (the emission jumps are nilpotent); the oscillation bound 2(0.2N + N − 1) lies above the energy spread.
TEST(LindbladSpectrumBounds, IsingChainDecayIsExact) {
    for (int n = 2; n <= 4; ++n) {
        const Model m = ising_chain(n);
        const SpectrumBounds b = exact::lindblad_spectrum_bounds(m.h, m.jumps, n);
        EXPECT_DOUBLE_EQ(b.decay, n);
        EXPECT_NEAR(b.oscillation, 2.0 * (0.2 * n + n - 1), 1e-12);
        const Eigen::VectorXcd lambda = lindblad_eigenvalues(m, n);
        EXPECT_NEAR(lambda.real().minCoeff(), -static_cast<double>(n), 1e-9);
        EXPECT_LE(lambda.real().maxCoeff(), 1e-9);
        EXPECT_LE(lambda.imag().cwiseAbs().maxCoeff(), b.oscillation);
        // The spread of H (what |Im λ| nearly reaches): within the bound, and not far below it.
        const Eigen::VectorXd energies = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(dense(m.h, n)).eigenvalues();
        EXPECT_GT(energies.maxCoeff() - energies.minCoeff(), 0.75 * b.oscillation);
    }
}

// Random models with every jump kind: the dense spectrum lies inside the bounds. Dephasing's rate 2γ is
// exact; the non-nilpotent jumps count γ‖L‖² on top of ‖Σγ L†L‖, so −Re λ stays well inside.
TEST(LindbladSpectrumBounds, ContainTheDenseSpectrumOfRandomModels) {
    for (const bool conserving : {false, true})
        for (int n = 1; n <= 4; ++n) {
            const Model m = random_model(n, 40U + static_cast<unsigned>(n), conserving);
            const SpectrumBounds b = exact::lindblad_spectrum_bounds(m.h, m.jumps, n);
            const Eigen::VectorXcd lambda = lindblad_eigenvalues(m, n);
            SCOPED_TRACE("N = " + std::to_string(n) + (conserving ? ", order-conserving" : ""));
            EXPECT_GE(lambda.real().minCoeff(), -b.decay * (1.0 + 1e-12));
            EXPECT_LE(lambda.real().maxCoeff(), 1e-9);
            EXPECT_LE(lambda.imag().cwiseAbs().maxCoeff(), b.oscillation * (1.0 + 1e-12));
        }
}

// One run of the model with a given integrator: full storage or the zero-quantum blocks, per-spin ⟨σ⟩ and the
// collective observables at 41 times on [0, 4] from a product state with coherences (full) or all spins up.
RunResult run_model(const Model& m, int n, const std::string& integrator, bool zero_quantum, bool linear_only = false) {
    testing::SpecBuilder builder(n, 1.0);
    builder.term("h", m.h);
    for (std::size_t k = 0; k < m.jumps.size(); ++k) builder.jump("jump" + std::to_string(k), m.jumps[k].op, m.jumps[k].rate);
    if (zero_quantum) {
        builder.initial_up();
    } else {
        std::vector<std::array<double, 3>> bloch;
        for (int i = 0; i < n; ++i) bloch.push_back({0.6, -0.3 * i / n, 0.7});
        builder.initial_bloch(bloch);
    }
    RunSpec spec = builder.times(4.0, 41).integrator(integrator).build();
    if (!zero_quantum) spec.solver.storage = "full";
    // Without purity every observable is linear in ρ: the fused path then reads them off each term of the series
    // at a step's interior outputs (ProductPackedReadout) instead of summing the state there.
    if (linear_only) std::erase_if(spec.observables, [](const Observable& o) { return o.kind == Observable::Kind::purity; });
    EXPECT_EQ(ExactMethod::uses_zero_quantum_storage(spec), zero_quantum);
    return ExactMethod().run(spec, {});
}

// Chebyshev against CVODE Adams, both at rtol 1e-10, atol 1e-12 (SpecBuilder's): CVODE's global error is a
// few tens of rtol over such a run (spec_builder.hpp) and the series stops at ~0.05·rtol per step, so the
// two agree to 1e-8 on observables of order one; N = 1 … 6 covers the dense-matrix RHS (≤ 64 reals), the
// block kernel and (full storage, N ≥ 4) the fused kernel.
TEST(ExactChebyshev, AgreesWithAdamsOnRandomModels) {
    for (const bool zero_quantum : {false, true})
        for (int n = 1; n <= 6; ++n) {
            if (zero_quantum && n < 2) continue;
            const Model m = random_model(n, 70U + static_cast<unsigned>(n), zero_quantum);
            const RunResult adams = run_model(m, n, "adams", zero_quantum);
            const RunResult chebyshev = run_model(m, n, "chebyshev", zero_quantum);
            SCOPED_TRACE("N = " + std::to_string(n) + (zero_quantum ? ", zero-quantum blocks" : ", full storage"));
            EXPECT_EQ(chebyshev.notes.at("integrator"), "chebyshev");
            ASSERT_EQ(adams.series.rows(), chebyshev.series.rows());
            double worst = 0.0;
            for (std::size_t r = 0; r < adams.series.rows(); ++r)
                for (std::size_t c = 0; c < adams.series.columns.size(); ++c)
                    worst = std::max(worst, std::abs(adams.series.values[r][c] - chebyshev.series.values[r][c]));
            EXPECT_LT(worst, 1e-8);
            // The series takes several output intervals per step: fewer steps than outputs.
            EXPECT_LT(chebyshev.stats.steps, 40);
            if (zero_quantum) continue;
            // The same with observables read off the series' terms (purity dropped): the same columns otherwise.
            const RunResult functionals = run_model(m, n, "chebyshev", false, true);
            double worst_functionals = 0.0;
            for (std::size_t r = 0; r < adams.series.rows(); ++r)
                for (std::size_t c = 0; c < functionals.series.columns.size(); ++c) {
                    const std::size_t a = static_cast<std::size_t>(
                        std::find(adams.series.columns.begin(), adams.series.columns.end(), functionals.series.columns[c]) -
                        adams.series.columns.begin());
                    ASSERT_LT(a, adams.series.columns.size());
                    worst_functionals = std::max(worst_functionals, std::abs(adams.series.values[r][a] - functionals.series.values[r][c]));
                }
            EXPECT_LT(worst_functionals, 1e-8);
        }
}

// A run stopped after a checkpoint and resumed writes the uninterrupted run's rows bit for bit (as
// tests/method/resume_bit_exact_test.cpp for the other integrators): the propagator's steps end at the
// restart points and it is built anew there.
class ChebyshevResumeBitExact : public ::testing::TestWithParam<const char*> {};

void expect_resumed_rows_equal(const RunSpec& spec, const std::string& name) {
    const auto method = make_method(spec.method);
    const RunResult reference = method->run(spec, {});
    ASSERT_EQ(reference.notes.at("integrator"), "chebyshev");

    const auto path = std::filesystem::temp_directory_path() /
                      ("openspins_chebyshev_resume_" + name + ".checkpoint");
    remove_checkpoint(path.string());
    RunControl control;
    control.checkpoint_path = path.string();
    control.fingerprint = name;
    control.checkpoint_seconds = 0.0;
    control.progress = [](double fraction) {
        if (fraction > 0.55) request_interrupt(2);
    };
    EXPECT_THROW(method->run(spec, control), Interrupted);
    clear_interrupt();
    const auto saved = read_checkpoint(path.string(), name);
    ASSERT_TRUE(saved.has_value());
    EXPECT_LT(saved->series.rows(), reference.series.rows());
    control.progress = nullptr;
    const RunResult resumed = method->run(spec, control);
    EXPECT_EQ(resumed.notes.count("resumed_at_time"), 1U);
    ASSERT_EQ(resumed.series.rows(), reference.series.rows());
    std::size_t differing = 0;
    for (std::size_t r = 0; r < reference.series.rows(); ++r)
        for (std::size_t c = 0; c < reference.series.columns.size(); ++c)
            differing += resumed.series.values[r][c] != reference.series.values[r][c];  // bitwise
    EXPECT_EQ(differing, 0U) << "values differ after resuming at t = " << saved->time;
    remove_checkpoint(path.string());
}

TEST_P(ChebyshevResumeBitExact, ResumedRowsEqualUninterruptedRows) {
    RunSpec spec = load_run_file(std::string(OPENSPINS_SOURCE_DIR "/examples/") + GetParam()).spec;
    spec.solver.integrator = "chebyshev";
    expect_resumed_rows_equal(spec, GetParam());
}

// The Ising chain (N = 6, full storage, fused kernel) with linear observables only: interior outputs come from
// the functionals, the state is summed at the restart points only — and a resumed run still repeats every bit.
TEST(ExactChebyshev, ResumesBitExactWithObservablesReadOffTheSeries) {
    const int n = 6;
    const Model m = ising_chain(n);
    testing::SpecBuilder builder(n, 1.0);
    builder.term("ising", m.h);
    for (std::size_t k = 0; k < m.jumps.size(); ++k) builder.jump("decay" + std::to_string(k), m.jumps[k].op, m.jumps[k].rate);
    RunSpec spec = builder.initial_down().times(10.0, 101).integrator("chebyshev").tolerances(1e-6, 1e-8).build();
    spec.solver.storage = "full";
    std::erase_if(spec.observables, [](const Observable& o) { return o.kind == Observable::Kind::purity; });
    expect_resumed_rows_equal(spec, "ising_chain_6");
}

INSTANTIATE_TEST_SUITE_P(Examples, ChebyshevResumeBitExact,
                         ::testing::Values("rabi_torrey.toml",             // all orders (drive)
                                           "two_spin_superradiance.toml",  // zero-quantum blocks
                                           "inversion_recovery.toml",      // a pulse before the evolve step
                                           "battery_cycle_n6.toml"),       // protocol of short steps
                         [](const ::testing::TestParamInfo<const char*>& example) {
                             const std::string file = example.param;
                             return file.substr(0, file.find('.'));
                         });

// "chebyshev" is read for methods heom and exact only, and not for exact's spins ⊗ mode runs (whose
// top-Fock-level watch needs CVODE's root finding).
TEST(ExactChebyshev, ReaderRefusesItWhereItDoesNotApply) {
    using testing::base;
    using testing::fails_at;
    EXPECT_NO_THROW((void)load_run_toml(base("[method]\nname = \"exact\"\nintegrator = \"chebyshev\"\n"), "run.toml"));
    EXPECT_TRUE(fails_at(base("[method]\nname = \"redfield\"\nintegrator = \"chebyshev\"\n"), 10, "method.integrator",
                         "is only used with name = \"heom\", \"exact\" or \"dicke\""));
    EXPECT_TRUE(fails_at(base("[method]\nname = \"exact\"\nintegrator = \"chebyshev\"\n"
                              "[cavity]\nn_max = 2\ncoupling = 1.0\nloss = 1.0\n"),
                         10, "method.integrator", "\"exact\" without a [cavity]"));
}

}  // namespace
}  // namespace openspins
