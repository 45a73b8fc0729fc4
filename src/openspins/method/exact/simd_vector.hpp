// The native vectors the exact method's kernels compute on (GCC/clang vector extensions): V of
// L = 2, 4 or 8 doubles (SSE2, AVX2, AVX-512), loads, stores and non-temporal stores. Each kernel is
// compiled once per instruction set, these helpers always inlined into the target-attributed entry
// points: a vector wider than the instruction set allows lives in memory, not in registers (GCC keeps
// only native-width vectors in registers).
#pragma once

#include <cstring>

// The kernels' vectors are up to 8 doubles, always inlined into one entry point per instruction set:
// no vector crosses a call, so the psABI note about passing 64-byte vectors without AVX-512 does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

#define OPENSPINS_HOT inline __attribute__((always_inline))

namespace openspins::exact::simd {

using v8d = double __attribute__((vector_size(64)));
using v4d = double __attribute__((vector_size(32)));
using v2d = double __attribute__((vector_size(16)));
using v8l = long long __attribute__((vector_size(64)));
using v4l = long long __attribute__((vector_size(32)));
using v2l = long long __attribute__((vector_size(16)));
template <class V>
inline constexpr unsigned lanes_of = sizeof(V) / sizeof(double);
// The integer vector of V's width (lane masks).
template <class V>
struct IndexVector;
template <>
struct IndexVector<v8d> {
    using type = v8l;
};
template <>
struct IndexVector<v4d> {
    using type = v4l;
};
template <>
struct IndexVector<v2d> {
    using type = v2l;
};
template <class V>
using lane_index_t = typename IndexVector<V>::type;

template <class V>
OPENSPINS_HOT V load_v(const double* p) {
    V x;
    std::memcpy(&x, p, sizeof x);
    return x;
}
template <class V>
OPENSPINS_HOT void store_v(double* p, const V& x) {
    std::memcpy(p, &x, sizeof x);
}
// A native vector written around the caches (p aligned to its width): planes and outputs larger
// than the caches, so that no line is read before it is overwritten.
template <class V>
OPENSPINS_HOT void stream_v(double* p, const V& x) {
#if defined(__clang__)
    __builtin_nontemporal_store(x, reinterpret_cast<V*>(p));
#else
    // GCC: inline assembly (its non-temporal store builtins of AVX exist only where the
    // translation unit's own target has AVX); always inlined into the variant of V's width.
    if constexpr (sizeof(V) == 64) {
        asm volatile("vmovntpd %1, %0" : "=m"(*reinterpret_cast<V*>(p)) : "v"(x));
    } else if constexpr (sizeof(V) == 32) {
        asm volatile("vmovntpd %1, %0" : "=m"(*reinterpret_cast<V*>(p)) : "x"(x));
    } else {
        asm volatile("movntpd %1, %0" : "=m"(*reinterpret_cast<V*>(p)) : "x"(x));
    }
#endif
}
}  // namespace openspins::exact::simd
