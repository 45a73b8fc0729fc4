#include "openspins/method/dicke/dicke_state.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/model/dicke_state_file.hpp"

namespace openspins::dicke {

namespace {

using cplx = std::complex<double>;
using Dense = Eigen::Matrix<cplx, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

constexpr double angle_tolerance = 1e-12;

double norm3(const std::array<double, 3>& r) { return std::sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]); }

bool along_z(const std::array<double, 3>& r) { return std::hypot(r[0], r[1]) <= 1e-14 * (1.0 + norm3(r)); }

// Normalises log-weights into probabilities (log-sum-exp).
void normalise_logs(std::vector<double>& values) {
    double top = -std::numeric_limits<double>::infinity();
    for (double v : values) top = std::max(top, v);
    double sum = 0.0;
    for (double& v : values) {
        v = std::isfinite(v) ? std::exp(v - top) : 0.0;
        sum += v;
    }
    for (double& v : values) v /= sum;
}

void write_diagonal(const DickeBasis& basis, const std::vector<double>& pops, bool populations_only,
                    std::vector<double>& y) {
    for (int b = 0; b < basis.blocks(); ++b)
        for (int k = 0; k < basis.dim(b); ++k) {
            const double p = pops[basis.population_offset(b) + static_cast<std::size_t>(k)];
            if (populations_only)
                y[basis.population_offset(b) + static_cast<std::size_t>(k)] = p;
            else
                y[2 * (basis.full_offset(b) + static_cast<std::size_t>(k * basis.dim(b) + k))] = p;
        }
}

}  // namespace

Dense wigner_rotation(int two_j, const std::array<double, 3>& axis, double angle) {
    const double len = norm3(axis);
    const CollectivePolynomial generator = CollectivePolynomial::letter(CollectiveLetter::Jx, axis[0] / len) +
                                           CollectivePolynomial::letter(CollectiveLetter::Jy, axis[1] / len) +
                                           CollectivePolynomial::letter(CollectiveLetter::Jz, axis[2] / len);
    const Dense a = Dense(block_matrix(generator, two_j));
    const Eigen::SelfAdjointEigenSolver<Dense> eigen(a);
    const auto& v = eigen.eigenvectors();
    Eigen::VectorX<cplx> phases(a.rows());
    for (Eigen::Index k = 0; k < a.rows(); ++k) phases[k] = std::exp(cplx{0.0, -angle * eigen.eigenvalues()[k]});
    return v * phases.asDiagonal() * v.adjoint();
}

bool initial_is_diagonal(const InitialState& initial, const CollectivePolynomial& hamiltonian) {
    switch (initial.kind) {
        case InitialState::Kind::all_up:
        case InitialState::Kind::all_down:
            return true;
        case InitialState::Kind::product:
            return !initial.bloch.empty() && along_z(initial.bloch.front());
        case InitialState::Kind::thermal:
            return hamiltonian.is_diagonal_in_m();
        case InitialState::Kind::file:
            return false;
        case InitialState::Kind::dicke:
            return true;
        case InitialState::Kind::mixture:
            for (const auto& c : initial.components)
                if (!initial_is_diagonal(c, hamiltonian)) return false;
            return true;
    }
    return false;
}

bool pulse_keeps_diagonal(const Pulse& pulse) {
    const auto& n = pulse.axis;
    const double len = norm3(n);
    if (std::abs(n[0]) + std::abs(n[1]) <= 1e-14 * len) return true;  // about z: phases only
    const double turns = pulse.angle / (2.0 * std::numbers::pi);
    if (std::abs(turns - std::round(turns)) < angle_tolerance) return true;  // 2π multiples: ±1
    const double half_turns = pulse.angle / std::numbers::pi;
    return std::abs(n[2]) <= 1e-14 * len && std::abs(half_turns - std::round(half_turns)) < angle_tolerance;
}

std::vector<double> initial_state(const DickeBasis& basis, const InitialState& initial,
                                  const CollectivePolynomial& hamiltonian, bool populations_only) {
    const int n = basis.spins();
    std::vector<double> y(populations_only ? basis.population_size() : 2 * basis.full_size(), 0.0);
    std::vector<double> pops(basis.population_size(), 0.0);
    switch (initial.kind) {
        case InitialState::Kind::all_up:
            pops[0] = 1.0;
            break;
        case InitialState::Kind::all_down:
            pops[static_cast<std::size_t>(n)] = 1.0;
            break;
        case InitialState::Kind::product: {
            const auto& r = initial.bloch.front();
            // Diagonal product state along z with p_↑ = (1 + r_z)/2 (r along z) or (1 + |r|)/2 (then rotated).
            const double p_up = along_z(r) ? 0.5 * (1.0 + r[2]) : 0.5 * (1.0 + norm3(r));
            const double log_up = std::log(p_up), log_down = std::log(1.0 - p_up);
            for (int b = 0; b < basis.blocks(); ++b)
                for (int k = 0; k < basis.dim(b); ++k) {
                    const int ups = (n + basis.two_j(b)) / 2 - k;  // N/2 + m
                    const int downs = n - ups;
                    double lw = basis.log_degeneracy(b);
                    lw += ups > 0 ? ups * log_up : 0.0;
                    lw += downs > 0 ? downs * log_down : 0.0;
                    pops[basis.population_offset(b) + static_cast<std::size_t>(k)] = lw;
                }
            normalise_logs(pops);
            write_diagonal(basis, pops, populations_only, y);
            if (!along_z(r)) {
                // DickeMethod::uses_population_storage picks full storage for tilted product states.
                if (populations_only) throw std::logic_error("dicke: rotated product state on population storage");
                // The rotation about n = (−sin φ, cos φ, 0) by the polar angle θ takes ẑ to r̂.
                const double theta = std::acos(std::clamp(r[2] / norm3(r), -1.0, 1.0));
                const double phi = std::atan2(r[1], r[0]);
                apply_pulse(basis, {{}, {-std::sin(phi), std::cos(phi), 0.0}, theta}, false, y.data());
            }
            return y;
        }
        case InitialState::Kind::thermal: {
            const double temperature = initial.temperature;
            if (hamiltonian.is_diagonal_in_m()) {
                for (int b = 0; b < basis.blocks(); ++b) {
                    const BlockMatrix h = block_matrix(hamiltonian, basis.two_j(b));
                    for (int k = 0; k < basis.dim(b); ++k)
                        pops[basis.population_offset(b) + static_cast<std::size_t>(k)] =
                            basis.log_degeneracy(b) - h.coeff(k, k).real() / temperature;
                }
                normalise_logs(pops);
                write_diagonal(basis, pops, populations_only, y);
                return y;
            }
            if (populations_only) throw std::logic_error("dicke: non-diagonal thermal state on population storage");
            std::vector<Eigen::SelfAdjointEigenSolver<Dense>> eigen;
            std::vector<double> logs;
            for (int b = 0; b < basis.blocks(); ++b) {
                eigen.emplace_back(Dense(block_matrix(hamiltonian, basis.two_j(b))));
                for (int k = 0; k < basis.dim(b); ++k)
                    logs.push_back(basis.log_degeneracy(b) - eigen.back().eigenvalues()[k] / temperature);
            }
            normalise_logs(logs);
            auto* rho = reinterpret_cast<cplx*>(y.data());
            for (int b = 0; b < basis.blocks(); ++b) {
                const int d = basis.dim(b);
                Eigen::VectorX<cplx> w(d);
                for (int k = 0; k < d; ++k) w[k] = logs[basis.population_offset(b) + static_cast<std::size_t>(k)];
                const auto& v = eigen[static_cast<std::size_t>(b)].eigenvectors();
                Eigen::Map<Dense>(rho + basis.full_offset(b), d, d) = v * w.asDiagonal() * v.adjoint();
            }
            return y;
        }
        case InitialState::Kind::file: {
            if (populations_only) throw std::logic_error("dicke: a state file on population storage");
            const DensityBlocks file = checked_state_file(initial.path, n);
            auto* rho = reinterpret_cast<cplx*>(y.data());
            for (int b = 0; b < basis.blocks(); ++b) {
                const int d = basis.dim(b);
                Eigen::Map<Dense>(rho + basis.full_offset(b), d, d) = file.blocks[static_cast<std::size_t>(b)];
            }
            return y;
        }
        case InitialState::Kind::dicke: {
            // ρ^j = |j,m⟩⟨j,m| in the reduced block: the full state is |j,m⟩⟨j,m| ⊗ 1_{d_j}/d_j.
            const int b = basis.block_of(initial.two_j);
            if (b < 0) throw ModelError(messages::dicke_j_range(n));
            pops[basis.population_offset(b) + static_cast<std::size_t>((initial.two_j - initial.two_m) / 2)] = 1.0;
            break;
        }
        case InitialState::Kind::mixture: {
            const auto weights = normalised_weights(initial);
            for (std::size_t c = 0; c < initial.components.size(); ++c) {
                const auto part = initial_state(basis, initial.components[c], hamiltonian, populations_only);
                for (std::size_t e = 0; e < y.size(); ++e) y[e] += weights[c] * part[e];
            }
            return y;
        }
    }
    write_diagonal(basis, pops, populations_only, y);
    return y;
}

void apply_pulse(const DickeBasis& basis, const Pulse& pulse, bool populations_only, double* y) {
    if (populations_only) {
        if (!pulse_keeps_diagonal(pulse)) throw std::logic_error("dicke: pulse does not keep populations");
        const auto& a = pulse.axis;
        const bool about_z = std::abs(a[0]) + std::abs(a[1]) <= 1e-14 * norm3(a);
        const double half_turns = pulse.angle / std::numbers::pi;
        const bool odd_pi = std::abs(std::fmod(std::abs(std::round(half_turns)), 2.0) - 1.0) < 0.5;
        if (about_z || !odd_pi) return;             // phases only, or a multiple of 2π
        for (int b = 0; b < basis.blocks(); ++b) {  // |j,m⟩ → |j,−m⟩: k → 2j − k
            double* p = y + basis.population_offset(b);
            std::reverse(p, p + basis.dim(b));
        }
        return;
    }
    auto* rho = reinterpret_cast<cplx*>(y);
    for (int b = 0; b < basis.blocks(); ++b) {
        const int d = basis.dim(b);
        const Dense r = wigner_rotation(basis.two_j(b), pulse.axis, pulse.angle);
        Eigen::Map<Dense> block(rho + basis.full_offset(b), d, d);
        const Dense rotated = r * block * r.adjoint();
        block = rotated;
    }
}

DensityBlocks checked_state_file(const std::string& path, int spins) {
    if (path.ends_with(".npy")) throw ModelError(messages::dicke_needs_dicke_file(path));
    const DensityBlocks state = read_dicke_state_file(path, spins);
    // The same bounds as a 2^N file for the exact method (method/exact/initial_density.cpp).
    std::complex<double> trace = 0.0;
    for (const auto& rho : state.blocks) {
        if ((rho - rho.adjoint()).cwiseAbs().maxCoeff() > 1e-10) throw ModelError(messages::state_not_hermitian(path));
        trace += rho.trace();
        if (rho.rows() <= 1024) {
            const double lowest =
                Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(rho, Eigen::EigenvaluesOnly).eigenvalues().minCoeff();
            if (lowest < -1e-10) throw ModelError(messages::state_negative(path, lowest));
        }
    }
    if (std::abs(trace - 1.0) > 1e-8) throw ModelError(messages::state_trace(path, trace.real()));
    return state;
}

DensityBlocks stored_blocks(const DickeBasis& basis, const double* y, bool populations_only) {
    DensityBlocks state;
    state.spins = basis.spins();
    for (int b = 0; b < basis.blocks(); ++b) {
        const int d = basis.dim(b);
        state.two_j.push_back(basis.two_j(b));
        if (populations_only) {
            Eigen::VectorXcd diagonal(d);
            for (int k = 0; k < d; ++k) diagonal[k] = y[basis.population_offset(b) + static_cast<std::size_t>(k)];
            state.blocks.emplace_back(diagonal.asDiagonal());
        } else {
            const auto* rho = reinterpret_cast<const cplx*>(y);
            state.blocks.emplace_back(Eigen::Map<const Dense>(rho + basis.full_offset(b), d, d));
        }
    }
    return state;
}

}  // namespace openspins::dicke
