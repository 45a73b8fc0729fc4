#include "openspins/method/exact/spin_mode_generator.hpp"

#include <cmath>
#include <numeric>

namespace openspins::exact {

namespace {

using cplx = std::complex<double>;
using Triplets = std::vector<Eigen::Triplet<cplx>>;
using SpinMatrix = Eigen::SparseMatrix<cplx, Eigen::RowMajor>;

double factor(const std::map<std::string, double>& scale, const std::string& name) {
    const auto it = scale.find(name);
    return it == scale.end() ? 1.0 : it->second;
}

// ⟨b'|O|b⟩ on the 2^N spin states.
SpinMatrix spin_matrix(const SpinOperator& op, int spins) {
    const Eigen::Index d = Eigen::Index{1} << spins;
    Triplets entries;
    for (Eigen::Index b = 0; b < d; ++b)
        for (const auto& [out, amplitude] : op.apply(static_cast<BasisState>(b)))
            entries.emplace_back(static_cast<Eigen::Index>(out), b, amplitude);
    SpinMatrix m(d, d);
    m.setFromTriplets(entries.begin(), entries.end());  // sums repeated positions
    m.makeCompressed();
    return m;
}

// A collective letter summed over all N spins (collective_polynomial.hpp normalisation).
SpinOperator letter_operator(CollectiveLetter letter, int spins) {
    std::vector<int> all(static_cast<std::size_t>(spins));
    std::iota(all.begin(), all.end(), 0);
    switch (letter) {
        case CollectiveLetter::Jx: return collective_jx(all);
        case CollectiveLetter::Jy: return collective_jy(all);
        case CollectiveLetter::Jz: return collective_jz(all);
        case CollectiveLetter::Jp: return collective_jplus(all);
        case CollectiveLetter::Jm: return collective_jminus(all);
        case CollectiveLetter::J2: return collective_j_squared(all);
    }
    return {};
}

// The polynomial's matrix on the spins: Σ coeff · letter_1 ⋯ letter_k (letter_1 acts last).
SpinMatrix collective_matrix(const CollectivePolynomial& p, int spins) {
    const Eigen::Index d = Eigen::Index{1} << spins;
    std::map<CollectiveLetter, SpinMatrix> letters;
    SpinMatrix sum(d, d);
    for (const auto& m : p.terms()) {
        SpinMatrix product(d, d);
        product.setIdentity();
        for (const auto l : m.letters) {
            auto& matrix = letters[l];
            if (matrix.rows() == 0) matrix = spin_matrix(letter_operator(l, spins), spins);
            product = SpinMatrix(product * matrix);
        }
        sum += product * m.coeff;
    }
    sum.makeCompressed();
    return sum;
}

// ⟨n − q + p|(a†)^p a^q|n⟩ = √(n!/(n−q)!) √((n−q+p)!/(n−q)!).
double monomial_amplitude(int n, int p, int q) {
    double a = 1.0;
    for (int k = n - q + 1; k <= n; ++k) a *= std::sqrt(static_cast<double>(k));
    for (int k = n - q + 1; k <= n - q + p; ++k) a *= std::sqrt(static_cast<double>(k));
    return a;
}

SpinModeMatrix from_triplets(Eigen::Index size, const Triplets& entries) {
    SpinModeMatrix m(size, size);
    m.setFromTriplets(entries.begin(), entries.end());
    m.makeCompressed();
    return m;
}

}  // namespace

SpinModeMatrix spins_times_identity(const SpinOperator& op, const SpinModeSpace& space) {
    const SpinMatrix s = spin_matrix(op, space.spins);
    Triplets entries;
    for (int n = 0; n <= space.n_max; ++n)
        for (Eigen::Index r = 0; r < s.outerSize(); ++r)
            for (SpinMatrix::InnerIterator it(s, r); it; ++it)
                entries.emplace_back(space.index(n, it.row()), space.index(n, it.col()), it.value());
    return from_triplets(space.dim(), entries);
}

SpinModeMatrix spin_mode_matrix(const SpinModePolynomial& p, const SpinModeSpace& space) {
    Triplets entries;
    for (const auto& t : p.terms()) {
        const SpinMatrix s = collective_matrix(t.spin, space.spins);
        for (int n = t.annihilations; n <= space.n_max; ++n) {
            const int target = n - t.annihilations + t.creations;
            if (target > space.n_max) continue;  // the truncation of a normal-ordered monomial
            const double amplitude = monomial_amplitude(n, t.creations, t.annihilations);
            for (Eigen::Index r = 0; r < s.outerSize(); ++r)
                for (SpinMatrix::InnerIterator it(s, r); it; ++it)
                    entries.emplace_back(space.index(target, it.row()), space.index(n, it.col()), amplitude * it.value());
        }
    }
    return from_triplets(space.dim(), entries);
}

SpinModeGenerator::SpinModeGenerator(const Model& model, const SpinModeSpace& space,
                                     const std::map<std::string, double>& scale)
    : space_(space) {
    SpinModeMatrix effective = spins_times_identity(model.hamiltonian_operator(scale), space);
    effective += spin_mode_matrix(model.mode_hamiltonian(scale), space);
    const auto add_jump = [&](double rate, SpinModeMatrix op) {
        Jump jump{rate, std::move(op), {}};
        jump.adjoint = SpinModeMatrix(jump.op.adjoint());
        effective += SpinModeMatrix(jump.adjoint * jump.op) * cplx{0.0, -0.5 * rate};
        jumps_.push_back(std::move(jump));
    };
    // The spins' channels (a channel with a mode form is a mode jump, below).
    for (const auto& channel : model.channels) {
        if (channel.mode) continue;
        const double f = factor(scale, channel.name);
        for (const auto& j : channel.jumps)
            if (j.rate * f != 0.0) add_jump(j.rate * f, spins_times_identity(j.op, space));
    }
    for (const auto& mj : model.mode_jumps(scale)) add_jump(mj.rate, spin_mode_matrix(mj.op, space));
    effective.makeCompressed();
    effective_ = std::move(effective);
    effective_adjoint_ = SpinModeMatrix(effective_.adjoint());
    effective_adjoint_.makeCompressed();
}

void SpinModeGenerator::apply(const double* y, double* ydot) const {
    using Dense = Eigen::Matrix<cplx, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Eigen::Index d = space_.dim();
    const Eigen::Map<const Dense> rho(reinterpret_cast<const cplx*>(y), d, d);
    Eigen::Map<Dense> out(reinterpret_cast<cplx*>(ydot), d, d);
    // −i H_eff ρ + i ρ H_eff†, for any ρ (the integrator's iterates need not be Hermitian).
    out.noalias() = effective_ * rho;
    out *= cplx{0.0, -1.0};
    scratch_.noalias() = rho * effective_adjoint_;
    out.noalias() += cplx{0.0, 1.0} * scratch_;
    for (const auto& jump : jumps_) {
        scratch_.noalias() = jump.op * rho;
        out.noalias() += jump.rate * (scratch_ * jump.adjoint);
    }
}

}  // namespace openspins::exact
