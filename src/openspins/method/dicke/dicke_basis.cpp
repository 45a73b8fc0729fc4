#include "openspins/method/dicke/dicke_basis.hpp"

#include <cmath>

namespace openspins::dicke {

double log_binomial(int n, int k) { return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0); }

DickeBasis::DickeBasis(int n) : n_(n) {
    full_offset_.push_back(0);
    pop_offset_.push_back(0);
    for (int two_j = n; two_j >= 0; two_j -= 2) {
        two_j_.push_back(two_j);
        // d_j = (2j+1) N! / ((N/2+j+1)! (N/2−j)!), with N/2 ± j = (N ± 2j)/2.
        const double half_plus = 0.5 * (n + two_j), half_minus = 0.5 * (n - two_j);
        log_degeneracy_.push_back(std::log(two_j + 1.0) + std::lgamma(n + 1.0) - std::lgamma(half_plus + 2.0) -
                                  std::lgamma(half_minus + 1.0));
        const auto d = static_cast<std::size_t>(two_j + 1);
        full_offset_.push_back(full_offset_.back() + d * d);
        pop_offset_.push_back(pop_offset_.back() + d);
    }
}

int DickeBasis::block_of(int two_j_value) const {
    if (two_j_value < 0 || two_j_value > n_ || (n_ - two_j_value) % 2 != 0) return -1;
    return (n_ - two_j_value) / 2;
}

}  // namespace openspins::dicke
