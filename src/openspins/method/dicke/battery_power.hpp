// The energy flows of a spin battery, H_Z = c·Jz (c = ±ω of the Zeeman term), at one instant,
// under the generator L of the evolve step in progress (docs/methods/dicke.md, "Power"):
//
//   power_stored    P_s = d⟨H_Z⟩/dt = c · Tr(Jz L(ρ))     (signed: > 0 while charging)
//   power_released  P_r = c · Σ_c Γ_c ⟨J^+J^-⟩            (into the collective emission channels,
//                                                          i.e. the cavity: the useful output)
//   power_lost      P_l = c · Σ γ ⟨Σ_i σ^+_iσ^-_i⟩ = c·γ⟨N/2 + Jz⟩   (local emission: free space)
//
// P_r and P_l are c times the time derivatives of the emitted_collective and emitted_local
// counters. With only emission channels and H commuting with Jz, P_s = −P_r − P_l; a drive or an
// absorption channel adds the energy it pumps in. Instantaneous pulses are not in P_s: their
// energy is the jump of the `energy` column across the pulse (record_steps rows).
#pragma once

#include <array>
#include <vector>

#include "openspins/method/dicke/dicke_basis.hpp"
#include "openspins/method/dicke/dicke_generator.hpp"

namespace openspins::dicke {

// {P_s, P_r, P_l} for the storage y (populations or full blocks, as `generator` was built);
// `scratch` holds L(y).
[[nodiscard]] std::array<double, 3> battery_power(const DickeBasis& basis, const DickeGenerator& generator,
                                                  bool populations_only, double c, const double* y,
                                                  std::vector<double>& scratch);

}  // namespace openspins::dicke
