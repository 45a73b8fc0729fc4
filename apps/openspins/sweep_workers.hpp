// How a sweep's points are spread: one process (serial), local worker processes
// (--jobs K, fork + pipes) or MPI ranks (mpirun -n K). In every case a manager hands out
// points as workers become free (slow points leave no worker idle; an MPI rank holds its next
// point while computing one, sweep_mpi.cpp) and
// receives each result, serialized bit for bit (sweep/point_result.hpp), in the order
// they finish; the results file does not depend on that order.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "openspins/sweep/point_result.hpp"
#include "openspins/sweep/sweep_spec.hpp"

namespace openspins::cli {

using ResultSink = std::function<void(sweep::PointResult)>;

// Computes `todo` in this process, in order.
void run_serial(const sweep::SweepSpec& spec, const std::vector<std::size_t>& todo, const ResultSink& done);

// Computes `todo` in `jobs` forked worker processes. A stop request (Ctrl-C, SIGTERM)
// ends the workers and throws Interrupted once the results already received are handed on.
void run_local_jobs(const sweep::SweepSpec& spec, const std::vector<std::size_t>& todo, int jobs,
                    const ResultSink& done);

// ---- MPI (sweep_mpi.cpp) -------------------------------------------------------------
// True when this process was started by mpirun/mpiexec (Open MPI's or a PMI launcher's
// environment), so a plain `openspins sweep` never initialises MPI.
bool launched_by_mpi();

// MPI_Init on construction, MPI_Finalize on destruction.
class MpiSession {
public:
    MpiSession();
    ~MpiSession();
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;
    [[nodiscard]] int rank() const { return rank_; }
    [[nodiscard]] int size() const { return size_; }
    // Ends every rank at once (a stop request or an error in the manager mid-sweep).
    [[noreturn]] void abort(int status) const;

private:
    int rank_ = 0;
    int size_ = 1;
};

// Rank 0: hands `todo` to ranks 1..size-1 and stops them all at the end (also when `todo`
// is empty, so call it on every path where the workers wait). A stop request throws
// Interrupted (the caller aborts the job).
void mpi_manager(const MpiSession& mpi, const std::vector<std::size_t>& todo, const ResultSink& done);
// Ranks > 0: compute the points rank 0 sends until it says stop. The sweep file is read
// here on the first point, so a rank that never gets one never reads it.
void mpi_worker(const std::function<const sweep::SweepSpec&()>& spec);

}  // namespace openspins::cli
