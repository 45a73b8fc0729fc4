// Positivity of ρ under the derived generator, reported in the run's notes.
// Bloch–Redfield and seed 003's inhomogeneous forms (abragam, hubbard) are not completely
// positive: ρ may leave the positive cone. The exact kernel records the smallest eigenvalue
// of ρ at every output time (method/exact/positivity_monitor.hpp: any N whose blocks it can
// diagonalise); these notes state it, and a warning (printed by `openspins run`) when it is
// below −tolerance (the run's trace_tolerance). Davies and partial secular generators are
// completely positive: the same check confirms it numerically.
//   redfield.min_eigenvalue_of_rho   "-1.234567890e-02" or "not checked (…)"
//   redfield.min_eigenvalue_time     the output time of that minimum
//   redfield.warning                 only when ρ left the cone by more than the tolerance
#pragma once

#include <map>
#include <string>

#include "openspins/method/exact/positivity_monitor.hpp"

namespace openspins::redfield {

void add_positivity_notes(const exact::PositivityReport& report, double tolerance,
                          std::map<std::string, std::string>& notes);

}  // namespace openspins::redfield
