#include "openspins/method/dicke/battery_power.hpp"

namespace openspins::dicke {

std::array<double, 3> battery_power(const DickeBasis& basis, const DickeGenerator& generator, bool populations_only,
                                    double c, const double* y, std::vector<double>& scratch) {
    scratch.assign(generator.size(), 0.0);
    generator.apply(y, scratch.data());
    // Tr(Jz L(ρ)) = Σ_j Σ_k m L(ρ)^j_kk, m = j − k: Jz is diagonal, so only the diagonals count.
    double djz = 0.0;
    for (int b = 0; b < basis.blocks(); ++b) {
        const int dim = basis.dim(b);
        const double j = 0.5 * (dim - 1);
        for (int k = 0; k < dim; ++k) {
            const auto kk = static_cast<std::size_t>(k);
            const double diagonal =
                populations_only ? scratch[basis.population_offset(b) + kk]
                                 : scratch[2 * (basis.full_offset(b) + kk * static_cast<std::size_t>(dim) + kk)];
            djz += (j - k) * diagonal;
        }
    }
    const auto rates = generator.emission_rates(y);
    return {c * djz, c * rates[0], c * rates[1]};
}

}  // namespace openspins::dicke
