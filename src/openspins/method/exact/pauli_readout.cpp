#include "openspins/method/exact/pauli_readout.hpp"

#include <utility>

#include "openspins/method/exact/pauli_basis.hpp"

namespace openspins::exact {

// Tr ρ = a_0; Tr(Oρ) = Σ_Q o_Q a_Q, Re and Im of o_Q as the two columns.
PauliReadout::PauliReadout(const std::vector<Observable>& observables)
    : LinearReadout(observables, {{0, 1.0}}, [](const SpinOperator& op) {
          Column re, im;
          for (const auto& [code, c] : pauli_expansion(op)) {
              if (c.real() != 0.0) re.push_back({code, c.real()});
              if (c.imag() != 0.0) im.push_back({code, c.imag()});
          }
          return std::pair{std::move(re), std::move(im)};
      }) {}

}  // namespace openspins::exact
