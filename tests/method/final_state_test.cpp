// The final state and the steady state each method hands over (RunSpec::keep_final_state,
// keep_steady_state_density) are the state its observables were computed from: Tr(ρ O)
// recomputed here from the written matrix equals the method's last row (and its
// steady-state row). For redfield this checks that the eigenbasis frame is undone
// (ρ = V ρ̃ V†): ⟨Jx⟩ of ρ̃ read in the product basis would differ.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <complex>
#include <filesystem>

#include "method/redfield/redfield_test_support.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/method/method.hpp"
#include "openspins/model/density_file.hpp"
#include "openspins/model/dicke_state_file.hpp"
#include "openspins/result/state_file.hpp"

namespace openspins {
namespace {

using cplx = std::complex<double>;

struct Expectations {
    double trace = 0.0, jx = 0.0, jz = 0.0;
};

// Product basis: bit i of the row index is spin i, 0 = |↑⟩ (σz = +1).
Expectations of_full(const Eigen::MatrixXcd& rho, int n) {
    Expectations e;
    for (Eigen::Index b = 0; b < rho.rows(); ++b) {
        e.trace += rho(b, b).real();
        for (int i = 0; i < n; ++i) {
            e.jz += 0.5 * (((b >> i) & 1) ? -1.0 : 1.0) * rho(b, b).real();
            e.jx += 0.5 * rho(b, b ^ (Eigen::Index{1} << i)).real();  // Tr(ρ σx_i)/2 = Σ_b Re ρ(b, b⊕i)/2
        }
    }
    return e;
}

// Dicke blocks: rows k = j − m; ⟨j, m+1|J+|j, m⟩ = √(j(j+1) − m(m+1)), Jx = (J+ + J−)/2.
Expectations of_dicke(const DensityBlocks& state) {
    Expectations e;
    for (std::size_t b = 0; b < state.blocks.size(); ++b) {
        const auto& rho = state.blocks[b];
        const double j = 0.5 * state.two_j[b];
        for (Eigen::Index k = 0; k < rho.rows(); ++k) {
            const double m = j - static_cast<double>(k);
            e.trace += rho(k, k).real();
            e.jz += m * rho(k, k).real();
            if (k > 0) e.jx += std::sqrt(j * (j + 1) - m * (m + 1)) * rho(k, k - 1).real();  // Re ρ(m+1, m) ⟨m+1|J+|m⟩
        }
    }
    return e;
}

Expectations of(const DensityBlocks& state) {
    return state.is_dicke() ? of_dicke(state) : of_full(state.blocks.front(), state.spins);
}

double column(const RunResult& r, const std::vector<double>& row, const std::string& name) {
    const auto& c = r.series.columns;
    const auto it = std::find(c.begin(), c.end(), name);
    EXPECT_NE(it, c.end()) << name;
    return row[static_cast<std::size_t>(it - c.begin())];
}

// Every state handed over is Hermitian, of unit trace, and gives the row's Jx and Jz.
void expect_matches(const RunResult& r, const DensityBlocks& state, const std::vector<double>& row,
                    const std::string& what) {
    for (const auto& block : state.blocks) EXPECT_LT((block - block.adjoint()).cwiseAbs().maxCoeff(), 1e-12) << what;
    const Expectations e = of(state);
    EXPECT_NEAR(e.trace, 1.0, 1e-9) << what;
    EXPECT_NEAR(e.jz, column(r, row, "Jz"), 1e-10) << what;
    EXPECT_NEAR(e.jx, column(r, row, "Jx"), 1e-10) << what;
}

RunResult run(const RunFile& file) { return make_method(file.spec.method)->run(file.spec, {}); }

TEST(FinalState, OnlyWhenAsked) {
    const RunFile file =
        load_run_toml(testing::coupled_chain(3, "davies", "", "", "[time]\nstop = 0.5\npoints = 2\n"), "run.toml");
    const RunResult r = run(file);
    EXPECT_FALSE(r.final_state);
    EXPECT_FALSE(r.steady_state_density);
}

TEST(FinalState, ExactAndRedfieldInTheProductBasis) {
    const std::string tilted = "[initial]\nkind = \"product\"\nbloch = [0.6, 0.3, -0.7]\n";
    const std::string times = "[time]\nstop = 2.0\npoints = 3\n";
    const RunOverrides keep = parse_run_overrides(
        {"output.final_state=true", "output.steady_state_density=true", "output.observables=[\"Jx\", \"Jz\"]"});
    // redfield on four coupled spins integrates ρ̃ = V†ρV in the eigenbasis of H_S.
    const RunFile redfield = load_run_toml(
        testing::coupled_chain(4, "davies", "steady_state = true\nsteady_state_tolerance = 1e-12", tilted, times),
        "run.toml", keep);
    const RunResult r = run(redfield);
    ASSERT_EQ(r.notes.at("redfield.eigenbasis"), "frame, d = 16");
    ASSERT_TRUE(r.final_state && r.steady_state_density);
    EXPECT_FALSE(r.final_state->is_dicke());
    EXPECT_EQ(r.final_state->blocks.front().rows(), 16);
    expect_matches(r, *r.final_state, r.series.values.back(), "redfield final");
    expect_matches(r, *r.steady_state_density, *r.steady_state, "redfield steady");

    // exact with zero-quantum blocks: the full matrix, zero outside the blocks.
    const RunFile exact = load_run_toml(
        "[method]\nsteady_state = true\n[spins]\ncount = 3\nfrequency = 1.0\n[hamiltonian]\nzeeman = \"+\"\n"
        "[[channel]]\nkind = \"emission\"\nrate = 0.3\n[[channel]]\nkind = \"absorption\"\nrate = 0.1\n" +
            times,
        "run.toml", keep);
    const RunResult e = run(exact);
    EXPECT_EQ(e.stats.storage.rfind("zero-quantum", 0), 0u) << e.stats.storage;
    ASSERT_TRUE(e.final_state && e.steady_state_density);
    expect_matches(e, *e.final_state, e.series.values.back(), "exact final");
    expect_matches(e, *e.steady_state_density, *e.steady_state, "exact steady");
    // Each spin: p_↑ = γ_↑/(γ_↑ + γ_↓) = 1/4, so Jz = 3 · (p_↑ − 1/2) = −3/4.
    EXPECT_NEAR(column(e, *e.steady_state, "Jz"), -0.75, 1e-8);
}

TEST(FinalState, AnalyticAfterItsLastOutput) {
    // The example's outputs stop at t = 30; its final state is the closed form there.
    const RunFile file =
        load_run_file(OPENSPINS_SOURCE_DIR "/examples/analytic_pure_dephasing.toml",
                      parse_run_overrides({"output.final_state=true", "time.stop=3", "time.points=4",
                                           "output.observables=[\"Jx\", \"Jz\"]", "output.plot_columns=[\"Jx\"]"}));
    const RunResult r = run(file);
    ASSERT_TRUE(r.final_state);
    expect_matches(r, *r.final_state, r.series.values.back(), "analytic final");
    EXPECT_GT(std::abs(column(r, r.series.values.back(), "Jx")), 0.01);  // still coherent: Jx is tested
}

TEST(FinalState, DickeBlocksBothStorages) {
    const std::string model =
        "[method]\nname = \"dicke\"\nsteady_state = true\n[spins]\ncount = 7\nfrequency = 1.0\n"
        "[hamiltonian]\nzeeman = \"+\"\n[[channel]]\nkind = \"collective_emission\"\nrate = 0.2\n"
        "[[channel]]\nkind = \"emission\"\nrate = 0.1\n[[channel]]\nkind = \"absorption\"\nrate = 0.05\n"
        "[time]\nstop = 2.0\npoints = 3\n[output]\nfinal_state = true\nsteady_state_density = true\n";
    for (const std::string& initial :
         std::vector<std::string>{"[initial]\nkind = \"product\"\nbloch = [0.8, 0.0, 0.6]\n", ""}) {
        const RunResult r = run(load_run_toml(model + initial, "run.toml"));
        ASSERT_TRUE(r.final_state && r.steady_state_density);
        EXPECT_EQ(r.final_state->two_j, (std::vector<int>{7, 5, 3, 1}));
        EXPECT_EQ(r.notes.at("dicke_storage"), initial.empty() ? "populations" : "full blocks");
        expect_matches(r, *r.final_state, r.series.values.back(), "dicke final, " + r.notes.at("dicke_storage"));
        expect_matches(r, *r.steady_state_density, *r.steady_state, "dicke steady, " + r.notes.at("dicke_storage"));

        // The file round-trips the doubles.
        const auto dir =
            std::filesystem::temp_directory_path() / ("openspins_final_state_" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        const std::string name = write_state_file(dir, "final_state", *r.final_state);
        EXPECT_EQ(name, "final_state.dicke.txt");
        const DensityBlocks back = read_dicke_state_file((dir / name).string(), 7);
        ASSERT_EQ(back.blocks.size(), r.final_state->blocks.size());
        for (std::size_t b = 0; b < back.blocks.size(); ++b) EXPECT_EQ(back.blocks[b], r.final_state->blocks[b]);
        std::filesystem::remove_all(dir);
    }
}

TEST(FinalState, NpyRoundTripsBitForBit) {
    Eigen::MatrixXcd rho(4, 4);
    for (Eigen::Index r = 0; r < 4; ++r)
        for (Eigen::Index c = 0; c < 4; ++c)
            rho(r, c) = {1.0 / (1.0 + 3.0 * static_cast<double>(r) + static_cast<double>(c)),
                         0.1 * static_cast<double>(r - c) / 3.0};
    const auto file = std::filesystem::temp_directory_path() / ("openspins_npy_" + std::to_string(::getpid()) + ".npy");
    write_npy_matrix(file, rho);
    EXPECT_EQ(std::filesystem::file_size(file) % 64, 0u);  // header padded to 64 bytes, then 16 × 16 bytes
    EXPECT_EQ(read_density_file(file.string(), 4), rho);   // the reader the initial state uses
    std::filesystem::remove(file);
}

}  // namespace
}  // namespace openspins
