// Options of the `heom` method ([method] keys, docs/methods/heom.md).
#pragma once

#include <string>
#include <vector>

namespace openspins {

struct HeomOptions {
    int depth = 3;                       // hierarchy depth: ADOs with Σ_k n_k ≤ depth
    int terms = 2;                       // K: Matsubara / Padé terms per bath beyond the cutoff's own
    std::string expansion = "pade";      // "pade" | "matsubara" (Drude–Lorentz; underdamped is always Matsubara)
    bool terminator = true;              // add the Markovian remainder δ (model/bath/correlation_terminator.hpp)
    std::string convergence_check = "depth";  // "depth" (d vs d+1) | "terms" (K vs K+1) | "none"
    double convergence_tolerance = 1e-4;      // largest |Δ observable| accepted without a warning
    // Baths without a closed-form expansion (model/bath/fitted_correlation.hpp): C(t) fitted by
    // fit_terms damped oscillations (2·fit_terms exponents) over [0, fit_time] (0: automatic, the
    // longer of 10·max(1/ω_c, 1/(2πT)) and the run);
    // a fit error max|ΔC|/C(0) above fit_tolerance is refused (heom_fit).
    int fit_terms = 4;
    double fit_tolerance = 1e-3;
    double fit_time = 0.0;
    // Not a key: the run's length (set by the method), which the automatic fit window covers.
    double run_duration = 0.0;
    // Not a key: the Bohr frequencies ω > 0 the couplings connect (E_a − E_b of the model's Hamiltonian, set by the
    // method), where a fitted bath's spectrum γ(±ω) is checked against the density's (heom.fit_spectrum_error).
    std::vector<double> bohr_frequencies;
};

}  // namespace openspins
