// A sum of spectral densities, J(ω) = Σ_k J_k(ω) (e.g. a background plus a peak).
// J̃(0), J(0) and the frequency scale combine accordingly (the scale is the largest).
#pragma once

#include <vector>

#include "openspins/model/bath/spectral_density.hpp"

namespace openspins {

class SumDensity final : public SpectralDensity {
public:
    explicit SumDensity(std::vector<SpectralDensityPtr> parts);  // throws ModelError when empty
    [[nodiscard]] double value(double omega) const override;
    [[nodiscard]] double zero_slope() const override;
    [[nodiscard]] double at_zero() const override;
    [[nodiscard]] double frequency_scale() const override;
    [[nodiscard]] double upper_limit() const override;
    [[nodiscard]] std::string describe() const override;

private:
    std::vector<SpectralDensityPtr> parts_;
};

}  // namespace openspins
