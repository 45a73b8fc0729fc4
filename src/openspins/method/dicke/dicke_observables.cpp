#include "openspins/method/dicke/dicke_observables.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "openspins/model/symmetric_forms.hpp"

namespace openspins::dicke {

namespace {
using cplx = std::complex<double>;
using Dense = Eigen::Matrix<cplx, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::vector<BlockMatrix> per_block(const DickeBasis& basis, const CollectivePolynomial& p) {
    std::vector<BlockMatrix> blocks;
    for (int b = 0; b < basis.blocks(); ++b) blocks.push_back(block_matrix(p, basis.two_j(b)));
    return blocks;
}
}  // namespace

DickeObservables::DickeObservables(const DickeBasis& basis, const RunSpec& spec, bool populations_only,
                                   std::optional<double> energy_scale)
    : basis_(basis), populations_only_(populations_only), energy_scale_(energy_scale) {
    for (const auto& o : spec.observables) {
        Entry e;
        e.name = o.name;
        switch (o.kind) {
            case Observable::Kind::purity:
                e.what = Entry::What::purity;
                break;
            case Observable::Kind::trace:
                e.what = Entry::What::trace;
                break;
            case Observable::Kind::expectation:
                e.what = Entry::What::expectation;
                e.hermitian = is_hermitian_collective(*o.collective, basis.spins());
                e.blocks = per_block(basis, *o.collective);
                break;
        }
        if (e.hermitian) {
            columns_.push_back(e.name);
        } else {
            columns_.push_back(e.name + ".re");
            columns_.push_back(e.name + ".im");
        }
        entries_.push_back(std::move(e));
    }
    for (const auto& name : spec.method_observables) {
        entries_.push_back({Entry::What::method, name, true, {}});
        if (name.starts_with("power_")) needs_power_ = true;
        for (auto& c : symmetric_method_columns(name, basis.spins())) columns_.push_back(std::move(c));
    }
    j_squared_ = per_block(basis, CollectivePolynomial::letter(CollectiveLetter::J2));
    jz_ = per_block(basis, CollectivePolynomial::letter(CollectiveLetter::Jz));
}

std::complex<double> DickeObservables::expectation(const std::vector<BlockMatrix>& blocks, const double* y) const {
    cplx total = 0.0;
    const auto* rho = reinterpret_cast<const cplx*>(y);
    for (int b = 0; b < basis_.blocks(); ++b) {
        const auto& o = blocks[static_cast<std::size_t>(b)];
        const int d = basis_.dim(b);
        for (int r = 0; r < o.outerSize(); ++r)
            for (BlockMatrix::InnerIterator it(o, r); it; ++it) {
                const auto row = static_cast<std::size_t>(it.row()), col = static_cast<std::size_t>(it.col());
                if (populations_only_) {  // Tr(Oρ) = Σ O_kk p_k
                    if (row == col) total += it.value() * y[basis_.population_offset(b) + row];
                } else {  // Tr(Oρ) = Σ O_rc ρ_cr
                    total += it.value() * rho[basis_.full_offset(b) + col * static_cast<std::size_t>(d) + row];
                }
            }
    }
    return total;
}

double DickeObservables::trace(const double* y) const {
    double t = 0.0;
    for (int b = 0; b < basis_.blocks(); ++b)
        for (int k = 0; k < basis_.dim(b); ++k)
            t += populations_only_ ? y[basis_.population_offset(b) + static_cast<std::size_t>(k)]
                                   : y[2 * (basis_.full_offset(b) + static_cast<std::size_t>(k * basis_.dim(b) + k))];
    return t;
}

double DickeObservables::purity(const double* y) const {
    double total = 0.0;
    for (int b = 0; b < basis_.blocks(); ++b) {
        double block = 0.0;
        const int d = basis_.dim(b);
        if (populations_only_) {
            for (int k = 0; k < d; ++k)
                block += std::pow(y[basis_.population_offset(b) + static_cast<std::size_t>(k)], 2);
        } else {
            const auto* rho = reinterpret_cast<const cplx*>(y) + basis_.full_offset(b);
            for (int k = 0; k < d * d; ++k) block += std::norm(rho[k]);
        }
        total += block * std::exp(-basis_.log_degeneracy(b));
    }
    return total;
}

std::vector<std::vector<double>> DickeObservables::block_eigenvalues(const double* y) const {
    std::vector<std::vector<double>> out;
    for (int b = 0; b < basis_.blocks(); ++b) {
        const int d = basis_.dim(b);
        std::vector<double> values(static_cast<std::size_t>(d));
        if (populations_only_) {
            for (int k = 0; k < d; ++k)
                values[static_cast<std::size_t>(k)] = y[basis_.population_offset(b) + static_cast<std::size_t>(k)];
        } else {
            const auto* rho = reinterpret_cast<const cplx*>(y) + basis_.full_offset(b);
            const Dense block = Eigen::Map<const Dense>(rho, d, d);
            const Eigen::SelfAdjointEigenSolver<Dense> eigen(block, Eigen::EigenvaluesOnly);
            for (int k = 0; k < d; ++k) values[static_cast<std::size_t>(k)] = eigen.eigenvalues()[k];
        }
        out.push_back(std::move(values));
    }
    return out;
}

std::array<double, 2> DickeObservables::ergotropies(const double* y) const {
    const double c = *energy_scale_;
    const int n = basis_.spins();
    const double energy = c * expectation(jz_, y).real();
    const auto eigenvalues = block_eigenvalues(y);

    // Within blocks (permutation-invariant unitaries): eigenvalues of ρ^j sorted down,
    // levels c·m of the block sorted up.
    double passive_symmetric = 0.0;
    for (int b = 0; b < basis_.blocks(); ++b) {
        auto values = eigenvalues[static_cast<std::size_t>(b)];
        std::sort(values.begin(), values.end(), std::greater<>());
        std::vector<double> levels;
        for (int k = 0; k < basis_.dim(b); ++k) levels.push_back(c * (basis_.j(b) - k));
        std::sort(levels.begin(), levels.end());
        for (std::size_t k = 0; k < values.size(); ++k) passive_symmetric += values[k] * levels[k];
    }

    // Any unitary: groups (density λ/d_j, count d_j) against levels (c·m, count C(N, N/2−m)).
    // Counts reach 2^N, so they are long doubles; densities times counts stay probabilities.
    struct Group {
        long double density, count;
    };
    std::vector<Group> groups;
    for (int b = 0; b < basis_.blocks(); ++b) {
        const long double count = std::exp(static_cast<long double>(basis_.log_degeneracy(b)));
        for (double v : eigenvalues[static_cast<std::size_t>(b)]) groups.push_back({v / count, count});
    }
    std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b2) { return a.density > b2.density; });
    struct Level {
        double energy;
        long double count;
    };
    std::vector<Level> levels;
    for (int k = 0; k <= n; ++k)  // m = N/2 − k, C(N, k) states
        levels.push_back({c * (0.5 * n - k), std::exp(static_cast<long double>(log_binomial(n, k)))});
    std::sort(levels.begin(), levels.end(), [](const Level& a, const Level& b2) { return a.energy < b2.energy; });
    long double passive = 0.0L;
    std::size_t g = 0, l = 0;
    long double group_left = groups.empty() ? 0.0L : groups[0].count;
    long double level_left = levels[0].count;
    while (g < groups.size() && l < levels.size()) {
        const long double take = std::min(group_left, level_left);
        passive += take * groups[g].density * levels[l].energy;
        group_left -= take;
        level_left -= take;
        if (group_left <= 1e-9L * groups[g].count) {
            if (++g < groups.size()) group_left = groups[g].count;
        }
        if (level_left <= 1e-9L * levels[l].count) {
            if (++l < levels.size()) level_left = levels[l].count;
        }
    }
    return {energy - static_cast<double>(passive), energy - passive_symmetric};
}

std::vector<double> DickeObservables::evaluate(const double* y, const std::array<double, 2>& emitted,
                                               const std::array<double, 3>& power) const {
    std::vector<double> row;
    row.reserve(columns_.size());
    std::optional<std::array<double, 2>> ergo;
    for (const auto& e : entries_) {
        switch (e.what) {
            case Entry::What::trace:
                row.push_back(trace(y));
                break;
            case Entry::What::purity:
                row.push_back(purity(y));
                break;
            case Entry::What::expectation: {
                const cplx v = expectation(e.blocks, y);
                row.push_back(v.real());
                if (!e.hermitian) row.push_back(v.imag());
                break;
            }
            case Entry::What::method: {
                if (e.name == "S") {
                    const double j2 = expectation(j_squared_, y).real();
                    row.push_back(0.5 * (std::sqrt(1.0 + 4.0 * std::max(j2, 0.0)) - 1.0));
                } else if (e.name == "emitted_collective") {
                    row.push_back(emitted[0]);
                } else if (e.name == "emitted_local") {
                    row.push_back(emitted[1]);
                } else if (e.name == "power_stored") {
                    row.push_back(power[0]);
                } else if (e.name == "power_released") {
                    row.push_back(power[1]);
                } else if (e.name == "power_lost") {
                    row.push_back(power[2]);
                } else if (e.name == "energy") {
                    row.push_back(*energy_scale_ * expectation(jz_, y).real());
                } else if (e.name == "ergotropy" || e.name == "ergotropy_symmetric") {
                    if (!ergo) ergo = ergotropies(y);
                    row.push_back(e.name == "ergotropy" ? (*ergo)[0] : (*ergo)[1]);
                } else if (e.name == "j_distribution") {
                    for (int b = 0; b < basis_.blocks(); ++b) {
                        double t = 0.0;
                        for (int k = 0; k < basis_.dim(b); ++k)
                            t += populations_only_
                                     ? y[basis_.population_offset(b) + static_cast<std::size_t>(k)]
                                     : y[2 * (basis_.full_offset(b) + static_cast<std::size_t>(k * basis_.dim(b) + k))];
                        row.push_back(t);
                    }
                }
                break;
            }
        }
    }
    return row;
}

}  // namespace openspins::dicke
