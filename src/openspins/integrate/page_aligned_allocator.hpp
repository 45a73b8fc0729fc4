// An allocator for state-sized vectors: blocks of 2 MiB and more on 2 MiB boundaries with
// transparent huge pages asked for (madvise: advice only, its failure is harmless), smaller ones
// on cache lines. Why: malloc returns large blocks 16 B past a page boundary, so every 64-byte run
// of a row straddles two cache lines, and the exact method's transposed reads cross a 4 KiB page
// per row. Measured on the Ising chain's right-hand side, N = 10, one core (bench/
// exact_kernel_speed.cpp, ALIGN=): 13.2 ms with malloc's placement, 12.6 ms on cache lines,
// 12.0 ms on huge pages.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace openspins {

// Aligned, advised storage of `bytes` bytes (free with std::free).
inline void* allocate_page_aligned(std::size_t bytes) {
    constexpr std::size_t huge = std::size_t{1} << 21;
    const std::size_t align = bytes >= huge ? huge : 64;
    const std::size_t rounded = (bytes + align - 1) / align * align;
    void* p = std::aligned_alloc(align, rounded == 0 ? align : rounded);
    if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__)
    if (align == huge) madvise(p, rounded, MADV_HUGEPAGE);
#endif
    return p;
}

template <class T>
struct PageAlignedAllocator {
    using value_type = T;
    PageAlignedAllocator() = default;
    template <class U>
    explicit PageAlignedAllocator(const PageAlignedAllocator<U>& /*other*/) {}
    T* allocate(std::size_t n) { return static_cast<T*>(allocate_page_aligned(n * sizeof(T))); }
    void deallocate(T* p, std::size_t /*n*/) { std::free(p); }
    friend bool operator==(const PageAlignedAllocator&, const PageAlignedAllocator&) { return true; }
};

// A vector of reals on such storage (the integrators' state-sized buffers).
using StateVector = std::vector<double, PageAlignedAllocator<double>>;

// The calling thread's scratch of at least `reals` reals, one per Owner type (a kernel's per-thread tile: kept
// between calls, zeroed when it grows). Each Owner has its own, so no two users share one.
template <class Owner>
double* thread_scratch(std::size_t reals) {
    thread_local StateVector scratch;
    if (scratch.size() < reals) scratch.assign(reals, 0.0);
    return scratch.data();
}

}  // namespace openspins
