// Command-line overrides (config/run_overrides.hpp): applied before reading, validated like
// the file, errors naming the override, the effective run text for the checkpoint fingerprint.
#include "openspins/config/run_overrides.hpp"

#include <gtest/gtest.h>

#include "openspins/config/config_reader.hpp"
#include "openspins/errors.hpp"
#include "test_support.hpp"

namespace openspins {
namespace {

using testing::base;

const std::string with_channel = base(R"toml(
[[channel]]
kind = "emission"
rate = 0.5
)toml");

RunFile load(const std::string& text, const std::vector<std::string>& overrides) {
    return load_run_toml(text, "run.toml", parse_run_overrides(overrides));
}

// Loading fails with a ConfigError about the override `key` whose message is `message`
// (or starts with it: messages listing the allowed keys are cut short).
::testing::AssertionResult override_fails(const std::string& text, const std::vector<std::string>& overrides,
                                          const std::string& key, const std::string& message) {
    try {
        (void)load(text, overrides);
    } catch (const ConfigError& e) {
        if (e.key() != key || e.line() != 0 || std::string(e.what()).rfind(message, 0) != 0)
            return ::testing::AssertionFailure() << "got key '" << e.key() << "' line " << e.line() << ": " << e.what();
        return ::testing::AssertionSuccess();
    } catch (const std::exception& e) {
        return ::testing::AssertionFailure() << "not a ConfigError: " << e.what();
    }
    return ::testing::AssertionFailure() << "no error";
}

TEST(RunOverrides, ReplacesAValueOfAnArrayOfTables) {
    const RunFile run = load(with_channel, {"channel[0].rate=2"});
    ASSERT_EQ(run.spec.model.channels.size(), 1u);
    for (const auto& jump : run.spec.model.channels[0].jumps) EXPECT_EQ(jump.rate, 2.0);
    // The metadata's echo of the document holds the value as overridden.
    EXPECT_EQ(run.config["channel"][0]["rate"], 2);
}

TEST(RunOverrides, AddsKeysAndTablesTheFileLeavesOut) {
    const RunFile run = load(base(), {"method.rtol=1e-10", "method.atol=1e-13"});
    EXPECT_EQ(run.spec.solver.rtol, 1e-10);
    EXPECT_EQ(run.spec.solver.atol, 1e-13);
}

TEST(RunOverrides, TextThatIsNoTomlValueIsAString) {
    EXPECT_EQ(load(base(), {"method.name=dicke"}).spec.method, "dicke");
    EXPECT_EQ(load(base(), {"method.name=\"dicke\""}).spec.method, "dicke");
    EXPECT_EQ(load(base(), {"title=a = b"}).title, "a = b");  // the first '=' ends the key
}

TEST(RunOverrides, ArraysBooleansAndOrder) {
    // The second override lands in the table the first one created.
    const RunFile run = load(base(), {"initial.kind=product", "initial.bloch=[1, 0, 0]", "output.plot=false"});
    ASSERT_EQ(run.spec.model.initial.bloch.size(), 4u);
    EXPECT_EQ(run.spec.model.initial.bloch[3][0], 1.0);
    EXPECT_FALSE(run.output.plot);
    // A later override of the same key wins.
    EXPECT_EQ(load(with_channel, {"channel[0].rate=2", "channel[0].rate=3"}).spec.model.channels[0].jumps[0].rate, 3.0);
}

TEST(RunOverrides, QuotedKeysAndElementsOfPlainArrays) {
    const RunFile run = load(base("[output]\nobservables = [\"Jx\", \"Jz\"]\n"),
                             {"output.custom.\"my.obs\"=\"Jz\"", "output.observables[1]=\"J2\""});
    EXPECT_EQ(run.spec.observables.back().name, "my.obs");
    EXPECT_EQ(run.spec.observables[1].name, "J2");
}

TEST(RunOverrides, ValidatedLikeTheFileAndNamedInErrors) {
    EXPECT_TRUE(
        override_fails(with_channel, {"channel[0].rate=-1"}, "channel[0].rate", "--set channel[0].rate: must be ≥ 0"));
    EXPECT_TRUE(override_fails(with_channel, {"channel[0].rate=fast"}, "channel[0].rate",
                               "--set channel[0].rate: must be a number, found a string"));
    EXPECT_TRUE(override_fails(base(), {"method.rtoll=1e-9"}, "method.rtoll",
                               "--set method.rtoll: unknown key 'rtoll' (allowed here: name, "));
    // Elements below an overridden key are named through it.
    EXPECT_TRUE(override_fails(base(), {"initial.kind=product", "initial.bloch=[[1, 0, 0], [2, 0, 0]]"},
                               "initial.bloch[1]", "--set initial.bloch[1]: Bloch vector length |r| = 2 exceeds 1"));
}

TEST(RunOverrides, AnUnrelatedErrorKeepsItsLine) {
    // Line 10 of the file is the channel's rate; the override is elsewhere.
    EXPECT_TRUE(testing::fails_at(base("[[channel]]\nkind = \"emission\"\nrate = -1\n"), 10, "channel[0].rate", "≥ 0"));
    try {
        (void)load(base("[[channel]]\nkind = \"emission\"\nrate = -1\n"), {"method.rtol=1e-9"});
        ADD_FAILURE() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.line(), 10);
        EXPECT_EQ(std::string(e.what()).rfind("run.toml:10: channel[0].rate: ", 0), 0u) << e.what();
    }
}

TEST(RunOverrides, PathsThatNameNothing) {
    EXPECT_TRUE(override_fails(with_channel, {"channel[3].rate=1"}, "channel[3]",
                               "--set channel[3]: index 3 is beyond the array, which has 1 element in the run file"));
    EXPECT_TRUE(override_fails(with_channel, {"channel.rate=1"}, "channel",
                               "--set channel: is an array of tables; name one of them, e.g. channel[0]"));
    EXPECT_TRUE(override_fails(base(), {"spins.count.x=1"}, "spins.count",
                               "--set spins.count: is a value, not a table, so it has no key 'x'"));
    EXPECT_TRUE(override_fails(base(), {"spins[0]=1"}, "spins", "--set spins: is not an array, so [0] names nothing"));
    // An index beyond an array that does not exist yet: the file has no channels.
    EXPECT_TRUE(override_fails(base(), {"channel[0].rate=1"}, "channel",
                               "--set channel: is not an array, so [0] names nothing"));
}

TEST(RunOverrides, MalformedArgumentsAreRefusedBeforeReading) {
    for (const char* bad : {"channel[0].rate", "channel[x].rate=1", "channel[0.rate=1", ".rate=1", "a..b=1", "=1",
                            "method.=1", "a\"b=1"}) {
        try {
            (void)parse_run_override(bad);
            ADD_FAILURE() << bad << " accepted";
        } catch (const ModelError& e) {
            EXPECT_EQ(std::string(e.what()).rfind("--set '", 0), 0u) << e.what();
        }
    }
    // A structured value with a syntax error is not silently a string.
    try {
        (void)load(base(), {"initial.bloch=[1, 0"});
        ADD_FAILURE() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.key(), "initial.bloch");
        EXPECT_EQ(std::string(e.what()).rfind("--set initial.bloch: TOML syntax error", 0), 0u) << e.what();
    }
}

TEST(RunOverrides, PathsAreSpelledAsInMessages) {
    EXPECT_EQ(parse_run_override("channel[0].rate=2").path, "channel[0].rate");
    EXPECT_EQ(parse_run_override(" method . rtol =1").path, "method.rtol");
    EXPECT_EQ(parse_run_override("output.custom.'my=obs'=Jz").path, "output.custom.\"my=obs\"");
    EXPECT_EQ(parse_run_override("output.custom.'my=obs'=Jz").value, "Jz");
    EXPECT_EQ(parse_run_override("output.custom.\"plain\"=Jz").path, "output.custom.plain");
}

TEST(RunOverrides, EffectiveTextChangesWithTheOverrides) {
    const RunFile plain = load(with_channel, {});
    EXPECT_EQ(plain.effective_text, with_channel);  // no overrides: the file's bytes
    const RunFile two = load(with_channel, {"channel[0].rate=2"});
    const RunFile three = load(with_channel, {"channel[0].rate=3"});
    EXPECT_NE(two.effective_text, plain.effective_text);
    EXPECT_NE(two.effective_text, three.effective_text);
    EXPECT_EQ(two.effective_text, with_channel + "# --set channel[0].rate=2\n");
    EXPECT_EQ(effective_run_text("a = 1", parse_run_overrides({"b=2"})), "a = 1\n# --set b=2\n");
    ASSERT_EQ(two.overrides.size(), 1u);
    EXPECT_EQ(override_text(two.overrides[0]), "channel[0].rate=2");
}

}  // namespace
}  // namespace openspins
