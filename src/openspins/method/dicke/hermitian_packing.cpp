#include "openspins/method/dicke/hermitian_packing.hpp"

#include <complex>
#include <vector>

namespace openspins::dicke {

namespace {
exact::BlockLayout dicke_layout(const DickeBasis& basis) {
    std::vector<std::size_t> sizes;
    for (int b = 0; b < basis.blocks(); ++b) sizes.push_back(static_cast<std::size_t>(basis.dim(b)));
    return exact::BlockLayout::diagonal(sizes);
}
}  // namespace

PackedBlocks::PackedBlocks(const DickeBasis& basis) : basis_(basis), layout_(dicke_layout(basis)), packing_(layout_) {}

void PackedBlocks::pack(const double* full, double* packed) const {
    packing_.pack(reinterpret_cast<const std::complex<double>*>(full), packed);
}

void PackedBlocks::unpack(const double* packed, double* full) const {
    packing_.unpack(packed, reinterpret_cast<std::complex<double>*>(full));
}

std::size_t PackedBlocks::diagonal_index(int b, int k) const {
    const auto d = static_cast<std::size_t>(basis_.dim(b)), uk = static_cast<std::size_t>(k);
    return basis_.full_offset(b) + uk * d + uk;
}

}  // namespace openspins::dicke
