// Thermal factors of a bosonic bath at temperature T = 1/β (ħ = k_B = 1, ω angular).
//
//   n(ω)      = 1/(e^{βω} − 1)            Bose occupation (ω > 0)
//   coth(βω/2) = 1 + 2 n(ω)
//   f_β(ω)    = 2/(1 + e^{βω})            seed 003's thermal factor (eq. 62); f_β(ω) + f_β(−ω) = 2,
//                                          f_β(−ω)/f_β(ω) = e^{βω}
//
// T = 0 is allowed and handled explicitly: n = 0, coth = 1, f_β(ω) = 2·[ω < 0] (1 at ω = 0).
// expm1 keeps n accurate for βω ≪ 1.
#pragma once

#include <cmath>

namespace openspins::thermal {

// n(ω) for ω > 0.
inline double bose(double omega, double temperature) {
    if (temperature == 0.0) return 0.0;
    return 1.0 / std::expm1(omega / temperature);
}

// coth(βω/2) for ω > 0.
inline double coth_half(double omega, double temperature) { return 1.0 + 2.0 * bose(omega, temperature); }

// f_β(ω) for any real ω.
inline double f_beta(double omega, double temperature) {
    if (temperature == 0.0) return omega < 0.0 ? 2.0 : (omega > 0.0 ? 0.0 : 1.0);
    const double x = omega / temperature;
    if (x > 0.0) return 2.0 * std::exp(-x) / (1.0 + std::exp(-x));  // no overflow for large βω
    return 2.0 / (1.0 + std::exp(x));
}

}  // namespace openspins::thermal
