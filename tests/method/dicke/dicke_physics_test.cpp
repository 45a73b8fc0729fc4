// The dicke method on its own: closed-form superradiance, quanta bookkeeping,
// ergotropy limits, trace and positivity of every j block, large N through the
// config reader, and the refusal of models that break permutation symmetry.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>

#include "method/dicke/dicke_test_support.hpp"
#include "openspins/errors.hpp"
#include "openspins/integrate/ode_integrator.hpp"
#include "openspins/method/dicke/dicke_generator.hpp"
#include "openspins/method/dicke/dicke_method.hpp"
#include "openspins/method/dicke/dicke_state.hpp"
#include "openspins/method/dicke/local_transitions.hpp"

namespace openspins::testing {
namespace {

using cplx = std::complex<double>;

TEST(DickePhysics, TwoSpinSuperradianceHasItsClosedForm) {
    // Γ D[J^-] from |1,1⟩: p₁ = e^{−2Γt}, p₀ = 2Γt e^{−2Γt}, p₋₁ = 1 − p₁ − p₀ (J^-|1,m⟩ = √2|1,m−1⟩).
    const double gamma = 0.7;
    const RunResult r = run_with("dicke", R"(
[spins]
count = 2
[[channel]]
kind = "collective_emission"
rate = 0.7
[time]
stop = 3.0
points = 7
[output]
observables = ["Jz", "JpJm"]
)");
    for (std::size_t k = 0; k < r.series.rows(); ++k) {
        const double t = r.series.time[k];
        const double p1 = std::exp(-2 * gamma * t), p0 = 2 * gamma * t * std::exp(-2 * gamma * t);
        EXPECT_NEAR(r.series.values[k][0], p1 - (1 - p1 - p0), 1e-9) << t;
        EXPECT_NEAR(r.series.values[k][1], 2 * p1 + 2 * p0, 1e-9) << t;  // ⟨J+J-⟩ = 2 on m = 1, 0
    }
}

TEST(DickePhysics, EmittedQuantaAccountForEveryExcitation) {
    const RunSpec spec = read_run_toml(R"(
[method]
name = "dicke"
rtol = 1e-10
atol = 1e-12
[spins]
count = 30
frequency = 2.0
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 1.0
[[channel]]
kind = "collective_emission"
rate = 5.0
[[channel]]
kind = "dephasing"
rate = 0.5
[time]
stop = 1.0
points = 11
[output]
observables = ["Jz", "emitted_collective", "emitted_local", "energy", "S"]
)",
                                       "q.toml");
    const RunResult q = make_method("dicke")->run(spec, {});
    for (std::size_t k = 0; k < q.series.rows(); ++k) {
        const auto& v = q.series.values[k];
        EXPECT_NEAR(v[1] + v[2] + (15.0 + v[0]), 30.0, 1e-8);  // emitted + still excited = N
        EXPECT_NEAR(v[3], 2.0 * v[0], 1e-12);                  // energy = ω⟨Jz⟩
        EXPECT_GE(v[4], 0.0);
    }
    EXPECT_GT(q.series.values.back()[1], q.series.values.back()[2]);  // Γ = 5γ: most quanta go collectively
}

TEST(DickePhysics, ErgotropyOfIdenticalProductStatesIsNOmegaTimesInversion) {
    // ρ₁^{⊗N}, ρ₁ = diag(p, 1 − p), p > ½, H = ω Jz: the passive state flips every spin,
    // ergotropy N ω (2p − 1), reachable with permutation-invariant unitaries too.
    const RunSpec spec = read_run_toml(R"(
[method]
name = "dicke"
[spins]
count = 9
frequency = 1.5
[hamiltonian]
zeeman = "+"
[initial]
kind = "product"
populations = 0.8
[time]
stop = 0.1
points = 2
[output]
observables = ["Jz", "ergotropy", "ergotropy_symmetric", "energy"]
)",
                                       "e.toml");
    const RunResult r = make_method("dicke")->run(spec, {});
    const auto& v = r.series.values[0];
    EXPECT_NEAR(v[1], 9 * 1.5 * 0.6, 1e-10);
    EXPECT_NEAR(v[2], 9 * 1.5 * 0.6, 1e-10);
    EXPECT_NEAR(v[3], 1.5 * 9 * 0.3, 1e-10);
}

TEST(DickePhysics, GlobalErgotropyIsAtLeastThePermutationInvariantOne) {
    const RunSpec spec = read_run_toml(R"(
[method]
name = "dicke"
[spins]
count = 8
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[hamiltonian.drive]]
omega_x = 0.6
[[channel]]
kind = "collective_emission"
rate = 0.5
[[channel]]
kind = "emission"
rate = 0.2
[time]
stop = 2.0
points = 9
[output]
observables = ["ergotropy", "ergotropy_symmetric", "purity"]
)",
                                       "g.toml");
    const RunResult r = make_method("dicke")->run(spec, {});
    const auto global = r.series.column_values("ergotropy");
    const auto symmetric = r.series.column_values("ergotropy_symmetric");
    EXPECT_NEAR(global.front(), 8.0, 1e-12);  // all up: N ω
    for (std::size_t k = 0; k < global.size(); ++k) {
        EXPECT_GE(global[k], symmetric[k] - 1e-10);
        EXPECT_GE(symmetric[k], -1e-10);
    }
}

TEST(DickePhysics, EveryBlockStaysATracedPositiveMatrix) {
    // Integrate the full-block generator directly and inspect ρ^j.
    const int n = 12;
    const dicke::DickeBasis basis(n);
    dicke::GeneratorTerms terms;
    terms.hamiltonian = CollectivePolynomial::letter(CollectiveLetter::Jz, 1.0) +
                        CollectivePolynomial::letter(CollectiveLetter::Jx, 0.9);
    terms.collective = {{0.3, CollectiveLetter::Jm}, {0.1, CollectiveLetter::Jz}};
    terms.local = {
        {0.2, dicke::LocalKind::emission}, {0.1, dicke::LocalKind::absorption}, {0.15, dicke::LocalKind::dephasing}};
    const dicke::DickeGenerator generator(basis, terms, false);
    InitialState initial;
    initial.kind = InitialState::Kind::product;
    initial.bloch.assign(n, {0.3, -0.5, 0.6});
    auto y = dicke::initial_state(basis, initial, {}, false);
    SolverOptions options;
    options.integrator = "adams";  // make_integrator takes a resolved name, not "auto"
    options.rtol = 1e-10;
    options.atol = 1e-12;
    const auto integrator = make_integrator(
        y.size(), [&](double, const double* in, double* out) { generator.apply(in, out); }, options, true);
    integrator->reset(0.0, y.data(), 3.0);
    using Dense = Eigen::Matrix<cplx, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    for (double t : {0.5, 1.5, 3.0}) {
        integrator->advance(t, y.data());
        double trace = 0.0;
        const auto* rho = reinterpret_cast<const cplx*>(y.data());
        for (int b = 0; b < basis.blocks(); ++b) {
            const int d = basis.dim(b);
            const Dense block = Eigen::Map<const Dense>(rho + basis.full_offset(b), d, d);
            EXPECT_LE((block - block.adjoint()).norm(), 1e-12);
            const Eigen::SelfAdjointEigenSolver<Dense> eigen(block);
            EXPECT_GE(eigen.eigenvalues().minCoeff(), -1e-10) << "j = " << basis.j(b) << " t = " << t;
            trace += block.trace().real();
        }
        EXPECT_NEAR(trace, 1.0, 1e-10);
    }
}

TEST(DickePhysics, LocalTransitionsConserveTraceAndMatchTheTwoSpinSplit) {
    // Σ_i σ^-_i |↑↑⟩⟨↑↑| σ^+_i = |↓↑⟩⟨↓↑| + |↑↓⟩⟨↑↓|: weight 1 into |1,0⟩ and 1 into the singlet.
    const dicke::DickeBasis basis(2);
    double to_triplet = 0.0, to_singlet = 0.0;
    for (const auto& t : dicke::local_transitions(basis, dicke::LocalKind::emission)) {
        if (t.source != 0) continue;
        const double w = t.c[0][0] * t.c[0][0] + t.c[1][0] * t.c[1][0];
        (t.target == 0 ? to_triplet : to_singlet) += w;
    }
    EXPECT_NEAR(to_triplet, 1.0, 1e-14);
    EXPECT_NEAR(to_singlet, 1.0, 1e-14);
    // Trace: Σ_{j'} transfer out of (j, m) equals ⟨j m|Σ σ^+σ^-|j m⟩ = N/2 + m, for every kind.
    for (int n : {5, 8}) {
        const dicke::DickeBasis b(n);
        for (auto kind : {dicke::LocalKind::emission, dicke::LocalKind::absorption, dicke::LocalKind::dephasing}) {
            std::vector<double> out(b.population_size(), 0.0);
            for (const auto& t : dicke::local_transitions(b, kind))
                for (std::size_t k = 0; k < t.c[0].size(); ++k)
                    out[b.population_offset(t.source) + k] += t.c[0][k] * t.c[0][k] + t.c[1][k] * t.c[1][k];
            for (int blk = 0; blk < b.blocks(); ++blk)
                for (int k = 0; k < b.dim(blk); ++k) {
                    const double m = b.j(blk) - k;
                    const double expected = kind == dicke::LocalKind::emission     ? 0.5 * n + m
                                            : kind == dicke::LocalKind::absorption ? 0.5 * n - m
                                                                                   : n;
                    EXPECT_NEAR(out[b.population_offset(blk) + static_cast<std::size_t>(k)], expected, 1e-10);
                }
        }
    }
}

TEST(DickePhysics, ReadsAndRunsHundredsOfSpins) {
    const RunSpec spec = read_run_toml(R"(
[method]
name = "dicke"
[spins]
count = 300
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 1.0
[[channel]]
kind = "collective_emission"
rate = 0.05
[time]
stop = 0.02
points = 3
)",
                                       "big.toml");
    EXPECT_TRUE(DickeMethod::uses_population_storage(spec));
    for (const auto& o : spec.observables) EXPECT_TRUE(o.op.empty()) << o.name;  // no monomial expansion
    const RunResult r = make_method("dicke")->run(spec, {});
    EXPECT_NEAR(r.series.column_values("trace").back(), 1.0, 1e-8);
    EXPECT_LT(r.series.column_values("Jz").back(), 150.0);
}

void expect_refusal(const std::string& body, const std::string& words) {
    try {
        const RunSpec spec = read_run_toml("[method]\nname = \"dicke\"\n[time]\nstop = 1.0\n" + body, "bad.toml");
        make_method("dicke")->validate(spec);
        ADD_FAILURE() << "no error for: " << words;
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("exact"), std::string::npos) << e.what();
    }
}

TEST(DickeRefusals, ModelsThatBreakPermutationSymmetryAreNamed) {
    expect_refusal("[spins]\ncount = 3\n[[channel]]\nkind = \"emission\"\nrates = [1.0, 1.0, 2.0]\nname = \"decay\"\n",
                   "channel 'decay' has different rates");
    expect_refusal("[spins]\ncount = 3\n[[channel]]\nkind = \"dephasing\"\nrate = 1.0\nspins = [0, 1]\n",
                   "channel 'dephasing' acts on a subset");
    expect_refusal("[spins]\ncount = 3\nfrequencies = [1.0, 1.1, 1.2]\n[hamiltonian]\nzeeman = \"+\"\n",
                   "Hamiltonian term 'zeeman'");
    expect_refusal(
        "[spins]\ncount = 3\n[hamiltonian]\n[[hamiltonian.coupling]]\nkind = \"zz\"\nJ = 1.0\npairs = "
        "\"chain\"\n",
        "Hamiltonian term 'coupling'");
    expect_refusal(
        "[spins]\ncount = 3\n[[protocol]]\npulse = { axis = \"x\", angle_deg = 90 }\nspins = [1]\n"
        "[[protocol]]\nevolve = 1.0\n",
        "pulse");
    expect_refusal("[spins]\ncount = 3\n[initial]\nkind = \"product\"\npopulations = [0.1, 0.2, 0.3]\n",
                   "different Bloch vectors");
    // Located errors from the reader for what it cannot even represent symbolically.
    EXPECT_THROW((void)read_run_toml("[method]\nname = \"dicke\"\n[spins]\ncount = 3\n[hamiltonian]\n"
                                     "[[hamiltonian.term]]\nexpr = \"sz(0)\"\n",
                                     "bad.toml"),
                 ConfigError);
    EXPECT_THROW((void)read_run_toml("[method]\nname = \"dicke\"\n[spins]\ncount = 3\n[[channel]]\nkind = "
                                     "\"custom\"\noperator = \"Jm\"\nrate = 1.0\n",
                                     "bad.toml"),
                 ConfigError);
    EXPECT_THROW((void)read_run_toml("[spins]\ncount = 3\n[output]\nobservables = [\"ergotropy\"]\n", "bad.toml"),
                 ConfigError);
}


// Tr L(ρ) = 0 and L(ρ) Hermitian for a random Hermitian ρ on every block, every channel on.
TEST(DickeGenerator, PreservesTraceAndHermiticityOnRandomStates) {
    for (int n : {1, 2, 3, 6, 11, 16, 20, 25}) {
        const dicke::DickeBasis basis(n);
        dicke::GeneratorTerms terms;
        terms.hamiltonian = CollectivePolynomial::letter(CollectiveLetter::Jz, 1.0) +
                            CollectivePolynomial::letter(CollectiveLetter::Jx, 0.8);
        terms.collective = {{0.5, CollectiveLetter::Jm}, {0.05, CollectiveLetter::Jp}, {0.1, CollectiveLetter::Jz}};
        terms.local = {{0.3, dicke::LocalKind::emission},
                       {0.1, dicke::LocalKind::absorption},
                       {0.05, dicke::LocalKind::dephasing}};
        for (const bool populations : {false, true}) {
            const dicke::DickeGenerator generator(basis, terms, populations);
            std::vector<double> y = populations ? random_reals(generator.size(), 12345u) : random_hermitian_blocks(basis, 12345u);
            std::vector<double> out(generator.size());
            generator.apply(y.data(), out.data());
            double trace = 0.0, scale = 0.0;
            for (int b = 0; b < basis.blocks(); ++b)
                for (int k = 0; k < basis.dim(b); ++k) {
                    const double v =
                        populations ? out[basis.population_offset(b) + static_cast<std::size_t>(k)]
                                    : out[2 * (basis.full_offset(b) + static_cast<std::size_t>(k * basis.dim(b) + k))];
                    trace += v;
                    scale += std::abs(v);
                }
            EXPECT_LE(std::abs(trace), 1e-12 * (1.0 + scale))
                << "N = " << n << (populations ? " populations" : " full");
        }
    }
}


// "bdf" with the population preconditioner (exact intra-block solves) against "adams"
// on a stiff battery cycle: the preconditioner changes the cost, not the answer.
TEST(DickeIntegration, PreconditionedBdfAgreesWithAdamsOnABatteryCycle) {
    const std::string body = R"(
[spins]
count = 24
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 1.0
[[channel]]
kind = "dephasing"
rate = 0.2
[[channel]]
kind = "collective_emission"
rate = 300.0
[initial]
kind = "all_down"
[[protocol]]
repeat = 2
steps = [ { pulse = { axis = "x", angle_deg = 180 } },
          { evolve = 0.02, scale = { collective_emission = 0.0 } },
          { evolve = 0.02 } ]
[time]
points = 17
[output]
observables = ["Jz", "J2", "emitted_collective"]
)";
    const auto run = [&](const std::string& integrator) {
        const RunSpec spec = read_run_toml(
            "[method]\nname = \"dicke\"\nintegrator = \"" + integrator +
                "\"\npropagator = \"integrator\"\nrtol = 1e-10\natol = 1e-12\n" + body,
            "b.toml");
        return make_method("dicke")->run(spec, {});
    };
    const RunResult bdf = run("bdf"), adams = run("adams");
    EXPECT_LE(largest_difference(bdf, adams), 1e-7);
}


// Seed 002's battery at N = 140 (examples/battery_fig3_equal_times.toml, two of its 20
// cycles): the rational propagator against CVODE's preconditioned BDF at rtol 1e-10.
// The BDF answer carries ~1e-9 relative global error, the rational one ~1e-13, so they
// must agree to 1e-8 relative (largest_difference divides by max(1, |value|)).
TEST(DickeIntegration, RationalPropagatorAgreesWithBdfOnSeed002Battery) {
    const std::string body = R"(
[spins]
count = 140
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 1.0
[[channel]]
kind = "collective_emission"
rate = 1600.0
[initial]
kind = "all_down"
[[protocol]]
repeat = 2
steps = [ { pulse = { axis = "x", angle_deg = 180 }, label = "charge" },
          { evolve = 0.0187, scale = { collective_emission = 0.0 }, label = "storage" },
          { evolve = 0.0187, label = "discharge" } ]
[time]
points = 38
record_steps = true
[output]
observables = ["Jz", "J2", "JpJm", "trace", "S", "emitted_collective", "emitted_local", "ergotropy"]
)";
    const auto run = [&](const std::string& propagator) {
        const RunSpec spec = read_run_toml("[method]\nname = \"dicke\"\nintegrator = \"bdf\"\npropagator = \"" +
                                               propagator + "\"\nrtol = 1e-10\natol = 1e-13\n" + body,
                                           "battery.toml");
        return make_method("dicke")->run(spec, {});
    };
    const RunResult rational = run("auto"), bdf = run("integrator");
    EXPECT_EQ(rational.notes.at("propagator"), "rational (CRAM 16, m-ordered sweeps)");
    EXPECT_EQ(rational.stats.steps, 0);  // no CVODE at all
    EXPECT_GT(bdf.stats.steps, 0);
    EXPECT_LE(largest_difference(rational, bdf), 1e-8);
}


// A tolerance below the rational propagator's rounding floor (rtol 1e-15: the CRAM sums
// carry ~3e-14): no sub-step passes the step-doubling check, so the step is integrated
// by CVODE instead, and the run says so.
TEST(DickeIntegration, FailedRationalCheckFallsBackToTheIntegrator) {
    const std::string body = R"(
[spins]
count = 12
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 0.3
[[channel]]
kind = "collective_emission"
rate = 0.5
[time]
stop = 1.0
points = 3
[output]
observables = ["Jz", "J2", "emitted_collective"]
)";
    const auto run = [&](const std::string& propagator) {
        const RunSpec spec = read_run_toml("[method]\nname = \"dicke\"\nrtol = 1e-15\natol = 1e-17\npropagator = \"" +
                                               propagator + "\"\n" + body,
                                           "f.toml");
        return make_method("dicke")->run(spec, {});
    };
    const RunResult automatic = run("auto"), integrated = run("integrator");
    // Twice: the step restarts at the output t = 0.5 (a restart point of the protocol walk),
    // where the propagator is tried again, as a run resumed there would.
    EXPECT_EQ(automatic.notes.at("rational_fallbacks"), "2");
    EXPECT_NE(automatic.notes.at("propagator").find("integrated from there by CVODE"), std::string::npos);
    EXPECT_GT(automatic.stats.steps, 0);
    EXPECT_LE(largest_difference(automatic, integrated), 1e-12);
}

}  // namespace
}  // namespace openspins::testing
