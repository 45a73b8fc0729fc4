// The full Dicke blocks packed by Hermiticity, for the integrator.
//
// ρ^j is Hermitian, so its (2j+1)² complex entries carry (2j+1)² reals: per block the
// diagonal (real), then the strict upper triangle row by row as (Re, Im) pairs. Block b
// starts at real index basis.full_offset(b) — the packed state has as many reals as the
// full one has complex numbers, half the reals CVODE would otherwise carry, and every
// state the integrator can hold is Hermitian (no anti-Hermitian rounding noise to control).
#pragma once

#include "openspins/method/dicke/dicke_basis.hpp"

namespace openspins::dicke {

// full: the "full" storage (complex entries as two reals, real part first).
// pack reads the diagonal and the upper triangle only; unpack writes every entry.
void pack_hermitian(const DickeBasis& basis, const double* full, double* packed);
void unpack_hermitian(const DickeBasis& basis, const double* packed, double* full);

}  // namespace openspins::dicke
