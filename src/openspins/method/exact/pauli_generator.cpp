#include "openspins/method/exact/pauli_generator.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

#include "openspins/integrate/parallel_loop.hpp"
#include "openspins/method/exact/recurrence_step_out.hpp"
#include "openspins/method/exact/simd_vector.hpp"

namespace openspins::exact {

namespace {

using namespace simd;

// Pass A's tiles: the 7 lowest spins, 4^7 reals = 128 KiB (the core's L2 holds a tile with room to spare).
constexpr int tile_spins_limit = 7;
// A chunk: 32 reals (spin 0, spin 1 and spin 2's x bit), held in registers while its entries run.
constexpr std::size_t chunk = 32;
// Outputs above this size are written around the caches (nothing reads them back in the call, and a normal store
// would first read each line).
constexpr std::size_t stream_threshold_bytes = std::size_t{8} << 20;

// The code with idx's two-bit fields deposited on the support's spins, lowest first.
PauliCode deposit(std::size_t idx, PauliCode support) {
    PauliCode q = 0;
    for (unsigned spin = 0; support != 0; ++spin, support >>= 2)
        if (support & 3U) {
            q |= PauliCode{idx & 3U} << (2 * spin);
            idx >>= 2;
        }
    return q;
}

unsigned support_spins(PauliCode support) { return static_cast<unsigned>(std::popcount(support)) / 2; }

struct Elementary {
    PauliCode a = 0, b = 0;
    complex c;
};

// Lane t of the result is lane t ^ F of x (F known at compile time).
template <class V, unsigned F>
OPENSPINS_HOT V lane_flip(const V& x) {
    if constexpr (F == 0) {
        return x;
    } else if constexpr (lanes_of<V> == 4) {
        return __builtin_shufflevector(x, x, 0 ^ F, 1 ^ F, 2 ^ F, 3 ^ F);
    } else {
        return __builtin_shufflevector(x, x, 0 ^ F, 1 ^ F);
    }
}

using Resolved = PauliGenerator::Resolved;
using Segment = PauliGenerator::Segment;

// A run of one kind's entries on the chunk's accumulators (see Segment): kind 0 a scalar weight in place,
// kind 1 + fv + 8 fl a 32-real weight pattern with the source's in-chunk index flipped by f = fl + 4 fv
// (vector k reads vector k ^ f / L, its lanes flipped by f % L).
template <class V, unsigned Kind>
OPENSPINS_HOT void run_group(V* acc, const double* tile, const Resolved* e, const Resolved* end,
                             const double* pool) {
    constexpr unsigned L = lanes_of<V>, K = chunk / L;
    for (; e != end; ++e) {
        const double* p = tile + e->src;
        if constexpr (Kind == 0) {
            const V w = V{} + pool[e->weight];
#pragma GCC unroll 16
            for (unsigned k = 0; k < K; ++k) acc[k] += w * load_v<V>(p + L * k);
        } else {
            constexpr unsigned f = (Kind - 1) / 8 + 4 * ((Kind - 1) % 8);
            constexpr unsigned vf = f / L, lf = f % L;
            const double* w = pool + e->weight;
#pragma GCC unroll 16
            for (unsigned k = 0; k < K; ++k) acc[k] += load_v<V>(w + L * k) * lane_flip<V, lf>(load_v<V>(p + L * (k ^ vf)));
        }
    }
}

#define OPENSPINS_PAULI_CASE(k) \
    case k: run_group<V, k>(acc, tile, e, end, pool); break;
#define OPENSPINS_PAULI_CASES8(b)                                                                     \
    OPENSPINS_PAULI_CASE(b + 0) OPENSPINS_PAULI_CASE(b + 1) OPENSPINS_PAULI_CASE(b + 2)              \
    OPENSPINS_PAULI_CASE(b + 3) OPENSPINS_PAULI_CASE(b + 4) OPENSPINS_PAULI_CASE(b + 5)              \
    OPENSPINS_PAULI_CASE(b + 6) OPENSPINS_PAULI_CASE(b + 7)

template <class V>
OPENSPINS_HOT void run_segment(unsigned kind, V* acc, const double* tile, const Resolved* e, const Resolved* end,
                               const double* pool) {
    switch (kind) {
        OPENSPINS_PAULI_CASE(0)
        OPENSPINS_PAULI_CASES8(1)
        OPENSPINS_PAULI_CASES8(9)
        OPENSPINS_PAULI_CASES8(17)
        OPENSPINS_PAULI_CASES8(25)
        default: break;
    }
}

// What the passes read, gathered once per call.
struct PassA {
    const double* pool;
    const std::uint32_t* diag;
    const std::uint32_t* chunk_segments;  // chunk j: segments [chunk_segments[j], chunk_segments[j + 1])
    const Segment* segments;
    const Resolved* entries;
    const double* diag_high;
    std::size_t tile;  // reals per tile
    bool stream;
};

struct PassB {
    const double* pool;
    const std::uint32_t* row;
    const Resolved* entries;
    std::size_t row_length, rows;  // 4^m, 4^(N − m)
};

// Where a pass's finished chunk goes: Out 0 stored to y, 1 streamed to y (around the caches), 2 into the Chebyshev
// recurrence's term at offset `at` of the state (recurrence_step_out.hpp; max |term| into `largest`; y is null
// then, and no offset is added to it).
template <class V, int Out>
OPENSPINS_HOT void put(double* y, std::size_t at, const V* acc, const RecurrenceStep* step, V& largest) {
    constexpr unsigned L = lanes_of<V>, K = chunk / L;
    if constexpr (Out == 2) {
        step_out<V, K>(*step, at, acc, largest);
    } else {
#pragma GCC unroll 16
        for (unsigned k = 0; k < K; ++k) {
            if constexpr (Out == 1) {
                stream_v<V>(y + L * k, acc[k]);
            } else {
                store_v<V>(y + L * k, acc[k]);
            }
        }
    }
}

// Pass A on tile t: the diagonal and the tile's entries, chunk by chunk, to dst (the tile's 4^k reals; Out: put()).
template <class V, int Out>
OPENSPINS_HOT void tile_to(const PassA& g, const double* a, std::size_t t, double* dst, const RecurrenceStep* step,
                           V& largest) {
    constexpr unsigned L = lanes_of<V>, K = chunk / L;
    const double* tile = a + t * g.tile;
    const double dh = g.diag_high[t];
    std::uint32_t s = g.chunk_segments[0];
    std::uint32_t first = 0;
    for (std::size_t j = 0; j < g.tile / chunk; ++j) {
        const double* x = tile + chunk * j;
        const double* dp = g.pool + g.diag[j];
        V acc[K];
#pragma GCC unroll 16
        for (unsigned k = 0; k < K; ++k) acc[k] = (load_v<V>(dp + L * k) + dh) * load_v<V>(x + L * k);
        for (const std::uint32_t s_end = g.chunk_segments[j + 1]; s < s_end; ++s) {
            const Segment seg = g.segments[s];
            run_segment<V>(seg.kind, acc, tile, g.entries + first, g.entries + seg.end, g.pool);
            first = seg.end;
        }
        put<V, Out>(Out == 2 ? nullptr : dst + chunk * j, t * g.tile + chunk * j, acc, step, largest);
    }
}

// Pass B on row R of 4^m reals: dst[c] = from[c] + Σ w · a[R ^ F, c], chunk by chunk along the row (every
// source streams through the row in order).
template <class V, int Out>
OPENSPINS_HOT void row_to(const PassB& g, const double* a, std::size_t r, const double* from, double* dst,
                          const RecurrenceStep* step, V& largest) {
    constexpr unsigned L = lanes_of<V>, K = chunk / L;
    const Resolved* e0 = g.entries + g.row[r];
    const Resolved* e1 = g.entries + g.row[r + 1];
    for (std::size_t c = 0; c < g.row_length; c += chunk) {
        V acc[K];
#pragma GCC unroll 16
        for (unsigned k = 0; k < K; ++k) acc[k] = load_v<V>(from + c + L * k);
        for (const Resolved* e = e0; e != e1; ++e) {
            const V w = V{} + g.pool[e->weight];
            const double* p = a + e->src + c;
#pragma GCC unroll 16
            for (unsigned k = 0; k < K; ++k) acc[k] += w * load_v<V>(p + L * k);
        }
        put<V, Out>(Out == 2 ? nullptr : dst + c, r * g.row_length + c, acc, step, largest);
    }
}

// Work item = tile t: pass A into the thread's scratch, then pass B on the tile's rows from it into out — the
// output is written once, and pass A's part never leaves the cache. Without a pass B, pass A writes out.
// With Out = 2, each item's max |term| goes to largest[item].
template <class V, int Out>
OPENSPINS_HOT void items_to(const PassA& ga, const PassB& gb, const double* a, double* out,
                            const RecurrenceStep* step, double* largest, std::ptrdiff_t begin, std::ptrdiff_t end) {
    for (std::ptrdiff_t item = begin; item < end; ++item) {
        const auto t = static_cast<std::size_t>(item);
        V m{};
        if (gb.rows == 0) {
            tile_to<V, Out>(ga, a, t, Out == 2 ? nullptr : out + t * ga.tile, step, m);
        } else {
            double* scratch = thread_scratch<PauliGenerator>(ga.tile);  // (128 KiB: in L2 until pass B has read it)
            tile_to<V, 0>(ga, a, t, scratch, nullptr, m);
            const std::size_t per_tile = ga.tile / gb.row_length;
            for (std::size_t i = 0; i < per_tile; ++i) {
                const std::size_t r = t * per_tile + i;
                row_to<V, Out>(gb, a, r, scratch + i * gb.row_length, Out == 2 ? nullptr : out + r * gb.row_length,
                               step, m);
            }
        }
        if constexpr (Out == 2) {
            double x = 0.0;
            for (unsigned k = 0; k < lanes_of<V>; ++k) x = std::max(x, m[k]);
            largest[item] = x;
        }
    }
}

template <class V>
OPENSPINS_HOT void items(const PassA& ga, const PassB& gb, const double* a, double* out, const RecurrenceStep* step,
                         double* largest, std::ptrdiff_t begin, std::ptrdiff_t end) {
    if (step != nullptr) {
        items_to<V, 2>(ga, gb, a, out, step, largest, begin, end);
    } else if (ga.stream) {
        items_to<V, 1>(ga, gb, a, out, nullptr, nullptr, begin, end);
    } else {
        items_to<V, 0>(ga, gb, a, out, nullptr, nullptr, begin, end);
    }
}

void items_generic(const PassA& ga, const PassB& gb, const double* a, double* out, const RecurrenceStep* step,
                   double* largest, std::ptrdiff_t begin, std::ptrdiff_t end) {
    items<v2d>(ga, gb, a, out, step, largest, begin, end);
}
#if defined(__x86_64__)
#define OPENSPINS_PAULI_AVX2 1
__attribute__((target("avx2,fma"))) void items_avx2(const PassA& ga, const PassB& gb, const double* a, double* out,
                                                     const RecurrenceStep* step, double* largest,
                                                     std::ptrdiff_t begin, std::ptrdiff_t end) {
    items<v4d>(ga, gb, a, out, step, largest, begin, end);
}
#endif

// A pool of weights with equal patterns (32 reals) and equal scalars stored once.
class WeightPool {
public:
    std::uint32_t pattern(const double* w) {
        const std::vector<double> key(w, w + chunk);
        const auto [it, added] = patterns_.try_emplace(key, static_cast<std::uint32_t>(data_.size()));
        if (added) data_.insert(data_.end(), key.begin(), key.end());
        return it->second;
    }
    // Scalars are kept apart and placed after the patterns by finish() (patterns stay aligned):
    // the returned index carries the scalar flag until then.
    std::uint32_t scalar(double w) {
        const auto [it, added] = scalars_.try_emplace(w, static_cast<std::uint32_t>(scalar_data_.size()));
        if (added) scalar_data_.push_back(w);
        return it->second | scalar_flag;
    }
    static constexpr std::uint32_t scalar_flag = 0x80000000U;
    std::uint32_t resolve(std::uint32_t index) const {
        return (index & scalar_flag) ? static_cast<std::uint32_t>(data_.size()) + (index & ~scalar_flag) : index;
    }
    StateVector finish() const {
        StateVector pool(data_.size() + scalar_data_.size());
        std::copy(data_.begin(), data_.end(), pool.begin());
        std::copy(scalar_data_.begin(), scalar_data_.end(), pool.begin() + static_cast<std::ptrdiff_t>(data_.size()));
        return pool;
    }

private:
    std::map<std::vector<double>, std::uint32_t> patterns_;
    std::map<double, std::uint32_t> scalars_;
    std::vector<double> data_, scalar_data_;
};

}  // namespace

PauliGenerator::Isa PauliGenerator::best_isa() {
#if defined(OPENSPINS_PAULI_AVX2)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return Isa::avx2;
#endif
    return Isa::generic;
}

void PauliGenerator::set_isa(Isa isa) {
    if (static_cast<int>(isa) > static_cast<int>(best_isa()))
        throw std::invalid_argument("PauliGenerator: this processor lacks AVX2");
    isa_ = isa;
}

bool PauliGenerator::suits(int spins, const SpinOperator& hamiltonian, const std::vector<Jump>& jumps) {
    if (spins < 3 || spins > 15) return false;
    // Each string of H, and all strings of one jump together (L ρ L† pairs them), on ≤ local_span neighbours.
    const auto span_ok = [](PauliCode code) {
        if (code == 0) return true;
        const int low = std::countr_zero(code) / 2, high = (63 - std::countl_zero(code)) / 2;
        return high - low < local_span;
    };
    const auto local = [&](const PauliSum& sum, bool together) {
        PauliCode all = 0;
        for (const auto& [code, c] : sum) {
            if (!span_ok(code)) return false;
            all |= code;
        }
        return !together || span_ok(all);
    };
    // A monomial on a wide mask has wide strings (unless sums cancel them: then the fused kernel runs, also
    // correct); checked first, so that a dense operator (a model in its eigenbasis frame) is never expanded.
    const auto narrow = [](const SpinOperator& op) {
        for (const auto& m : op.terms())
            if (m.mask != 0 && std::bit_width(m.mask) - 1 - std::countr_zero(m.mask) >= local_span) return false;
        return true;
    };
    if (!narrow(hamiltonian)) return false;
    for (const auto& jump : jumps)
        if (!narrow(jump.op) || jump.op.terms().size() > 64) return false;
    if (!local(pauli_expansion(hamiltonian), false)) return false;
    for (const auto& jump : jumps) {
        const PauliSum l = pauli_expansion(jump.op);
        if (l.size() > 16 || !local(l, true)) return false;
    }
    return true;
}

std::size_t PauliGenerator::weight_index(PauliCode q, PauliCode support) {
    std::size_t idx = 0;
    unsigned rank = 0;
    for (; support != 0; q >>= 2, support >>= 2)
        if (support & 3U) idx |= static_cast<std::size_t>(q & 3U) << (2 * rank++);
    return idx;
}

PauliGenerator::PauliGenerator(int spins, const SpinOperator& hamiltonian, const std::vector<Jump>& jumps)
    : spins_(spins), isa_(best_isa()) {
    // 4^N reals with 32-bit offsets in the resolved lists: up to 15 spins (8 GiB a vector there).
    if (spins < 1 || spins > 15)
        throw std::invalid_argument("PauliGenerator: 1 to 15 spins (" + std::to_string(spins) + " given)");
    const complex i{0.0, 1.0};
    std::vector<Elementary> terms;
    for (const auto& [s, h] : pauli_expansion(hamiltonian)) {
        if (s == 0) continue;  // the identity commutes
        terms.push_back({s, 0, -i * h});
        terms.push_back({0, s, i * h});
    }
    for (const auto& jump : jumps) {
        const PauliSum l = pauli_expansion(jump.op);
        for (const auto& [a, la] : l)
            for (const auto& [b, lb] : l) terms.push_back({a, b, jump.rate * la * std::conj(lb)});
        PauliSum adjoint;
        for (const auto& [a, la] : l) adjoint[a] = std::conj(la);
        for (const auto& [s, k] : multiply(adjoint, l)) {
            terms.push_back({s, 0, -0.5 * jump.rate * k});
            terms.push_back({0, s, -0.5 * jump.rate * k});
        }
    }
    // Group by (flip, support): each group's weights over Q's bits on the support.
    std::map<std::pair<PauliCode, PauliCode>, std::vector<complex>> groups;
    for (const auto& t : terms) {
        const PauliCode flip = t.a ^ t.b, support = pauli::support(t.a) | pauli::support(t.b);
        auto& w = groups[{flip, support}];
        const std::size_t n = std::size_t{1} << (2 * support_spins(support));
        w.resize(n, 0.0);
        for (std::size_t idx = 0; idx < n; ++idx) {
            const PauliCode p = deposit(idx, support) ^ flip;
            w[idx] += t.c * pauli::product_phase(t.a, p) * pauli::product_phase(t.a ^ p, t.b);
        }
    }
    // One flip's groups on nested or overlapping supports become one entry on their union when it spans at
    // most 4 spins (a table of ≤ 256 weights), except the diagonal's (flip 0), kept apart by support so
    // that the fast pass can split it into a tile part and a high part.
    std::map<PauliCode, std::vector<std::pair<PauliCode, std::vector<complex>>>> by_flip;
    for (auto& [key, w] : groups) by_flip[key.first].emplace_back(key.second, std::move(w));
    double largest = 0.0;
    std::vector<std::pair<PauliCode, std::pair<PauliCode, std::vector<complex>>>> merged;
    for (auto& [flip, list] : by_flip) {
        PauliCode all = 0;
        for (const auto& g : list) all |= g.first;
        if (flip != 0 && list.size() > 1 && support_spins(all) <= 4) {
            std::vector<complex> w(std::size_t{1} << (2 * support_spins(all)), 0.0);
            for (std::size_t idx = 0; idx < w.size(); ++idx) {
                const PauliCode q = deposit(idx, all);
                for (const auto& [support, v] : list) w[idx] += v[weight_index(q, support)];
            }
            merged.push_back({flip, {all, std::move(w)}});
        } else {
            for (auto& g : list) merged.push_back({flip, std::move(g)});
        }
    }
    for (const auto& m : merged)
        for (const complex& w : m.second.second) largest = std::max(largest, std::abs(w));
    for (auto& [flip, g] : merged) {
        Term term{flip, g.first, {}};
        bool zero = true;
        for (const complex& w : g.second) {
            // L maps Hermitian operators to Hermitian ones, so every M_QP is real; an imaginary part means H
            // is not Hermitian.
            if (std::abs(w.imag()) > 1e-12 * std::max(1.0, largest))
                throw std::invalid_argument("PauliGenerator: the generator is not real in Pauli coordinates (H not Hermitian?)");
            term.weight.push_back(w.real());
            zero = zero && std::abs(w.real()) <= 1e-15 * largest;
        }
        if (!zero) terms_.push_back(std::move(term));
    }
    build_fast_path();
}

void PauliGenerator::apply_reference(const double* a, double* out) const {
    const std::size_t n = size();
    for (std::size_t q = 0; q < n; ++q) {
        double s = 0.0;
        for (const auto& t : terms_) s += t.weight[weight_index(q, t.support)] * a[q ^ t.flip];
        out[q] = s;
    }
}

void PauliGenerator::build_fast_path() {
    if (spins_ < 3) return;
    const int k = std::min(spins_, tile_spins_limit);
    const std::size_t tile = std::size_t{1} << (2 * k);
    const PauliCode low = tile - 1;
    // Pass A: entries on the tile's spins; the diagonal's parts on them (per chunk) and above them (per tile).
    std::vector<const Term*> a_terms, diag_low, diag_high, b_terms;
    int m = spins_;
    for (const auto& t : terms_) {
        const bool in_tile = (t.support & ~low) == 0, above = (t.support & low) == 0;
        if (t.flip == 0 && in_tile && !above) {
            diag_low.push_back(&t);
        } else if (t.flip == 0 && above) {
            diag_high.push_back(&t);
        } else if (in_tile) {
            a_terms.push_back(&t);
        } else {
            b_terms.push_back(&t);
            m = std::min(m, std::countr_zero(t.support) / 2);
        }
    }
    // Pass B's entries read whole chunks with scalar weights: they must leave spins 0–2 alone.
    if (!b_terms.empty() && m < 3) return;
    WeightPool pool;
    a_diag_.clear();
    a_chunk_.assign(1, 0);
    a_segments_.clear();
    a_entries_.clear();
    double w[chunk];
    for (std::size_t j = 0; j < tile / chunk; ++j) {
        const std::size_t base = chunk * j;
        for (std::size_t p = 0; p < chunk; ++p) {
            w[p] = 0.0;
            for (const Term* t : diag_low) w[p] += t->weight[weight_index(base + p, t->support)];
        }
        a_diag_.push_back(pool.pattern(w));
        std::vector<std::pair<std::uint32_t, Resolved>> list;  // (kind, entry), in the terms' order
        for (const Term* t : a_terms) {
            bool any = false, constant = true;
            for (std::size_t p = 0; p < chunk; ++p) {
                w[p] = t->weight[weight_index(base + p, t->support)];
                any = any || w[p] != 0.0;
                constant = constant && w[p] == w[0];
            }
            if (!any) continue;
            const auto f = static_cast<std::uint32_t>(t->flip & (chunk - 1));
            const auto src = static_cast<std::uint32_t>(base ^ (t->flip & ~PauliCode{chunk - 1}));
            if (f == 0 && constant) {
                list.push_back({0, {src, pool.scalar(w[0])}});
            } else {
                list.push_back({1 + (f >> 2) + 8 * (f & 3U), {src, pool.pattern(w)}});
            }
        }
        std::stable_sort(list.begin(), list.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
        for (std::size_t e = 0; e < list.size(); ++e) {
            a_entries_.push_back(list[e].second);
            if (e + 1 == list.size() || list[e + 1].first != list[e].first)
                a_segments_.push_back({list[e].first, static_cast<std::uint32_t>(a_entries_.size())});
        }
        a_chunk_.push_back(static_cast<std::uint32_t>(a_segments_.size()));
    }
    const std::size_t tiles = size() / tile;
    diag_high_.assign(tiles, 0.0);
    for (std::size_t h = 0; h < tiles; ++h)
        for (const Term* t : diag_high) diag_high_[h] += t->weight[weight_index(h * tile, t->support)];
    // Pass B: per row of 4^m reals, its entries with their (scalar) weights.
    b_row_.assign(1, 0);
    b_entries_.clear();
    if (!b_terms.empty()) {
        const std::size_t row_length = std::size_t{1} << (2 * m), rows = size() / row_length;
        for (std::size_t r = 0; r < rows; ++r) {
            const PauliCode q = r * row_length;
            for (const Term* t : b_terms) {
                const double x = t->weight[weight_index(q, t->support)];
                if (x == 0.0) continue;
                b_entries_.push_back({static_cast<std::uint32_t>(q ^ t->flip), pool.scalar(x)});
            }
            b_row_.push_back(static_cast<std::uint32_t>(b_entries_.size()));
        }
        pass_b_spin_ = m;
    }
    for (auto& e : a_entries_) e.weight = pool.resolve(e.weight);
    for (auto& e : b_entries_) e.weight = pool.resolve(e.weight);
    for (auto& d : a_diag_) d = pool.resolve(d);
    pool_ = pool.finish();
    tile_spins_ = k;
    fast_ = true;
}

void PauliGenerator::apply(const double* a, double* out) const {
    if (!fast_) {
        apply_reference(a, out);
        return;
    }
    run(a, out, nullptr);
}

double PauliGenerator::apply_step(const RecurrenceStep& step) const {
    if (!fast_) throw std::logic_error("PauliGenerator::apply_step: only on the fast passes (fast())");
    return run(step.current, nullptr, &step);
}

double PauliGenerator::run(const double* a, double* out, const RecurrenceStep* step) const {
    const std::size_t tile = std::size_t{1} << (2 * tile_spins_);
    // The output goes around the caches when it is larger than they are (nothing reads it back in this call).
    const bool stream = step == nullptr && size() * sizeof(double) > stream_threshold_bytes &&
                        reinterpret_cast<std::uintptr_t>(out) % 64 == 0;
    const PassA ga{pool_.data(), a_diag_.data(), a_chunk_.data(), a_segments_.data(), a_entries_.data(),
                   diag_high_.data(), tile, stream};
    const std::size_t row_length = std::size_t{1} << (2 * pass_b_spin_);
    const PassB gb{pool_.data(), b_row_.data(), b_entries_.data(), row_length, pass_b_spin_ > 0 ? size() / row_length : 0};
    auto pass = items_generic;
#if defined(OPENSPINS_PAULI_AVX2)
    if (isa_ == Isa::avx2) pass = items_avx2;
#endif
    const auto count = static_cast<std::ptrdiff_t>(size() / tile);
    if (step != nullptr) largest_.assign(static_cast<std::size_t>(count), 0.0);
    for_each_index(size(), static_cast<std::size_t>(count), [&](std::size_t t) {
        pass(ga, gb, a, out, step, largest_.data(), static_cast<std::ptrdiff_t>(t), static_cast<std::ptrdiff_t>(t) + 1);
    });
    double m = 0.0;
    if (step != nullptr)
        for (const double x : largest_) m = std::max(m, x);
    return m;
}

}  // namespace openspins::exact
