// The Lindblad generator on Pauli coordinates a_Q = Tr(σ_Q ρ) (pauli_basis.hpp): da/dt = M a, with
//
//   M_QP = 2^−N Tr(σ_Q L(σ_P)),   L(X) = −i[H, X] + Σ_k γ_k (L_k X L_k† − ½{L_k†L_k, X}).
//
// Written as a sum of terms c σ_A X σ_B (H = Σ h_s σ_s gives (s, I, −i h_s) and (I, s, i h_s); a jump
// L = Σ l_a σ_a gives (a, b, γ l_a l_b*) and, with L†L = Σ κ_s σ_s, (s, I, −½γκ_s) and (I, s, −½γκ_s)),
// a term maps σ_P to a multiple of one string, so row Q of M has one entry per term, at P = Q ^ A ^ B:
//
//   M_QP += c · φ(A, P) · φ(A ^ P, B)     (σ_A σ_P = φ(A, P) σ_{A ^ P}, φ ∈ {±1, ±i}),
//
// a weight that depends on Q's bits on the term's support S (the spins A or B acts on) only. Terms of
// one flip F = A ^ B and one support are one entry: (da/dt)_Q += w(Q|_S) a_{Q ^ F}, w real (L maps
// Hermitian to Hermitian). No Re/Im planes, no Hermitian packing, no transposes: every entry reads
// one real vector at an XOR of the index, which is what makes the pass cheap (docs/methods/exact.md,
// "Pauli coordinates").
//
// The fast pass (apply()) runs from 3 spins: pass A takes the entries on the k = min(N, 7) lowest spins,
// on tiles of 4^k reals (128 KiB, kept in L2), the diagonal included, in chunks of 32 reals held in
// registers, into the thread's scratch; pass B then the others (spins ≥ m, m ≥ 3) on the tile's rows of 4^m
// reals, scalar weights per row, adding to A's output from the scratch and writing out once. Each element is
// summed in one fixed order: the bits do not depend on the thread count. Models whose second-pass entries
// touch spins 0–2 use the reference loop (apply_reference(); exact_method runs the fused kernel for them,
// suits()).
#pragma once

#include <cstdint>
#include <vector>

#include "openspins/integrate/page_aligned_allocator.hpp"
#include "openspins/integrate/recurrence_step.hpp"
#include "openspins/method/exact/pauli_basis.hpp"
#include "openspins/model/channel.hpp"

namespace openspins::exact {

class PauliGenerator {
public:
    enum class Isa { generic, avx2 };
    static Isa best_isa();

    // One entry: (da/dt)_Q += weight[index(Q, support)] · a_{Q ^ flip}, index = Q's two-bit codes on the
    // support's spins, lowest spin first.
    struct Term {
        PauliCode flip = 0, support = 0;
        std::vector<double> weight;
    };
    PauliGenerator(int spins, const SpinOperator& hamiltonian, const std::vector<Jump>& jumps);
    // Whether a model suits the fast passes, decided without building the generator (whose cost grows with the
    // square of a jump's Pauli strings): from 3 spins, every Pauli string of H, and all the strings of each jump
    // together, acting on at most local_span consecutive spins, each jump a sum of at most 16 strings. The
    // generator of such a model is fast().
    static constexpr int local_span = 4;
    static bool suits(int spins, const SpinOperator& hamiltonian, const std::vector<Jump>& jumps);

    [[nodiscard]] std::size_t size() const { return std::size_t{1} << (2 * spins_); }
    [[nodiscard]] const std::vector<Term>& terms() const { return terms_; }
    // out = M a, element by element (the slow reference).
    void apply_reference(const double* a, double* out) const;
    // out = M a, by the fast passes when fast(), else apply_reference().
    void apply(const double* a, double* out) const;
    // One term of the Chebyshev recurrence with a = step.current (recurrence_step.hpp), taken in the pass's last
    // write instead of out, with the propagator's own bits. Returns max |previous|.
    double apply_step(const RecurrenceStep& step) const;
    [[nodiscard]] bool fast() const { return fast_; }
    // Spins of pass A's tiles (k), and the lowest spin pass B touches (m; 0 without a pass B).
    [[nodiscard]] int tile_spins() const { return tile_spins_; }
    [[nodiscard]] int second_pass_spin() const { return pass_b_spin_; }
    // Bytes one apply() must move if only what it must read and write went to memory: 16 per element without a
    // pass B (a read, out written once); 24 with it — a read by its tile and once more as the rows' sources (they
    // are other tiles' rows, from cache when recently read), out written once: the nominal 3 × 8 B.
    [[nodiscard]] std::size_t streamed_bytes() const { return (pass_b_spin_ > 0 ? 24 : 16) * size(); }
    [[nodiscard]] Isa isa() const { return isa_; }
    void set_isa(Isa isa);

    // The weight index of Q on a support.
    static std::size_t weight_index(PauliCode q, PauliCode support);

    // A resolved entry of a chunk's (pass A) or a row's (pass B) list: where the source starts (reals
    // from the tile's start, or from a's start) and where its weight sits in the pool.
    struct Resolved {
        std::uint32_t src = 0, weight = 0;
    };
    // A run of one chunk's list with one kind: 0 a scalar weight, in place; 1 + fv + 8 fl a weight
    // pattern of 32 reals, the source's in-chunk index flipped by fl + 4 fv.
    struct Segment {
        std::uint32_t kind = 0, end = 0;
    };

private:
    void build_fast_path();
    double run(const double* a, double* out, const RecurrenceStep* step) const;

    int spins_;
    Isa isa_;
    std::vector<Term> terms_;
    bool fast_ = false;
    int tile_spins_ = 0, pass_b_spin_ = 0;
    StateVector pool_;  // weight patterns (32 reals, aligned) and scalars
    // Pass A, per local chunk j of a tile: the diagonal's pattern at pool_[a_diag_[j]], the segments
    // a_segments_[a_chunk_[j] …  a_chunk_[j + 1]), each ending at an index of a_entries_.
    std::vector<std::uint32_t> a_diag_, a_chunk_;
    std::vector<Segment> a_segments_;
    std::vector<Resolved> a_entries_;
    std::vector<double> diag_high_;  // the diagonal's part on spins ≥ k, per tile
    // Pass B, per row R (index >> 2m): entries b_entries_[b_row_[R] … b_row_[R + 1]), scalar weights.
    std::vector<std::uint32_t> b_row_;
    std::vector<Resolved> b_entries_;
    mutable std::vector<double> largest_;  // apply_step(): max |term| of each work item
};

}  // namespace openspins::exact
