// Generator eigenvalues and the named single-spin rates (method/redfield/generator_spectrum.hpp):
// one spin reproduces seed 000's γ_relax (3.1) and ½γ_relax + γ_cons (3.2)–(3.3); a collective
// conserving coupling leaves the zero-quantum coherence of two spins undamped (decoherence-free);
// the CLI prints and writes the table.
#include "openspins/method/redfield/generator_spectrum.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/redfield/redfield_method.hpp"
#include "openspins/model/bath/power_law_density.hpp"
#include "method/redfield/spectrum_test_support.hpp"

using namespace openspins;
using openspins::testing::dense_reference;
using openspins::testing::expect_same_spectrum;

namespace {

std::string model(int n, const std::string& frequencies, const std::string& couplings) {
    return R"(
[method]
name = "redfield"
[spins]
count = )" +
           std::to_string(n) + R"(
frequencies = )" +
           frequencies + R"(
[hamiltonian]
zeeman = "-"
[[bath]]
name = "b"
temperature = 0.6
spectral_density = { kind = "ohmic", alpha = 0.02, cutoff = 4.0 }
[[bath]]
name = "loc"
temperature = 0.6
scope = "local"
spectral_density = { kind = "ohmic", alpha = 0.02, cutoff = 4.0 }
)" + couplings +
           R"(
[time]
stop = 1.0
)";
}

const std::string exchange_and_conserving = R"(
[[coupling]]
bath = "b"
kind = "exchange"
strength = 0.7
[[coupling]]
bath = "loc"
kind = "conserving"
strength = 0.5
)";

}  // namespace

TEST(GeneratorSpectrum, SingleSpinRatesAreSeed000) {
    const RunSpec spec = read_run_toml(model(1, "[1.2]", exchange_and_conserving), "run.toml");
    const PowerLawDensity j(0.02, 1.0, 4.0, 1);
    const double T = 0.6, w = 1.2;
    const double relax = 0.25 / std::tanh(w / (2 * T)) * 0.49 * j.value(w);
    const double cons = 0.25 * j.zero_slope() * T / 2.0;
    const auto rates = redfield::single_spin_rates(spec.model);
    ASSERT_EQ(rates.size(), 1u);
    EXPECT_NEAR(rates[0].t1, relax, 1e-12);
    EXPECT_NEAR(rates[0].t2, 0.5 * relax + cons, 1e-12);
    EXPECT_NEAR(rates[0].pure_dephasing, cons, 1e-12);
    const auto modes = redfield::generator_modes(RedfieldMethod::derived_spec(spec).model);
    ASSERT_EQ(modes.size(), 4u);
    EXPECT_EQ(modes[0].label, "steady state");
    int populations = 0;
    for (const auto& m : modes)
        if (m.label == "populations") {
            ++populations;
            EXPECT_NEAR(-m.eigenvalue.real(), relax, 1e-12);
        }
    EXPECT_EQ(populations, 1);
}

TEST(GeneratorSpectrum, CollectiveDephasingLeavesTheZeroQuantumCoherence) {
    const std::string collective_conserving = R"(
[[coupling]]
bath = "b"
kind = "conserving"
strength = 0.5
)";
    const RunSpec spec = read_run_toml(model(2, "[1.0, 1.3]", collective_conserving), "run.toml");
    const auto modes = redfield::generator_modes(RedfieldMethod::derived_spec(spec).model);
    ASSERT_EQ(modes.size(), 16u);
    int undamped_zq = 0;
    for (const auto& m : modes)
        if (m.label == "zero-quantum coherence" && std::abs(m.eigenvalue.real()) < 1e-12) ++undamped_zq;
    EXPECT_EQ(undamped_zq, 2);  // |↑↓⟩⟨↓↑| and its conjugate
    // N = 6: order blocks beyond the dense limit, but 𝓛 is diagonal in the matrix units (every jump
    // is), so each element is its own Bohr block and every eigenvalue is found
    // (bohr_block_spectrum.hpp): the whole zero-quantum sector q(a) = q(b) — C(12, 6) = 924 elements,
    // populations included — is left undamped by collective dephasing, everything else decays.
    const auto six = redfield::generator_modes(RedfieldMethod::derived_spec(read_run_toml(
        model(6, "[1, 1.1, 1.2, 1.3, 1.4, 1.5]", collective_conserving), "run.toml")).model);
    ASSERT_EQ(six.size(), 4096u);
    EXPECT_EQ(std::count_if(six.begin(), six.end(),
                            [](const GeneratorMode& m) { return std::abs(m.eigenvalue.real()) < 1e-12; }),
              924);
}

TEST(GeneratorSpectrum, RatesCommandWritesTables) {
    const auto dir = std::filesystem::temp_directory_path() / "openspins_rates_test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "m.toml") << model(2, "[1.0, 1.3]", exchange_and_conserving);
    const std::string cmd = "'" OPENSPINS_CLI "' rates '" + (dir / "m.toml").string() + "' --output '" +
                            (dir / "out").string() + "' > '" + (dir / "stdout.txt").string() + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream out(dir / "stdout.txt");
    const std::string text((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("16 eigenvalues; all computed"), std::string::npos) << text;
    EXPECT_NE(text.find("single-spin rates"), std::string::npos) << text;
    EXPECT_TRUE(std::filesystem::exists(dir / "out" / "modes.csv"));
    EXPECT_TRUE(std::filesystem::exists(dir / "out" / "rates.json"));
    EXPECT_TRUE(std::filesystem::exists(dir / "out" / "blocks.csv"));
    // Bad options are usage errors (exit status 2), as for every subcommand.
    for (const std::string bad :
         {"--modes 0", "--dense-limit -3", "--modes x", "--max-order -2", "--solver lanczos", "--tau -1"}) {
        const std::string bad_cmd = "'" OPENSPINS_CLI "' rates '" + (dir / "m.toml").string() + "' " + bad +
                                    " > /dev/null 2>&1";
        const int status = std::system(bad_cmd.c_str());
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2) << bad;
    }
    for (const std::string good : {"--solver rotating --dense-limit 0", "--solver arnoldi --dense-limit 0"}) {
        const std::string good_cmd = "'" OPENSPINS_CLI "' rates '" + (dir / "m.toml").string() + "' " + good +
                                     " > /dev/null 2>&1";
        EXPECT_EQ(std::system(good_cmd.c_str()), 0) << good;
    }
    std::filesystem::remove_all(dir);
}

namespace {

const std::string four_couplings = R"(
[[coupling]]
bath = "b"
kind = "exchange"
strength = 0.6
[[coupling]]
bath = "b"
kind = "conserving"
strength = 0.3
[[coupling]]
bath = "loc"
kind = "exchange"
strength = 0.5
[[coupling]]
bath = "loc"
kind = "conserving"
strength = 0.4
)";

}  // namespace

// The kernel on coherence-order blocks against the Kronecker-product Liouvillian diagonalised
// whole (ComplexEigenSolver): the same 4^N eigenvalues. Both are backward-stable dense solvers
// on matrices of norm ≲ 2, so 1e-10 is ~1e5 ε, room for the Davies degeneracies.
TEST(GeneratorSpectrum, OrderBlocksMatchTheDenseLiouvillian) {
    for (const int n : {2, 3, 4}) {
        const std::string freqs = n == 2 ? "[1.0, 1.25]" : n == 3 ? "[1.0, 1.25, 0.9]" : "[1.0, 1.25, 0.9, 1.1]";
        const Model generator = RedfieldMethod::derived_spec(read_run_toml(model(n, freqs, four_couplings), "run.toml")).model;
        const auto spectrum = redfield::generator_spectrum(generator);
        EXPECT_TRUE(spectrum.complete());
        EXPECT_EQ(spectrum.blocks.size(), static_cast<std::size_t>(n + 1));  // orders 0, ±1 … ±n
        expect_same_spectrum(spectrum.modes, dense_reference(generator), 1e-10, true);
        EXPECT_EQ(spectrum.modes.front().label, "steady state");
        // A mode found in block "orders ±k" has coherence order ±k.
        for (const auto& m : spectrum.modes)
            if (m.block != "order 0") {
                EXPECT_EQ("orders ±" + std::to_string(std::abs(m.coherence_order)), m.block);
            }
    }
}

// Bloch–Redfield keeps the non-secular terms (A ± Λ mixes σ^+ and σ^-): no order is conserved
// and the whole space is one block, still equal to the dense Liouvillian.
TEST(GeneratorSpectrum, NonSecularGeneratorIsOneBlock) {
    std::string text = model(3, "[1.0, 1.25, 0.9]", four_couplings);
    text.replace(text.find("name = \"redfield\""), 17, "name = \"redfield\"\ngenerator = \"bloch_redfield\"");
    const Model generator = RedfieldMethod::derived_spec(read_run_toml(text, "run.toml")).model;
    const auto spectrum = redfield::generator_spectrum(generator);
    ASSERT_EQ(spectrum.blocks.size(), 1u);
    EXPECT_EQ(spectrum.blocks[0].name, "all orders");
    expect_same_spectrum(spectrum.modes, dense_reference(generator), 1e-10, true);
    // Its non-secular terms do not commute with the Zeeman part: "auto" takes complex shift-invert
    // per coherence band (shift_invert_spectrum.hpp), "arnoldi" stays selectable, "rotating" is refused.
    SpectrumOptions iterative;
    iterative.dense_limit = 0;
    iterative.modes = 6;
    EXPECT_EQ(redfield::generator_spectrum(generator, iterative).blocks[0].solver, "shift-invert, 4 bands");
    iterative.solver = "arnoldi";
    EXPECT_EQ(redfield::generator_spectrum(generator, iterative).blocks[0].solver, "Arnoldi");
    iterative.solver = "rotating";
    EXPECT_THROW(redfield::generator_spectrum(generator, iterative), ModelError);
}

// Arnoldi (ARPACK) against the dense eigenvalues of the same blocks: the `modes` slowest of each
// block, in order. ARPACK's relative tolerance 1e-9 (SpectrumOptions) on eigenvalues of size
// ~1e-2 … 5 gives absolute errors ≲ 1e-9 on the KMS-scaled (near-normal) operator. Both solvers:
// Arnoldi on 𝓛, and (this Davies generator commutes with its Zeeman part, so "auto" picks it)
// Arnoldi on 𝓛 − 𝓗₀ with Rayleigh–Ritz on 𝓛, whose coherence blocks are made of conjugate pairs
// that 𝓛 − 𝓗₀ sees as one real double eigenvalue (the invariant closure restores the pair).
TEST(GeneratorSpectrum, ArnoldiMatchesDenseBlocks) {
    for (const int n : {5, 6}) {
        const std::string freqs = n == 5 ? "[1.0, 1.25, 0.9, 1.1, 0.95]" : "[1.0, 1.25, 0.9, 1.1, 0.95, 1.05]";
        const Model generator = RedfieldMethod::derived_spec(read_run_toml(model(n, freqs, four_couplings), "run.toml")).model;
        SpectrumOptions dense_options;  // N = 6: the blocks of ≤ 500 reals (±3 … ±6), to keep the test short
        dense_options.dense_limit = n == 5 ? 1000 : 500;
        dense_options.solver = "rotating";  // the order blocks, not the Bohr blocks "auto" would find
        const auto reference = redfield::generator_spectrum(generator, dense_options);
        for (const std::string solver : {"arnoldi", "auto"}) {
            SpectrumOptions iterative;
            iterative.dense_limit = 0;
            iterative.modes = 8;
            iterative.solver = solver;
            const auto computed = redfield::generator_spectrum(generator, iterative);
            for (const auto& block : reference.blocks) {
                if (block.solver != "dense") continue;
                std::vector<std::complex<double>> want, got;
                for (const auto& m : reference.modes)
                    if (m.block == block.name) want.push_back(m.eigenvalue);
                for (const auto& m : computed.modes)
                    if (m.block == block.name) got.push_back(m.eigenvalue);
                ASSERT_GE(got.size(), std::min<std::size_t>(8, want.size())) << block.name;
                for (std::size_t i = 0; i < std::min<std::size_t>(8, want.size()); ++i)
                    EXPECT_NEAR(got[i].real(), want[i].real(), 1e-9)
                        << "N = " << n << ", " << block.name << ", mode " << i;
            }
            for (const auto& block : computed.blocks) {
                EXPECT_TRUE(block.converged) << block.name;
                if (block.dimension > 16) {
                    EXPECT_EQ(block.solver, solver == "auto" ? "Arnoldi, rotating frame" : "Arnoldi");
                }
            }
            // ARPACK stops at Ritz estimates ≤ 1e-9·|λ|; the recomputed residual may be up to ~2× that.
            for (const auto& m : computed.modes)
                EXPECT_LT(m.residual, 2e-9 * std::max(1.0, std::abs(m.eigenvalue))) << m.block;
        }
    }
}

// Issue 18: `rates --solver propagator --dense-limit 0` on three driven spins without channels ran
// for minutes — τ = 30 / 0.0058 = 5135 from a "mean decay rate" that −i[H, ·] alone gave in the
// packed basis (where it is not antisymmetric), 17·10⁶ generator products — and printed rates of
// ±1e-10. The dissipator's rate, 0 here, now refuses it before any propagation. A τ of 10⁶ on the
// same spins with emission spans ~10⁷ of the generator's fastest timescales: refused as well.
// Both return at once (a hang here is the old behaviour).
TEST(GeneratorSpectrum, PropagatorRefusesWhatItCannotFinish) {
    const std::string driven =
        "[spins]\ncount = 3\nfrequency = 1.0\n[hamiltonian]\nzeeman = \"+\"\n[[hamiltonian.drive]]\nomega_x = "
        "0.5\n[time]\nstop = 1.0\n";
    SpectrumOptions options;
    options.solver = "propagator";
    options.dense_limit = 0;
    const auto refusal = [&](const std::string& text) {
        try {
            (void)redfield::generator_spectrum(read_run_toml(text, "run.toml").model, options);
        } catch (const ModelError& e) {
            return std::string(e.what());
        }
        return std::string("not refused");
    };
    EXPECT_EQ(refusal(driven).rfind("propagator eigensolver: the block's mean decay rate 0 is not positive", 0), 0U)
        << refusal(driven);
    options.tau = 1e6;
    const std::string damped = driven + "[[channel]]\nkind = \"emission\"\nrate = 0.1\n";
    EXPECT_NE(refusal(damped).find("of the generator's fastest timescales"), std::string::npos) << refusal(damped);
}
