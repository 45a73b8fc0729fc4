#include "openspins/method/dicke/hermitian_packing.hpp"

namespace openspins::dicke {

void pack_hermitian(const DickeBasis& basis, const double* full, double* packed) {
    for (int b = 0; b < basis.blocks(); ++b) {
        const std::size_t d = static_cast<std::size_t>(basis.dim(b));
        const double* block = full + 2 * basis.full_offset(b);
        double* out = packed + basis.full_offset(b);
        for (std::size_t k = 0; k < d; ++k) *out++ = block[2 * (k * d + k)];
        for (std::size_t r = 0; r < d; ++r)
            for (std::size_t c = r + 1; c < d; ++c) {
                *out++ = block[2 * (r * d + c)];
                *out++ = block[2 * (r * d + c) + 1];
            }
    }
}

void unpack_hermitian(const DickeBasis& basis, const double* packed, double* full) {
    for (int b = 0; b < basis.blocks(); ++b) {
        const std::size_t d = static_cast<std::size_t>(basis.dim(b));
        double* block = full + 2 * basis.full_offset(b);
        const double* in = packed + basis.full_offset(b);
        for (std::size_t k = 0; k < d; ++k) {
            block[2 * (k * d + k)] = *in++;
            block[2 * (k * d + k) + 1] = 0.0;
        }
        for (std::size_t r = 0; r < d; ++r)
            for (std::size_t c = r + 1; c < d; ++c) {
                const double re = *in++, im = *in++;
                block[2 * (r * d + c)] = re;
                block[2 * (r * d + c) + 1] = im;
                block[2 * (c * d + r)] = re;
                block[2 * (c * d + r) + 1] = -im;
            }
    }
}

}  // namespace openspins::dicke
