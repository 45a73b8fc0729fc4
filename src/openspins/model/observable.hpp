// A named quantity recorded at every output time.
//   expectation  Tr(O ρ) of a Hermitian operator (one column), or of a
//                non-Hermitian one (two columns: name.re, name.im)
//   purity       Tr ρ²
//   trace        Tr ρ
#pragma once

#include <string>

#include "openspins/model/spin_operator.hpp"

namespace openspins {

struct Observable {
    enum class Kind { expectation, purity, trace };
    std::string name;
    Kind kind = Kind::expectation;
    SpinOperator op;
};

}  // namespace openspins
