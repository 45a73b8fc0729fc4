// Operators on N spins-1/2 as sums of matrix-unit monomials.
//
// Conventions (docs/conventions.md):
//   basis |b⟩, b = Σ_i bit_i 2^i; bit_i = 0 means spin i is |↑⟩ (σ^z = +1),
//   bit_i = 1 means |↓⟩ (σ^z = −1). Spin 0 is the least significant bit.
//   σ^+ = |↑⟩⟨↓|, σ^- = |↓⟩⟨↑|, S^α = σ^α / 2.
//
// A Monomial is coeff · Π_{i ∈ mask} |out_i⟩⟨in_i| (identity on the other spins):
//   M|b⟩ = coeff |(b & ~mask) | out⟩   if (b & mask) == in,   else 0.
// Every single-spin operator is a combination of the four matrix units, so any
// product of single-spin operators expands into monomials that each map a basis
// state to one basis state and change the number of down spins by a definite
// amount. That definiteness is what lets the exact method keep ρ in blocks of
// fixed coherence order.
#pragma once

#include <complex>
#include <cstdint>
#include <string>
#include <vector>

namespace openspins {

using complex = std::complex<double>;
using BasisState = std::uint64_t;

struct Monomial {
    BasisState mask = 0;  // spins the monomial acts on
    BasisState out = 0;   // bit pattern it produces on mask
    BasisState in = 0;    // bit pattern it requires on mask
    complex coeff{1.0, 0.0};

    [[nodiscard]] bool is_diagonal() const { return out == in; }
    // Change of the number of down spins (bits set) produced by this monomial.
    [[nodiscard]] int delta_down() const;
    // Source of row/column `b`: the state M maps onto b, if any (true on success).
    [[nodiscard]] bool preimage(BasisState b, BasisState& source) const {
        if ((b & mask) != out) return false;
        source = (b & ~mask) | in;
        return true;
    }
    [[nodiscard]] Monomial adjoint() const { return {mask, in, out, std::conj(coeff)}; }
};

// this · other (other acts first); zero when the patterns disagree on shared spins.
bool multiply(const Monomial& left, const Monomial& right, Monomial& product);

class SpinOperator {
public:
    SpinOperator() = default;
    explicit SpinOperator(std::vector<Monomial> terms);

    static SpinOperator identity();
    static SpinOperator zero() { return {}; }
    // Single-spin operators (Pauli normalisation: sigma_x has eigenvalues ±1).
    static SpinOperator sigma_x(int spin);
    static SpinOperator sigma_y(int spin);
    static SpinOperator sigma_z(int spin);
    static SpinOperator sigma_plus(int spin);
    static SpinOperator sigma_minus(int spin);
    static SpinOperator projector_up(int spin);
    static SpinOperator projector_down(int spin);

    [[nodiscard]] const std::vector<Monomial>& terms() const { return terms_; }
    [[nodiscard]] bool empty() const { return terms_.empty(); }

    SpinOperator& operator+=(const SpinOperator& other);
    SpinOperator& operator*=(complex factor);
    friend SpinOperator operator+(SpinOperator a, const SpinOperator& b) { return a += b; }
    friend SpinOperator operator-(SpinOperator a, const SpinOperator& b) { return a += b * complex{-1.0}; }
    friend SpinOperator operator*(SpinOperator a, complex f) { return a *= f; }
    friend SpinOperator operator*(complex f, SpinOperator a) { return a *= f; }
    friend SpinOperator operator*(const SpinOperator& a, const SpinOperator& b);

    [[nodiscard]] SpinOperator adjoint() const;
    // Merges monomials with equal patterns and drops those with |coeff| ≤ tolerance.
    [[nodiscard]] SpinOperator simplified(double tolerance = 1e-14) const;
    // Highest spin index acted on, or −1 for a multiple of the identity.
    [[nodiscard]] int highest_spin() const;
    // True when every monomial changes the number of down spins by the same amount.
    [[nodiscard]] bool has_definite_delta(int& delta) const;
    [[nodiscard]] bool is_hermitian(double tolerance = 1e-12) const;
    // ⟨b'|O|b⟩ for a basis state b, written as a list of (b', amplitude).
    [[nodiscard]] std::vector<std::pair<BasisState, complex>> apply(BasisState b) const;

private:
    std::vector<Monomial> terms_;
};

// Collective operators over a set of spins: J^α = Σ S^α_i, J^± = Σ σ^±_i.
SpinOperator collective_jx(const std::vector<int>& spins);
SpinOperator collective_jy(const std::vector<int>& spins);
SpinOperator collective_jz(const std::vector<int>& spins);
SpinOperator collective_jplus(const std::vector<int>& spins);
SpinOperator collective_jminus(const std::vector<int>& spins);
// J² = Jx² + Jy² + Jz² over the spins.
SpinOperator collective_j_squared(const std::vector<int>& spins);

std::string to_string(const SpinOperator& op);

}  // namespace openspins
