// [cavity] fock_file = true: the mode's Fock distribution goes to fock.csv (t, step, pn_0 …),
// not series.csv. With the spins decoupled (the coupling switched off by the protocol) the
// mode keeps its initial distribution: a thermal state gives the geometric n̄ⁿ/(n̄+1)^{n+1}, a
// coherent state the Poisson e^{−|α|²}|α|^{2n}/n! (renormalised on 0 … n_max); every row sums to 1.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>

#include "cli/cli_runner.hpp"

namespace openspins::testing {
namespace {

using Table = std::map<std::string, std::vector<double>>;

Table read_csv(const std::filesystem::path& file) {
    std::istringstream in(read_text(file));
    std::string header, line;
    std::getline(in, header);
    std::vector<std::string> names;
    std::istringstream h(header);
    for (std::string name; std::getline(h, name, ',');) names.push_back(name);
    Table table;
    while (std::getline(in, line)) {
        std::istringstream values(line);
        std::string value;
        for (std::size_t k = 0; k < names.size() && std::getline(values, value, ','); ++k)
            table[names[k]].push_back(std::stod(value));
    }
    return table;
}

std::string run_text(const std::string& mode_state, int n_max) {
    return R"([method]
name = "dicke"
[spins]
count = 3
[[hamiltonian.term]]
expr = "Jz"
strength = 1.0
[[hamiltonian.term]]
name = "coupling"
expr = "(a + ad)*Jx"
strength = 0.3
[[hamiltonian.term]]
expr = "n"
strength = 1.1
[[protocol]]
evolve = 2.0
scale = { coupling = 0.0 }
[cavity]
n_max = )" + std::to_string(n_max) + "\nfock_file = true\n" + mode_state + R"([time]
points = 5
[output]
plot = false
observables = ["Jz"]
)";
}

class FockFile : public CliRunner {
protected:
    // Runs the file, checks series.csv has no pn_ column and fock.csv sums to 1; returns fock.csv.
    Table run(const std::string& text, int n_max) {
        write("run.toml", text);
        const CliOutcome outcome = cli("run run.toml");
        EXPECT_EQ(outcome.status, 0) << outcome.err;
        const Table series = read_csv(dir_ / "results/run/series.csv");
        EXPECT_EQ(series.count("pn_0"), 0u);
        EXPECT_EQ(series.count("photons"), 1u);
        const Table fock = read_csv(dir_ / "results/run/fock.csv");
        EXPECT_EQ(fock.at("t").size(), 5u);
        for (std::size_t r = 0; r < fock.at("t").size(); ++r) {
            double sum = 0.0;
            for (int n = 0; n <= n_max; ++n) sum += fock.at("pn_" + std::to_string(n))[r];
            EXPECT_NEAR(sum, 1.0, 1e-12);
        }
        return fock;
    }
};

TEST_F(FockFile, ThermalStateIsGeometric) {
    const int n_max = 30;
    const double nbar = 0.7;
    const Table fock = run(run_text("initial = \"thermal\"\nn_thermal = 0.7\n", n_max), n_max);
    double norm = 0.0;  // the truncated geometric distribution's mass on 0 … n_max
    for (int n = 0; n <= n_max; ++n) norm += std::pow(nbar, n) / std::pow(nbar + 1.0, n + 1);
    for (int n = 0; n <= 6; ++n)
        for (const double p : fock.at("pn_" + std::to_string(n)))
            EXPECT_NEAR(p, std::pow(nbar, n) / std::pow(nbar + 1.0, n + 1) / norm, 1e-10) << n;
}

TEST_F(FockFile, CoherentStateIsPoisson) {
    const int n_max = 25;
    const double mean = 0.8 * 0.8 + 0.6 * 0.6;  // |α|² = 1
    const Table fock = run(run_text("initial = \"coherent\"\nalpha = [0.8, 0.6]\n", n_max), n_max);
    double norm = 0.0;
    for (int n = 0; n <= n_max; ++n) norm += std::exp(-mean + n * std::log(mean) - std::lgamma(n + 1.0));
    for (int n = 0; n <= 6; ++n)
        for (const double p : fock.at("pn_" + std::to_string(n)))
            EXPECT_NEAR(p, std::exp(-mean + n * std::log(mean) - std::lgamma(n + 1.0)) / norm, 1e-10) << n;
}

}  // namespace
}  // namespace openspins::testing
