#include "plot_script.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <vector>

extern char** environ;

namespace openspins::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* python = "/usr/bin/python3";
constexpr std::size_t max_captured = 64 * 1024;  // the script's output, kept for the warning

fs::path executable_directory() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

// The last non-empty line of the script's output: Python puts the exception there.
std::string last_line(const std::string& text) {
    std::size_t end = text.find_last_not_of(" \n\r\t");
    if (end == std::string::npos) return "";
    const std::size_t begin = text.rfind('\n', end);
    return text.substr(begin == std::string::npos ? 0 : begin + 1,
                       end - (begin == std::string::npos ? 0 : begin + 1) + 1);
}

}  // namespace

std::optional<fs::path> find_plot_script() {
    std::vector<fs::path> candidates;
    if (const fs::path dir = executable_directory(); !dir.empty()) {
        candidates.push_back(dir / ".." / "scripts" / "plot_results.py");
        candidates.push_back(dir / ".." / "share" / "openspins" / "scripts" / "plot_results.py");
    }
    // apps/openspins/plot_script.cpp → <source dir>/scripts/plot_results.py
    candidates.push_back(fs::path(__FILE__).parent_path().parent_path().parent_path() / "scripts" / "plot_results.py");
    std::error_code ec;
    for (const auto& c : candidates)
        if (fs::is_regular_file(c, ec)) return c.lexically_normal();
    return std::nullopt;
}

std::string run_plot_script(const fs::path& script, const fs::path& results_directory) {
    if (::access(python, X_OK) != 0) return std::string(python) + " not found";
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) return "cannot create a pipe";

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);

    // A non-interactive backend: the CLI may run without a display.
    std::vector<std::string> env_strings{"MPLBACKEND=Agg"};
    for (char** e = environ; *e; ++e)
        if (std::string_view(*e).rfind("MPLBACKEND=", 0) != 0) env_strings.emplace_back(*e);
    std::vector<char*> env;
    for (auto& s : env_strings) env.push_back(s.data());
    env.push_back(nullptr);

    std::string script_arg = script.string(), dir_arg = results_directory.string(), python_arg = python;
    std::array<char*, 4> argv{python_arg.data(), script_arg.data(), dir_arg.data(), nullptr};
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, python, &actions, nullptr, argv.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    if (spawned != 0) {
        ::close(pipe_fds[0]);
        return "cannot start " + std::string(python);
    }

    std::string output;
    char buffer[4096];
    for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (output.size() < max_captured) output.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(pipe_fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
    const std::string reason = last_line(output);
    return reason.empty() ? "plot script failed" : reason;
}

}  // namespace openspins::cli
