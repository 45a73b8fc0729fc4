// The run's observables read straight off Pauli coordinates a_Q = Tr(σ_Q ρ) (pauli_basis.hpp), as one linear map
// a ↦ (columns…, Tr ρ): Tr(Oρ) = Σ_Q o_Q a_Q for O = Σ_Q o_Q σ_Q (its Pauli expansion), Re and — for an operator
// that is not Hermitian — Im as the evaluator's columns; Tr ρ = a_0. A column has as many weights as O has Pauli
// strings (the Ising chain's energy: 2N − 1), so the Chebyshev propagator can read the observables off every
// term of its series (integrate/chebyshev_propagator.hpp, StateFunctionals). Purity (quadratic) has no such
// form: linear() says so.
#pragma once

#include <vector>

#include "openspins/method/exact/linear_readout.hpp"
#include "openspins/model/observable.hpp"

namespace openspins::exact {

class PauliReadout : public LinearReadout {
public:
    explicit PauliReadout(const std::vector<Observable>& observables);
};

}  // namespace openspins::exact
