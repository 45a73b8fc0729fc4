#include "openspins/model/cavity.hpp"

#include <cmath>

namespace openspins {

bool is_fock_column(const std::string& column) {
    return column.size() > 3 && column.compare(0, 3, "pn_") == 0 &&
           column.find_first_not_of("0123456789", 3) == std::string::npos;
}

std::vector<std::string> mode_columns(const Cavity& cavity) {
    std::vector<std::string> columns{"photons"};
    for (const auto& o : cavity.observables) {
        if (o == "a") columns.insert(columns.end(), {"a_re", "a_im"});
        if (o == "x") columns.insert(columns.end(), {"x", "x_var"});
        if (o == "fock")
            for (int n = 0; n <= cavity.n_max; ++n) columns.push_back("pn_" + std::to_string(n));
        if (o == "emitted") columns.emplace_back("emitted_mode");
    }
    return columns;
}

void append_mode_values(const Cavity& cavity, const ModeMoments& m, std::vector<double>& row) {
    row.push_back(m.photons);
    for (const auto& o : cavity.observables) {
        if (o == "a") row.insert(row.end(), {m.a.real(), m.a.imag()});
        if (o == "x") {
            const double x = std::sqrt(2.0) * m.a.real();
            row.insert(row.end(), {x, m.a2.real() + m.photons + 0.5 - x * x});
        }
        if (o == "fock") row.insert(row.end(), m.fock.begin(), m.fock.end());
        if (o == "emitted") row.push_back(m.emitted);
    }
}

ModeMixture initial_mode_mixture(const Cavity& cavity) {
    const int top = cavity.n_max;
    const auto size = static_cast<std::size_t>(top + 1);
    ModeMixture m;
    switch (cavity.initial) {
        case Cavity::Initial::vacuum:
        case Cavity::Initial::fock: {
            const int n = cavity.initial == Cavity::Initial::vacuum ? 0 : cavity.fock;
            std::vector<std::complex<double>> v(size, 0.0);
            v[static_cast<std::size_t>(n)] = 1.0;
            m.weights.push_back(1.0);
            m.vectors.push_back(std::move(v));
            m.mass_at_top = n >= top ? 1.0 : 0.0;
            break;
        }
        case Cavity::Initial::coherent: {
            // c_n = e^{−|α|²/2} α^n / √(n!), by the recursion c_n = c_{n−1} α/√n.
            const std::complex<double> alpha = cavity.alpha;
            std::vector<std::complex<double>> v(size, 0.0);
            std::complex<double> c = std::exp(-0.5 * std::norm(alpha));
            double kept = 0.0;
            for (int n = 0; n <= top; ++n) {
                if (n > 0) c *= alpha / std::sqrt(static_cast<double>(n));
                v[static_cast<std::size_t>(n)] = c;
                kept += std::norm(c);
            }
            m.mass_at_top = std::max(0.0, 1.0 - (kept - std::norm(c)));  // n ≥ n_max
            for (auto& x : v) x /= std::sqrt(kept);
            m.weights.push_back(1.0);
            m.vectors.push_back(std::move(v));
            break;
        }
        case Cavity::Initial::thermal: {
            // p_n = n̄^n / (n̄+1)^{n+1}; P(n ≥ n_max) = (n̄/(n̄+1))^{n_max}.
            const double nbar = cavity.n_thermal, ratio = nbar / (nbar + 1.0);
            double p = 1.0 / (nbar + 1.0), kept = 0.0;
            for (int n = 0; n <= top; ++n) {
                if (n > 0) p *= ratio;
                if (p > 0.0) {
                    std::vector<std::complex<double>> v(size, 0.0);
                    v[static_cast<std::size_t>(n)] = 1.0;
                    m.weights.push_back(p);
                    m.vectors.push_back(std::move(v));
                }
                kept += p;
            }
            for (auto& w : m.weights) w /= kept;
            m.mass_at_top = std::pow(ratio, top);
            break;
        }
    }
    return m;
}

}  // namespace openspins
