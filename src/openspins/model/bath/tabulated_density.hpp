// J(ω) tabulated at points ω_0 < ω_1 < … < ω_{K−1} (ω_0 ≥ 0), interpolated with a
// monotone cubic (GSL's Steffen spline: no overshoot, so J ≥ 0 between non-negative
// samples). Outside [ω_0, ω_{K−1}] value() throws ModelError naming the range; at
// ω < ω_0 with ω_0 = 0 the table starts at zero. J̃(0) is the slope of the first
// interval when the table starts at ω = 0 with J = 0.
//
// CSV file: two columns `omega,J` (angular frequency, spectral density), an optional
// header line, '#' comments; at least 3 rows.
#pragma once

#include <string>
#include <vector>

#include "openspins/model/bath/spectral_density.hpp"

namespace openspins {

class TabulatedDensity final : public SpectralDensity {
public:
    // Throws ModelError for fewer than 3 points, ω not strictly ascending, ω_0 < 0,
    // or a J that is negative or not finite.
    TabulatedDensity(std::vector<double> omega, std::vector<double> values, std::string origin = "table");
    ~TabulatedDensity() override;
    TabulatedDensity(const TabulatedDensity&) = delete;
    TabulatedDensity& operator=(const TabulatedDensity&) = delete;

    [[nodiscard]] double value(double omega) const override;
    [[nodiscard]] double zero_slope() const override;
    [[nodiscard]] double at_zero() const override;
    [[nodiscard]] double frequency_scale() const override { return omega_.back(); }
    [[nodiscard]] double upper_limit() const override { return omega_.back(); }
    [[nodiscard]] std::string describe() const override;

private:
    std::vector<double> omega_;
    std::vector<double> values_;
    std::string origin_;
    struct Spline;
    Spline* spline_;
};

// Reads a two-column CSV (see above). Throws ModelError with "path:line: what".
std::shared_ptr<const TabulatedDensity> read_tabulated_density(const std::string& path);

}  // namespace openspins
