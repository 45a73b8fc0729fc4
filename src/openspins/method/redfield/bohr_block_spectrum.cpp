#include "openspins/method/redfield/bohr_block_spectrum.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/SparseCore>
#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <numeric>
#include <optional>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/memory_budget.hpp"
#include "openspins/method/redfield/dense_operator.hpp"
#include "openspins/method/redfield/sparse_liouvillian.hpp"
#include "openspins/model/basis_frame.hpp"
#include "openspins/number_text.hpp"

namespace openspins::redfield {

namespace {

using Sparse = Eigen::SparseMatrix<complex>;
using Index = Eigen::Index;

class DisjointSets {
public:
    explicit DisjointSets(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), std::size_t{0}); }
    std::size_t find(std::size_t x) {
        while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
        return x;
    }
    void unite(std::size_t a, std::size_t b) {
        a = find(a), b = find(b);
        if (a != b) parent_[std::max(a, b)] = std::min(a, b);
    }

private:
    std::vector<std::size_t> parent_;
};

// Mean number of down spins of each basis vector: a column of V in the eigenbasis frame, the
// product state itself otherwise.
std::vector<double> mean_down_counts(const BasisFrame* frame, Index d) {
    std::vector<double> q(static_cast<std::size_t>(d), 0.0);
    for (Index a = 0; a < d; ++a) {
        if (!frame) {
            q[static_cast<std::size_t>(a)] = std::popcount(static_cast<BasisState>(a));
            continue;
        }
        for (Index s = 0; s < frame->v.rows(); ++s)
            q[static_cast<std::size_t>(a)] += std::norm(frame->v(s, a)) * std::popcount(static_cast<BasisState>(s));
    }
    return q;
}

// The largest block of 𝓛's non-zero pattern before any entry is summed or dropped (a superset
// of the final links, no storage but the sets), counted up to `limit` + 1: it decides before the
// assembly, whose entries (Σ_k nnz(L_k)²) grow as d⁴ when a wide window makes the jumps dense.
std::size_t largest_pattern_block(const LiouvillianTerms& f, std::size_t limit) {
    const auto size = static_cast<std::size_t>(f.d * f.d);
    DisjointSets sets(size);
    for_each_entry(
        f, [&](Index r, Index c, complex) { sets.unite(static_cast<std::size_t>(r), static_cast<std::size_t>(c)); });
    std::vector<std::size_t> count(size, 0);
    std::size_t largest = 0;
    for (std::size_t x = 0; x < size && largest <= limit; ++x) largest = std::max(largest, ++count[sets.find(x)]);
    return largest;
}

struct Report {
    SpectrumBlock block;
    std::size_t blocks = 0, largest = 0;
};

}  // namespace

bool splits_into_bohr_blocks(const Model& model, std::size_t limit) {
    if (model.spins.size() > max_bohr_block_spins) return false;
    return largest_pattern_block(liouvillian_terms(model), limit) <= limit;
}

GeneratorSpectrum bohr_block_spectrum(const Model& model, const SpectrumOptions& options) {
    const int n = model.spins.size();
    if (n > max_bohr_block_spins)
        throw ModelError(
            messages::format_message("bohr_block_spins", {std::to_string(max_bohr_block_spins), std::to_string(n)}));
    auto spectrum = bohr_block_spectrum_within(model, max_bohr_block, options);
    if (!spectrum) throw ModelError(messages::format_message("bohr_block_too_large", {std::to_string(max_bohr_block)}));
    return std::move(*spectrum);
}

std::optional<GeneratorSpectrum> bohr_block_spectrum_within(const Model& model, std::size_t limit,
                                                            const SpectrumOptions& options) {
    const int n = model.spins.size();
    if (n > max_bohr_block_spins) return std::nullopt;
    const auto start = std::chrono::steady_clock::now();
    const LiouvillianTerms generator = liouvillian_terms(model);
    const Index d = generator.d;
    const auto size = static_cast<std::size_t>(d * d);
    if (largest_pattern_block(generator, limit) > limit) return std::nullopt;
    const Sparse l = sparse_liouvillian(generator, n, options.memory_limit_bytes);

    DisjointSets sets(size);
    for (Index c = 0; c < l.outerSize(); ++c)
        for (Sparse::InnerIterator it(l, c); it; ++it)
            sets.unite(static_cast<std::size_t>(it.row()), static_cast<std::size_t>(c));
    std::vector<std::vector<std::size_t>> members(size);
    for (std::size_t x = 0; x < size; ++x) members[sets.find(x)].push_back(x);

    // Bare Bohr frequencies when the frame knows its energies, else H's diagonal (Lamb-shifted; in
    // the product basis the Zeeman levels, exact for uncoupled spins).
    const Eigen::VectorXd energies =
        model.frame && model.frame->energies.size() == d
            ? model.frame->energies
            : Eigen::VectorXd(sparse_matrix(model.hamiltonian_operator(), n).diagonal().real());
    const double scale = std::max(1.0, energies.cwiseAbs().maxCoeff());
    const auto frequency = [&](std::size_t x) {
        return energies(static_cast<Index>(x) % d) - energies(static_cast<Index>(x) / d);
    };
    const auto mirror = [&](std::size_t x) {
        return (x % static_cast<std::size_t>(d)) * static_cast<std::size_t>(d) + x / static_cast<std::size_t>(d);
    };
    const auto q = mean_down_counts(model.frame.get(), d);

    GeneratorSpectrum spectrum;
    spectrum.total_dimension = size;
    Report zero, other;
    zero.block.name = "ω = 0";
    other.block.name = "ω ≠ 0";
    std::vector<int> local(size, -1);
    std::vector<bool> done(size, false);
    for (std::size_t root = 0; root < size; ++root) {
        const auto& nodes = members[root];
        if (nodes.empty() || done[root]) continue;
        const std::size_t twin = sets.find(mirror(nodes.front()));
        done[root] = done[twin] = true;
        const auto block_start = std::chrono::steady_clock::now();
        const std::size_t m = nodes.size();
        check_memory_budget(n, 64 * m * m, options.memory_limit_bytes,
                            "generator spectrum, a Bohr block of " + std::to_string(m) + " elements");
        for (std::size_t j = 0; j < m; ++j) local[nodes[j]] = static_cast<int>(j);
        Eigen::MatrixXcd b = Eigen::MatrixXcd::Zero(static_cast<Index>(m), static_cast<Index>(m));
        double low = frequency(nodes.front()), high = low;
        for (std::size_t j = 0; j < m; ++j) {
            low = std::min(low, frequency(nodes[j]));
            high = std::max(high, frequency(nodes[j]));
            for (Sparse::InnerIterator it(l, static_cast<Index>(nodes[j])); it; ++it)
                b(local[static_cast<std::size_t>(it.row())], static_cast<Index>(j)) = it.value();
        }
        const Eigen::ComplexEigenSolver<Eigen::MatrixXcd> solver(b);
        if (solver.info() != Eigen::Success)
            throw NumericalError(messages::format_message(
                "eigensolver_failed",
                {"Eigen's ComplexEigenSolver", "a Bohr block of " + std::to_string(m) + " elements"}));
        const double tolerance = 1e-9 * scale;
        const bool has_zero = low <= tolerance && high >= -tolerance;
        const std::string detail =
            has_zero
                ? ""
                : (high - low <= tolerance ? "ω = " + number_text("%.6g", low)
                                           : "ω = " + number_text("%.6g", low) + " … " + number_text("%.6g", high));
        const std::string twin_detail =
            has_zero
                ? ""
                : (high - low <= tolerance ? "ω = " + number_text("%.6g", -low)
                                           : "ω = " + number_text("%.6g", -high) + " … " + number_text("%.6g", -low));
        for (Index i = 0; i < solver.eigenvalues().size(); ++i) {
            const auto v = solver.eigenvectors().col(i);
            ModeWeights weights(n);
            for (std::size_t j = 0; j < m; ++j) {
                const std::size_t a = nodes[j] % static_cast<std::size_t>(d),
                                  c = nodes[j] / static_cast<std::size_t>(d);
                weights.add(static_cast<int>(std::lround(q[a] - q[c])), a == c, std::norm(v(static_cast<Index>(j))));
            }
            GeneratorMode mode = weights.mode(solver.eigenvalues()(i));
            mode.block = has_zero ? zero.block.name : other.block.name;
            mode.detail = detail;
            if (twin != root) {
                GeneratorMode mirrored = mode;
                mirrored.eigenvalue = std::conj(mode.eigenvalue);
                mirrored.coherence_order = -mode.coherence_order;
                mirrored.detail = twin_detail;
                spectrum.modes.push_back(std::move(mirrored));
            }
            spectrum.modes.push_back(std::move(mode));
        }
        for (std::size_t j = 0; j < m; ++j) local[nodes[j]] = -1;
        Report& report = has_zero ? zero : other;
        const std::size_t copies = twin != root ? 2 : 1;
        report.blocks += copies;
        report.largest = std::max(report.largest, m);
        report.block.dimension += copies * m;
        report.block.found += copies * m;
        report.block.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - block_start).count();
    }
    double solves = 0.0;
    for (Report* r : {&zero, &other}) {
        r->block.solver = "dense, " + std::to_string(r->blocks) + " blocks ≤ " + std::to_string(r->largest);
        solves += r->block.seconds;
        if (r->blocks > 0) spectrum.blocks.push_back(r->block);
    }
    // The assembly and the search for blocks are counted with the first block.
    spectrum.blocks.front().seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() - solves;
    sort_slowest_first(spectrum.modes);
    label_modes(spectrum.modes);
    return spectrum;
}

}  // namespace openspins::redfield
