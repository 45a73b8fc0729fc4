// The spins of a model: how many, their frequencies and their species.
//
// Frequencies are angular (ħ = 1). Spins are numbered 0 … N−1 in the order their
// species are declared. Inhomogeneous broadening draws each spin's frequency
// around its species' centre, reproducibly from a seed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace openspins {

struct Broadening {
    enum class Kind { none, uniform, gaussian };
    Kind kind = Kind::none;
    double width = 0.0;  // uniform: full width of the interval; gaussian: standard deviation
    std::uint64_t seed = 0;
};

struct Species {
    std::string name;
    int count = 0;
    double frequency = 0.0;                 // centre frequency ω
    std::vector<double> frequencies;        // explicit per-spin ω (overrides centre and broadening)
    Broadening broadening;
};

class SpinSystem {
public:
    SpinSystem() = default;
    explicit SpinSystem(std::vector<Species> species);

    [[nodiscard]] int size() const { return static_cast<int>(frequency_.size()); }
    [[nodiscard]] double frequency(int spin) const { return frequency_[static_cast<std::size_t>(spin)]; }
    [[nodiscard]] const std::vector<double>& frequencies() const { return frequency_; }
    [[nodiscard]] const std::vector<Species>& species() const { return species_; }
    // Spin indices of a species; throws ModelError for an unknown name.
    [[nodiscard]] std::vector<int> spins_of(const std::string& species) const;
    [[nodiscard]] std::vector<int> all_spins() const;
    [[nodiscard]] const std::string& species_of(int spin) const;

private:
    std::vector<Species> species_;
    std::vector<double> frequency_;
    std::vector<int> species_index_;
};

}  // namespace openspins
