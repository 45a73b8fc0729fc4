#include "openspins/integrate/sundials_vector.hpp"

#include <nvector/nvector_serial.h>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <vector>

#include "openspins/integrate/parallel_loop.hpp"

namespace openspins {

namespace {

// Σ_i term(i) with eight independent partial sums: the serial vector's own loops are one
// dependent chain of additions, which dominated CVODE's cost on large states (and GMRES's
// Gram–Schmidt spent a third of a full-block dicke run in its dot product).
template <class Term>
sunrealtype partial_sums(sunindextype n, Term term) {
    sunrealtype partial[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    sunindextype i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8; ++k) partial[k] += term(i + k);
    for (; i < n; ++i) partial[0] += term(i);
    return ((partial[0] + partial[1]) + (partial[2] + partial[3])) + ((partial[4] + partial[5]) + (partial[6] + partial[7]));
}

// Reductions sum blocks of this many elements (each by partial_sums) and then the block
// sums in order: the same additions whatever the number of threads. A vector of at most
// one block is summed exactly as before the blocks existed. Vectors of parallel_length reals or
// more (integrate/parallel_loop.hpp) are summed on the helper threads.
constexpr sunindextype reduction_block = sunindextype{1} << 14;

template <class Term>
sunrealtype blocked_sum(sunindextype n, Term term) {
    if (n <= reduction_block) return partial_sums(n, term);
    const sunindextype blocks = (n + reduction_block - 1) / reduction_block;
    std::vector<sunrealtype> sums(static_cast<std::size_t>(blocks));
    // Threads only for the vectors that are OpenMP vectors themselves: with more busy processes
    // than cores a parallel region per norm of a serial vector of two blocks made the reduction
    // wait for a core each time (a 29 285-real cavity state spent 88% of its CPU time in libgomp
    // under load 5–9); the block sums, and so the bits, are the same either way.
    for_each_index(n, blocks, [&](sunindextype b) {
        const sunindextype start = b * reduction_block;
        const sunindextype length = std::min(reduction_block, n - start);
        sums[static_cast<std::size_t>(b)] = partial_sums(length, [&](sunindextype i) { return term(start + i); });
    });
    sunrealtype total = 0.0;
    for (const sunrealtype s : sums) total += s;
    return total;
}

// Σ (x_i w_i)²
sunrealtype weighted_square_sum(N_Vector x, N_Vector w) {
    const sunrealtype* xd = N_VGetArrayPointer(x);
    const sunrealtype* wd = N_VGetArrayPointer(w);
    return blocked_sum(N_VGetLength(x), [&](sunindextype i) {
        const sunrealtype p = xd[i] * wd[i];
        return p * p;
    });
}

// x·y
sunrealtype dot_product(N_Vector x, N_Vector y) {
    const sunrealtype* xd = N_VGetArrayPointer(x);
    const sunrealtype* yd = N_VGetArrayPointer(y);
    return blocked_sum(N_VGetLength(x), [&](sunindextype i) { return xd[i] * yd[i]; });
}

// Several dot products x·y_j, each as above (classical Gram–Schmidt calls this).
int dot_product_multi(int count, N_Vector x, N_Vector* y, sunrealtype* dots) {
    for (int j = 0; j < count; ++j) dots[j] = dot_product(x, y[j]);
    return 0;
}

sunrealtype weighted_rms_norm(N_Vector x, N_Vector w) {
    return std::sqrt(weighted_square_sum(x, w) / static_cast<sunrealtype>(N_VGetLength(x)));
}

// Element-wise operations on the helper threads (BlockingWorkers via for_each_index), in blocks: the long vectors'
// replacement of SUNDIALS's OpenMP N_Vector, whose libgomp threads spin-wait between its regions — between two vector
// operations of CVODE lies a serial right-hand side, and at load 5 on the 2-core machine the exact method's
// zero-quantum N = 10 run took 18.1 s wall / 12.1 s CPU with it against 3.9 s / 2.6 s on one thread (its right-hand
// side 3.7 s either way). Each element is computed as SUNDIALS's serial vector computes it (the same special cases of
// the coefficients), so the bits do not depend on the threads.
constexpr sunindextype element_block = sunindextype{1} << 12;

template <class Body>
void for_each_block(sunindextype n, Body body) {
    const sunindextype blocks = (n + element_block - 1) / element_block;
    for_each_index(n, blocks, [&](sunindextype b) {
        const sunindextype begin = b * element_block;
        body(begin, std::min(n, begin + element_block));
    });
}

template <class Element>
void for_each_element(N_Vector z, Element element) {
    for_each_block(N_VGetLength(z), [&](sunindextype begin, sunindextype end) {
        for (sunindextype i = begin; i < end; ++i) element(i);
    });
}

sunrealtype* data(N_Vector v) { return N_VGetArrayPointer(v); }

void linear_sum(sunrealtype a, N_Vector x, sunrealtype b, N_Vector y, N_Vector z) {
    const sunrealtype* xd = data(x);
    const sunrealtype* yd = data(y);
    sunrealtype* zd = data(z);
    if (a == 1.0 && b == 1.0) return for_each_element(z, [=](sunindextype i) { zd[i] = xd[i] + yd[i]; });
    if (a == 1.0 && b == -1.0) return for_each_element(z, [=](sunindextype i) { zd[i] = xd[i] - yd[i]; });
    if (a == -1.0 && b == 1.0) return for_each_element(z, [=](sunindextype i) { zd[i] = yd[i] - xd[i]; });
    if (a == b) return for_each_element(z, [=](sunindextype i) { zd[i] = a * (xd[i] + yd[i]); });
    if (a == -b) return for_each_element(z, [=](sunindextype i) { zd[i] = a * (xd[i] - yd[i]); });
    for_each_element(z, [=](sunindextype i) { zd[i] = a * xd[i] + b * yd[i]; });
}

void set_constant(sunrealtype c, N_Vector z) {
    sunrealtype* zd = data(z);
    for_each_element(z, [=](sunindextype i) { zd[i] = c; });
}

void scale(sunrealtype c, N_Vector x, N_Vector z) {
    const sunrealtype* xd = data(x);
    sunrealtype* zd = data(z);
    for_each_element(z, [=](sunindextype i) { zd[i] = c * xd[i]; });
}

void product(N_Vector x, N_Vector y, N_Vector z) {
    const sunrealtype* xd = data(x);
    const sunrealtype* yd = data(y);
    sunrealtype* zd = data(z);
    for_each_element(z, [=](sunindextype i) { zd[i] = xd[i] * yd[i]; });
}

void quotient(N_Vector x, N_Vector y, N_Vector z) {
    const sunrealtype* xd = data(x);
    const sunrealtype* yd = data(y);
    sunrealtype* zd = data(z);
    for_each_element(z, [=](sunindextype i) { zd[i] = xd[i] / yd[i]; });
}

// z = Σ_j c_j X_j, summed in the order of j for each element (X_0 may be z itself).
int linear_combination(int count, sunrealtype* c, N_Vector* x, N_Vector z) {
    if (count == 1) {
        scale(c[0], x[0], z);
        return 0;
    }
    if (count == 2) {
        linear_sum(c[0], x[0], c[1], x[1], z);
        return 0;
    }
    std::vector<const sunrealtype*> xd(static_cast<std::size_t>(count));
    for (int j = 0; j < count; ++j) xd[static_cast<std::size_t>(j)] = data(x[j]);
    sunrealtype* zd = data(z);
    // SUNDIALS's serial vector adds to z without scaling it when X_0 is z with c_0 = 1.
    const bool keep_first = x[0] == z && c[0] == 1.0;
    for_each_element(z, [&](sunindextype i) {
        sunrealtype sum = keep_first ? zd[i] : c[0] * xd[0][i];
        for (std::size_t j = 1; j < xd.size(); ++j) sum += c[j] * xd[j][i];
        zd[i] = sum;
    });
    return 0;
}

// Z_j = a_j x + Y_j.
int scale_add_multi(int count, sunrealtype* a, N_Vector x, N_Vector* y, N_Vector* z) {
    if (count == 1) {
        linear_sum(a[0], x, 1.0, y[0], z[0]);
        return 0;
    }
    std::vector<const sunrealtype*> yd(static_cast<std::size_t>(count));
    std::vector<sunrealtype*> zd(static_cast<std::size_t>(count));
    for (int j = 0; j < count; ++j) {
        yd[static_cast<std::size_t>(j)] = data(y[j]);
        zd[static_cast<std::size_t>(j)] = data(z[j]);
    }
    const sunrealtype* xd = data(x);
    for_each_element(x, [&](sunindextype i) {
        const sunrealtype xi = xd[i];
        for (std::size_t j = 0; j < zd.size(); ++j) zd[j][i] = a[j] * xi + yd[j][i];
    });
    return 0;
}

sunrealtype max_norm(N_Vector x) {
    const sunrealtype* xd = data(x);
    std::vector<double> maxima;
    return max_over_blocks(static_cast<std::size_t>(N_VGetLength(x)), static_cast<std::size_t>(element_block), maxima,
                           [=](std::size_t begin, std::size_t end) {
                               sunrealtype m = 0.0;
                               for (std::size_t i = begin; i < end; ++i) m = std::max(m, std::abs(xd[i]));
                               return m;
                           });
}

}  // namespace

N_Vector make_state_vector(std::size_t size, SUNContext context) {
    const auto length = static_cast<sunindextype>(size);
    const int threads = omp_get_max_threads();
    const bool threaded = threads > 1 && length >= parallel_length;
    N_Vector y = N_VNew_Serial(length, context);
    // SUNDIALS returns NULL when its allocation fails (it does not throw).
    if (y == nullptr) return nullptr;
    if (size > 0 && N_VGetArrayPointer(y) == nullptr) {
        N_VDestroy(y);
        return nullptr;
    }
    N_VConst(0.0, y);
    // Fused operations let the integrators combine vectors in one pass.
    N_VEnableFusedOps_Serial(y, SUNTRUE);
    if (threaded) {  // the operations CVODE, ARKODE and GMRES use on every step, on all threads (clones copy them)
        y->ops->nvlinearsum = &linear_sum;
        y->ops->nvconst = &set_constant;
        y->ops->nvscale = &scale;
        y->ops->nvprod = &product;
        y->ops->nvdiv = &quotient;
        y->ops->nvmaxnorm = &max_norm;
        y->ops->nvlinearcombination = &linear_combination;
        y->ops->nvscaleaddmulti = &scale_add_multi;
    }
    y->ops->nvwsqrsumlocal = &weighted_square_sum;
    y->ops->nvwrmsnorm = &weighted_rms_norm;
    y->ops->nvdotprod = &dot_product;
    y->ops->nvdotprodmulti = &dot_product_multi;
    return y;
}

void fixed_point_update(N_Vector y, N_Vector g) {
    const sunindextype n = N_VGetLength(y);
    sunrealtype* yd = N_VGetArrayPointer(y);
    sunrealtype* gd = N_VGetArrayPointer(g);
    for_each_index(n, n, [=](sunindextype i) {
        const sunrealtype next = gd[i];
        gd[i] = next - yd[i];
        yd[i] = next;
    });
}

int error_weights(N_Vector y, double rtol, double atol, N_Vector w) {
    const sunindextype n = N_VGetLength(y);
    const sunrealtype* yd = N_VGetArrayPointer(y);
    sunrealtype* wd = N_VGetArrayPointer(w);
    // Set (rarely: only a non-positive atol can do it) by whichever thread sees it; relaxed order
    // suffices because the region's end orders it before the read below.
    std::atomic<bool> nonpositive{false};
    for_each_index(n, n, [&](sunindextype i) {
        const sunrealtype tolerance = rtol * std::abs(yd[i]) + atol;
        if (tolerance <= 0.0) nonpositive.store(true, std::memory_order_relaxed);
        wd[i] = 1.0 / tolerance;
    });
    return nonpositive.load(std::memory_order_relaxed) ? -1 : 0;
}

}  // namespace openspins
