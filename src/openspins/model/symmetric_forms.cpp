#include "openspins/model/symmetric_forms.hpp"

#include <algorithm>
#include <set>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"

namespace openspins {

namespace {
using L = CollectiveLetter;
CollectivePolynomial letter(L l, double c = 1.0) { return CollectivePolynomial::letter(l, c); }
CollectivePolynomial constant(double c) { return CollectivePolynomial::constant(c); }
}  // namespace

std::optional<CollectivePolynomial> zeeman_collective(const SpinSystem& spins, int sign) {
    const auto& omega = spins.frequencies();
    if (omega.empty()) return std::nullopt;
    if (std::any_of(omega.begin(), omega.end(), [&](double w) { return w != omega.front(); })) return std::nullopt;
    return letter(L::Jz, sign * omega.front());
}

std::optional<CollectivePolynomial> drive_collective(const std::vector<int>& spins, int n, double omega_x,
                                                     double omega_y) {
    if (!covers_all_spins(spins, n)) return std::nullopt;
    return (letter(L::Jx, omega_x) + letter(L::Jy, omega_y)).simplified();
}

std::optional<CollectivePolynomial> coupling_collective(const std::string& kind, const std::vector<SpinPair>& pairs,
                                                        int n) {
    std::set<std::pair<int, int>> seen;
    for (auto [i, j] : pairs) {
        if (i < 0 || j < 0 || i >= n || j >= n || i == j) return std::nullopt;
        if (!seen.insert({std::min(i, j), std::max(i, j)}).second) return std::nullopt;
    }
    if (seen.size() != static_cast<std::size_t>(n) * static_cast<std::size_t>(n - 1) / 2) return std::nullopt;
    const double nn = n;
    const auto jz2 = letter(L::Jz) * letter(L::Jz);
    if (kind == "zz") return (jz2 * 0.5 + constant(-nn / 8.0)).simplified();
    if (kind == "xy") return (letter(L::J2, 0.5) + jz2 * -0.5 + constant(-nn / 4.0)).simplified();
    if (kind == "heisenberg") return (letter(L::J2, 0.5) + constant(-3.0 * nn / 8.0)).simplified();
    return std::nullopt;
}

Channel symbolic_local_channel(const std::string& kind, const std::vector<int>& spins, const std::vector<double>& rates,
                               std::string name) {
    if (rates.size() != spins.size())
        throw ModelError(messages::format_message("rates_per_spin", {messages::quoted(kind)}));
    Channel c{name.empty() ? kind : std::move(name), kind, {}, spins};
    for (double r : rates) c.jumps.push_back({r, {}});
    return c;
}

Channel symbolic_collective_channel(const std::string& kind, const std::vector<int>& spins, double rate,
                                    std::string name) {
    return {name.empty() ? kind : std::move(name), kind, {{rate, {}}}, spins};
}

CollectivePolynomial builtin_collective(const std::string& name) {
    if (name == "Jx") return letter(L::Jx);
    if (name == "Jy") return letter(L::Jy);
    if (name == "Jz") return letter(L::Jz);
    if (name == "J2") return letter(L::J2);
    if (name == "JpJm") return letter(L::Jp) * letter(L::Jm);
    throw ModelError(messages::not_one_of(name, {"Jx", "Jy", "Jz", "J2", "JpJm"}));
}

std::vector<Observable> symbolic_builtin_observables(const std::string& name, const SpinSystem& spins) {
    std::vector<Observable> out;
    const auto expectation = [&](std::string column, std::optional<CollectivePolynomial> form) {
        out.push_back({std::move(column), Observable::Kind::expectation, {}, std::move(form)});
    };
    if (name == "Jx" || name == "Jy" || name == "Jz" || name == "J2" || name == "JpJm")
        expectation(name, builtin_collective(name));
    if (name == "purity") out.push_back({name, Observable::Kind::purity, {}});
    if (name == "trace") out.push_back({name, Observable::Kind::trace, {}});
    if (name == "species") {
        for (const auto& s : spins.species()) {
            const bool all = covers_all_spins(spins.spins_of(s.name), spins.size());
            for (const std::string letter : {"Jx", "Jy", "Jz", "J2"})
                expectation(letter + "[" + s.name + "]",
                            all ? std::optional(builtin_collective(letter)) : std::nullopt);
        }
    }
    if (name == "spins") {
        const double n = spins.size();
        for (int i = 0; i < spins.size(); ++i) {
            const std::string index = std::to_string(i);
            expectation("sx_" + index, letter(L::Jx, 2.0 / n));
            expectation("sy_" + index, letter(L::Jy, 2.0 / n));
            expectation("sz_" + index, letter(L::Jz, 2.0 / n));
        }
    }
    return out;
}

const std::vector<std::string>& symmetric_method_observables() {
    static const std::vector<std::string> names{"S",         "emitted_collective",  "emitted_local", "energy",
                                                "ergotropy", "ergotropy_symmetric", "j_distribution",
                                                "power_stored", "power_released", "power_lost"};
    return names;
}

std::vector<std::string> symmetric_method_columns(const std::string& name, int n) {
    if (name != "j_distribution") return {name};
    std::vector<std::string> columns;
    for (int two_j = n; two_j >= 0; two_j -= 2)
        columns.push_back("pj_" + (two_j % 2 == 0 ? std::to_string(two_j / 2) : std::to_string(two_j) + "/2"));
    return columns;
}

const std::vector<std::string>& fluctuation_observables() {
    static const std::vector<std::string> names{"fluctuation_x", "fluctuation_y", "fluctuation_z"};
    return names;
}

bool is_fluctuation_observable(const std::string& name) {
    const auto& names = fluctuation_observables();
    return std::find(names.begin(), names.end(), name) != names.end();
}

void refuse_fluctuation_observables(const std::vector<std::string>& method_observables) {
    for (const auto& name : method_observables)
        if (is_fluctuation_observable(name))
            throw ModelError(messages::format_message("fluctuation_needs_analytic", {messages::quoted(name)}));
}

bool is_hermitian_collective(const CollectivePolynomial& p, int n) {
    const CollectivePolynomial difference = (p + p.adjoint() * -1.0).simplified();
    if (difference.empty()) return true;
    // Letter strings can name the same operator differently (Jp*Jm vs J2 − Jz² + Jz):
    // compare the matrices on the top blocks, which carry every polynomial identity of degree < 2j + 1.
    for (int two_j = n, blocks = 0; two_j >= 0 && blocks < 3; two_j -= 2, ++blocks) {
        const BlockMatrix a = block_matrix(difference, two_j);
        for (int k = 0; k < a.outerSize(); ++k)
            for (BlockMatrix::InnerIterator it(a, k); it; ++it)
                if (std::abs(it.value()) > 1e-10 * (1.0 + n * n)) return false;
    }
    return true;
}

}  // namespace openspins
