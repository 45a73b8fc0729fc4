#include "sweep_workers.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "openspins/config/messages.hpp"
#include "openspins/interrupt.hpp"
#include "openspins/sweep/point_runner.hpp"

namespace openspins::cli {

namespace {

// Whole reads and writes on a pipe; false at end of file or on an error.
bool write_all(int fd, const void* data, std::size_t size) {
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        p += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool read_all(int fd, void* data, std::size_t size) {
    char* p = static_cast<char*>(data);
    while (size > 0) {
        const ssize_t n = ::read(fd, p, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        p += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

// A worker process: reads point indices until its task pipe closes, answers each with
// the serialized result (8-byte length, then the bytes).
[[noreturn]] void worker_loop(const sweep::SweepSpec& spec, int tasks, int results) {
    int status = 0;
    try {
        std::uint64_t index = 0;
        while (read_all(tasks, &index, sizeof index)) {
            const std::string message = sweep::serialize(sweep::run_point(spec, index));
            const std::uint64_t size = message.size();
            if (!write_all(results, &size, sizeof size) || !write_all(results, message.data(), message.size())) {
                status = 1;
                break;
            }
        }
    } catch (const Interrupted& e) {
        status = 128 + e.signal();
    } catch (...) {
        status = 1;
    }
    ::_exit(status);  // no destructors or atexit handlers of the manager's copy
}

struct Worker {
    pid_t pid = -1;
    int tasks = -1;    // manager writes point indices
    int results = -1;  // manager reads results
    bool busy = false;
};

}  // namespace

void run_serial(const sweep::SweepSpec& spec, const std::vector<std::size_t>& todo, const ResultSink& done) {
    for (const std::size_t point : todo) {
        throw_if_interrupted();
        done(sweep::run_point(spec, point));
    }
}

void run_local_jobs(const sweep::SweepSpec& spec, const std::vector<std::size_t>& todo, int jobs,
                    const ResultSink& done) {
    std::vector<Worker> workers;
    const auto stop_all = [&](bool kill_them) {
        for (auto& w : workers) {
            if (w.tasks >= 0) ::close(w.tasks);
            if (w.results >= 0) ::close(w.results);
            w.tasks = w.results = -1;
            if (w.pid > 0) {
                if (kill_them) ::kill(w.pid, SIGKILL);
                int status = 0;
                while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
                }
                w.pid = -1;
            }
        }
    };
    try {
        const int count = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(jobs), todo.size()));
        for (int k = 0; k < count; ++k) {
            int to_worker[2], from_worker[2];
            if (::pipe(to_worker) != 0 || ::pipe(from_worker) != 0)
                throw std::runtime_error(messages::sweep_worker_failed("cannot create a pipe"));
            const pid_t pid = ::fork();
            if (pid < 0) throw std::runtime_error(messages::sweep_worker_failed("cannot start a worker process"));
            if (pid == 0) {
                ::close(to_worker[1]);
                ::close(from_worker[0]);
                for (const auto& w : workers) {  // the other workers' ends belong to the manager
                    ::close(w.tasks);
                    ::close(w.results);
                }
                worker_loop(spec, to_worker[0], from_worker[1]);
            }
            ::close(to_worker[0]);
            ::close(from_worker[1]);
            workers.push_back({pid, to_worker[1], from_worker[0], false});
        }
        std::size_t next = 0;
        const auto hand_out = [&](Worker& w) {
            if (next < todo.size()) {
                const std::uint64_t index = todo[next++];
                if (!write_all(w.tasks, &index, sizeof index))
                    throw std::runtime_error(messages::sweep_worker_failed("a worker process ended"));
                w.busy = true;
            } else if (w.tasks >= 0) {
                ::close(w.tasks);  // end of file: the worker exits
                w.tasks = -1;
            }
        };
        for (auto& w : workers) hand_out(w);
        for (;;) {
            std::vector<pollfd> fds;
            std::vector<Worker*> owner;
            for (auto& w : workers)
                if (w.busy) {
                    fds.push_back({w.results, POLLIN, 0});
                    owner.push_back(&w);
                }
            if (fds.empty()) break;
            throw_if_interrupted();
            const int ready = ::poll(fds.data(), fds.size(), 100);
            if (ready < 0 && errno != EINTR) throw std::runtime_error(messages::sweep_worker_failed("poll failed"));
            for (std::size_t k = 0; ready > 0 && k < fds.size(); ++k) {
                if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                Worker& w = *owner[k];
                std::uint64_t size = 0;
                std::string message;
                if (!read_all(w.results, &size, sizeof size)) {
                    throw_if_interrupted();  // the worker ended on the same signal
                    throw std::runtime_error(messages::sweep_worker_failed("a worker process ended unexpectedly"));
                }
                message.resize(size);
                if (!read_all(w.results, message.data(), size))
                    throw std::runtime_error(messages::sweep_worker_failed("a worker process ended unexpectedly"));
                w.busy = false;
                hand_out(w);
                done(sweep::deserialize(message));
            }
        }
        stop_all(false);
    } catch (...) {
        stop_all(true);
        throw;
    }
}

}  // namespace openspins::cli
