#include "openspins/method/redfield/generator_spectrum.hpp"

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <bit>
#include <cmath>

#include "openspins/errors.hpp"
#include "openspins/method/redfield/bohr_decomposition.hpp"
#include "openspins/method/redfield/dense_operator.hpp"
#include "openspins/method/redfield/derived_generator.hpp"

namespace openspins::redfield {

namespace {

using Matrix = Eigen::MatrixXcd;

Matrix dense(const SpinOperator& op, int n) { return dense_matrix(op, n); }

Matrix kron(const Matrix& a, const Matrix& b) {
    Matrix k(a.rows() * b.rows(), a.cols() * b.cols());
    for (Eigen::Index i = 0; i < a.rows(); ++i)
        for (Eigen::Index j = 0; j < a.cols(); ++j)
            k.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
    return k;
}

}  // namespace

Matrix dense_liouvillian(const Model& model) {
    const int n = model.spins.size();
    const Matrix h = dense(model.hamiltonian_operator(), n);
    const Matrix one = Matrix::Identity(h.rows(), h.cols());
    const std::complex<double> i(0.0, 1.0);
    Matrix l = -i * (kron(one, h) - kron(h.transpose(), one));
    for (const auto& jump : model.jumps()) {
        const Matrix a = dense(jump.op, n);
        const Matrix ada = a.adjoint() * a;
        l += jump.rate * (kron(a.conjugate(), a) - 0.5 * kron(one, ada) - 0.5 * kron(ada.transpose(), one));
    }
    return l;
}

std::vector<GeneratorMode> generator_modes(const Model& model) {
    const int n = model.spins.size();
    if (n > max_dense_spectrum_spins)
        throw ModelError("generator eigenvalues are computed densely for N ≤ " +
                         std::to_string(max_dense_spectrum_spins) + " (this model has N = " + std::to_string(n) + ")");
    const Matrix l = dense_liouvillian(model);
    const Eigen::ComplexEigenSolver<Matrix> eig(l, true);
    if (eig.info() != Eigen::Success) throw NumericalError("generator eigenvalues: Eigen did not converge");
    const auto d = static_cast<Eigen::Index>(std::size_t{1} << n);
    std::vector<GeneratorMode> modes;
    for (Eigen::Index k = 0; k < l.rows(); ++k) {
        GeneratorMode m;
        m.eigenvalue = eig.eigenvalues()(k);
        const auto v = eig.eigenvectors().col(k);
        std::vector<double> weight(static_cast<std::size_t>(2 * n + 1), 0.0);
        double diagonal = 0.0;
        double total = 0.0;
        for (Eigen::Index c = 0; c < d; ++c)
            for (Eigen::Index r = 0; r < d; ++r) {
                const double w = std::norm(v(c * d + r));  // column-major: vec index = c·d + r
                const int order = std::popcount(static_cast<unsigned long long>(r)) -
                                  std::popcount(static_cast<unsigned long long>(c));
                weight[static_cast<std::size_t>(order + n)] += w;
                if (r == c) diagonal += w;
                total += w;
            }
        const auto best = std::max_element(weight.begin(), weight.end()) - weight.begin();
        m.coherence_order = static_cast<int>(best) - n;
        m.population_weight = total > 0.0 ? diagonal / total : 0.0;
        const double scale = std::max(1.0, l.cwiseAbs().maxCoeff());
        if (std::abs(m.eigenvalue) < 1e-10 * scale) {
            m.label = "steady state";
        } else if (m.coherence_order == 0) {
            m.label = m.population_weight > 0.5 ? "populations" : "zero-quantum coherence";
        } else {
            m.label = "coherence order " + std::to_string(m.coherence_order);
        }
        modes.push_back(m);
    }
    std::stable_sort(modes.begin(), modes.end(), [](const GeneratorMode& a, const GeneratorMode& b) {
        if (a.eigenvalue.real() != b.eigenvalue.real()) return a.eigenvalue.real() > b.eigenvalue.real();
        return a.eigenvalue.imag() < b.eigenvalue.imag();
    });
    return modes;
}

namespace {

bool acts_only_on(const SpinOperator& op, int spin) {
    const BasisState bit = BasisState{1} << spin;
    return std::all_of(op.terms().begin(), op.terms().end(), [&](const Monomial& m) { return (m.mask & ~bit) == 0; });
}

SpinOperator moved_to_spin0(const SpinOperator& op, int spin) {
    std::vector<Monomial> terms;
    for (const auto& m : op.terms()) terms.push_back({m.mask >> spin, m.out >> spin, m.in >> spin, m.coeff});
    return SpinOperator(std::move(terms));
}

}  // namespace

std::vector<SingleSpinRates> single_spin_rates(const Model& model) {
    const int n = model.spins.size();
    const auto energies = single_spin_energies(model.hamiltonian_operator(), n);
    if (!energies) return {};
    std::vector<SingleSpinRates> out;
    for (int j = 0; j < n; ++j) {
        Model one;
        Species lone;
        lone.name = "spin";
        lone.count = 1;
        lone.frequency = model.spins.frequency(j);
        one.spins = SpinSystem({lone});
        HamiltonianTerm levels;
        levels.name = "levels";
        levels.kind = "custom";
        levels.op = complex(energies->up[static_cast<std::size_t>(j)], 0.0) * SpinOperator::projector_up(0) +
                    complex(energies->down[static_cast<std::size_t>(j)], 0.0) * SpinOperator::projector_down(0);
        one.hamiltonian.push_back(levels);
        for (const auto& c : model.channels) {
            Channel moved;
            moved.name = c.name;
            moved.kind = c.kind;
            for (const auto& jump : c.jumps)
                if (acts_only_on(jump.op, j)) moved.jumps.push_back({jump.rate, moved_to_spin0(jump.op, j)});
            if (!moved.jumps.empty()) one.channels.push_back(moved);
        }
        one.environment.baths = model.environment.baths;
        one.environment.options = model.environment.options;
        for (const auto& term : model.environment.couplings)
            if (acts_only_on(term.op, j))
                one.environment.couplings.push_back(
                    {term.name, term.bath, term.copy < 0 ? -1 : 0, moved_to_spin0(term.op, j)});
        const auto derived = derive_generator(one);
        for (const auto& t : derived.hamiltonian) one.hamiltonian.push_back(t);
        for (const auto& c : derived.channels) one.channels.push_back(c);
        const auto modes = generator_modes(one);
        SingleSpinRates r;
        r.spin = j;
        for (const auto& m : modes) {
            if (m.label == "populations") r.t1 = -m.eigenvalue.real();
            if (m.coherence_order == 1) {
                r.t2 = -m.eigenvalue.real();
                r.omega = std::abs(m.eigenvalue.imag());
            }
        }
        r.pure_dephasing = r.t2 - 0.5 * r.t1;
        out.push_back(r);
    }
    return out;
}

}  // namespace openspins::redfield
