// The C API only: Open MPI's mpi.h otherwise pulls in its deprecated C++ bindings.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iterator>
#include <list>
#include <string>
#include <thread>
#include <vector>

#include "openspins/interrupt.hpp"
#include "openspins/sweep/point_runner.hpp"
#include "sweep_workers.hpp"

namespace openspins::cli {

namespace {

constexpr int task_tag = 1;    // manager → worker: one point index (unsigned long long)
constexpr int stop_tag = 2;    // manager → worker: no more points
constexpr int result_tag = 3;  // worker → manager: a serialized PointResult
// Each rank holds its next points while it computes one, so it never waits for the manager to
// wake (its poll sleeps, and on a loaded machine a woken process waits ~10 ms for a core): small
// points would otherwise be paced by that latency. A rank holds about queued_seconds of work
// (from the mean point time so far), at least 2 and at most 32 points; the cost is that at the
// end a few queued points may wait behind a slow one while another rank is idle.
constexpr int min_queued_per_rank = 2;
constexpr int max_queued_per_rank = 32;
constexpr double queued_seconds = 0.05;

}  // namespace

bool launched_by_mpi() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
        if (std::getenv(name)) return true;
    return false;
}

MpiSession::MpiSession() {
    MPI_Init(nullptr, nullptr);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() { MPI_Finalize(); }

void MpiSession::abort(int status) const {
    MPI_Abort(MPI_COMM_WORLD, status);
    std::_Exit(status);
}

void mpi_manager(const MpiSession& mpi, const std::vector<std::size_t>& todo, const ResultSink& done) {
    std::size_t next = 0;
    int busy = 0;
    std::vector<int> queued(static_cast<std::size_t>(mpi.size()), 0);  // points handed to a rank, not yet returned
    const auto hand_out = [&](int worker) {
        if (next >= todo.size()) return false;
        unsigned long long index = todo[next++];
        MPI_Send(&index, 1, MPI_UNSIGNED_LONG_LONG, worker, task_tag, MPI_COMM_WORLD);
        ++busy;
        ++queued[static_cast<std::size_t>(worker)];
        return true;
    };
    const auto stop_if_idle = [&](int worker) {
        if (queued[static_cast<std::size_t>(worker)] == 0)
            MPI_Send(nullptr, 0, MPI_BYTE, worker, stop_tag, MPI_COMM_WORLD);
    };
    double seconds = 0.0;  // the points' computing time so far
    std::size_t returned = 0;
    const auto depth = [&] {
        if (returned == 0 || seconds <= 0.0) return min_queued_per_rank;
        const double points = queued_seconds / (seconds / static_cast<double>(returned));
        return static_cast<int>(std::clamp(points, double(min_queued_per_rank), double(max_queued_per_rank)));
    };
    for (int worker = 1; worker < mpi.size(); ++worker) {
        for (int k = 0; k < min_queued_per_rank; ++k) hand_out(worker);
        stop_if_idle(worker);
    }
    while (busy > 0) {
        // Poll, so a stop request is seen while the workers compute.
        int arrived = 0;
        MPI_Status status;
        while (!arrived) {
            throw_if_interrupted();
            MPI_Iprobe(MPI_ANY_SOURCE, result_tag, MPI_COMM_WORLD, &arrived, &status);
            if (!arrived) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        int bytes = 0;
        MPI_Get_count(&status, MPI_BYTE, &bytes);
        std::string message(static_cast<std::size_t>(bytes), '\0');
        MPI_Recv(message.data(), bytes, MPI_BYTE, status.MPI_SOURCE, result_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        --busy;
        --queued[static_cast<std::size_t>(status.MPI_SOURCE)];
        sweep::PointResult result = sweep::deserialize(message);
        seconds += result.wall_seconds;
        ++returned;
        while (queued[static_cast<std::size_t>(status.MPI_SOURCE)] < depth() && hand_out(status.MPI_SOURCE)) {
        }
        stop_if_idle(status.MPI_SOURCE);
        done(std::move(result));
    }
}

void mpi_worker(const std::function<const sweep::SweepSpec&()>& spec) {
    // Results go out with MPI_Isend: a result larger than the eager limit (the metadata and run
    // file make it several kB) would otherwise block the rank in MPI_Send until the manager wakes
    // and receives it, while its next point waits. Finished sends are released as they complete.
    struct Outgoing {
        std::string message;
        MPI_Request request;
    };
    std::list<Outgoing> outgoing;
    const auto release_finished = [&outgoing] {
        for (auto it = outgoing.begin(); it != outgoing.end();) {
            int finished = 0;
            MPI_Test(&it->request, &finished, MPI_STATUS_IGNORE);
            it = finished ? outgoing.erase(it) : std::next(it);
        }
    };
    for (;;) {
        MPI_Status status;
        MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
        if (status.MPI_TAG == stop_tag) {
            MPI_Recv(nullptr, 0, MPI_BYTE, 0, stop_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            for (auto& o : outgoing) MPI_Wait(&o.request, MPI_STATUS_IGNORE);
            return;
        }
        unsigned long long index = 0;
        MPI_Recv(&index, 1, MPI_UNSIGNED_LONG_LONG, 0, task_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        auto& o = outgoing.emplace_back(Outgoing{sweep::serialize(sweep::run_point(spec(), index)), MPI_REQUEST_NULL});
        MPI_Isend(o.message.data(), static_cast<int>(o.message.size()), MPI_BYTE, 0, result_tag, MPI_COMM_WORLD,
                  &o.request);
        release_finished();
    }
}

}  // namespace openspins::cli
