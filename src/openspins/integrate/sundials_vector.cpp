#include "openspins/integrate/sundials_vector.hpp"

#include <nvector/nvector_openmp.h>
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
// more (integrate/parallel_loop.hpp) go to the OpenMP N_Vector.
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

}  // namespace

N_Vector make_state_vector(std::size_t size, SUNContext context) {
    const auto length = static_cast<sunindextype>(size);
    const int threads = omp_get_max_threads();
    const bool threaded = threads > 1 && length >= parallel_length;
    N_Vector y = threaded ? N_VNew_OpenMP(length, threads, context) : N_VNew_Serial(length, context);
    // SUNDIALS returns NULL when its allocation fails (it does not throw).
    if (y == nullptr) return nullptr;
    if (size > 0 && N_VGetArrayPointer(y) == nullptr) {
        N_VDestroy(y);
        return nullptr;
    }
    N_VConst(0.0, y);
    // Fused operations let the integrators combine vectors in one pass.
    if (threaded)
        N_VEnableFusedOps_OpenMP(y, SUNTRUE);
    else
        N_VEnableFusedOps_Serial(y, SUNTRUE);
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
