// docs/errors.md is the message table as generated (openspins_errors_doc), no message
// names a method that does not exist, and no user-facing text is thrown or warned from
// outside the table.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <vector>

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

// ---- every user-facing throw formats from the table ------------------------------------------

// The source without comments, string literals kept (a "//" inside a literal is text).
std::string without_comments(const std::string& source) {
    std::string out;
    out.reserve(source.size());
    for (std::size_t k = 0; k < source.size();) {
        const char c = source[k];
        if (c == '"' || c == '\'') {  // a literal, copied up to its closing quote
            std::size_t e = k + 1;
            while (e < source.size() && source[e] != c && source[e] != '\n') e += source[e] == '\\' ? 2 : 1;
            out.append(source, k, e + 1 - k);
            k = e + 1;
        } else if (source.compare(k, 2, "//") == 0) {
            k = source.find('\n', k);
            if (k == std::string::npos) break;
        } else if (source.compare(k, 2, "/*") == 0) {
            const std::size_t e = source.find("*/", k + 2);
            out.append(
                std::count(source.begin() + static_cast<std::ptrdiff_t>(k),
                           source.begin() + static_cast<std::ptrdiff_t>(e == std::string::npos ? source.size() : e),
                           '\n'),
                '\n');
            if (e == std::string::npos) break;
            k = e + 2;
        } else {
            out += c;
            ++k;
        }
    }
    return out;
}

// The same text with the contents of string and character literals blanked, so that a
// search for code does not find words inside messages.
std::string literals_blanked(const std::string& code) {
    std::string out = code;
    for (std::size_t k = 0; k < out.size(); ++k) {
        const char q = out[k];
        if (q != '"' && q != '\'') continue;
        std::size_t e = k + 1;
        while (e < out.size() && out[e] != q && out[e] != '\n') e += out[e] == '\\' ? 2 : 1;
        for (std::size_t i = k + 1; i < e && i < out.size(); ++i) out[i] = ' ';
        k = e;
    }
    return out;
}

// From `at` to the ';' that ends the statement (outside literals), whitespace collapsed.
std::string statement_at(const std::string& code, std::size_t at) {
    std::string out;
    bool space = false;
    for (std::size_t k = at; k < code.size(); ++k) {
        const char c = code[k];
        if (c == '"') {
            std::size_t e = k + 1;
            while (e < code.size() && code[e] != '"') e += code[e] == '\\' ? 2 : 1;
            out.append(code, k, e + 1 - k);
            k = e;
            space = false;
            continue;
        }
        if (c == ';') return out + ';';
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!space) out += ' ';
            space = true;
            continue;
        }
        out += c;
        space = false;
    }
    return out;
}

// Statements of the form `throw X(...)`, `warn(...)`, `fail(...)` (the expression parsers' and
// the TOML reader's located refusals) or `notes["….warning"] = …` in one source file that do not
// take their text from the message table (messages::…).
std::vector<std::string> untabled_statements(const std::string& source) {
    // Programming errors (no input reaches them, docs/errors.md does not list them): the
    // standard logic errors, std::bad_alloc (reported as out_of_memory) and a rethrow.
    // `fail();` passes no text (the checkpoint reader's truncation, whose text is its own).
    static const std::regex exempt(
        R"(^(throw ?(;|std::(logic_error|invalid_argument|out_of_range|domain_error|length_error|bad_alloc)\b)|fail\(\);))");
    // `notes["x.warning"] = …`: the key is a literal, blanked below, so the pattern is its shape.
    static const std::regex user_text(R"(\bthrow\b|\bwarn\(|\bfail\(|\["\s+"\] = )");
    // `void fail(…)`, `void Reader::fail(…)`: a declaration or definition, not a call.
    static const std::regex declared(R"(\bvoid\s+(\w+::)?$)");
    const std::string code = without_comments(source);
    const std::string searched = literals_blanked(code);
    std::vector<std::string> found;
    for (auto it = std::sregex_iterator(searched.begin(), searched.end(), user_text); it != std::sregex_iterator();
         ++it) {
        std::size_t at = static_cast<std::size_t>(it->position());
        if (it->str().front() == '[') {  // an assignment to a note: only the warnings are printed
            at = code.rfind('\n', at) + 1;
            if (code.substr(at, code.find('\n', at) - at).find(".warning\"]") == std::string::npos) continue;
        }
        if (it->str() == "fail(") {
            const std::size_t line = searched.rfind('\n', at) + 1;  // npos + 1 = 0 on the first line
            if (std::regex_search(searched.substr(line, at - line), declared)) continue;
        }
        const std::string statement = statement_at(code, at);
        if (std::regex_search(statement, exempt)) continue;
        if (statement.find("messages::") != std::string::npos || statement.find("format_message(") != std::string::npos)
            continue;
        found.push_back(statement);
    }
    return found;
}

// untabled_statements of every source file, by path relative to the source tree.
std::map<std::string, std::vector<std::string>> untabled_user_texts() {
    std::map<std::string, std::vector<std::string>> found;
    const fs::path root(OPENSPINS_SOURCE_DIR);
    for (const char* folder : {"src/openspins", "apps"})
        for (const auto& f : fs::recursive_directory_iterator(root / folder)) {
            if (f.path().extension() != ".cpp" && f.path().extension() != ".hpp") continue;
            auto statements = untabled_statements(read_text(f.path()));
            if (!statements.empty()) found[fs::relative(f.path(), root).generic_string()] = std::move(statements);
        }
    return found;
}

TEST(ErrorsDoc, UserFacingTextsComeFromTheTable) {
    // Throws that pass on a text already formatted from the table, adding only its place
    // (file:line: key:) or its type: each names where the text comes from.
    const std::map<std::string, std::set<std::string>> forwarding = {
        {"apps/openspins/exit_status.cpp", {"throw;"}},  // report_current_exception rethrows to sort
        {"src/openspins/config/toml_access.cpp",  // TableReader::fail(key, messages::…) → Source::fail
         {"throw ConfigError::command_line(file_, key_path, what);", "throw ConfigError(file_, line, key_path, what);",
          "fail(line_of(at), key_path, what);", "fail(node ? line_of(*node) : line(), path_of(key), what);",
          R"x(fail(line(), path_.empty() ? std::string("(top level)") : path_, what);)x"}},
        {"src/openspins/config/read_baths.cpp",  // BathSpectrum's refusal (messages::), located at the density
         {R"(fail("spectral_density", e.what());)"}},
        {"src/openspins/config/read_initial.cpp",  // read_twice(…, messages::dicke_j_range / dicke_m_range)
         {"fail(key, what_if_not);"}},
        {"src/openspins/config/run_overrides.cpp",  // --set errors, what from messages::
         {"throw ConfigError::command_line(source.file(), spelled(steps, upto), what);"}},
        {"src/openspins/config/validated_method.cpp",  // a method's refusal, located in the run file
         {"throw locate_data_file_error(run, e);", "throw located_error(run, locate(run, true), e.what());",
          "throw located_error(run, locate(run, false), e.what());"}},
        {"src/openspins/model/density_file.cpp", {"throw DataFileError(path, line, what);"}},  // fail(…, messages::…)
        {"src/openspins/model/dicke_state_file.cpp",  // fail(path, line, messages::…)
         {R"(throw ModelError(path + ": line " + std::to_string(line) + ": " + what);)"}},
        {"src/openspins/model/expression_cursor.hpp",  // fail(messages::…) of the expression parsers
         {"throw ExpressionError(static_cast<int>(pos_) + 1, detail);"}},
        {"src/openspins/result/result_writer.cpp",  // check_results_directory: the key or option in front
         {R"(throw ModelError(source + ": " + e.what());)"}},
        {"src/openspins/integrate/cvode_integrator.cpp",  // check(): text = messages::cvode_setup_failed(…);
         // a watch's message is the method's messages:: text (OdeIntegrator::Watch)
         {"throw std::runtime_error(text);", "throw Interrupted(interrupt_requested());",
          "throw NumericalError(watch_.message(reached));"}},
        {"src/openspins/integrate/erk_integrator.cpp",  // the same for ARKODE's ERKStep
         {"throw std::runtime_error(text);", "throw Interrupted(interrupt_requested());",
          "throw NumericalError(watch_.message(reached));"}},
        {"src/openspins/integrate/chebyshev_propagator.cpp",  // the watch sampled inside a step: the method's text
         {"throw NumericalError(watch_.message(t_ + hi));"}},
        {"src/openspins/interrupt.cpp", {"throw Interrupted(signal);"}},  // what() is interrupted_by
        {"apps/openspins/run_command.cpp", {"warn(text.c_str());"}},      // a method's "*.warning" note
        {"apps/openspins/exit_status.hpp", {"warn(const char* what);"}},  // the declaration
        // A sweep point's failure: the library's own (table) text, located, kept in the results.
        {"src/openspins/sweep/point_runner.cpp", {"fail(located(spec, e));", "fail(e.what());"}},
        {"apps/openspins/sweep_command.cpp", {"warn(w.c_str());"}},  // a worker's messages::sweep_fit_failed
    };
    for (const auto& [file, statements] : untabled_user_texts()) {
        const auto allowed = forwarding.find(file);
        for (const auto& statement : statements) {
            EXPECT_TRUE(allowed != forwarding.end() && allowed->second.count(statement))
                << file << ": `" << statement
                << "` — a user-facing text outside the message table: add an entry to "
                   "src/openspins/config/message_table.cpp and format it with messages::, or throw "
                   "std::logic_error for an internal invariant";
        }
    }
}

TEST(ErrorsDoc, TheScanSeesLiteralThrowsAndWarnings) {
    const std::string code = without_comments(
        "// throw ModelError(\"in a comment\");\n"
        "if (x) throw ModelError(\"a literal; with a semicolon\");\n"
        "throw ModelError(messages::not_finite());\n"
        "warn(\"literal warning\");\n");
    EXPECT_EQ(code.find("in a comment"), std::string::npos);
    EXPECT_EQ(statement_at(code, code.find("throw")), R"(throw ModelError("a literal; with a semicolon");)");
    const std::string blanked = literals_blanked(R"(f("throw it"); throw X(y);)");
    EXPECT_EQ(blanked.find("throw"), blanked.find("throw X"));
    EXPECT_EQ(blanked.size(), std::string(R"(f("throw it"); throw X(y);)").size());
}

// The whole scan on a made-up file: literal texts in throws, warnings, notes and fail(…) calls are
// found (also across lines and behind `t.` or `->`); texts from the table, a text-less `fail();`,
// the declaration and definition of a fail(…) and a logic error are not.
TEST(ErrorsDoc, TheScanSeesLiteralFailCalls) {
    const std::vector<std::string> found = untabled_statements(
        "[[noreturn]] void fail(const std::string& what) const { throw Located(what); }\n"
        "void Reader::fail(std::string_view key, const std::string& what) const;\n"
        "if (pos_ == start) fail(\"a literal\");\n"
        "t.fail(\"key\",\n       \"a literal over two lines\");\n"
        "t->source().fail(node, path, messages::not_finite());\n"
        "if (bad) fail();\n"
        "fail(messages::dicke_not_symmetric(\"what\"));\n"
        "// fail(\"in a comment\");\n"
        "f(\"fail(in a literal)\");\n"
        "result.notes[\"x.warning\"] = \"a literal warning\";\n"
        "throw std::logic_error(\"an invariant\");\n");
    const std::vector<std::string> expected = {"throw Located(what);", R"(fail("a literal");)",
                                               R"(fail("key", "a literal over two lines");)",
                                               R"(result.notes["x.warning"] = "a literal warning";)"};
    EXPECT_EQ(found, expected);
}

}  // namespace
}  // namespace openspins
