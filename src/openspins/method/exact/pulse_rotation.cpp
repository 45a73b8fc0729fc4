#include "openspins/method/exact/pulse_rotation.hpp"

#include <array>
#include <cmath>
#include <stdexcept>

#include "openspins/method/exact/dense_conversion.hpp"

namespace openspins::exact {

namespace {

using Matrix2 = std::array<std::array<complex, 2>, 2>;

Matrix2 rotation(const Pulse& pulse) {
    const auto& a = pulse.axis;
    const double norm = std::sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    const double nx = a[0] / norm, ny = a[1] / norm, nz = a[2] / norm;
    const double c = std::cos(0.5 * pulse.angle), s = std::sin(0.5 * pulse.angle);
    const complex i{0.0, 1.0};
    return {{{c - i * s * nz, -i * s * complex(nx, -ny)}, {-i * s * complex(nx, ny), c + i * s * nz}}};
}

constexpr double exactness = 1e-12;

}  // namespace

bool preserves_zero_quantum(const Pulse& pulse, int spins) {
    const Matrix2 u = rotation(pulse);
    const bool diagonal = std::abs(u[0][1]) < exactness && std::abs(u[1][0]) < exactness;
    const bool anti_diagonal = std::abs(u[0][0]) < exactness && std::abs(u[1][1]) < exactness;
    return diagonal || (anti_diagonal && static_cast<int>(pulse.spins.size()) == spins);
}

namespace {

// dense → R dense R† in the product basis.
void rotate(const Pulse& pulse, Eigen::MatrixXcd& dense) {
    const Matrix2 u = rotation(pulse);
    const Eigen::Index dim = dense.rows();
    for (int spin : pulse.spins) {
        const Eigen::Index bit = Eigen::Index{1} << spin;
        // rows: ρ → Uρ (dense is column-major, so walk each column once)
        for (Eigen::Index c = 0; c < dim; ++c) {
            auto col = dense.col(c);
            for (Eigen::Index r0 = 0; r0 < dim; ++r0) {
                if (r0 & bit) continue;
                const complex a = col(r0), b = col(r0 | bit);
                col(r0) = u[0][0] * a + u[0][1] * b;
                col(r0 | bit) = u[1][0] * a + u[1][1] * b;
            }
        }
        // columns: ρ → ρU†
        for (Eigen::Index c0 = 0; c0 < dim; ++c0) {
            if (c0 & bit) continue;
            const Eigen::Index c1 = c0 | bit;
            auto col0 = dense.col(c0), col1 = dense.col(c1);
            for (Eigen::Index r = 0; r < dim; ++r) {
                const complex a = col0(r), b = col1(r);
                col0(r) = a * std::conj(u[0][0]) + b * std::conj(u[0][1]);
                col1(r) = a * std::conj(u[1][0]) + b * std::conj(u[1][1]);
            }
        }
    }
}

void store(const Eigen::MatrixXcd& dense, const SectorBasis& basis, const BlockLayout& layout, complex* rho) {
    const double outside = pack_dense(dense, basis, layout, rho);
    if (outside > 1e-10) throw std::logic_error("pulse left the storage layout (internal error)");
}

}  // namespace

void apply_pulse(const Pulse& pulse, const SectorBasis& basis, const BlockLayout& layout, complex* rho) {
    Eigen::MatrixXcd dense = unpack_dense(rho, basis, layout);
    rotate(pulse, dense);
    store(dense, basis, layout, rho);
}

void apply_pulse(const Pulse& pulse, const SectorBasis& basis, const BlockLayout& layout, complex* rho,
                 const BasisFrame& frame) {
    Eigen::MatrixXcd dense = frame.v * unpack_dense(rho, basis, layout) * frame.v.adjoint();
    rotate(pulse, dense);
    store(frame.v.adjoint() * dense * frame.v, basis, layout, rho);
}

}  // namespace openspins::exact
