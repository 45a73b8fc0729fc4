#include "openspins/method/resonance/resonance_rates.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "openspins/method/resonance/resonance_theory.hpp"
#include "openspins/number_text.hpp"

namespace openspins::resonance {

namespace {
// Rows of (4.19) coherence eigenvalues `openspins rates` prints before it gives up listing them.
constexpr std::size_t max_listed_coherence_modes = 256;
}  // namespace

std::vector<AnalyticRate> analytic_rates(const RunSpec& spec) {
    const ResonanceTheory theory(resonance_model(spec));
    const int n = theory.size();
    std::vector<AnalyticRate> out;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // (2.30) γ = min over all factors of min Im z^± (every pair j ≠ l).
    double gamma_all = std::numeric_limits<double>::infinity();
    for (int j = 0; j < n; ++j)
        for (int l = 0; l < n; ++l)
            if (l != j) gamma_all = std::min(gamma_all, theory.factor(j, l).decay_rate());
    if (n > 1) out.push_back({"all: gamma = min_j gamma_j", "(2.30)", gamma_all, std::nullopt});
    for (const auto& s : species_magnetizations(theory)) {
        const int j = s.first_spin;
        const auto& q = theory.spin(j);
        const std::string p = s.name + ": ";
        const auto add = [&](const std::string& label, const std::string& eq, std::complex<double> v,
                             std::optional<std::complex<double>> e = std::nullopt) {
            out.push_back({p + label, eq, v, e});
        };
        add("omega (bare, spin " + std::to_string(j) + ")", "(2.1)", q.omega);
        add("X, Lamb shift", "(2.18)", q.X);
        add("omega + X (transition frequency)", "(2.22)", q.omega + q.X);
        add("b", "(2.15)", q.emission);
        add("c", "(2.16)", q.c);
        add("gamma_relax = b(1 + c) = 1/T1", "(3.1)", q.gamma_relax, std::complex<double>(-q.gamma_relax, 0.0));
        add("gamma_cons", "(3.3)", q.gamma_cons);
        add("Y = gamma_relax/2 + gamma_cons", "(2.19)", q.Y);
        // The factor of another spin l: one of the same species if there is one (homogeneous case).
        int l = -1;
        for (int k = 0; k < n && l < 0; ++k)
            if (k != j && theory.model().spins[static_cast<std::size_t>(k)].species ==
                              theory.model().spins[static_cast<std::size_t>(j)].species)
                l = k;
        for (int k = 0; k < n && l < 0; ++k)
            if (k != j) l = k;
        if (l >= 0) {
            const auto f = theory.factor(j, l);
            const std::string with = " (spin " + std::to_string(l) + " on spin " + std::to_string(j) + ")";
            add("a = kappa_j kappa_l S(0)" + with, "(2.28)", f.a());
            add("r = |a|/b", "(2.34)", f.emission() > 0.0 ? std::abs(f.a()) / f.emission() : nan);
            add("z+", "(2.26)", f.z_plus());
            add("z-", "(2.26)", f.z_minus());
            const double gamma = f.decay_rate();
            add("gamma_j = min Im z+-", "(2.29)", gamma);
            if (f.absorption() > 0.0 && f.a() != 0.0) {
                add("alpha", "(2.27)", f.alpha());
                const double cp = f.c_prime();
                add("c'", "(2.31)", cp);
                const double gp = n > 1 ? gamma / (std::log(2.0) / (n - 1) + cp) : 0.0;
                add("gamma' = gamma/(ln2/(N-1) + c')", "(2.33)", gp);
                if (gamma > 0.0 && n > 1)
                    add("t by which the bound e^{(N-1)(-gamma t + c')} is 1/2", "(2.32)",
                        (std::log(2.0) / (n - 1) + cp) / gamma);
                add("gamma_deph = gamma_relax/2 + gamma_cons + gamma'", "(3.2)", q.Y + gp);
            }
            const auto& baths = theory.model().baths;
            const double th = baths.empty() ? 0.0 : std::tanh(0.5 * q.omega / baths.front().temperature);
            if (f.emission() > 0.0 && !baths.empty())
                add("seed: Im lim dlnD/dt = 4br tanh(beta omega/2), 4x |Re z_slow|", "(3.18)",
                    4.0 * f.emission() * std::abs(f.a()) / f.emission() * th);
            add("z_slow (lim d/dt ln D = i z_slow)", "(3.18)", f.z_slow());
        }
        add("1/T2(inf) = Y + sum_l Im z_slow", "(3.25)", s.gamma_infinity(theory),
            theory.slowest_coherence_eigenvalue(j));
        add("B(inf) = omega + X - sum_l Re z_slow", "(3.17)", s.field_infinity(theory));
    }
    // Every eigenvalue of each spin's coherence sector, (4.19), while the list stays readable.
    std::size_t total = 0;
    for (int j = 0; j < n; ++j) total = std::min(total + theory.coherence_mode_count(j), max_listed_coherence_modes + 1);
    std::vector<int> listed;
    if (total <= max_listed_coherence_modes) {
        for (int j = 0; j < n; ++j) listed.push_back(j);
    } else {
        for (const auto& s : species_magnetizations(theory))
            if (theory.coherence_mode_count(s.first_spin) <= max_listed_coherence_modes / 4) listed.push_back(s.first_spin);
    }
    for (const int j : listed) {
        const auto groups = theory.factor_groups(j);
        for (const auto& m : theory.coherence_eigenvalues(j, max_listed_coherence_modes)) {
            std::vector<std::pair<int, std::string>> parts;  // by spin index, for a stable label
            for (std::size_t g = 0; g < groups.size(); ++g)
                if (m.plus[g] > 0)
                    parts.emplace_back(groups[g].first, groups[g].second == 1
                                                            ? std::to_string(groups[g].first)
                                                            : std::to_string(m.plus[g]) + " of " +
                                                                  std::to_string(groups[g].second) + " like " +
                                                                  std::to_string(groups[g].first));
            std::sort(parts.begin(), parts.end());
            std::string on_plus;
            for (const auto& part : parts) on_plus += (on_plus.empty() ? "" : ",") + part.second;
            std::string label = "spin " + std::to_string(j) + " coherence, z+ for {" + on_plus + "}, z- for the rest";
            if (m.multiplicity > 1.0) label += " (x" + number_text("%.0f", m.multiplicity) + ")";
            out.push_back({label, "(4.19)", m.eigenvalue, m.eigenvalue});
        }
    }
    if (listed.size() < static_cast<std::size_t>(n))
        out.push_back({"spins whose (4.19) coherence modes are not listed (over " +
                           std::to_string(max_listed_coherence_modes) + " modes in all)",
                       "(4.19)", static_cast<double>(n - static_cast<int>(listed.size())), std::nullopt});
    return out;
}

RunSpec davies_spec(const RunSpec& spec) {
    RunSpec out = spec;
    out.method = "redfield";
    out.model.environment.options.generator = "davies";
    out.model.environment.options.lamb_shift = true;
    return out;
}

}  // namespace openspins::resonance
