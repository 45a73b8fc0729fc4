// The interface every level of theory implements: take a RunSpec, return a RunResult.
//
// Methods are siblings (exact now; redfield, dicke, cumulant, analytic later) and
// are looked up by name, so the CLI and the bindings never name a concrete class.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "openspins/method/integrator_choice.hpp"
#include "openspins/model/run_spec.hpp"
#include "openspins/result/run_result.hpp"

namespace openspins {

struct RunControl {
    // Called with the fraction of simulated time done, from the integrating thread.
    std::function<void(double)> progress;
    // When set, the method writes a checkpoint there at output times at most every
    // checkpoint_seconds of wall time, and resumes from it if it exists and carries
    // the same fingerprint (method/checkpoint.hpp).
    std::string checkpoint_path;
    std::string fingerprint;
    double checkpoint_seconds = 30.0;
};

class Method {
public:
    virtual ~Method() = default;
    [[nodiscard]] virtual std::string name() const = 0;
    // Throws ModelError if this method cannot solve the spec (without allocating).
    virtual void validate(const RunSpec& spec) const = 0;
    // Bytes the run will need at its peak, estimated before allocating.
    [[nodiscard]] virtual std::size_t memory_estimate(const RunSpec& spec) const = 0;
    // How the method would store the state for this spec, in words (for `check`).
    [[nodiscard]] virtual std::string storage_description(const RunSpec& spec) const = 0;
    // False for methods that read only the symbolic forms (collective polynomials,
    // channel kinds and rates): the config reader then skips the monomial expansion
    // of operators, which would grow as N² and is limited to N ≤ 64.
    [[nodiscard]] virtual bool reads_spin_operators() const { return true; }
    // The same for a run file with a [cavity] table (analytic: seed 004's mode path reads symbols).
    [[nodiscard]] virtual bool reads_spin_operators_with_mode() const { return reads_spin_operators(); }
    // The integrator the run will use and why (integrator_choice.hpp); a method that
    // integrates another spec (redfield) or skips the integrator on some steps (dicke)
    // says so here, so `check` reports what `run` does.
    [[nodiscard]] virtual IntegratorChoice integrator_choice(const RunSpec& spec) const {
        return choose_integrator(spec);
    }
    virtual RunResult run(const RunSpec& spec, const RunControl& control) const = 0;
};

std::unique_ptr<Method> make_method(const std::string& name);  // throws ModelError for unknown names
std::vector<std::string> method_names();

}  // namespace openspins
