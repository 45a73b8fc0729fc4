#include "openspins/method/redfield/sparse_liouvillian.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "openspins/method/memory_budget.hpp"
#include "openspins/method/redfield/dense_operator.hpp"

namespace openspins::redfield {

namespace {

using Sparse = Eigen::SparseMatrix<complex>;

std::vector<SparseEntry> entries_of(const Sparse& m) {
    std::vector<SparseEntry> out;
    for (Eigen::Index c = 0; c < m.outerSize(); ++c)
        for (Sparse::InnerIterator it(m, c); it; ++it) out.push_back({it.row(), it.col(), it.value()});
    return out;
}

}  // namespace

LiouvillianTerms liouvillian_terms(const Model& model) {
    const int n = model.spins.size();
    LiouvillianTerms f;
    f.d = Eigen::Index{1} << n;
    Sparse k(f.d, f.d);
    for (const auto& jump : model.jumps()) {
        const Sparse l = sparse_matrix(jump.op, n);
        k += jump.rate * Sparse(l.adjoint() * l);
        f.jumps.emplace_back(jump.rate, entries_of(l));
    }
    f.g = entries_of(Sparse(complex(0.0, -1.0) * sparse_matrix(model.hamiltonian_operator(), n) - 0.5 * k));
    return f;
}

Sparse sparse_liouvillian(const LiouvillianTerms& f, int n, std::size_t memory_limit) {
    std::size_t count = 2 * f.g.size() * static_cast<std::size_t>(f.d);
    for (const auto& j : f.jumps) count += j.second.size() * j.second.size();
    check_memory_budget(n, 3 * count * sizeof(Eigen::Triplet<complex>), memory_limit,
                        "generator spectrum, sparse Liouvillian (" + std::to_string(count) + " entries)");
    std::vector<Eigen::Triplet<complex>> t;
    t.reserve(count);
    for_each_entry(f, [&](Eigen::Index r, Eigen::Index c, complex v) { t.emplace_back(r, c, v); });
    Sparse l(f.d * f.d, f.d * f.d);
    l.setFromTriplets(t.begin(), t.end());
    double largest = 0.0;
    for (Eigen::Index c = 0; c < l.outerSize(); ++c)
        for (Sparse::InnerIterator it(l, c); it; ++it) largest = std::max(largest, std::abs(it.value()));
    l.prune([&](Eigen::Index, Eigen::Index, const complex& v) { return std::abs(v) > 1e-14 * largest; });
    return l;
}

}  // namespace openspins::redfield
