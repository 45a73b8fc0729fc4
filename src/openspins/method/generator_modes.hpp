// The spectrum of a generator as `openspins rates` reports it, for every method that
// computes one (method/redfield/generator_spectrum.hpp for Lindblad-form generators on
// the 2^N space, method/dicke/dicke_spectrum.hpp in the Dicke basis).
//
// A mode evolves as e^{λt}: rate −Re λ, frequency Im λ. Coherence order follows
// docs/conventions.md: q(r) − q(c) with q the number of down spins (in the Dicke basis
// q = N/2 − m, so the order is m' − m of the element |j, m⟩⟨j, m'|). When the generator
// conserves coherence order it is block diagonal in it; each block (orders ±k together: the
// part that is closed under ρ → ρ†) is diagonalised on its own, densely when its real
// dimension is at most `dense_limit`, otherwise for its `modes` slowest eigenvalues by
// Arnoldi (integrate/real_eigensolver.hpp).
#pragma once

#include <complex>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace openspins {

struct SpectrumOptions {
    std::size_t dense_limit = 1024;      // real dimension of a block up to which every eigenvalue is computed
    int modes = 12;                      // eigenvalues per larger block (a conjugate pair counts two)
    double tolerance = 1e-9;             // Arnoldi's relative tolerance (ARPACK: Ritz estimate ≤ tol·|λ|)
    std::size_t memory_limit_bytes = 0;  // 0: the machine's available memory (method/memory_budget.hpp)
    // Iterative solver of a block beyond dense_limit (method/redfield/generator_spectrum.hpp):
    // "rotating" (ARPACK on 𝓛 − 𝓗₀, 𝓗₀ the one-body Zeeman commutator, when that commutes
    // with 𝓛; then Rayleigh–Ritz with 𝓛), "arnoldi" (ARPACK on 𝓛, which = "LR"), "propagator"
    // (ARPACK on e^{𝓛τ}, integrate/propagator_eigensolver.hpp), "shift-invert" (complex, one
    // shift per coherence band; non-conserving generators, method/redfield/shift_invert_spectrum.hpp)
    // or "auto" (rotating where it applies, shift-invert for a non-conserving generator, arnoldi
    // elsewhere). The dicke spectrum always uses arnoldi.
    std::string solver = "auto";
    double tau = 0.0;  // propagator time; 0: tau_rates / (the block's mean decay rate)
    double tau_rates = 30.0;
    std::function<void(double)> progress;  // fraction done, for long solves (shift-invert bands); may be empty
};

struct GeneratorMode {
    std::complex<double> eigenvalue;  // the mode evolves as e^{λt}; rate = −Re λ
    int coherence_order = 0;          // dominant q(r) − q(c) of its eigenmatrix
    double population_weight = 0.0;   // share of the eigenmatrix on the diagonal
    std::string label;                // "steady state", "populations", "coherence order k", …
    std::string detail;               // appended to the label ("j = 3/2" for the dicke method)
    std::string block;                // the block it was computed in ("orders ±1", "all orders", …)
    double residual = 0.0;            // ‖𝓛v − λv‖ for a unit v (0 when computed densely)
};

struct SpectrumBlock {
    std::string name;           // "order 0", "orders ±2", "all orders", "populations", …
    std::size_t dimension = 0;  // real dimension
    std::string solver;         // "dense", "Arnoldi", "propagator τ = …", "shift-invert (sparse LU)"
    std::size_t found = 0;      // eigenvalues computed
    bool converged = true;      // iterative: all requested eigenvalues met the tolerance
    long products = 0;          // generator applications (or solves)
    double seconds = 0.0;
    double max_residual = 0.0;
    long propagations = 0;  // propagator solver: applications of e^{𝓛τ}
};

struct GeneratorSpectrum {
    std::vector<GeneratorMode> modes;  // all blocks together, slowest first
    std::vector<SpectrumBlock> blocks;
    std::size_t total_dimension = 0;  // number of eigenvalues of the whole generator
    [[nodiscard]] bool complete() const { return modes.size() == total_dimension; }
};

struct SingleSpinRates {
    int spin = 0;
    double omega = 0.0;           // transition frequency e(↓) − e(↑) (Lamb-shifted: |Im λ| of the T2 mode)
    double t1 = 0.0;              // 1/T1: population relaxation rate
    double t2 = 0.0;              // 1/T2: coherence decay rate
    double pure_dephasing = 0.0;  // 1/T2 − 1/(2T1)
};

// The rates of a one-spin generator's modes: T1 from its population mode, T2 and ω from a
// coherence-order ±1 mode.
SingleSpinRates one_spin_rates(const std::vector<GeneratorMode>& modes, int spin);

// The weights of an eigenmatrix X, element by element (|X_rc|², its coherence order, whether it is
// on the diagonal), that label a mode: its dominant coherence order and its population weight.
class ModeWeights {
public:
    explicit ModeWeights(int spins) : spins_(spins), by_order_(static_cast<std::size_t>(2 * spins + 1), 0.0) {}
    void add(int order, bool on_diagonal, double weight) {
        by_order_[static_cast<std::size_t>(order + spins_)] += weight;
        if (on_diagonal) diagonal_ += weight;
        total_ += weight;
    }
    // A mode with this eigenvalue and residual, coherence_order and population_weight set.
    [[nodiscard]] GeneratorMode mode(std::complex<double> eigenvalue, double residual = 0.0) const;

private:
    int spins_;
    std::vector<double> by_order_;
    double diagonal_ = 0.0, total_ = 0.0;
};

// Refuses (ResourceError) a block whose eigensolver would not fit: dense ≈ 40 n² bytes (the
// matrix, its Schur form, the complex eigenvectors), Arnoldi ≈ (subspace + 4) n doubles;
// `extra_bytes` for the operator's own storage.
void check_spectrum_memory(int spins, const std::string& block, std::size_t dimension, const SpectrumOptions& options,
                           std::size_t extra_bytes);

// Slowest first: decreasing real part, then increasing imaginary part.
void sort_slowest_first(std::vector<GeneratorMode>& modes);

// Labels "steady state" (|λ| ≤ 1e-9 · max(1, max |λ| of `modes`)), "populations"
// (order 0, diagonal weight > ½), "zero-quantum coherence", "coherence order k", each
// followed by ", " + detail when the mode has one.
void label_modes(std::vector<GeneratorMode>& modes);

}  // namespace openspins
