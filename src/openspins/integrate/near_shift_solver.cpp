#include "openspins/integrate/near_shift_solver.hpp"

#include <Eigen/SparseLU>
#include <algorithm>
#include <numeric>
#include <string>
#include <unsupported/Eigen/IterativeSolvers>
#include <vector>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"

namespace openspins {

namespace {

using Complex = std::complex<double>;
using Sparse = NearShiftSolver::Sparse;
using Index = Eigen::Index;

// M⁻¹ for Eigen's GMRES: the near block's LU, the inverse diagonal elsewhere. Built before GMRES
// is given the matrix; Eigen's compute() hook then has nothing left to do.
class NearBlockPreconditioner {
public:
    using StorageIndex = Sparse::StorageIndex;
    enum { ColsAtCompileTime = Eigen::Dynamic, MaxColsAtCompileTime = Eigen::Dynamic };

    NearBlockPreconditioner() = default;

    void build(const Sparse& a, Complex shift, std::size_t near_rows) {
        const Index n = a.rows();
        Eigen::VectorXcd diagonal = a.diagonal();
        diagonal.array() -= shift;
        std::vector<Index> order(static_cast<std::size_t>(n));
        std::iota(order.begin(), order.end(), Index{0});
        const std::size_t m = std::min<std::size_t>(near_rows, order.size());
        std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(m == 0 ? 0 : m - 1), order.end(),
                         [&](Index x, Index y) { return std::abs(diagonal(x)) < std::abs(diagonal(y)); });
        near_.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(m));
        std::sort(near_.begin(), near_.end());
        local_.assign(static_cast<std::size_t>(n), -1);
        window_ = 0.0;
        for (std::size_t j = 0; j < near_.size(); ++j) {
            local_[static_cast<std::size_t>(near_[j])] = static_cast<Index>(j);
            window_ = std::max(window_, std::abs(diagonal(near_[j])));
        }
        inverse_diagonal_ = diagonal.cwiseInverse();
        std::vector<Eigen::Triplet<Complex>> entries;
        for (std::size_t j = 0; j < near_.size(); ++j) {
            for (Sparse::InnerIterator it(a, near_[j]); it; ++it) {
                const Index i = local_[static_cast<std::size_t>(it.row())];
                if (i >= 0) entries.emplace_back(i, static_cast<Index>(j), it.value());
            }
            entries.emplace_back(static_cast<Index>(j), static_cast<Index>(j), -shift);
        }
        Sparse block(static_cast<Index>(near_.size()), static_cast<Index>(near_.size()));
        block.setFromTriplets(entries.begin(), entries.end());
        block.makeCompressed();
        lu_.compute(block);
        if (lu_.info() != Eigen::Success)
            throw NumericalError(messages::format_message(
                "sparse_lu_failed",
                {"shift-invert", "the " + std::to_string(near_.size()) + " rows nearest the shift"}));
    }

    template <class Matrix>
    NearBlockPreconditioner& analyzePattern(const Matrix&) {
        return *this;
    }
    template <class Matrix>
    NearBlockPreconditioner& factorize(const Matrix&) {
        return *this;
    }
    template <class Matrix>
    NearBlockPreconditioner& compute(const Matrix&) {
        return *this;
    }
    [[nodiscard]] Eigen::ComputationInfo info() const { return Eigen::Success; }

    template <class Rhs>
    Eigen::VectorXcd solve(const Eigen::MatrixBase<Rhs>& b) const {
        Eigen::VectorXcd x = inverse_diagonal_.cwiseProduct(b);
        Eigen::VectorXcd near(static_cast<Index>(near_.size()));
        for (std::size_t j = 0; j < near_.size(); ++j) near(static_cast<Index>(j)) = b(near_[j]);
        const Eigen::VectorXcd y = lu_.solve(near);
        for (std::size_t j = 0; j < near_.size(); ++j) x(near_[j]) = y(static_cast<Index>(j));
        return x;
    }

    [[nodiscard]] std::size_t rows() const { return near_.size(); }
    [[nodiscard]] double window() const { return window_; }

private:
    std::vector<Index> near_, local_;
    Eigen::VectorXcd inverse_diagonal_;
    mutable Eigen::SparseLU<Sparse> lu_;  // solve() is logically const
    double window_ = 0.0;
};

}  // namespace

struct NearShiftSolver::Parts {
    Sparse shifted;
    Eigen::GMRES<Sparse, NearBlockPreconditioner> gmres;
};

NearShiftSolver::NearShiftSolver(const Sparse& a, Complex shift, const NearShiftOptions& options)
    : parts_(std::make_unique<Parts>()) {
    parts_->shifted = a;
    for (Index k = 0; k < a.rows(); ++k) parts_->shifted.coeffRef(k, k) -= shift;
    parts_->shifted.makeCompressed();
    parts_->gmres.preconditioner().build(a, shift, options.near_rows);
    parts_->gmres.set_restart(options.restart);
    parts_->gmres.setTolerance(options.tolerance);
    parts_->gmres.setMaxIterations(options.max_iterations);
    parts_->gmres.compute(parts_->shifted);
}

NearShiftSolver::~NearShiftSolver() = default;

void NearShiftSolver::solve(const Eigen::VectorXcd& b, Eigen::VectorXcd& x) {
    x = parts_->gmres.solve(b);
    ++solves_;
    iterations_ += parts_->gmres.iterations();
    if (parts_->gmres.info() != Eigen::Success)
        throw NumericalError(messages::shift_invert_gmres(parts_->gmres.tolerance(), parts_->gmres.iterations(),
                                                          parts_->gmres.error()));
}

std::size_t NearShiftSolver::near_rows() const { return parts_->gmres.preconditioner().rows(); }
double NearShiftSolver::window() const { return parts_->gmres.preconditioner().window(); }

}  // namespace openspins
