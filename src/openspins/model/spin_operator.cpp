#include "openspins/model/spin_operator.hpp"

#include <algorithm>
#include <bit>
#include <map>
#include <sstream>
#include <tuple>

namespace openspins {

namespace {
constexpr BasisState bit(int spin) { return BasisState{1} << spin; }
const complex I{0.0, 1.0};
}  // namespace

int Monomial::delta_down() const {
    return std::popcount(out) - std::popcount(in);
}

bool multiply(const Monomial& left, const Monomial& right, Monomial& product) {
    // right acts first: its output must meet left's requirement on shared spins.
    const BasisState shared = left.mask & right.mask;
    if ((right.out & shared) != (left.in & shared)) return false;
    product.mask = left.mask | right.mask;
    product.in = right.in | (left.in & ~right.mask);
    product.out = left.out | (right.out & ~left.mask);
    product.coeff = left.coeff * right.coeff;
    return true;
}

SpinOperator::SpinOperator(std::vector<Monomial> terms) : terms_(std::move(terms)) {}

SpinOperator SpinOperator::identity() { return SpinOperator({Monomial{}}); }

SpinOperator SpinOperator::projector_up(int spin) { return SpinOperator({{bit(spin), 0, 0, 1.0}}); }
SpinOperator SpinOperator::projector_down(int spin) {
    return SpinOperator({{bit(spin), bit(spin), bit(spin), 1.0}});
}
SpinOperator SpinOperator::sigma_plus(int spin) { return SpinOperator({{bit(spin), 0, bit(spin), 1.0}}); }
SpinOperator SpinOperator::sigma_minus(int spin) { return SpinOperator({{bit(spin), bit(spin), 0, 1.0}}); }
SpinOperator SpinOperator::sigma_x(int spin) { return sigma_plus(spin) + sigma_minus(spin); }
SpinOperator SpinOperator::sigma_y(int spin) {
    // σ^y = −i σ^+ + i σ^-
    return sigma_plus(spin) * (-I) + sigma_minus(spin) * I;
}
SpinOperator SpinOperator::sigma_z(int spin) { return projector_up(spin) - projector_down(spin); }

SpinOperator& SpinOperator::operator+=(const SpinOperator& other) {
    terms_.insert(terms_.end(), other.terms_.begin(), other.terms_.end());
    return *this;
}

SpinOperator& SpinOperator::operator*=(complex factor) {
    for (auto& m : terms_) m.coeff *= factor;
    return *this;
}

SpinOperator operator*(const SpinOperator& a, const SpinOperator& b) {
    std::vector<Monomial> out;
    out.reserve(a.terms().size() * b.terms().size());
    Monomial p;
    for (const auto& l : a.terms())
        for (const auto& r : b.terms())
            if (multiply(l, r, p)) out.push_back(p);
    return SpinOperator(std::move(out)).simplified();
}

SpinOperator SpinOperator::adjoint() const {
    std::vector<Monomial> out;
    out.reserve(terms_.size());
    for (const auto& m : terms_) out.push_back(m.adjoint());
    return SpinOperator(std::move(out));
}

SpinOperator SpinOperator::simplified(double tolerance) const {
    // Identity on a spin equals |↑⟩⟨↑| + |↓⟩⟨↓|, so patterns are canonical only
    // up to that split; merging equal (mask, out, in) is enough for our algebra.
    std::map<std::tuple<BasisState, BasisState, BasisState>, complex> merged;
    for (const auto& m : terms_) merged[{m.mask, m.out, m.in}] += m.coeff;
    std::vector<Monomial> out;
    out.reserve(merged.size());
    for (const auto& [key, c] : merged)
        if (std::abs(c) > tolerance) out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), c});
    return SpinOperator(std::move(out));
}

int SpinOperator::highest_spin() const {
    int highest = -1;
    for (const auto& m : terms_)
        if (m.mask != 0) highest = std::max(highest, 63 - std::countl_zero(m.mask));
    return highest;
}

bool SpinOperator::has_definite_delta(int& delta) const {
    bool first = true;
    delta = 0;
    for (const auto& m : terms_) {
        if (first) {
            delta = m.delta_down();
            first = false;
        } else if (m.delta_down() != delta) {
            return false;
        }
    }
    return true;
}

std::vector<std::pair<BasisState, complex>> SpinOperator::apply(BasisState b) const {
    std::map<BasisState, complex> acc;
    for (const auto& m : terms_)
        if ((b & m.mask) == m.in) acc[(b & ~m.mask) | m.out] += m.coeff;
    return {acc.begin(), acc.end()};
}

bool SpinOperator::is_hermitian(double tolerance) const {
    // Compare O and O† through their action on every basis state of the spins
    // they touch (the identity elsewhere is common to both).
    const int n = highest_spin() + 1;
    if (n > 20) return false;
    const SpinOperator dag = adjoint();
    for (BasisState b = 0; b < (BasisState{1} << n); ++b) {
        auto x = apply(b);
        auto y = dag.apply(b);
        std::map<BasisState, complex> diff;
        for (auto& [s, a] : x) diff[s] += a;
        for (auto& [s, a] : y) diff[s] -= a;
        for (auto& [s, a] : diff)
            if (std::abs(a) > tolerance) return false;
    }
    return true;
}

namespace {
SpinOperator sum_over(const std::vector<int>& spins, SpinOperator (*single)(int), complex factor) {
    SpinOperator total;
    for (int s : spins) total += single(s) * factor;
    return total;
}
}  // namespace

SpinOperator collective_jx(const std::vector<int>& spins) { return sum_over(spins, &SpinOperator::sigma_x, 0.5); }
SpinOperator collective_jy(const std::vector<int>& spins) { return sum_over(spins, &SpinOperator::sigma_y, 0.5); }
SpinOperator collective_jz(const std::vector<int>& spins) { return sum_over(spins, &SpinOperator::sigma_z, 0.5); }
SpinOperator collective_jplus(const std::vector<int>& spins) { return sum_over(spins, &SpinOperator::sigma_plus, 1.0); }
SpinOperator collective_jminus(const std::vector<int>& spins) {
    return sum_over(spins, &SpinOperator::sigma_minus, 1.0);
}
SpinOperator collective_j_squared(const std::vector<int>& spins) {
    const auto jx = collective_jx(spins), jy = collective_jy(spins), jz = collective_jz(spins);
    return (jx * jx + jy * jy + jz * jz).simplified();
}

std::string to_string(const SpinOperator& op) {
    std::ostringstream s;
    for (const auto& m : op.terms())
        s << "(" << m.coeff.real() << (m.coeff.imag() < 0 ? "" : "+") << m.coeff.imag() << "i)[mask=" << m.mask
          << " out=" << m.out << " in=" << m.in << "] ";
    return s.str();
}

}  // namespace openspins
