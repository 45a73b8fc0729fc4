// docs/errors.md from the message table: one section per message, in table order.
#include <string>

#include "openspins/config/message_table.hpp"

namespace openspins::messages {

namespace {

std::string_view exit_label(ExitClass c) {
    switch (c) {
        case ExitClass::none: return "0 (warning or note; the command succeeds)";
        case ExitClass::other: return "1 (other failure)";
        case ExitClass::input: return "2 (input)";
        case ExitClass::numerical: return "3 (numerical)";
        case ExitClass::signal: return "128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM)";
    }
    return "?";
}

}  // namespace

std::string errors_markdown() {
    std::string md =
        "# Messages of the openspins CLI\n\n"
        "<!-- Generated from src/openspins/config/message_table.cpp by `build/openspins_errors_doc "
        "> docs/errors.md`;\n     tests/cli/errors_doc_test.cpp fails when this file and the table differ. -->\n\n"
        "Every message the `openspins` command prints, with what causes it and how to fix it. Errors are\n"
        "printed as `openspins: error: <where>: <message>`, warnings as `openspins: warning: <message>`.\n"
        "Input errors name their place: `file:line: key: message` for the run file (and for a\n"
        "density-matrix file named by `initial.path`, that file's own line). In the templates below,\n"
        "`{name}` stands for a value filled in when the message is printed.\n\n"
        "Exit statuses: 0 success, 1 other failure, 2 invalid input (or an existing results directory\n"
        "without `--force`), 3 numerical failure, 128 + N when stopped by signal N.\n\n"
        "Entries marked *internal* guard states no run file can produce (the reason is given); every\n"
        "other entry is reproduced by a case in tests/data/errors/reproducers.toml, which\n"
        "tests/cli/errors_reachable_test.cpp runs through the CLI. tests/cli/errors_doc_test.cpp scans the\n"
        "sources: a throw or a warning whose text does not come from this table fails it (internal\n"
        "invariants throw std::logic_error instead, which is not a user message).\n";
    for (const auto& e : message_table()) {
        md += "\n## `" + std::string(e.id) + "`\n\n";
        md += "    " + std::string(e.text) + "\n\n";
        md += "- Exit status: " + std::string(exit_label(e.exit)) + "\n";
        md += "- Cause: " + std::string(e.cause) + "\n";
        md += "- Fix: " + std::string(e.fix) + "\n";
        if (!e.internal.empty()) md += "- Internal: " + std::string(e.internal) + "\n";
    }
    return md;
}

}  // namespace openspins::messages
