// The derived equations of a CumulantSystem in readable form (`openspins equations`):
// for each variable M(a, b, c), a ≥ b, its time derivative as a sum over the model's
// terms and channels (each at unit strength, its value printed in the header), with
// the combinatorial factors as polynomials in N; then the closure of every moment of
// more than `order` spins the equations contain. Plain text or LaTeX (an align* block).
#pragma once

#include <string>

#include "openspins/method/cumulant/cumulant_system.hpp"

namespace openspins::cumulant {

std::string equations_text(const CumulantSystem& system, bool latex);

}  // namespace openspins::cumulant
