// Options of the `heom` method ([method] keys, docs/methods/heom.md).
#pragma once

#include <string>

namespace openspins {

struct HeomOptions {
    int depth = 3;                       // hierarchy depth: ADOs with Σ_k n_k ≤ depth
    int terms = 2;                       // K: Matsubara / Padé terms per bath beyond the cutoff's own
    std::string expansion = "pade";      // "pade" | "matsubara" (Drude–Lorentz; underdamped is always Matsubara)
    bool terminator = true;              // add the Markovian remainder δ (model/bath/correlation_terminator.hpp)
    std::string convergence_check = "depth";  // "depth" (d vs d+1) | "terms" (K vs K+1) | "none"
    double convergence_tolerance = 1e-4;      // largest |Δ observable| accepted without a warning
};

}  // namespace openspins
