#include "openspins/method/heom/hierarchy_generator.hpp"

#include "openspins/integrate/blocking_workers.hpp"

#include <omp.h>

#include <algorithm>

namespace openspins::heom {

namespace {

using complex = std::complex<double>;

// s += f·x over n numbers (s = f·x when `started` is false; then it is set); a weight of zero adds nothing, a
// real one is applied as a real scaling (half the work of a complex product).
void accumulate(complex f, const complex* x, complex* s, std::ptrdiff_t n, bool& started) {
    if (f == complex(0.0)) return;
    if (f.imag() == 0.0) {
        const double r = f.real();
        if (!started)
            for (std::ptrdiff_t m = 0; m < n; ++m) s[m] = r * x[m];
        else
            for (std::ptrdiff_t m = 0; m < n; ++m) s[m] += r * x[m];
    } else {
        if (!started)
            for (std::ptrdiff_t m = 0; m < n; ++m) s[m] = f * x[m];
        else
            for (std::ptrdiff_t m = 0; m < n; ++m) s[m] += f * x[m];
    }
    started = true;
}

// y += A·x (column-major D×D): column j of y gains v·x(c, j) at row r for each entry (r, c, v).
template <class Op>
void add_left_product(const Op& a, const complex* x, complex* y, int d) {
    for (int j = 0; j < d; ++j) {
        const complex* xc = x + static_cast<std::ptrdiff_t>(j) * d;
        complex* yc = y + static_cast<std::ptrdiff_t>(j) * d;
        for (const auto& e : a) yc[e.row] += e.value * xc[e.col];
    }
}

// y += x·B: column c of y gains v·(column r of x) for each entry (r, c, v) of B.
template <class Op>
void add_right_product(const complex* x, const Op& b, complex* y, int d) {
    for (const auto& e : b) {
        const complex* xc = x + static_cast<std::ptrdiff_t>(e.row) * d;
        complex* yc = y + static_cast<std::ptrdiff_t>(e.col) * d;
        const complex v = e.value;
        for (int i = 0; i < d; ++i) yc[i] += v * xc[i];
    }
}

}  // namespace

HierarchyGenerator::SparseOp HierarchyGenerator::entries_of(const Eigen::MatrixXcd& m) {
    SparseOp out;
    for (Eigen::Index c = 0; c < m.cols(); ++c)
        for (Eigen::Index r = 0; r < m.rows(); ++r)
            if (m(r, c) != complex(0.0)) out.push_back({static_cast<int>(r), static_cast<int>(c), m(r, c)});
    return out;
}

HierarchyGenerator::HierarchyGenerator(const Eigen::MatrixXcd& hamiltonian,
                                       const std::vector<std::pair<double, Eigen::MatrixXcd>>& jumps,
                                       const HierarchyBaths& baths, const AdoIndex& index)
    : dim_(static_cast<int>(hamiltonian.rows())), baths_(baths), index_(index) {
    const complex i(0.0, 1.0);
    // One-sided parts: left_·ρ + ρ·right_ with left_ = −iH − K − Σ δ Q², right_ = iH − K − Σ δ̄ Q²,
    // K = Σ r L†L/2. A complex terminator δ = δ_R + iδ_I (a fitted C_I's remainder) is the white noise
    // 2δ·δ(t) in C: −δQ²ρ + 2δ_R QρQ − δ̄ρQ² = δ_R(2QρQ − {Q², ρ}) − iδ_I[Q², ρ].
    Eigen::MatrixXcd anti = Eigen::MatrixXcd::Zero(dim_, dim_);
    Eigen::MatrixXcd anti_right = Eigen::MatrixXcd::Zero(dim_, dim_);
    for (const auto& [rate, l] : jumps) {
        anti += 0.5 * rate * (l.adjoint() * l);
        anti_right += 0.5 * rate * (l.adjoint() * l);
        sandwich_left_.push_back(entries_of(l));
        sandwich_right_.push_back(entries_of(rate * l.adjoint()));
    }
    for (std::size_t c = 0; c < baths.couplings.size(); ++c) {
        couplings_.push_back(entries_of(baths.couplings[c]));
        const complex delta = baths.terminators[c];
        if (delta == 0.0) continue;
        anti += delta * (baths.couplings[c] * baths.couplings[c]);
        anti_right += std::conj(delta) * (baths.couplings[c] * baths.couplings[c]);
        sandwich_left_.push_back(entries_of(baths.couplings[c]));  // Q Hermitian: QρQ = QρQ†
        sandwich_right_.push_back(entries_of(2.0 * delta.real() * baths.couplings[c]));
    }
    left_ = entries_of(-i * hamiltonian - anti);
    right_ = entries_of(i * hamiltonian - anti_right);
    decay_.assign(index.size(), 0.0);
    for (std::size_t a = 0; a < index.size(); ++a)
        for (int k = 0; k < index.exponents(); ++k)
            decay_[a] += static_cast<double>(index.occupation(a, k)) * baths.exponents[static_cast<std::size_t>(k)].rate;
    // The own block as one D² × D² superoperator (its entries found by applying it to unit matrices) when that
    // costs fewer products than the one-sided and sandwich passes: e.g. a diagonal H with single-spin terminators
    // (bench/heom_vs_qutip.py's model) has 1 + (sandwiches) entries per row instead of 2 + 3·(sandwiches) passes.
    {
        const std::ptrdiff_t d2 = static_cast<std::ptrdiff_t>(dim_) * dim_;
        std::size_t passes = left_.size() * static_cast<std::size_t>(dim_) + right_.size() * static_cast<std::size_t>(dim_);
        for (std::size_t s = 0; s < sandwich_left_.size(); ++s)
            passes += static_cast<std::size_t>(d2) + (sandwich_left_[s].size() + sandwich_right_[s].size()) * static_cast<std::size_t>(dim_);
        if (d2 <= 4096) {
            std::vector<complex> unit(static_cast<std::size_t>(d2), 0.0), column(static_cast<std::size_t>(d2)),
                tmp(static_cast<std::size_t>(d2));
            SparseOp own;
            for (std::ptrdiff_t c = 0; c < d2 && own.size() < passes; ++c) {
                unit[static_cast<std::size_t>(c)] = 1.0;
                std::fill(column.begin(), column.end(), complex(0.0));
                add_own(unit.data(), column.data(), tmp.data());
                unit[static_cast<std::size_t>(c)] = 0.0;
                for (std::ptrdiff_t r = 0; r < d2; ++r)
                    if (column[static_cast<std::size_t>(r)] != complex(0.0))
                        own.push_back({static_cast<int>(r), static_cast<int>(c), column[static_cast<std::size_t>(r)]});
            }
            if (own.size() < passes) {
                own_ = std::move(own);
                own_super_ = true;
            }
        }
    }
    channel_exponents_.resize(baths.couplings.size());
    for (int k = 0; k < index.exponents(); ++k)
        channel_exponents_[static_cast<std::size_t>(baths.exponents[static_cast<std::size_t>(k)].channel)].push_back(k);
}

void HierarchyGenerator::precondition(double gamma, const complex* r, complex* z) const {
    const std::ptrdiff_t d2 = static_cast<std::ptrdiff_t>(dim_) * dim_;
    for (std::size_t a = 0; a < index_.size(); ++a) {
        const complex f = 1.0 / (1.0 + gamma * decay_[a]);
        const std::ptrdiff_t off = static_cast<std::ptrdiff_t>(a) * d2;
        for (std::ptrdiff_t e = 0; e < d2; ++e) z[off + e] = f * r[off + e];
    }
}

void HierarchyGenerator::add_own(const complex* rho, complex* y, complex* tmp) const {
    const int d = dim_;
    const std::ptrdiff_t d2 = static_cast<std::ptrdiff_t>(d) * d;
    add_left_product(left_, rho, y, d);
    add_right_product(rho, right_, y, d);
    for (std::size_t s = 0; s < sandwich_left_.size(); ++s) {
        std::fill(tmp, tmp + d2, complex(0.0));
        add_left_product(sandwich_left_[s], rho, tmp, d);
        add_right_product(tmp, sandwich_right_[s], y, d);
    }
}

void HierarchyGenerator::apply(const complex* in, complex* out) const {
    const int d = dim_;
    const std::ptrdiff_t d2 = static_cast<std::ptrdiff_t>(d) * d;
    const auto ados = static_cast<std::ptrdiff_t>(index_.size());
    // Threads over the ADOs (omp_get_max_threads() of them, so OMP_NUM_THREADS holds; integrate/blocking_workers.hpp
    // says why not an OpenMP region): each output ADO is written by one thread with the same order of
    // operations, so the result is bit-identical for any thread count. Hierarchies under 2^14
    // complex numbers stay on one thread (waking a helper costs more than they do).
    const bool threaded = ados * d2 >= (std::ptrdiff_t{1} << 14);
    // One ADO's derivative; w, v, tmp: D² scratch of the calling thread.
    const auto apply_ado = [&](std::ptrdiff_t ado, std::vector<complex>& w, std::vector<complex>& v,
                               std::vector<complex>& tmp) {
        const auto a = static_cast<std::size_t>(ado);
        const complex* rho = in + static_cast<std::ptrdiff_t>(a) * d2;
        complex* y = out + static_cast<std::ptrdiff_t>(a) * d2;
        const complex decay = decay_[a];
        for (std::ptrdiff_t e = 0; e < d2; ++e) y[e] = -decay * rho[e];
        if (own_super_) {
            for (const auto& e : own_) y[e.row] += e.value * rho[e.col];
        } else {
            add_own(rho, y, tmp.data());
        }
        // Per channel: Q·W + V·Q with W = −iA + B, V = iA + B (−i[Q, X] = Q(−iX) + (iX)Q;
        // −i c^R[Q, X] + c^I{Q, X} = Q(−i c^R + c^I)X + X(i c^R + c^I)Q), where A = Σ_up ρ_{n+e_k} +
        // Σ_down n_k c^R_k ρ_{n−e_k} and B = Σ_down n_k c^I_k ρ_{n−e_k}: one sum per neighbour instead of two,
        // an upper neighbour only added, and real weights (Drude–Lorentz, Padé) as real scalings.
        for (std::size_t c = 0; c < channel_exponents_.size(); ++c) {
            bool any_a = false, any_b = false;
            complex* sa = w.data();
            complex* sb = v.data();
            for (const int k : channel_exponents_[c]) {
                const auto up = index_.raised(a, k);
                if (up < 0) continue;
                const complex* x = in + static_cast<std::ptrdiff_t>(up) * d2;
                if (!any_a) std::copy(x, x + d2, sa);
                else
                    for (std::ptrdiff_t m = 0; m < d2; ++m) sa[m] += x[m];
                any_a = true;
            }
            for (const int k : channel_exponents_[c]) {
                const auto down = index_.lowered(a, k);
                if (down < 0) continue;
                const auto& e = baths_.exponents[static_cast<std::size_t>(k)];
                const complex* x = in + static_cast<std::ptrdiff_t>(down) * d2;
                const double n = index_.occupation(a, k);
                accumulate(n * e.real_coefficient, x, sa, d2, any_a);
                accumulate(n * e.imaginary_coefficient, x, sb, d2, any_b);
            }
            if (!any_a && !any_b) continue;
            if (!any_a) std::fill(sa, sa + d2, complex(0.0));
            if (!any_b) std::fill(sb, sb + d2, complex(0.0));
            // (sa, sb) = (A, B) → (W, V) = (−iA + B, iA + B), in place.
            for (std::ptrdiff_t m = 0; m < d2; ++m) {
                const complex ia(-sa[m].imag(), sa[m].real());
                const complex b = sb[m];
                sa[m] = b - ia;
                sb[m] = b + ia;
            }
            add_left_product(couplings_[c], sa, y, d);
            add_right_product(sb, couplings_[c], y, d);
        }
    };
    const auto scratch = [d2] { return std::vector<complex>(static_cast<std::size_t>(d2)); };
    const int threads = threaded ? omp_get_max_threads() : 1;
    if (threads <= 1) {  // no helper threads at all: waking them costs more than a small hierarchy
        auto w = scratch(), v = scratch(), tmp = scratch();
        for (std::ptrdiff_t ado = 0; ado < ados; ++ado) apply_ado(ado, w, v, tmp);
        return;
    }
    // ~16 chunks per thread: fine enough that a descheduled thread holds up little, coarse enough
    // that claiming one (an atomic add) is noise against its ≥ 8 ADOs.
    const std::ptrdiff_t chunk = std::max<std::ptrdiff_t>(8, ados / (16 * threads));
    BlockingWorkers::shared().run(ados, chunk, [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
        auto w = scratch(), v = scratch(), tmp = scratch();
        for (std::ptrdiff_t ado = begin; ado < end; ++ado) apply_ado(ado, w, v, tmp);
    });
}

}  // namespace openspins::heom
