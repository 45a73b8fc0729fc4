#include "openspins/method/exact/product_packed_readout.hpp"

#include <algorithm>
#include <map>

#include "openspins/method/exact/monomial_map.hpp"

namespace openspins::exact {

namespace {

// The weights of Re and Im of ρ_rc on the packed reals (at most two reals each).
struct ElementWeights {
    std::uint64_t re_index, im_index;
    double re_sign, im_sign;  // Re ρ_rc = re_sign·P[re_index], Im ρ_rc = im_sign·P[im_index] (0: none)
};

ElementWeights element(std::uint64_t r, std::uint64_t c, std::uint64_t d) {
    if (c == r) return {r * d + r, r * d + r, 1.0, 0.0};
    if (c > r) return {r * d + c, c * d + r, 1.0, 1.0};
    return {c * d + r, r * d + c, 1.0, -1.0};
}

// Tr ρ: the diagonal P[r][r].
LinearReadout::Column packed_trace(std::uint64_t d) {
    LinearReadout::Column w;
    for (std::uint64_t r = 0; r < d; ++r) w.push_back({r * d + r, 1.0});
    return w;
}

}  // namespace

ProductPackedReadout::ProductPackedReadout(const SectorBasis& basis, const std::vector<Observable>& observables)
    : LinearReadout(observables, packed_trace(basis.dimension()), [&](const SpinOperator& op) {
          // Re and Im of Tr(Oρ) = Σ_M coeff_M Σ_pairs ρ[row of s, column of t], merged per packed real.
          const std::uint64_t d = basis.dimension();
          std::map<std::uint64_t, double> re, im;
          for (const auto& map : tabulate(op, basis)) {
              const complex coeff = map.coeff();
              for (int a = 0; a < basis.sectors(); ++a) {
                  const int source_sector = a - map.delta();
                  if (source_sector < 0 || source_sector >= basis.sectors()) continue;
                  const auto& rows = basis.states(source_sector);
                  const auto& cols = basis.states(a);
                  for (const auto& p : map.pairs(a)) {
                      const auto e = element(rows[p.source], cols[p.target], d);
                      // coeff·ρ = (cr·Re − ci·Im) + i(cr·Im + ci·Re)
                      re[e.re_index] += coeff.real() * e.re_sign;
                      im[e.re_index] += coeff.imag() * e.re_sign;
                      if (e.im_sign != 0.0) {
                          re[e.im_index] -= coeff.imag() * e.im_sign;
                          im[e.im_index] += coeff.real() * e.im_sign;
                      }
                  }
              }
          }
          const auto column = [](const std::map<std::uint64_t, double>& m) {
              Column w;
              for (const auto& [index, weight] : m)
                  if (weight != 0.0) w.push_back({index, weight});
              return w;
          };
          return std::pair{column(re), column(im)};
      }) {}

}  // namespace openspins::exact
