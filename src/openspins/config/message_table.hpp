// The one table of user-facing messages: every text the CLI can print, with a stable id,
// the exit status it ends with, its cause and its fix. messages.hpp formats from it and
// docs/errors.md is generated from it (openspins_errors_doc), so the wording, the docs and
// the reachability test (tests/cli/errors_reachable_test.cpp) cannot drift apart.
//
// A template holds its arguments as {name} placeholders, filled in order by
// format_message; the names only document what goes there.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace openspins::messages {

// How the CLI ends after printing the message (apps/openspins/exit_status.hpp).
enum class ExitClass : int {
    none = 0,       // a warning or note; the command still succeeds
    other = 1,      // I/O failure or an internal error
    input = 2,      // the input is wrong or does not fit
    numerical = 3,  // the computation failed
    signal = 128,   // stopped by a signal: 128 + its number (130 Ctrl-C, 143 SIGTERM)
};

struct MessageEntry {
    std::string_view id;        // stable: tests and docs refer to it
    ExitClass exit;
    std::string_view text;      // template with {placeholders}
    std::string_view cause;
    std::string_view fix;
    std::string_view internal;  // non-empty: no input reaches it, and why
};

std::span<const MessageEntry> message_table();

// The entry with this id; throws std::logic_error for an unknown id (a programming error).
const MessageEntry& message_entry(std::string_view id);

// The entry's template with its placeholders replaced by `args` in order; throws
// std::logic_error when the count differs.
std::string format_message(std::string_view id, std::initializer_list<std::string_view> args = {});

// docs/errors.md.
std::string errors_markdown();

}  // namespace openspins::messages
