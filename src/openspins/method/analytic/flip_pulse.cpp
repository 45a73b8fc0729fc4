#include "openspins/method/analytic/flip_pulse.hpp"

#include <bit>
#include <cmath>

namespace openspins::analytic {

namespace {
constexpr double tolerance = 1e-12;
}  // namespace

complex FlipPulse::phase(BasisState b) const {
    complex out{1.0, 0.0};
    for (BasisState bits = mask; bits != 0; bits &= bits - 1) {
        const BasisState spin = bits & (~bits + 1);  // lowest pulsed spin
        out *= (b & spin) ? from_down : from_up;
    }
    return out;
}

std::optional<FlipPulse> flip_pulse(const Pulse& pulse) {
    const auto& n = pulse.axis;
    const double norm = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    if (norm == 0.0 || std::abs(n[2]) > tolerance * norm) return std::nullopt;
    // sin(θ/2) = ±1 exactly when cos(θ/2) = 0.
    const double c = std::cos(pulse.angle / 2.0), s = std::sin(pulse.angle / 2.0);
    if (std::abs(c) > tolerance) return std::nullopt;
    const double nx = n[0] / norm, ny = n[1] / norm;
    const complex factor(0.0, -(s > 0.0 ? 1.0 : -1.0));  // −i sin(θ/2)
    FlipPulse out;
    for (int spin : pulse.spins) out.mask |= BasisState{1} << spin;
    out.from_up = factor * complex(nx, ny);
    out.from_down = factor * complex(nx, -ny);
    return out;
}

}  // namespace openspins::analytic
