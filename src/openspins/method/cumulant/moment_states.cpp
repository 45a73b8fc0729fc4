#include "openspins/method/cumulant/moment_states.hpp"

#include <array>
#include <cmath>

#include "openspins/method/cumulant/moment_equations.hpp"

namespace openspins::cumulant {

namespace {

using Complex = std::complex<double>;

std::vector<MomentKey> all_keys(int order) {
    std::vector<MomentKey> keys{MomentKey{}};
    for (const auto& k : canonical_keys(order)) {
        keys.push_back(k);
        if (!k.is_real()) keys.push_back(k.conjugate());
    }
    return keys;
}

MomentValues product_moments(const std::array<double, 3>& r, int order) {
    const Complex ep(r[0] / 2.0, r[1] / 2.0);
    MomentValues m;
    for (const auto& k : all_keys(order))
        m[k] = std::pow(ep, k.plus) * std::pow(std::conj(ep), k.minus) * std::pow(r[2], k.z);
    return m;
}

double log_binomial(double n, double k) {
    return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
}

// The symmetric Dicke state with `up` spins up among n (formula in the header).
MomentValues dicke_moments(int n, int up, int order) {
    MomentValues m;
    for (const auto& k : all_keys(order)) {
        if (k.plus != k.minus || 2 * k.plus + k.z > n) {
            m[k] = 0.0;
            continue;
        }
        const int a = k.plus, c = k.z, rest = n - 2 * a - c;
        double sum = 0.0;
        for (int u = 0; u <= c; ++u) {
            const int others = up - a - u;  // spins up among the `rest` unlabelled ones
            if (others < 0 || others > rest) continue;
            const double sign = ((c - u) % 2 == 0) ? 1.0 : -1.0;
            sum += sign * std::exp(log_binomial(c, u) + log_binomial(rest, others) - log_binomial(n, up));
        }
        m[k] = sum;
    }
    return m;
}

// R† σ^ℓ R in the letters (1, σ⁺, σ⁻, σᶻ), R = exp(−iθ n·σ/2) = cos(θ/2) − i sin(θ/2) n·σ.
std::array<SiteOperator, 4> pulse_map(const Pulse& pulse) {
    using M = std::array<std::array<Complex, 2>, 2>;
    const double norm = std::sqrt(pulse.axis[0] * pulse.axis[0] + pulse.axis[1] * pulse.axis[1] +
                                  pulse.axis[2] * pulse.axis[2]);
    const double nx = pulse.axis[0] / norm, ny = pulse.axis[1] / norm, nz = pulse.axis[2] / norm;
    const double c = std::cos(pulse.angle / 2.0), s = std::sin(pulse.angle / 2.0);
    const Complex i(0.0, 1.0);
    const M r{{{c - i * s * nz, -i * s * (nx - i * ny)}, {-i * s * (nx + i * ny), c + i * s * nz}}};
    const auto mul = [](const M& a, const M& b) {
        M p{};
        for (int x = 0; x < 2; ++x)
            for (int y = 0; y < 2; ++y)
                for (int k = 0; k < 2; ++k) p[x][y] += a[x][k] * b[k][y];
        return p;
    };
    M rd{};
    for (int x = 0; x < 2; ++x)
        for (int y = 0; y < 2; ++y) rd[x][y] = std::conj(r[y][x]);
    const std::array<M, 4> letters{M{{{1, 0}, {0, 1}}}, M{{{0, 1}, {0, 0}}}, M{{{0, 0}, {1, 0}}}, M{{{1, 0}, {0, -1}}}};
    std::array<SiteOperator, 4> t{};
    for (std::size_t l = 0; l < 4; ++l) {
        const M x = mul(rd, mul(letters[l], r));
        t[l].c[0] = (x[0][0] + x[1][1]) / 2.0;
        t[l].c[1] = x[0][1];
        t[l].c[2] = x[1][0];
        t[l].c[3] = (x[0][0] - x[1][1]) / 2.0;
    }
    return t;
}

}  // namespace

std::optional<double> zeeman_only_hamiltonian(const Model& model) {
    double c = 0.0;
    for (const auto& t : model.hamiltonian) {
        if (!t.collective || t.strength == 0.0) continue;
        const CollectivePolynomial p = t.collective->simplified();
        for (const auto& m : p.terms()) {
            if (m.letters.empty()) continue;
            if (m.letters != std::vector{CollectiveLetter::Jz} || m.coeff.imag() != 0.0) return std::nullopt;
            c += m.coeff.real() * t.strength;
        }
    }
    return c;
}

std::string unsupported_initial_state(const InitialState& state, const Model& model) {
    const int n = model.spins.size();
    switch (state.kind) {
        case InitialState::Kind::all_up:
        case InitialState::Kind::all_down:
            return "";
        case InitialState::Kind::product:
            for (const auto& r : state.bloch)
                if (r != state.bloch.front()) return "the initial product state has different Bloch vectors";
            return "";
        case InitialState::Kind::thermal:
            return zeeman_only_hamiltonian(model) ? ""
                                                  : "a thermal initial state of a Hamiltonian other than c·Jz (not a "
                                                    "product state, its moments are not known in closed form)";
        case InitialState::Kind::dicke:
            return state.two_j == n ? "" : "a Dicke initial state with j < N/2 (only the symmetric j = N/2 is taken)";
        case InitialState::Kind::file:
            return "an initial density-matrix file";
        case InitialState::Kind::mixture:
            for (const auto& c : state.components)
                if (auto why = unsupported_initial_state(c, model); !why.empty()) return why;
            return "";
    }
    return "an unknown initial state";
}

MomentValues initial_moments(const InitialState& state, const Model& model, int order) {
    const int n = model.spins.size();
    switch (state.kind) {
        case InitialState::Kind::all_up:
            return product_moments({0.0, 0.0, 1.0}, order);
        case InitialState::Kind::all_down:
            return product_moments({0.0, 0.0, -1.0}, order);
        case InitialState::Kind::product:
            return product_moments(state.bloch.front(), order);
        case InitialState::Kind::thermal: {
            // ρ_i ∝ exp(−c S^z_i / T): ⟨σᶻ⟩ = −tanh(c / 2T)
            const double c = zeeman_only_hamiltonian(model).value_or(0.0);
            return product_moments({0.0, 0.0, -std::tanh(c / (2.0 * state.temperature))}, order);
        }
        case InitialState::Kind::dicke:
            return dicke_moments(n, (n + state.two_m) / 2, order);
        case InitialState::Kind::mixture: {
            const auto w = normalised_weights(state);
            MomentValues sum;
            for (std::size_t k = 0; k < state.components.size(); ++k)
                for (const auto& [key, v] : initial_moments(state.components[k], model, order)) sum[key] += w[k] * v;
            return sum;
        }
        case InitialState::Kind::file:
            break;
    }
    return {};
}

std::complex<double> mode_moment(const Cavity& cavity, int p, int q) {
    switch (cavity.initial) {
        case Cavity::Initial::vacuum:
            return p == 0 && q == 0 ? 1.0 : 0.0;
        case Cavity::Initial::coherent:  // a|α⟩ = α|α⟩
            return std::pow(std::conj(cavity.alpha), p) * std::pow(cavity.alpha, q);
        case Cavity::Initial::thermal: {  // ⟨(a†)^p a^p⟩ = p! n̄^p
            if (p != q) return 0.0;
            double v = 1.0;
            for (int k = 1; k <= p; ++k) v *= k * cavity.n_thermal;
            return v;
        }
        case Cavity::Initial::fock: {  // ⟨n|(a†)^p a^p|n⟩ = n!/(n − p)!
            if (p != q || p > cavity.fock) return 0.0;
            double v = 1.0;
            for (int k = 0; k < p; ++k) v *= cavity.fock - k;
            return v;
        }
    }
    return 0.0;
}

MomentValues initial_moments_with_mode(const InitialState& state, const Model& model, const std::vector<MomentKey>& keys,
                                       int order) {
    const MomentValues spins = initial_moments(state, model, order);
    MomentValues m{{MomentKey{}, 1.0}};
    for (const auto& k : keys)
        for (const MomentKey& x : {k, k.conjugate()}) {
            const MomentKey spin_part{x.plus, x.minus, x.z};
            m[x] = mode_moment(*model.cavity, x.creations, x.annihilations) * spins.at(spin_part);
        }
    return m;
}

MomentValues pulsed_moments(const Pulse& pulse, const MomentValues& m) {
    const auto t = pulse_map(pulse);
    MomentValues out;
    for (const auto& [key, value] : m) {
        (void)value;
        // Expand Π_sites (R†ℓR) letter by letter: a map from the partial key to its coefficient.
        // The mode's powers are untouched (the pulse acts on the spins only).
        std::map<MomentKey, Complex> partial{{MomentKey{0, 0, 0, key.creations, key.annihilations}, 1.0}};
        for (const Letter l : key.word()) {
            std::map<MomentKey, Complex> next;
            for (const auto& [k, c] : partial)
                for (std::size_t r = 0; r < 4; ++r) {
                    const Complex x = t[static_cast<std::size_t>(l)].c[r];
                    if (std::abs(x) < 1e-15) continue;
                    MomentKey kk = k;
                    if (r == 1) ++kk.plus;
                    if (r == 2) ++kk.minus;
                    if (r == 3) ++kk.z;
                    next[kk] += c * x;
                }
            partial = std::move(next);
        }
        Complex v = 0.0;
        for (const auto& [k, c] : partial) v += c * m.at(k);
        out[key] = v;
    }
    return out;
}

}  // namespace openspins::cumulant
