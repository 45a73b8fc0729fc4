#include "openspins/method/dicke/triangular_propagator.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdlib>
#include <stdexcept>

#include "openspins/integrate/cram_coefficients.hpp"

namespace openspins::dicke {

namespace {

constexpr int poles = cram16::pole_count;
using cplx = std::complex<double>;

// Populations with m = N/2 − ℓ: one per block b ≤ min(ℓ, N − ℓ).
int level_size(int n, int level) { return std::min(level, n - level) + 1; }

}  // namespace

bool TriangularPropagator::applies(const GeneratorTerms& terms) {
    for (const auto& c : terms.collective)
        if (c.rate != 0.0 && c.op == CollectiveLetter::Jp) return false;
    for (const auto& l : terms.local)
        if (l.rate != 0.0 && l.kind == LocalKind::absorption) return false;
    return true;
}

TriangularPropagator::TriangularPropagator(const DickeBasis& basis, const DickeGenerator& generator,
                                           const GeneratorTerms& terms, double rtol, double atol)
    : slow_rate_(0.0), rtol_(rtol), atol_(atol), n_(basis.spins()) {
    // Σ_i A_i†A_i ≤ N for every local kind (N/2 ± Jz, N), so N Σγ bounds the local loss.
    for (const auto& l : terms.local) slow_rate_ += l.rate * n_;
    const auto levels = static_cast<std::size_t>(n_) + 1;
    level_start_.assign(levels + 1, 0);
    for (int l = 0; l <= n_; ++l)
        level_start_[static_cast<std::size_t>(l) + 1] =
            level_start_[static_cast<std::size_t>(l)] + static_cast<std::size_t>(level_size(n_, l));
    const std::size_t size = level_start_.back();
    if (size != basis.population_size()) throw std::logic_error("TriangularPropagator: level count mismatch");

    // Storage index → (level, block) and level-order position.
    std::vector<int> level_of(size), block_of(size);
    std::vector<std::size_t> position(size);
    for (int b = 0; b < basis.blocks(); ++b) {
        block_offset_.push_back(basis.population_offset(b));
        for (int k = 0; k < basis.dim(b); ++k) {
            const std::size_t index = basis.population_offset(b) + static_cast<std::size_t>(k);
            level_of[index] = b + k;
            block_of[index] = b;
            position[index] = level_start_[static_cast<std::size_t>(b + k)] + static_cast<std::size_t>(b);
        }
    }
    for (auto* table : {&diagonal_, &from_left_, &from_right_, &from_previous_[0], &from_previous_[1],
                        &from_previous_[2], &flux_[0], &flux_[1]})
        table->assign(size, 0.0);
    level_coupled_.assign(levels, 0);
    generator.for_each_population_entry([&](std::size_t target, std::size_t source, double value) {
        if (value == 0.0) return;
        const int lt = level_of[target], ls = level_of[source], bt = block_of[target], bs = block_of[source];
        const std::size_t i = position[target];
        if (target == source)
            diagonal_[i] += value;
        else if (lt == ls + 1 && std::abs(bt - bs) <= 1)
            from_previous_[static_cast<std::size_t>(bs - bt + 1)][i] += value;
        else if (lt == ls && bs == bt - 1)
            from_left_[i] += value;
        else if (lt == ls && bs == bt + 1)
            from_right_[i] += value;
        else
            throw std::logic_error("TriangularPropagator: the population generator raises m (absorption?)");
        if (lt == ls && target != source) level_coupled_[static_cast<std::size_t>(lt)] = 1;
    });
    for (std::size_t index = 0; index < size; ++index) {
        const int b = block_of[index];
        const auto w = generator.emission_weights(b, static_cast<int>(index - block_offset_[static_cast<std::size_t>(b)]));
        flux_[0][position[index]] = w[0];
        flux_[1][position[index]] = w[1];
    }
    // Two levels of solutions with one zero slot before (b = −1) and two after the
    // widest level, so the sweep reads (ℓ − 1, b ± 1) without bounds checks.
    const std::size_t padded = (static_cast<std::size_t>(n_ / 2) + 4) * poles;
    for (auto* buffer : {&previous_re_, &previous_im_, &current_re_, &current_im_, &pivot_re_, &pivot_im_})
        buffer->assign(padded, 0.0);
}

std::size_t TriangularPropagator::bytes() const {
    return (8 * diagonal_.size() + 6 * previous_re_.size()) * sizeof(double) +
           level_start_.size() * sizeof(std::size_t);
}

namespace {
// Sub-steps per interval before the check: the uniform-chain error at cH = 4 is 7e-10.
constexpr double chain_rate_time = 4.0;
constexpr int most_doublings = 3;
}  // namespace

bool TriangularPropagator::propagate(double h, double* y) {
    if (!(h > 0.0)) return true;
    const std::size_t size = level_start_.back() + 2;
    long k = std::max(1L, static_cast<long>(std::ceil(h * slow_rate_ / chain_rate_time)));
    const auto is_checked = [&](double step) {
        return std::any_of(checked_.begin(), checked_.end(),
                           [&](double c) { return std::abs(c - step) <= 1e-9 * c; });
    };
    long done = 0;
    if (!is_checked(h / static_cast<double>(k))) {
        for (int doubling = 0;; ++doubling, k *= 2) {
            if (doubling > most_doublings) return false;
            const double step = h / static_cast<double>(k);
            single_.assign(y, y + size);
            halves_.assign(y, y + size);
            apply(step, single_.data());
            apply(0.5 * step, halves_.data());
            apply(0.5 * step, halves_.data());
            ++statistics_.checks;
            const double estimate = difference(single_, halves_);
            if (estimate <= 1.0) {
                statistics_.largest_estimate = std::max(statistics_.largest_estimate, estimate);
                checked_.push_back(step);
                std::copy(halves_.begin(), halves_.end(), y);
                done = 1;
                break;
            }
        }
    }
    const double step = h / static_cast<double>(k);
    for (long s = done; s < k; ++s) apply(step, y);
    return true;
}

double TriangularPropagator::difference(const std::vector<double>& a, const std::vector<double>& b) const {
    double sum = 0.0;
    for (std::size_t i = 0; i < b.size(); ++i) {
        const double scaled = (a[i] - b[i]) / (rtol_ * std::abs(b[i]) + atol_);
        sum += scaled * scaled;
    }
    return std::sqrt(sum / static_cast<double>(b.size()));
}

void TriangularPropagator::apply(double h, double* y) {
    ++statistics_.applications;
    // (hA − θ)⁻¹ = (A − θ/h)⁻¹ / h: shifts s_p = θ_p/h, weights c_p = α_p/h.
    double s_re[poles], s_im[poles], c_re[poles], c_im[poles];
    for (int p = 0; p < poles; ++p) {
        s_re[p] = cram16::theta[static_cast<std::size_t>(p)].real() / h;
        s_im[p] = cram16::theta[static_cast<std::size_t>(p)].imag() / h;
        c_re[p] = cram16::alpha[static_cast<std::size_t>(p)].real() / h;
        c_im[p] = cram16::alpha[static_cast<std::size_t>(p)].imag() / h;
    }
    std::fill(previous_re_.begin(), previous_re_.end(), 0.0);
    std::fill(previous_im_.begin(), previous_im_.end(), 0.0);
    std::fill(current_re_.begin(), current_re_.end(), 0.0);
    std::fill(current_im_.begin(), current_im_.end(), 0.0);
    double flux_re[2][poles] = {}, flux_im[2][poles] = {};

    for (int l = 0; l <= n_; ++l) {
        const int count = level_size(n_, l);
        const std::size_t start = level_start_[static_cast<std::size_t>(l)];
        // Right-hand sides y_ℓ − B_ℓ x_{ℓ−1}; solution slot of block b is (b + 1)·poles.
        for (int b = 0; b < count; ++b) {
            const std::size_t i = start + static_cast<std::size_t>(b);
            const double yi = y[block_offset_[static_cast<std::size_t>(b)] + static_cast<std::size_t>(l - b)];
            const double w0 = from_previous_[0][i], w1 = from_previous_[1][i], w2 = from_previous_[2][i];
            const double* pr = previous_re_.data() + static_cast<std::size_t>(b) * poles;
            const double* pi = previous_im_.data() + static_cast<std::size_t>(b) * poles;
            double* rr = current_re_.data() + static_cast<std::size_t>(b + 1) * poles;
            double* ri = current_im_.data() + static_cast<std::size_t>(b + 1) * poles;
            for (int p = 0; p < poles; ++p) {
                rr[p] = yi - (w0 * pr[p] + w1 * pr[poles + p] + w2 * pr[2 * poles + p]);
                ri[p] = -(w0 * pi[p] + w1 * pi[poles + p] + w2 * pi[2 * poles + p]);
            }
        }
        if (level_coupled_[static_cast<std::size_t>(l)] == 0) {
            // (d − s) x = r, elementwise: x = r (d − s̄) / |d − s|².
            for (int b = 0; b < count; ++b) {
                const double d = diagonal_[start + static_cast<std::size_t>(b)];
                double* xr = current_re_.data() + static_cast<std::size_t>(b + 1) * poles;
                double* xi = current_im_.data() + static_cast<std::size_t>(b + 1) * poles;
                for (int p = 0; p < poles; ++p) {
                    const double a = d - s_re[p], q = -s_im[p];
                    const double inverse = 1.0 / (a * a + q * q);
                    const double re = xr[p], im = xi[p];
                    xr[p] = (re * a + im * q) * inverse;
                    xi[p] = (im * a - re * q) * inverse;
                }
            }
        } else {
            // Thomas algorithm on T_ℓ − s: row b reads L_b x_{b−1} + (d_b − s) x_b + U_b x_{b+1} = r_b.
            for (int p = 0; p < poles; ++p) {
                const cplx s{s_re[p], s_im[p]};
                const auto slot = [&](int b) { return static_cast<std::size_t>(b + 1) * poles + static_cast<std::size_t>(p); };
                cplx pivot = diagonal_[start] - s;
                pivot_re_[slot(0)] = pivot.real();
                pivot_im_[slot(0)] = pivot.imag();
                cplx previous_r{current_re_[slot(0)], current_im_[slot(0)]};
                for (int b = 1; b < count; ++b) {
                    const std::size_t i = start + static_cast<std::size_t>(b);
                    const cplx factor = from_left_[i] / pivot;
                    pivot = (diagonal_[i] - s) - factor * from_right_[i - 1];
                    const cplx r = cplx{current_re_[slot(b)], current_im_[slot(b)]} - factor * previous_r;
                    current_re_[slot(b)] = r.real();
                    current_im_[slot(b)] = r.imag();
                    pivot_re_[slot(b)] = pivot.real();
                    pivot_im_[slot(b)] = pivot.imag();
                    previous_r = r;
                }
                cplx next_x = 0.0;
                for (int b = count - 1; b >= 0; --b) {
                    const std::size_t i = start + static_cast<std::size_t>(b);
                    const cplx r{current_re_[slot(b)], current_im_[slot(b)]};
                    const cplx x = (r - (b + 1 < count ? from_right_[i] * next_x : cplx{0.0})) /
                                   cplx{pivot_re_[slot(b)], pivot_im_[slot(b)]};
                    current_re_[slot(b)] = x.real();
                    current_im_[slot(b)] = x.imag();
                    next_x = x;
                }
            }
        }
        // exp(hA) y ≈ α₀ y + Σ_p 2 Re(c_p x_p), and the emission fluxes f·x_p.
        for (int b = 0; b < count; ++b) {
            const std::size_t i = start + static_cast<std::size_t>(b);
            const double* xr = current_re_.data() + static_cast<std::size_t>(b + 1) * poles;
            const double* xi = current_im_.data() + static_cast<std::size_t>(b + 1) * poles;
            double& yi = y[block_offset_[static_cast<std::size_t>(b)] + static_cast<std::size_t>(l - b)];
            double sum = 0.0;
            for (int p = 0; p < poles; ++p) sum += c_re[p] * xr[p] - c_im[p] * xi[p];
            yi = cram16::alpha0 * yi + 2.0 * sum;
            const double f0 = flux_[0][i], f1 = flux_[1][i];
            for (int p = 0; p < poles; ++p) {
                flux_re[0][p] += f0 * xr[p];
                flux_im[0][p] += f0 * xi[p];
                flux_re[1][p] += f1 * xr[p];
                flux_im[1][p] += f1 * xi[p];
            }
        }
        // Keep the slots past this level zero for the next level's reads of b + 1.
        for (std::size_t k = static_cast<std::size_t>(count + 1) * poles; k < static_cast<std::size_t>(count + 3) * poles;
             ++k)
            current_re_[k] = current_im_[k] = 0.0;
        std::swap(previous_re_, current_re_);
        std::swap(previous_im_, current_im_);
    }
    // The accumulator rows: f·x − s e = y_e, so e_p = (f·x_p − y_e)/s_p.
    const std::size_t size = level_start_.back();
    for (int a = 0; a < 2; ++a) {
        double& ye = y[size + static_cast<std::size_t>(a)];
        double sum = 0.0;
        for (int p = 0; p < poles; ++p) {
            const cplx e = (cplx{flux_re[a][p], flux_im[a][p]} - ye) / cplx{s_re[p], s_im[p]};
            sum += c_re[p] * e.real() - c_im[p] * e.imag();
        }
        ye = cram16::alpha0 * ye + 2.0 * sum;
    }
}

}  // namespace openspins::dicke
