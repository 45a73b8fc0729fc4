// The dicke method with a cavity mode (model/cavity.hpp, method/dicke/cavity_run.hpp):
// closed-form vacuum Rabi oscillations, QuTiP on the full tensor space
// (tests/data/cavity_*, tests/reference/make_cavity_references.py), the bad-cavity limit
// against collective emission at Γ = κg²/(κ²/4 + Δ²), the top-Fock-level guard and the
// located [cavity] errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <cstdio>
#include <filesystem>

#include "config/test_support.hpp"
#include "method/dicke/dicke_test_support.hpp"
#include "openspins/errors.hpp"
#include "reference/reference_csv.hpp"

namespace openspins::testing {
namespace {

namespace fs = std::filesystem;

std::string cavity(int n_max, double detuning, double coupling, double loss) {
    return "[cavity]\nn_max = " + std::to_string(n_max) + "\ndetuning = " + std::to_string(detuning) +
           "\ncoupling = " + std::to_string(coupling) + "\nloss = " + std::to_string(loss) + "\n";
}

// One excitation shared by the spins and the mode: from |j, −j+1⟩|0⟩ the coupling
// i g (a†J^- − aJ^+) mixes only |j, −j+1⟩|0⟩ and |j, −j⟩|1⟩ with amplitude
// g √((j+m)(j−m+1)) = g √(2j), so ⟨a†a⟩ = sin²(g√(2j) t) (collectively enhanced vacuum Rabi
// oscillation; 2j = N in the symmetric block). Checked for the symmetric and a lower block.
TEST(DickeCavity, VacuumRabiOscillationOfOneSharedExcitation) {
    const int n = 6;
    const double g = 0.3;
    for (const int two_j : {6, 4}) {
        const double j = 0.5 * two_j;
        const std::string body = "[spins]\ncount = " + std::to_string(n) + "\n" + cavity(3, 0.0, g, 0.0) +
                                 "[initial]\nkind = \"dicke\"\nj = " + std::to_string(j) +
                                 "\nm = " + std::to_string(1.0 - j) +
                                 "\n[time]\nstop = 4.0\npoints = 21\n[output]\nobservables = [\"Jz\", \"J2\"]\n";
        const RunResult r = run_with("dicke", body);
        const auto photons = r.series.column_values("photons");
        const auto jz = r.series.column_values("Jz");
        const auto j2 = r.series.column_values("J2");
        for (std::size_t k = 0; k < r.series.rows(); ++k) {
            const double t = r.series.time[k];
            const double expected = std::pow(std::sin(g * std::sqrt(2.0 * j) * t), 2);
            EXPECT_NEAR(photons[k], expected, 1e-8) << "2j=" << two_j << " t=" << t;
            EXPECT_NEAR(jz[k] + photons[k], 1.0 - j, 1e-8) << "excitations a†a + Jz are conserved";
            EXPECT_NEAR(j2[k], j * (j + 1), 1e-8) << "the mode does not change j";
        }
    }
}

// The pure-state (Lanczos) path watches the top Fock level between rows too: one shared excitation with n_max = 1
// fills |n = 1⟩ completely at t = π/(2g√(2j)) and empties it again at π/(g√(2j)), the only other recorded time — the
// run stops naming cavity.n_max; with n_max = 2 (never populated by one excitation) the same rows pass, and show the
// mode empty at the end (so the rows alone would not have caught the truncation).
TEST(DickeCavity, PurePathWatchCatchesATransientBetweenRows) {
    const double g = 0.3, j = 3.0;
    const double period = std::numbers::pi / (g * std::sqrt(2.0 * j));
    const auto body = [&](int n_max) {
        return "[spins]\ncount = 6\n" + cavity(n_max, 0.0, g, 0.0) + "[initial]\nkind = \"dicke\"\nj = 3.0\nm = -2.0\n" +
               "[time]\nstop = " + std::to_string(period) + "\npoints = 2\n[output]\nobservables = [\"Jz\"]\n";
    };
    try {
        const RunResult r = run_with("dicke", body(1));
        ADD_FAILURE() << "no truncation error; integrator " << r.notes.at("integrator");
    } catch (const NumericalError& e) {
        EXPECT_NE(std::string(e.what()).find("cavity.n_max"), std::string::npos) << e.what();
    }
    const RunResult wide = run_with("dicke", body(2));
    EXPECT_EQ(wide.notes.at("integrator"), "lanczos");
    EXPECT_LT(wide.series.column_values("photons").back(), 1e-8);
}

// Every tests/data/cavity_*.toml against QuTiP's mesolve on the 2^N ⊗ (n_max+1) space at
// rtol 1e-10: both sides integrate to ~1e-10, so 1e-7 relative leaves room for the
// integrators and still catches any wrong coefficient (those show at 1e-3 and above).
TEST(DickeCavity, AgreesWithQutipOnTheFullTensorSpace) {
    const fs::path data = fs::path(OPENSPINS_SOURCE_DIR) / "tests" / "data";
    int cases = 0;
    for (const auto& entry : fs::directory_iterator(data)) {
        const auto name = entry.path().filename().string();
        if (name.rfind("cavity_", 0) != 0 || entry.path().extension() != ".toml") continue;
        ++cases;
        const RunSpec spec = read_run_file(entry.path().string());
        const RunResult result = make_method("dicke")->run(spec, {});
        const auto reference = test::read_reference_csv(fs::path(entry.path()).replace_extension(".csv"));
        ASSERT_EQ(result.series.rows(), reference.rows.size()) << name;
        double worst = 0.0;
        for (std::size_t c = 1; c < reference.columns.size(); ++c) {
            const auto ours = result.series.column_values(reference.columns[c]);
            ASSERT_EQ(ours.size(), reference.rows.size()) << name << " " << reference.columns[c];
            for (std::size_t r = 0; r < reference.rows.size(); ++r) {
                EXPECT_NEAR(result.series.time[r], reference.rows[r][0], 1e-12);
                const double ref = reference.rows[r][c];
                worst = std::max(worst, std::abs(ours[r] - ref) / std::max(1.0, std::abs(ref)));
            }
        }
        std::printf("%s: largest relative difference %.2e\n", name.c_str(), worst);
        EXPECT_LE(worst, 1e-7) << name;
    }
    EXPECT_GE(cases, 2);
}

// Bad-cavity limit (seed 002 after eq. (5)): with κ ≫ g√N the mode follows the spins and
// gives collective emission Γ D[J^-], Γ = κg²/(κ²/4 + Δ²). At fixed Γ the explicit mode
// delays the superradiant burst by its memory time ~ 2/κ, so max|Δ⟨Jz⟩| falls as 1/κ
// (measured κ·error → 10.3 for Δ = 0). Asserted: a factor ≥ 1.5 per doubling of κ,
// first order at Δ = 0 (κ·error constant to 10%), and error(κ = 80) < error(κ = 10)/6.
// rtol 1e-8 is ample for differences ≥ 1e-3. The table in docs/methods/dicke.md is this
// test's output extended to κ = 640.
TEST(DickeCavity, BadCavityLimitApproachesCollectiveEmission) {
    const int n = 4;
    const std::string head = "[method]\nname = \"dicke\"\nintegrator = \"bdf\"\nrtol = 1e-8\natol = 1e-10\n"
                             "[spins]\ncount = 4\n[[channel]]\nkind = \"emission\"\nrate = 0.1\n";
    const std::string times = "[time]\nstop = 3.0\npoints = 31\n[output]\nobservables = [\"Jz\"]\n";
    const auto run = [](const std::string& text) {
        return make_method("dicke")->run(read_run_toml(text, "bad_cavity.toml"), {});
    };
    const auto reference =
        run(head + "[[channel]]\nkind = \"collective_emission\"\nrate = 1.0\n" + times).series.column_values("Jz");
    const std::vector<double> kappas{10.0, 20.0, 40.0, 80.0};
    for (const double detuning_over_kappa : {0.0, 0.5}) {
        std::vector<double> errors;
        for (const double kappa : kappas) {
            const double delta = detuning_over_kappa * kappa;
            const double g = std::sqrt((kappa * kappa / 4 + delta * delta) / kappa);  // Γ = 1
            const RunResult explicit_mode = run(head + cavity(6, delta, g, kappa) + times);
            const auto jz = explicit_mode.series.column_values("Jz");
            double worst = 0.0;
            for (std::size_t k = 0; k < jz.size(); ++k) worst = std::max(worst, std::abs(jz[k] - reference[k]));
            errors.push_back(worst);
            const auto photons = explicit_mode.series.column_values("photons");
            std::printf("bad cavity N=%d Δ/κ=%.1f κ=%5.1f g=%.4f g√N/κ=%.3f: max|ΔJz| = %.3e, κ·error %.2f, max photons %.3e\n",
                        n, detuning_over_kappa, kappa, g, g * std::sqrt(n) / kappa, worst, kappa * worst,
                        *std::max_element(photons.begin(), photons.end()));
        }
        for (std::size_t k = 1; k < errors.size(); ++k)
            EXPECT_LT(errors[k], errors[k - 1] / 1.5) << "Δ/κ=" << detuning_over_kappa << " κ=" << kappas[k];
        EXPECT_LT(errors.back(), errors.front() / 6) << "Δ/κ=" << detuning_over_kappa;
        if (detuning_over_kappa == 0.0) {
            EXPECT_NEAR(kappas[3] * errors[3], kappas[2] * errors[2], 0.1 * kappas[2] * errors[2]) << "first order in 1/κ";
        }
    }
}

// Protocol steps scale g by the name "cavity": with g = 0 the spins only feel their local
// emission, d⟨Jz⟩/dt = −γ(⟨Jz⟩ + N/2), and the photons left in the mode decay as e^{−κt}.
TEST(DickeCavity, ProtocolScaleSwitchesTheCouplingOff) {
    const double gamma = 0.2, kappa = 2.0;
    const std::string body = "[spins]\ncount = 4\n[[channel]]\nkind = \"emission\"\nrate = " + std::to_string(gamma) +
                             "\n" + cavity(6, 0.0, 0.8, kappa) +
                             "[[protocol]]\nevolve = 1.0\n[[protocol]]\nevolve = 2.0\nscale = { cavity = 0.0 }\n"
                             "[time]\npoints = 31\n[output]\nobservables = [\"Jz\"]\n";
    const RunResult r = run_with("dicke", body);
    const auto jz = r.series.column_values("Jz");
    const auto photons = r.series.column_values("photons");
    const std::size_t switched = 10;  // t = 1.0
    ASSERT_NEAR(r.series.time[switched], 1.0, 1e-12);
    EXPECT_GT(photons[switched], 0.05) << "the coupled step puts photons in the mode";
    for (std::size_t k = switched; k < r.series.rows(); ++k) {
        const double dt = r.series.time[k] - 1.0;
        EXPECT_NEAR(photons[k], photons[switched] * std::exp(-kappa * dt), 1e-8) << "t=" << r.series.time[k];
        EXPECT_NEAR(jz[k], -2.0 + (jz[switched] + 2.0) * std::exp(-gamma * dt), 1e-8) << "t=" << r.series.time[k];
    }
    EXPECT_TRUE(fails_at(doc(R"toml(
[method]
name = "dicke"
[spins]
count = 3
[[channel]]
kind = "emission"
rate = 1
name = "cavity"
[cavity]
n_max = 2
coupling = 1
loss = 1
[time]
stop = 1
)toml"),
                         9, "cavity", "a term or channel is named 'cavity'"));
}

// A truncation too small for the photons the spins emit: a NumericalError naming cavity.n_max.
TEST(DickeCavity, TopFockLevelGuardNamesTheKey) {
    const std::string body = "[spins]\ncount = 6\n" + cavity(2, 0.0, 1.0, 0.1) +
                             "[time]\nstop = 2.0\npoints = 11\n[output]\nobservables = [\"Jz\"]\n";
    try {
        (void)run_with("dicke", body);
        FAIL() << "expected a NumericalError";
    } catch (const NumericalError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("cavity.n_max"), std::string::npos) << what;
        EXPECT_NE(what.find("top Fock level n = 2"), std::string::npos) << what;
    }
    // The same run with a loose threshold passes (the guard is the threshold, not a crash).
    EXPECT_NO_THROW((void)run_with("dicke",
                                   "[spins]\ncount = 6\n[cavity]\nn_max = 2\ncoupling = 1.0\nloss = 0.1\n"
                                   "top_level_threshold = 0.99\n[time]\nstop = 2.0\npoints = 11\n"));
}

TEST(DickeCavity, ConfigErrorsAreLocated) {
    const std::string head = doc(R"toml(
[method]
name = "dicke"
[spins]
count = 3
[time]
stop = 1.0
)toml");  // 6 lines; [cavity] on line 7
    EXPECT_NO_THROW((void)load_run_toml(head + "[cavity]\nn_max = 4\ncoupling = 0.5\nloss = 1\n", "run.toml"));
    EXPECT_TRUE(fails_at(head + "[cavity]\nn_max = 0\ncoupling = 0.5\nloss = 1\n", 8, "cavity.n_max", "must be ≥ 1"));
    EXPECT_TRUE(fails_at(head + "[cavity]\nn_max = 2.5\ncoupling = 0.5\nloss = 1\n", 8, "cavity.n_max",
                         "must be an integer"));
    EXPECT_TRUE(fails_at(head + "[cavity]\nn_max = 4\nloss = 1\n", 7, "cavity.coupling", "required key"));
    EXPECT_TRUE(fails_at(head + "[cavity]\nn_max = 4\ncoupling = 0.5\nloss = -1\n", 10, "cavity.loss", "must be ≥ 0"));
    EXPECT_TRUE(fails_at(head + "[cavity]\nn_max = 4\ncoupling = 0.5\nloss = 1\nkappa = 2\n", 11, "cavity.kappa",
                         "allowed here: n_max, detuning, coupling, loss, top_level_threshold"));
    EXPECT_TRUE(fails_at(head + "[cavity]\nn_max = 4\ncoupling = 0.5\nloss = 1\ntop_level_threshold = 1.5\n", 11,
                         "cavity.top_level_threshold", "must be < 1"));
    // A method without a mode (the cumulant method reads [cavity] since issue 12's mode work).
    const std::string cumulant = doc(R"toml(
[method]
name = "redfield"
[spins]
count = 3
[time]
stop = 1.0
[cavity]
n_max = 4
coupling = 0.5
loss = 1
)toml");
    EXPECT_TRUE(fails_at(cumulant, 7, "cavity", "the exact method (any spins, small N)"));
}

// Programmatic RunSpecs: a steady state with a mode needs dissipation (dicke) and is refused by
// the exact method's spins ⊗ mode path.
TEST(DickeCavity, MethodsRefuseWhatTheyCannotDo) {
    const std::string text =
        "[method]\nname = \"dicke\"\n[spins]\ncount = 2\n[cavity]\nn_max = 3\ncoupling = 1\nloss = LOSS\n[time]\nstop = 1\n";
    RunSpec lossy = read_run_toml(std::string(text).replace(text.find("LOSS"), 4, "1"), "r.toml");
    RunSpec unitary = read_run_toml(std::string(text).replace(text.find("LOSS"), 4, "0"), "r.toml");
    lossy.steady_state = unitary.steady_state = true;
    EXPECT_NO_THROW(make_method("dicke")->validate(lossy));
    EXPECT_THROW(make_method("dicke")->validate(unitary), ModelError);
    EXPECT_THROW(make_method("exact")->validate(lossy), ModelError);
}

// Quanta bookkeeping with the mode's counter: the RWA coupling moves excitations between spins
// and mode, the loss and the spins' local emission remove them, so
// (N/2 + ⟨Jz⟩) + ⟨a†a⟩ + emitted_mode + emitted_local = N from all up. Without the local channel
// only the block j = N/2 is stored ("1 of 3"); with it every block.
TEST(DickeCavity, PhotonCounterClosesTheExcitationBudget) {
    for (const double local : {0.0, 0.3}) {
        const std::string body = "[spins]\ncount = 4\n[cavity]\nn_max = 6\ncoupling = 0.5\nloss = 1.5\n"
                                 "observables = [\"emitted\"]\n[[channel]]\nkind = \"emission\"\nrate = " +
                                 std::to_string(local) +
                                 "\n[initial]\nkind = \"all_up\"\n[time]\nstop = 8.0\npoints = 17\n"
                                 "[output]\nobservables = [\"Jz\", \"emitted_local\"]\n";
        const RunResult r = run_with("dicke", body);
        const auto jz = r.series.column_values("Jz");
        const auto photons = r.series.column_values("photons");
        const auto mode = r.series.column_values("emitted_mode");
        const auto spins = r.series.column_values("emitted_local");
        ASSERT_EQ(mode.size(), r.series.rows());
        for (std::size_t k = 0; k < r.series.rows(); ++k)
            EXPECT_NEAR(2.0 + jz[k] + photons[k] + mode[k] + spins[k], 4.0, 1e-8) << "γ=" << local << " t=" << r.series.time[k];
        EXPECT_GT(mode.back(), 1.0);
        EXPECT_NE(r.stats.storage.find(local == 0.0 ? "1 of 3 j blocks" : "3 of 3 j blocks"), std::string::npos)
            << r.stats.storage;
    }
}

// steady_state with a mode: GMRES on the stored blocks equals the state a long run relaxes to
// (t = 60, all rates ≥ 0.3: e^{−18} ≈ 1e-8), and thermal pumping sets ⟨a†a⟩ near n̄_b.
TEST(DickeCavity, SteadyStateEqualsTheLongTimeLimit) {
    const std::string body = "steady_state = true\n[spins]\ncount = 3\nfrequency = 1.0\n[hamiltonian]\nzeeman = \"+\"\n"
                             "[[hamiltonian.drive]]\nomega_x = 0.4\n[[channel]]\nkind = \"emission\"\nrate = 0.3\n"
                             "[cavity]\nn_max = 8\ndetuning = 1.0\ncoupling = 0.3\nloss = 1.0\nthermal_occupation = 0.4\n"
                             "observables = [\"a\", \"x\"]\n[initial]\nkind = \"all_down\"\n"
                             "[time]\nstop = 60.0\npoints = 3\n[output]\nobservables = [\"Jx\", \"Jy\", \"Jz\", \"J2\", \"purity\"]\n";
    const RunResult r = run_with("dicke", body);
    ASSERT_TRUE(r.steady_state);
    const auto& steady = *r.steady_state;
    ASSERT_EQ(steady.size(), r.series.columns.size());
    for (std::size_t c = 0; c < steady.size(); ++c) {
        const auto values = r.series.column_values(r.series.columns[c]);
        EXPECT_NEAR(steady[c], values.back(), 1e-6 * std::max(1.0, std::abs(values.back()))) << r.series.columns[c];
    }
    const double photons = steady[static_cast<std::size_t>(
        std::find(r.series.columns.begin(), r.series.columns.end(), "photons") - r.series.columns.begin())];
    EXPECT_GT(photons, 0.3);  // n̄_b = 0.4, lowered a little by the spins' absorption from the mode
    EXPECT_LT(photons, 0.6);
}

// The top Fock population is watched between recorded rows (CVODE's root finding; the Chebyshev series' probes inside
// each step, integrate/chebyshev_propagator.hpp): a superradiant burst into a 3-level mode that has drained again by
// the only recorded times (t = 0, 20) stops the run under either integrator; with the guard relaxed it completes, and
// the rows alone would not show it.
TEST(DickeCavity, TruncationWatchCatchesATransientBetweenRows) {
    const std::string body = "[spins]\ncount = 4\n[cavity]\nn_max = 2\ncoupling = 1.0\nloss = 4.0\nTHRESHOLD"
                             "[initial]\nkind = \"all_up\"\n[time]\nstop = 20.0\npoints = 2\n"
                             "[output]\nobservables = [\"Jz\"]\n";
    const auto with = [&](const std::string& threshold) {
        return std::string(body).replace(body.find("THRESHOLD"), 9, threshold);
    };
    for (const std::string integrator : {"adams", "chebyshev"}) {
        const std::string method = "integrator = \"" + integrator + "\"\n";
        try {
            (void)run_with("dicke", with(""), method);
            ADD_FAILURE() << integrator << ": no truncation error";
        } catch (const NumericalError& e) {
            EXPECT_NE(std::string(e.what()).find("cavity.n_max"), std::string::npos) << integrator << ": " << e.what();
        }
        const RunResult relaxed = run_with("dicke", with("top_level_threshold = 0.9\n"), method);
        const auto fock_top = relaxed.series.column_values("photons");
        EXPECT_LT(fock_top.back(), 1e-6) << integrator;  // at the recorded times the mode is (nearly) empty
    }
}

}  // namespace
}  // namespace openspins::testing
