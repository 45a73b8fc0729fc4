// Checkpoints of a running time-stepping method, so that a long run can resume.
//
// A checkpoint holds where the protocol was (step index, time, next output), the rows
// recorded so far and the method's integrator state. It is tied to the run by a
// fingerprint (the CLI's: the run file's text and overrides, the method, the version
// and git revision of the binary), carries a checksum of its bytes, and is written to
// a temporary name then renamed, so a crash never leaves a torn file.
//
// Checkpoints are taken only at the restart points of the protocol walk (fixed in
// simulated time, protocol_walk.hpp), where the uninterrupted run restarts its
// integrator too: a resumed run repeats the uninterrupted one bit for bit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "openspins/result/time_series.hpp"

namespace openspins {

struct Checkpoint {
    std::string fingerprint;
    std::size_t step = 0;       // protocol step being integrated
    double time = 0.0;
    std::size_t next_output = 0;
    TimeSeries series;
    std::vector<double> state;  // method-specific packed state
};

void write_checkpoint(const std::string& path, const Checkpoint& checkpoint);
// The checkpoint at path, or nothing when there is none. Throws ModelError (the
// caller's user error: refuse, compute nothing) for a file that is damaged
// (checksum, truncation, layout) or carries another fingerprint.
std::optional<Checkpoint> read_checkpoint(const std::string& path, const std::string& fingerprint);
// Removes the checkpoint and any half-written temporary of it.
void remove_checkpoint(const std::string& path);

}  // namespace openspins
