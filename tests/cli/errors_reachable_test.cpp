// Every entry of the message table (config/message_table.cpp) is reachable: each id has a
// reproducer in tests/data/errors/reproducers.toml — a run file and a command line — that
// makes the openspins binary print the entry's message and end with the entry's exit
// status; entries no input can reach say why in the table instead. The reproducers and the
// table are checked against each other in both directions, so a new message without a
// reproducer, or a reproducer of a removed message, fails here.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "openspins/config/message_table.hpp"

namespace openspins {
namespace {

namespace fs = std::filesystem;
using messages::ExitClass;
using messages::message_table;

const fs::path reproducers_file = fs::path(OPENSPINS_SOURCE_DIR) / "tests/data/errors/reproducers.toml";

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The template as a pattern: literal text, each {placeholder} any text (also across lines).
std::regex template_pattern(std::string_view text) {
    static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
    std::string pattern;
    std::size_t k = 0;
    while (k < text.size()) {
        const std::size_t open = text.find('{', k);
        const std::size_t close = open == std::string_view::npos ? open : text.find('}', open);
        const std::string literal(text.substr(k, close == std::string_view::npos ? std::string_view::npos : open - k));
        pattern += std::regex_replace(literal, special, R"(\$&)");
        if (close == std::string_view::npos) break;
        pattern += R"([\s\S]*?)";
        k = close + 1;
    }
    return std::regex(pattern);
}

std::string hex_bytes(const std::string& hex) {
    std::string bytes;
    for (std::size_t k = 0; k + 1 < hex.size(); k += 2) bytes += static_cast<char>(std::stoi(hex.substr(k, 2), nullptr, 16));
    return bytes;
}

struct Case {
    std::string id;
    std::string run;                              // run.toml; empty: none
    std::map<std::string, std::string> files;     // more files, text
    std::map<std::string, std::string> binary;    // more files, hex
    std::string setup;                            // shell commands before the CLI
    std::string prefix;                           // before the CLI on its command line (environment, ulimit)
    std::string args = "check run.toml";
    std::string expect;                           // more text the output must contain
};

std::vector<Case> load_cases() {
    const toml::table doc = toml::parse_file(reproducers_file.string());
    // Named texts ({base}, {long}, {kill_after_checkpoint}, {sigint_once_caught}) expand in `run`,
    // `setup` and `prefix`.
    std::map<std::string, std::string> named;
    for (const auto& [key, value] : doc)
        if (value.is_string()) named["{" + std::string(key.str()) + "}"] = value.value_or(std::string());
    const auto expand = [&](std::string text) {
        for (const auto& [name, value] : named)
            for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + value.size()))
                text.replace(at, name.size(), value);
        return text;
    };
    std::vector<Case> cases;
    for (const auto& node : *doc["case"].as_array()) {
        const auto& t = *node.as_table();
        Case c;
        c.id = t["id"].value_or(std::string());
        c.run = expand(t["run"].value_or(std::string()));
        if (const auto* files = t["files"].as_table())
            for (const auto& [name, text] : *files) c.files[std::string(name.str())] = text.value_or(std::string());
        if (const auto* files = t["binary"].as_table())
            for (const auto& [name, hex] : *files) c.binary[std::string(name.str())] = hex.value_or(std::string());
        c.setup = expand(t["setup"].value_or(std::string()));
        c.prefix = expand(t["prefix"].value_or(std::string()));
        c.args = t["args"].value_or(c.args);
        c.expect = t["expect"].value_or(std::string());
        cases.push_back(std::move(c));
    }
    return cases;
}

struct Outcome {
    int status = -1;
    std::string output;  // stdout and stderr
};

#if defined(__SANITIZE_ADDRESS__)
constexpr bool address_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool address_sanitizer = true;
#else
constexpr bool address_sanitizer = false;
#endif
#else
constexpr bool address_sanitizer = false;
#endif

// Runs one case in a fresh directory.
Outcome run_case(const Case& c, const fs::path& dir) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    if (!c.run.empty()) std::ofstream(dir / "run.toml") << c.run;
    for (const auto& [name, text] : c.files) std::ofstream(dir / name) << text;
    for (const auto& [name, hex] : c.binary) std::ofstream(dir / name, std::ios::binary) << hex_bytes(hex);
    // $OPENSPINS: the binary, for setups that run it first (to leave a checkpoint behind).
    const std::string command = "cd '" + dir.string() + "' && export OPENSPINS='" OPENSPINS_CLI "' && { " +
                                (c.setup.empty() ? ":" : c.setup) + "; } && " + c.prefix + " \"$OPENSPINS\" " +
                                c.args + " >output.txt 2>&1";
    const int raw = std::system(command.c_str());
    Outcome o;
    o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    o.output = read_text(dir / "output.txt");
    fs::remove_all(dir);
    return o;
}

TEST(ErrorsReachable, EveryEntryHasAReproducerOrSaysWhyNot) {
    std::set<std::string> reproduced;
    for (const auto& c : load_cases()) reproduced.insert(c.id);
    for (const auto& e : message_table()) {
        const std::string id(e.id);
        if (e.internal.empty()) {
            EXPECT_TRUE(reproduced.count(id)) << id << ": no reproducer in " << reproducers_file;
        } else {
            EXPECT_FALSE(reproduced.count(id)) << id << ": marked internal in the table but reproduced";
        }
        EXPECT_FALSE(e.cause.empty() || e.fix.empty()) << id << ": cause and fix are required";
    }
    for (const auto& id : reproduced) {
        EXPECT_NO_THROW((void)messages::message_entry(id)) << id << ": not in the table";
    }
}

TEST(ErrorsReachable, IdsAreUnique) {
    std::set<std::string_view> ids;
    for (const auto& e : message_table()) {
        EXPECT_TRUE(ids.insert(e.id).second) << e.id;
    }
}

TEST(ErrorsReachable, EachReproducerPrintsItsMessageWithItsExitStatus) {
    const fs::path dir = fs::temp_directory_path() / ("openspins_errors_" + std::to_string(::getpid()));
    for (const auto& c : load_cases()) {
        // AddressSanitizer reserves terabytes of shadow memory: a virtual-memory limit
        // stops it before openspins runs, so those reproducers need an uninstrumented build.
        if (address_sanitizer && c.prefix.find("ulimit -v") != std::string::npos) continue;
        const auto& entry = messages::message_entry(c.id);
        const Outcome o = run_case(c, dir);
        if (entry.exit == ExitClass::signal) {
            EXPECT_GT(o.status, 128) << c.id << " (" << c.args << "): " << o.output;
        } else {
            EXPECT_EQ(o.status, static_cast<int>(entry.exit)) << c.id << " (" << c.args << "): " << o.output;
        }
        EXPECT_TRUE(std::regex_search(o.output, template_pattern(entry.text)))
            << c.id << ": expected \"" << entry.text << "\", got: " << o.output;
        // CLI11 prints usage errors itself, without openspins' prefix.
        if (entry.exit != ExitClass::none && entry.exit != ExitClass::signal && c.id != "usage") {
            EXPECT_NE(o.output.find("openspins: error: "), std::string::npos) << c.id << ": " << o.output;
        }
        EXPECT_NE(o.output.find(c.expect), std::string::npos) << c.id << ": expected \"" << c.expect << "\" in " << o.output;
    }
}

}  // namespace
}  // namespace openspins
