#include "openspins/method/resonance/resonance_theory.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace openspins::resonance {

namespace {

constexpr std::complex<double> I{0.0, 1.0};

}  // namespace

double SpinQuantities::z_beta(double beta) const { return 2.0 * std::cosh(0.5 * beta * omega); }

ResonanceTheory::ResonanceTheory(ResonanceModel model) : model_(std::move(model)) {
    for (const auto& bath : model_.baths) spectra_.emplace_back(bath.density, bath.temperature, model_.thermal);
    s0_.assign(model_.baths.size(), 0.0);
    std::vector<bool> needs_s0(model_.baths.size(), false);
    for (const auto& spin : model_.spins)
        for (const auto& c : spin.conserving)
            if (!model_.baths[static_cast<std::size_t>(c.bath)].local) needs_s0[static_cast<std::size_t>(c.bath)] = true;
    for (std::size_t b = 0; b < s0_.size(); ++b)
        if (needs_s0[b]) s0_[b] = spectra_[b].lamb_shift(0.0);

    // Lamb shifts S(±ω) per (bath, ω): spins of one species without broadening share them.
    std::map<std::pair<int, double>, double> shifts;
    const auto shift = [&](int bath, double w) {
        const auto key = std::make_pair(bath, w);
        if (const auto it = shifts.find(key); it != shifts.end()) return it->second;
        return shifts[key] = spectra_[static_cast<std::size_t>(bath)].lamb_shift(w);
    };
    for (const auto& spin : model_.spins) {
        SpinQuantities q;
        q.omega = spin.omega;
        for (const auto& c : spin.exchange) {
            const auto& s = spectra_[static_cast<std::size_t>(c.bath)];
            const double g2 = 0.25 * c.strength * c.strength;
            q.emission += g2 * s.rate(spin.omega);
            q.absorption += g2 * s.rate(-spin.omega);
            q.X += g2 * (shift(c.bath, spin.omega) - shift(c.bath, -spin.omega));
        }
        for (const auto& c : spin.conserving)
            q.gamma_cons += 0.5 * c.strength * c.strength * spectra_[static_cast<std::size_t>(c.bath)].rate(0.0);
        q.gamma_relax = q.emission + q.absorption;
        q.c = q.emission > 0.0 ? q.absorption / q.emission : 0.0;
        q.p_eq = q.gamma_relax > 0.0 ? q.emission / q.gamma_relax : spin.p_up;
        q.Y = 0.5 * q.gamma_relax + q.gamma_cons;
        q_.push_back(q);
    }

    // Classes of spins l with identical factors for every j: same rates, initial population and
    // collective conserving couplings.
    const auto key_of = [&](int l) {
        const auto& s = model_.spins[static_cast<std::size_t>(l)];
        std::vector<double> key{q_[static_cast<std::size_t>(l)].emission, q_[static_cast<std::size_t>(l)].absorption,
                                s.p_up};
        for (const auto& c : s.conserving)
            if (!model_.baths[static_cast<std::size_t>(c.bath)].local) {
                key.push_back(c.bath);
                key.push_back(c.strength);
            }
        return key;
    };
    std::map<std::vector<double>, std::vector<int>> classes;
    for (int l = 0; l < size(); ++l) classes[key_of(l)].push_back(l);
    groups_.resize(model_.spins.size());
    for (int j = 0; j < size(); ++j)
        for (const auto& [key, members] : classes) {
            const int count = static_cast<int>(members.size()) -
                              static_cast<int>(std::find(members.begin(), members.end(), j) != members.end());
            if (count == 0) continue;
            const int l = members.front() == j ? members[1] : members.front();
            groups_[static_cast<std::size_t>(j)].push_back({factor(j, l), count, l});
        }
}

double ResonanceTheory::a(int j, int l) const {
    double out = 0.0;
    for (const auto& cj : model_.spins[static_cast<std::size_t>(j)].conserving) {
        if (model_.baths[static_cast<std::size_t>(cj.bath)].local) continue;
        for (const auto& cl : model_.spins[static_cast<std::size_t>(l)].conserving)
            if (cl.bath == cj.bath) out += cj.strength * cl.strength * s0_[static_cast<std::size_t>(cj.bath)];
    }
    return out;
}

TwoLevelFactor ResonanceTheory::factor(int j, int l) const {
    const auto& q = q_[static_cast<std::size_t>(l)];
    return {q.emission, q.absorption, a(j, l), model_.spins[static_cast<std::size_t>(l)].p_up};
}

std::complex<double> ResonanceTheory::C(int j, double t) const {
    std::complex<double> out = 1.0;
    for (const auto& g : groups_[static_cast<std::size_t>(j)]) out *= std::pow(g.factor.value(t), g.count);
    return out;
}

std::complex<double> ResonanceTheory::log_derivative_C(int j, double t) const {
    std::complex<double> out = 0.0;
    for (const auto& g : groups_[static_cast<std::size_t>(j)]) out += double(g.count) * g.factor.log_derivative(t);
    return out;
}

double ResonanceTheory::population_up(int j, double t) const {
    const auto& q = q_[static_cast<std::size_t>(j)];
    return q.p_eq + std::exp(-q.gamma_relax * t) * (model_.spins[static_cast<std::size_t>(j)].p_up - q.p_eq);
}

std::complex<double> ResonanceTheory::coherence21(int j, double t) const {
    const auto& q = q_[static_cast<std::size_t>(j)];
    const auto& rho21 = model_.spins[static_cast<std::size_t>(j)].rho21;
    if (rho21 == 0.0) return 0.0;
    return std::exp((-I * (q.omega + q.X) - q.Y) * t) * C(j, t) * rho21;
}

double ResonanceTheory::C_abs_limit(int j) const {
    double out = 1.0;
    for (const auto& g : groups_[static_cast<std::size_t>(j)]) {
        const auto& f = g.factor;
        if (f.a() == 0.0) continue;                  // F ≡ 1
        if (f.decay_rate() > 0.0) return 0.0;        // |F| ~ e^{−Im z_slow t}
        if (f.emission() + f.absorption() == 0.0) {  // F = p e^{iat} + (1 − p)e^{−iat}
            if (f.p_up() != 0.0 && f.p_up() != 1.0) return std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        // T = 0 (c = 0): z_slow = a is real and the fast mode has decayed by e^{−200} here.
        out *= std::pow(std::abs(f.value(200.0 / (f.emission() + f.absorption()))), g.count);
    }
    return out;
}

std::pair<double, std::complex<double>> ResonanceTheory::stationary(int j) const {
    const auto& q = q_[static_cast<std::size_t>(j)];
    const auto& spin = model_.spins[static_cast<std::size_t>(j)];
    std::complex<double> rho21 = 0.0;
    if (spin.rho21 != 0.0 && q.Y == 0.0 && C_abs_limit(j) != 0.0) rho21 = std::numeric_limits<double>::quiet_NaN();
    return {q.p_eq, rho21};
}

std::complex<double> ResonanceTheory::slowest_coherence_eigenvalue(int j) const {
    const auto& q = q_[static_cast<std::size_t>(j)];
    std::complex<double> out = -I * (q.omega + q.X) - q.Y;
    for (const auto& g : groups_[static_cast<std::size_t>(j)]) out += double(g.count) * I * g.factor.z_slow();
    return out;
}

std::vector<std::pair<int, int>> ResonanceTheory::factor_groups(int j) const {
    std::vector<std::pair<int, int>> out;
    for (const auto& g : groups_[static_cast<std::size_t>(j)]) out.emplace_back(g.spin, g.count);
    return out;
}

std::size_t ResonanceTheory::coherence_mode_count(int j) const {
    std::size_t out = 1;
    for (const auto& g : groups_[static_cast<std::size_t>(j)]) {
        const auto f = static_cast<std::size_t>(g.count) + 1;
        if (out > std::numeric_limits<std::size_t>::max() / f) return std::numeric_limits<std::size_t>::max();
        out *= f;
    }
    return out;
}

std::vector<ResonanceTheory::CoherenceMode> ResonanceTheory::coherence_eigenvalues(int j, std::size_t limit) const {
    if (coherence_mode_count(j) > limit) throw std::length_error("coherence_eigenvalues: more modes than the limit");
    const auto& q = q_[static_cast<std::size_t>(j)];
    const auto& groups = groups_[static_cast<std::size_t>(j)];
    std::vector<CoherenceMode> out;
    std::vector<int> k(groups.size(), 0);  // an odometer over k_g ∈ [0, count_g]
    for (;;) {
        CoherenceMode m;
        m.eigenvalue = -I * (q.omega + q.X) - q.Y;
        for (std::size_t g = 0; g < groups.size(); ++g) {
            const auto& f = groups[g].factor;
            m.eigenvalue += I * (double(k[g]) * f.z_plus() + double(groups[g].count - k[g]) * f.z_minus());
            double binomial = 1.0;  // C(count, k), exact in a double up to 2^53
            for (int i = 1; i <= k[g]; ++i) binomial = binomial * double(groups[g].count - k[g] + i) / double(i);
            m.multiplicity *= std::round(binomial);
        }
        m.plus = k;
        out.push_back(std::move(m));
        std::size_t g = 0;
        while (g < groups.size() && k[g] == groups[g].count) k[g++] = 0;
        if (g == groups.size()) break;
        ++k[g];
    }
    std::stable_sort(out.begin(), out.end(), [](const CoherenceMode& x, const CoherenceMode& y) {
        return x.eigenvalue.real() > y.eigenvalue.real();
    });
    return out;
}

double SpeciesMagnetization::gamma(const ResonanceTheory& theory, double t) const {
    return theory.spin(first_spin).Y - theory.log_derivative_C(first_spin, t).real();
}

double SpeciesMagnetization::field(const ResonanceTheory& theory, double t) const {
    const auto& q = theory.spin(first_spin);
    return q.omega + q.X - theory.log_derivative_C(first_spin, t).imag();
}

double SpeciesMagnetization::gamma_infinity(const ResonanceTheory& theory) const {
    return -theory.slowest_coherence_eigenvalue(first_spin).real();
}

double SpeciesMagnetization::field_infinity(const ResonanceTheory& theory) const {
    return -theory.slowest_coherence_eigenvalue(first_spin).imag();
}

std::vector<SpeciesMagnetization> species_magnetizations(const ResonanceTheory& theory) {
    std::vector<SpeciesMagnetization> out;
    const auto& m = theory.model();
    for (std::size_t k = 0; k < m.species_names.size(); ++k) {
        SpeciesMagnetization s;
        s.name = m.species_names[k];
        s.first_spin = -1;
        for (int j = 0; j < theory.size(); ++j)
            if (m.spins[static_cast<std::size_t>(j)].species == static_cast<int>(k)) {
                if (s.first_spin < 0) s.first_spin = j;
                ++s.count;
            }
        if (s.count > 0) out.push_back(s);
    }
    return out;
}

}  // namespace openspins::resonance
