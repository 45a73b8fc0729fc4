// The exact method with a bosonic mode (method/exact/spin_mode_run.hpp): non-identical spins
// against QuTiP's mesolve on the explicit 2^N ⊗ Fock space (tests/data/exact_mode_*,
// tests/reference/make_exact_mode_references.py), identical spins against the same QuTiP
// references as the dicke method's cavity path (tests/data/mode_*) and against that path itself,
// the photon counter against the excitation budget, and the reader's refusals.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/test_support.hpp"
#include "method/dicke/dicke_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"
#include "reference/reference_csv.hpp"

namespace openspins::testing {
namespace {

namespace fs = std::filesystem;

std::string file_text(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The run file with its method replaced (the mode_* references are written for "dicke").
std::string with_method(std::string text, const std::string& from, const std::string& to) {
    const std::string key = "name = \"" + from + "\"";
    const auto at = text.find(key);
    EXPECT_NE(at, std::string::npos);
    return text.replace(at, key.size(), "name = \"" + to + "\"");
}

// Largest |ours − reference| / max(1, |reference|) over the reference's columns, except those
// named in `loose` (returned separately).
std::pair<double, double> compare(const RunResult& result, const test::ReferenceCsv& reference,
                                  const std::string& loose = "") {
    EXPECT_EQ(result.series.rows(), reference.rows.size());
    double worst = 0.0, worst_loose = 0.0;
    for (std::size_t c = 1; c < reference.columns.size(); ++c) {
        const auto ours = result.series.column_values(reference.columns[c]);
        EXPECT_EQ(ours.size(), reference.rows.size()) << reference.columns[c];
        for (std::size_t r = 0; r < std::min(ours.size(), reference.rows.size()); ++r) {
            const double ref = reference.rows[r][c];
            const double d = std::abs(ours[r] - ref) / std::max(1.0, std::abs(ref));
            double& slot = reference.columns[c] == loose ? worst_loose : worst;
            slot = std::max(slot, d);
        }
    }
    return {worst, worst_loose};
}

// QuTiP at rtol 1e-10 and openspins at rtol 1e-10 both integrate to ~1e-10, so 1e-7 relative to
// max(1, |value|) leaves room for both integrators while a wrong coefficient, sign, operator
// order or spin index shows at 1e-3 and above (observed: ≤ 4e-10). The reference's photon
// counter is Simpson's rule on a grid 40 times finer than the outputs (error ≪ 1e-9); it is
// reported separately.
TEST(ExactSpinMode, AgreesWithQutipForNonIdenticalSpins) {
    const fs::path data = fs::path(OPENSPINS_SOURCE_DIR) / "tests" / "data";
    int cases = 0;
    for (const auto& entry : fs::directory_iterator(data)) {
        const auto name = entry.path().filename().string();
        if (name.rfind("exact_mode_", 0) != 0 || entry.path().extension() != ".toml") continue;
        ++cases;
        const RunSpec spec = read_run_file(entry.path().string());
        const RunResult result = make_method("exact")->run(spec, {});
        const auto reference = test::read_reference_csv(fs::path(entry.path()).replace_extension(".csv"));
        const auto [worst, counter] = compare(result, reference, "emitted_mode");
        std::printf("%s: largest relative difference %.2e, photon counter %.2e\n", name.c_str(), worst, counter);
        EXPECT_LE(worst, 1e-7) << name;
        EXPECT_LE(counter, 1e-7) << name;
    }
    EXPECT_GE(cases, 2);
}

// The identical-spin references of the dicke method's mode terms (RWA, counter-rotating and
// energy-conserving terms, loss, thermal pumping, a custom spin–mode jump, every initial mode
// state) read for the exact method: the same QuTiP numbers (1e-7, as above) and the dicke
// method's answer on the same file (both at rtol 1e-10; 1e-8).
TEST(ExactSpinMode, AgreesWithQutipAndTheDickeMethodForIdenticalSpins) {
    const fs::path data = fs::path(OPENSPINS_SOURCE_DIR) / "tests" / "data";
    int cases = 0;
    for (const auto& entry : fs::directory_iterator(data)) {
        const auto name = entry.path().filename().string();
        if (name.rfind("mode_", 0) != 0 || entry.path().extension() != ".toml") continue;
        ++cases;
        const std::string text = file_text(entry.path());
        const RunResult exact = make_method("exact")->run(read_run_toml(with_method(text, "dicke", "exact"), name), {});
        const RunResult dicke = make_method("dicke")->run(read_run_toml(text, name), {});
        const auto reference = test::read_reference_csv(fs::path(entry.path()).replace_extension(".csv"));
        const double worst = compare(exact, reference).first;
        const double between = largest_difference(dicke, exact);
        std::printf("%s: exact vs QuTiP %.2e, exact vs dicke %.2e\n", name.c_str(), worst, between);
        EXPECT_LE(worst, 1e-7) << name;
        EXPECT_LE(between, 1e-8) << name;
    }
    EXPECT_GE(cases, 4);
}

// RWA coupling, mode loss κ and nothing else that removes excitations: every excitation that
// leaves the spins is in the mode or has left through the loss channel, so
// (N/2 + ⟨Jz⟩) + ⟨a†a⟩ + emitted_mode = N at every time (all up at t = 0), with unequal
// frequencies too. The counter is integrated with ρ, so it holds to the integrator's tolerance.
TEST(ExactSpinMode, PhotonCounterClosesTheExcitationBudget) {
    const std::string body = R"([spins]
frequencies = [0.9, 1.0, 1.2]
[hamiltonian]
zeeman = "+"
[cavity]
n_max = 5
detuning = 1.0
coupling = 0.4
loss = 0.8
observables = ["emitted"]
[initial]
kind = "all_up"
[time]
stop = 6.0
points = 25
[output]
observables = ["Jz"]
)";
    const RunResult r = run_with("exact", body);
    const auto jz = r.series.column_values("Jz");
    const auto photons = r.series.column_values("photons");
    const auto emitted = r.series.column_values("emitted_mode");
    ASSERT_EQ(emitted.size(), r.series.rows());
    for (std::size_t k = 0; k < r.series.rows(); ++k)
        EXPECT_NEAR(1.5 + jz[k] + photons[k] + emitted[k], 3.0, 1e-8) << "t=" << r.series.time[k];
    EXPECT_GT(emitted.back(), 1.0);  // the budget is exercised: most quanta have left by t = 6
}

TEST(ExactSpinMode, RefusesWhatItCannotTake) {
    const std::string head = "[method]\nname = \"exact\"\n[spins]\ncount = 2\n";
    const std::string tail = "[cavity]\nn_max = 3\n[time]\nstop = 1\n";
    // A mode term whose spin factor is a single-spin operator: the spin–mode grammar's message.
    EXPECT_TRUE(fails_at(head + "[[hamiltonian.term]]\nexpr = \"(a + ad)*sx(0)\"\n" + tail, 6, "hamiltonian.term[0].expr",
                         "sx"));
    // Non-Hermitian spin–mode Hamiltonian.
    EXPECT_TRUE(fails_at(head + "[[hamiltonian.term]]\nexpr = \"a*Jp\"\n" + tail, 6, "hamiltonian.term[0].expr",
                         "not Hermitian"));
    // Mode letters without a [cavity].
    EXPECT_TRUE(fails_at(head + "[[hamiltonian.term]]\nexpr = \"n*Jz\"\n[time]\nstop = 1\n", 6,
                         "hamiltonian.term[0].expr", "method \"dicke\" or \"exact\""));
    // A steady state is not implemented with a mode.
    const RunSpec spec = read_run_toml("[method]\nname = \"exact\"\nsteady_state = true\n[spins]\ncount = 2\n"
                                       "[[hamiltonian.term]]\nexpr = \"n*Jz\"\n" + tail,
                                       "run.toml");
    EXPECT_THROW(make_method("exact")->validate(spec), ModelError);
}

}  // namespace
}  // namespace openspins::testing
