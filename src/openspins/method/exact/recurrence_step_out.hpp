// The Chebyshev recurrence's term (integrate/recurrence_step.hpp) finished in a kernel's last pass, on its native
// vectors (simd_vector.hpp):
//   previous ← 2(s·x + q·current) + sign·previous,   sum ← sum + beta·previous,
// each operation rounded on its own, in the propagator's order, so that the result is its own loop to the bit.
#pragma once

#include "openspins/integrate/recurrence_step.hpp"
#include "openspins/method/exact/simd_vector.hpp"

namespace openspins::exact::simd {

// x rounded here: no fused multiply-add across it (recurrence_step.hpp: the propagator's own bits).
// GCC contracts across statements (-ffp-contract=fast): an empty asm on the register stops it.
// clang contracts within an expression only, and step_out() turns even that off; its assembler
// checks would refuse a 256-bit register operand outside the target-attributed functions.
template <class V>
OPENSPINS_HOT void rounded([[maybe_unused]] V& x) {
#if !defined(__clang__)
    if constexpr (sizeof(V) == 64) {
        asm("" : "+v"(x));
    } else {
        asm("" : "+x"(x));
    }
#endif
}

// The recurrence's term from the K native vectors x of L at offset o of the state (recurrence_step.hpp):
// previous ← 2(s·x + q·current) + sign·previous, sum += beta·previous; `largest` keeps max |previous|
// lane by lane (NaN ignored, as std::max ignores it).
template <class V, unsigned K>
OPENSPINS_HOT void step_out(const RecurrenceStep& st, std::size_t o, const V* x, V& largest) {
#if defined(__clang__)
#pragma clang fp contract(off)
#endif
    constexpr unsigned L = lanes_of<V>;
#pragma GCC unroll 16
    for (unsigned k = 0; k < K; ++k) {
        const std::size_t at = o + L * k;
        V a = st.s * x[k];
        V b = st.q * load_v<V>(st.current + at);
        rounded(a);
        rounded(b);
        const V next = 2.0 * (a + b) + st.sign * load_v<V>(st.previous + at);  // (×2 and ×±1: exact)
        V add = st.beta * next;
        rounded(add);
        store_v<V>(st.previous + at, next);
        store_v<V>(st.sum + at, load_v<V>(st.sum + at) + add);
        const V size = next < 0.0 ? -next : next;
        largest = largest < size ? size : largest;
    }
}

}  // namespace openspins::exact::simd
