// Chaining runs through [output] final_state and [initial] kind = "file": a run over
// t ∈ [0, 1] that writes its final state, continued by a run over [0, 1] that starts from
// that file, equals one run over [0, 2] — for the exact method (both storages) and dicke.
//
// Tolerance: all runs integrate with CVODE at rtol = 1e-10, atol = 1e-12. The chained run
// restarts the integrator at t = 1 (a new step-size history) while the long run steps
// straight through it, so the two agree only to the integrator's global error, a small
// multiple of rtol·|y| (|Jx|, |Jz| ≤ N/2); they are compared to 10·rtol = 1e-9 absolute
// (measured: 7.9e-11 exact with all orders, 1.2e-10 zero-quantum, 1.3e-10 dicke). The file itself loses
// nothing: .npy holds the doubles, .dicke.txt 17 significant digits.
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace openspins::testing {
namespace {

using Series = std::map<std::string, std::vector<double>>;

Series read_series(const std::filesystem::path& file) {
    std::istringstream in(read_text(file));
    std::string header, line;
    std::getline(in, header);
    std::vector<std::string> names;
    std::istringstream h(header);
    for (std::string name; std::getline(h, name, ',');) names.push_back(name);
    Series series;
    while (std::getline(in, line)) {
        std::istringstream values(line);
        std::string value;
        for (std::size_t k = 0; k < names.size() && std::getline(values, value, ','); ++k)
            series[names[k]].push_back(std::stod(value));
    }
    return series;
}

struct ChainCase {
    std::string name;
    std::string model;      // spins, Hamiltonian, channels, [method]
    std::string initial;    // the first run's [initial]
    std::string extension;  // of final_state.<extension>
};

// Outputs every 0.1: the second run's row k is the long run's row 10 + k.
std::string run_file(const ChainCase& c, const std::string& initial, double stop, bool final_state) {
    return c.model + initial + "[time]\nstop = " + std::to_string(stop) +
           "\npoints = " + std::to_string(static_cast<int>(std::lround(10 * stop)) + 1) +
           "\n[output]\nplot = false\nobservables = [\"Jx\", \"Jy\", \"Jz\", \"trace\"]\n" +
           (final_state ? "final_state = true\n" : "");
}

class FinalStateChain : public CliRunner {
protected:
    // The largest |difference| between the chained series and the long run's.
    double chain_difference(const ChainCase& c) {
        write("first.toml", run_file(c, c.initial, 1.0, true));
        write(
            "second.toml",
            run_file(c, "[initial]\nkind = \"file\"\npath = \"first/final_state." + c.extension + "\"\n", 1.0, false));
        write("long.toml", run_file(c, c.initial, 2.0, false));
        for (const char* run : {"first", "second", "long"}) {
            const auto o = cli(std::string("run ") + run + ".toml --output " + run + " --quiet");
            EXPECT_EQ(o.status, 0) << c.name << " " << run << ": " << o.err;
        }
        EXPECT_TRUE(std::filesystem::exists(dir_ / "first" / ("final_state." + c.extension))) << c.name;
        const auto meta = nlohmann::json::parse(read_text(dir_ / "first" / "metadata.json"));
        EXPECT_EQ(meta["output"]["final_state"], true);

        const Series first = read_series(dir_ / "first" / "series.csv");
        const Series second = read_series(dir_ / "second" / "series.csv");
        const Series whole = read_series(dir_ / "long" / "series.csv");
        EXPECT_EQ(first.at("t").size(), 11u);
        EXPECT_EQ(second.at("t").size(), 11u);
        EXPECT_EQ(whole.at("t").size(), 21u);
        double worst = 0.0;
        for (const char* column : {"Jx", "Jy", "Jz", "trace"})
            for (std::size_t k = 0; k < 11; ++k) {
                worst = std::max(worst, std::abs(first.at(column)[k] - whole.at(column)[k]));
                worst = std::max(worst, std::abs(second.at(column)[k] - whole.at(column)[10 + k]));
            }
        // The chain is not trivially equal: the state moves between t = 1 and 2.
        EXPECT_GT(std::abs(whole.at("Jz")[20] - whole.at("Jz")[10]), 0.05) << c.name;
        return worst;
    }
};

const std::string solver = "[method]\nrtol = 1e-10\natol = 1e-12\n";

TEST_F(FinalStateChain, ExactFullAndZeroQuantumStorage) {
    const std::string model = solver +
                              "[spins]\ncount = 3\nfrequency = 1.0\n[hamiltonian]\nzeeman = \"+\"\n"
                              "[[hamiltonian.coupling]]\nkind = \"xy\"\nJ = 0.7\npairs = [[0, 1], [1, 2]]\n"
                              "[[channel]]\nkind = \"emission\"\nrate = 0.3\n"
                              "[[channel]]\nkind = \"dephasing\"\nrate = 0.2\n";
    // A tilted product state has every coherence order; all up keeps the zero-quantum blocks.
    for (const ChainCase& c :
         {ChainCase{"exact, all orders", model, "[initial]\nkind = \"product\"\nbloch = [0.8, 0.0, 0.6]\n", "npy"},
          ChainCase{"exact, zero-quantum", model, "[initial]\nkind = \"all_up\"\n", "npy"}}) {
        const double worst = chain_difference(c);
        EXPECT_LT(worst, 1e-9) << c.name;
        std::cout << c.name << ": chained vs one run, largest difference " << worst << '\n';
        std::filesystem::remove_all(dir_ / "first");
        std::filesystem::remove_all(dir_ / "second");
        std::filesystem::remove_all(dir_ / "long");
    }
}

TEST_F(FinalStateChain, DickeBlocks) {
    // A tilted state keeps full blocks (populations alone would not carry Jx).
    const ChainCase c{"dicke",
                      "[method]\nname = \"dicke\"\nrtol = 1e-10\natol = 1e-12\n"
                      "[spins]\ncount = 6\nfrequency = 1.0\n[hamiltonian]\nzeeman = \"+\"\n"
                      "[[channel]]\nkind = \"collective_emission\"\nrate = 0.2\n"
                      "[[channel]]\nkind = \"dephasing\"\nrate = 0.3\n",
                      "[initial]\nkind = \"product\"\nbloch = [0.8, 0.0, 0.6]\n", "dicke.txt"};
    const double worst = chain_difference(c);
    EXPECT_LT(worst, 1e-9);
    std::cout << "dicke: chained vs one run, largest difference " << worst << '\n';

    // A file for another N, or a 2^N matrix, is refused before computing: exit 2 naming the file.
    write("five.dicke.txt", "spins 5\ntwo_j 5\n");
    write("matrix.npy", "");
    for (const auto& [path, words] :
         {std::pair{"five.dicke.txt", "five.dicke.txt: line 1: the state is of 5 spins, the run has N = 6"},
          std::pair{"matrix.npy", "matrix.npy: the dicke method starts from a Dicke-basis state file"}}) {
        write("wrong.toml",
              run_file(c, "[initial]\nkind = \"file\"\npath = \"" + std::string(path) + "\"\n", 1.0, false));
        for (const char* args : {"check wrong.toml", "run wrong.toml --output wrong"}) {
            const auto o = cli(args);
            EXPECT_EQ(o.status, 2) << o.err;
            EXPECT_NE(o.err.find(words), std::string::npos) << o.err;
        }
        EXPECT_FALSE(std::filesystem::exists(dir_ / "wrong"));
    }
}

}  // namespace
}  // namespace openspins::testing
