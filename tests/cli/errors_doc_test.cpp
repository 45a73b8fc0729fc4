// docs/errors.md is the message table as generated (openspins_errors_doc), and no message
// names a method that does not exist.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "openspins/config/message_table.hpp"
#include "openspins/method/method.hpp"

namespace openspins {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(ErrorsDoc, CommittedCopyEqualsTheGeneratedOne) {
    const std::string committed = read_text(fs::path(OPENSPINS_SOURCE_DIR) / "docs/errors.md");
    EXPECT_TRUE(committed == messages::errors_markdown())
        << "docs/errors.md differs from the message table; regenerate it: build/openspins_errors_doc > docs/errors.md";
}

TEST(ErrorsDoc, EveryEntryIsDocumented) {
    const std::string md = messages::errors_markdown();
    for (const auto& e : messages::message_table()) {
        EXPECT_NE(md.find("## `" + std::string(e.id) + "`"), std::string::npos) << e.id;
        EXPECT_NE(md.find(std::string(e.text)), std::string::npos) << e.id;
    }
}

// Method names as messages spell them: `method "dicke"`, `name = "dicke"`, `the dicke method`.
// Words before "method" that are English, not names, are listed; the Adams method is CVODE's.
std::set<std::string> methods_named_in(const std::string& text) {
    static const std::regex named(R"re(method \\?"([A-Za-z_]+)\\?"|name = \\?"([A-Za-z_]+)\\?"|\b([A-Za-z_-]+) method\b)re");
    static const std::set<std::string> english = {"a",   "A",   "the",     "this",    "another", "by",   "of",
                                                  "or",  "use", "Use",     "uses",    "unknown", "Adams", "each",
                                                  "every", "time-stepping", "symmetric", "with"};
    std::set<std::string> names;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), named); it != std::sregex_iterator(); ++it) {
        for (int g = 1; g <= 3; ++g)
            if ((*it)[g].matched && !english.count((*it)[g].str())) names.insert((*it)[g].str());
    }
    return names;
}

TEST(ErrorsDoc, MethodsNamedInMessagesExist) {
    const auto known = method_names();
    const auto exists = [&](const std::string& name) { return std::find(known.begin(), known.end(), name) != known.end(); };
    // Keys whose value is quoted like a method name but is not one.
    const std::set<std::string> other_values = {"davies", "bdf", "adams", "full", "auto", "cavity"};
    const auto check = [&](const std::string& text, const std::string& where) {
        for (const auto& name : methods_named_in(text)) {
            if (!other_values.count(name)) {
                EXPECT_TRUE(exists(name)) << where << " names method '" << name << "'";
            }
        }
    };
    for (const auto& e : messages::message_table())
        check(std::string(e.text) + " " + std::string(e.cause) + " " + std::string(e.fix), std::string(e.id));
    // Messages not yet in the table: the string literals of every source file.
    static const std::regex literal(R"("(?:[^"\\\n]|\\.)*")");
    for (const char* folder : {"src/openspins", "apps"})
        for (const auto& f : fs::recursive_directory_iterator(fs::path(OPENSPINS_SOURCE_DIR) / folder)) {
            if (f.path().extension() != ".cpp" && f.path().extension() != ".hpp") continue;
            const std::string source = read_text(f.path());
            for (auto it = std::sregex_iterator(source.begin(), source.end(), literal); it != std::sregex_iterator(); ++it)
                check(it->str(), f.path().filename().string());
        }
    EXPECT_EQ(methods_named_in("use a permutation-symmetric or cumulant method"), std::set<std::string>{"cumulant"});
}

}  // namespace
}  // namespace openspins
