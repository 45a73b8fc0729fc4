// A run's protocol: a flat sequence of evolution intervals and instantaneous pulses.
// Repeated blocks in the config are unrolled by the reader.
//
// Pulse: ρ → R ρ R†, R = Π_{i ∈ spins} exp(−i θ n·S_i), n a unit axis; a π pulse
// about x maps S^z → −S^z on the selected spins.
// Evolve: the model's generator with each named term or channel's strength
// multiplied by `scale[name]` (absent names keep factor 1) for `duration`.
#pragma once

#include <array>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace openspins {

struct Pulse {
    std::vector<int> spins;
    std::array<double, 3> axis{1.0, 0.0, 0.0};
    double angle = 0.0;  // radians
};

struct Evolve {
    double duration = 0.0;
    std::map<std::string, double> scale;
};

struct ProtocolStep {
    std::string label;
    std::variant<Evolve, Pulse> action;
};

struct Protocol {
    std::vector<ProtocolStep> steps;
    [[nodiscard]] double total_duration() const {
        double t = 0.0;
        for (const auto& s : steps)
            if (const auto* e = std::get_if<Evolve>(&s.action)) t += e->duration;
        return t;
    }
};

}  // namespace openspins
