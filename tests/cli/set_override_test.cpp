// `--set KEY=VALUE` on run, check and rates (config/run_overrides.hpp): the override
// changes the computation, is validated like the file (exit 2 naming the override,
// nothing written), and is recorded in metadata.json.
#include <cmath>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace openspins::testing {
namespace {

const char* const decay_run = openspins::testing::one_spin_decay;

// The last row's value of `column` in series.csv.
double last_value(const std::filesystem::path& series, const std::string& column) {
    std::istringstream in(read_text(series));
    std::string header, line, last;
    std::getline(in, header);
    while (std::getline(in, line))
        if (!line.empty()) last = line;
    std::istringstream names(header), values(last);
    for (std::string name, value; std::getline(names, name, ',') && std::getline(values, value, ',');)
        if (name == column) return std::stod(value);
    ADD_FAILURE() << "no column " << column << " in " << header;
    return std::nan("");
}

// 1/T1 of spin 0 in the single-spin table of `openspins rates`.
double single_spin_inverse_t1(const CliOutcome& o) {
    EXPECT_EQ(o.status, 0) << o.err;
    std::istringstream in(o.out.substr(std::min(o.out.find("single-spin rates"), o.out.size())));
    std::string line;
    std::getline(in, line);  // the title
    std::getline(in, line);  // the column names: spin omega 1/T1 …
    double spin = -1, omega = 0, inverse_t1 = std::nan("");
    in >> spin >> omega >> inverse_t1;
    EXPECT_EQ(spin, 0) << o.out;
    return inverse_t1;
}

using SetOverride = CliRunner;

TEST_F(SetOverride, ChangesTheRunAndIsRecorded) {
    write("model.toml", decay_run);
    // --set before the file must not take the file for a second value.
    const auto o =
        cli("run --set channel[0].rate=2 model.toml --set method.rtol=1e-10 --set method.atol=1e-12 "
            "--output out --quiet");
    ASSERT_EQ(o.status, 0) << o.err;
    EXPECT_NEAR(last_value(dir_ / "out" / "series.csv", "Jz"), std::exp(-2.0) - 0.5, 1e-8);
    const auto m = nlohmann::json::parse(read_text(dir_ / "out" / "metadata.json"));
    EXPECT_EQ(m["overrides"], nlohmann::json::array({"channel[0].rate=2", "method.rtol=1e-10", "method.atol=1e-12"}));
    EXPECT_EQ(m["config"]["channel"][0]["rate"], 2);
    EXPECT_EQ(m["config"]["method"]["rtol"], 1e-10);
    EXPECT_EQ(m["solver"]["rtol"], 1e-10) << m["solver"].dump();

    // Without overrides the list is there and empty, and the file's rate holds.
    ASSERT_EQ(cli("run model.toml --output plain --quiet").status, 0);
    EXPECT_NEAR(last_value(dir_ / "plain" / "series.csv", "Jz"), std::exp(-0.5) - 0.5, 1e-6);
    EXPECT_EQ(nlohmann::json::parse(read_text(dir_ / "plain" / "metadata.json"))["overrides"], nlohmann::json::array());
}

TEST_F(SetOverride, InvalidOverridesExitWithTwoNamingTheOverride) {
    write("model.toml", decay_run);
    struct Case {
        std::string args;
        std::string message;  // stderr starts with "openspins: error: " + message
    };
    const std::vector<Case> cases{
        {"--set channel[0].rate=-1", "--set channel[0].rate: must be ≥ 0"},
        {"--set channel[1].rate=1", "--set channel[1]: index 1 is beyond the array"},
        {"--set method.rtoll=1e-9", "--set method.rtoll: unknown key 'rtoll'"},
        {"--set method.name=magic", "--set method.name: unknown method 'magic'"},
        {"--set spins.count=2.5", "--set spins.count: must be an integer, found a float"},
        {"--set channel[0].rate", "--set 'channel[0].rate': expected key=value"},
    };
    for (const auto& c : cases)
        for (const char* sub : {"run", "check", "rates"}) {
            const auto o = cli(std::string(sub) + " model.toml " + c.args);
            EXPECT_EQ(o.status, 2) << sub << " " << c.args << ": " << o.err;
            EXPECT_EQ(o.err.rfind("openspins: error: " + c.message, 0), 0u) << sub << " " << c.args << ": " << o.err;
        }
    // A refusal by the method is located at the deciding key, here set on the command line.
    for (const char* sub : {"run", "check", "rates"}) {
        const auto o = cli(std::string(sub) + " model.toml --set spins.count=17");
        EXPECT_EQ(o.status, 2) << o.err;
        EXPECT_EQ(o.err.rfind("openspins: error: --set spins.count: N = 17 spins is beyond the exact method", 0), 0u)
            << o.err;
    }
    EXPECT_TRUE(produced().empty());
}

TEST_F(SetOverride, CheckAndRatesSeeTheOverride) {
    write("model.toml", decay_run);
    const auto check = cli("check model.toml --set method.name=dicke --set channel[0].rate=3");
    ASSERT_EQ(check.status, 0) << check.err;
    EXPECT_NE(check.out.find("  method:    dicke"), std::string::npos) << check.out;
    EXPECT_NE(check.out.find("  --set:     method.name=dicke, channel[0].rate=3"), std::string::npos) << check.out;

    // rates prints the single spin's 1/T1, which is the emission rate.
    EXPECT_EQ(single_spin_inverse_t1(cli("rates model.toml")), 0.5);
    EXPECT_EQ(single_spin_inverse_t1(cli("rates model.toml --set channel[0].rate=3")), 3.0);
}

}  // namespace
}  // namespace openspins::testing
