#include "openspins/method/redfield/dense_operator.hpp"

namespace openspins::redfield {

Eigen::MatrixXcd dense_matrix(const SpinOperator& op, int n_spins) {
    const auto d = static_cast<Eigen::Index>(std::size_t{1} << n_spins);
    Eigen::MatrixXcd m = Eigen::MatrixXcd::Zero(d, d);
    for (Eigen::Index b = 0; b < d; ++b)
        for (const auto& [out, amplitude] : op.apply(static_cast<BasisState>(b)))
            m(static_cast<Eigen::Index>(out), b) += amplitude;
    return m;
}

Eigen::SparseMatrix<complex> sparse_matrix(const SpinOperator& op, int n_spins) {
    const auto d = static_cast<Eigen::Index>(std::size_t{1} << n_spins);
    std::vector<Eigen::Triplet<complex>> entries;
    for (Eigen::Index b = 0; b < d; ++b)
        for (const auto& [out, amplitude] : op.apply(static_cast<BasisState>(b)))
            entries.emplace_back(static_cast<Eigen::Index>(out), b, amplitude);
    Eigen::SparseMatrix<complex> m(d, d);
    m.setFromTriplets(entries.begin(), entries.end());  // sums repeated positions
    return m;
}

namespace {

BasisState full_mask(int n_spins) { return n_spins >= 64 ? ~BasisState{0} : (BasisState{1} << n_spins) - 1; }

}  // namespace

SpinOperator matrix_units(const std::vector<MatrixEntry>& entries, int n_spins) {
    const BasisState mask = full_mask(n_spins);
    std::vector<Monomial> terms;
    terms.reserve(entries.size());
    for (const auto& u : entries)
        terms.push_back({mask, static_cast<BasisState>(u.row), static_cast<BasisState>(u.col), u.value});
    return SpinOperator(std::move(terms));
}

SpinOperator from_dense_matrix(const Eigen::MatrixXcd& m, int n_spins, double drop) {
    const BasisState mask = full_mask(n_spins);
    const double threshold = drop * m.cwiseAbs().maxCoeff();
    std::vector<Monomial> terms;
    for (Eigen::Index c = 0; c < m.cols(); ++c)
        for (Eigen::Index r = 0; r < m.rows(); ++r)
            if (std::abs(m(r, c)) > threshold)
                terms.push_back({mask, static_cast<BasisState>(r), static_cast<BasisState>(c), m(r, c)});
    return SpinOperator(std::move(terms));
}

}  // namespace openspins::redfield
