// A named quantity recorded at every output time.
//   expectation  Tr(O ρ) of a Hermitian operator (one column), or of a
//                non-Hermitian one (two columns: name.re, name.im)
//   purity       Tr ρ²
//   trace        Tr ρ
#pragma once

#include <optional>
#include <string>

#include "openspins/model/collective_polynomial.hpp"
#include "openspins/model/spin_operator.hpp"

namespace openspins {

struct Observable {
    enum class Kind { expectation, purity, trace };
    std::string name;
    Kind kind = Kind::expectation;
    SpinOperator op;
    // expectation: the operator in collective letters (single-spin operators averaged
    // over the spins), read by the dicke method; for models read for it, op stays empty.
    std::optional<CollectivePolynomial> collective = std::nullopt;
};

}  // namespace openspins
