#include "openspins/model/initial_state.hpp"

#include <cmath>

#include "openspins/errors.hpp"
#include "openspins/number_text.hpp"

namespace openspins {

const char* kind_name(InitialState::Kind kind) {
    switch (kind) {
        case InitialState::Kind::all_up: return "all_up";
        case InitialState::Kind::all_down: return "all_down";
        case InitialState::Kind::product: return "product";
        case InitialState::Kind::thermal: return "thermal";
        case InitialState::Kind::file: return "file";
        case InitialState::Kind::dicke: return "dicke";
        case InitialState::Kind::mixture: return "mixture";
    }
    return "unknown";
}

void validate_initial_state(const InitialState& state, int n) {
    switch (state.kind) {
        case InitialState::Kind::product:
            if (state.bloch.size() != static_cast<std::size_t>(n))
                throw ModelError("product initial state needs one Bloch vector per spin");
            break;
        case InitialState::Kind::thermal:
            if (!(state.temperature > 0.0) || !std::isfinite(state.temperature))
                throw ModelError("thermal initial state needs a temperature > 0");
            break;
        case InitialState::Kind::dicke:
            // j runs over N/2, N/2 − 1, …: 2j has the parity of N; m over −j … j: 2m that of 2j.
            if (state.two_j < 0 || state.two_j > n || (n - state.two_j) % 2 != 0)
                throw ModelError("Dicke initial state: j = " + number_text("%.6g", 0.5 * state.two_j) +
                                 " is not one of N/2, N/2 − 1, …, 0 or ½ for N = " + std::to_string(n));
            if (std::abs(state.two_m) > state.two_j || (state.two_j - state.two_m) % 2 != 0)
                throw ModelError("Dicke initial state: m = " + number_text("%.6g", 0.5 * state.two_m) +
                                 " is not one of −j, −j + 1, …, j for j = " + number_text("%.6g", 0.5 * state.two_j));
            break;
        case InitialState::Kind::mixture: {
            if (state.components.empty()) throw ModelError("mixture initial state has no components");
            if (state.weights.size() != state.components.size())
                throw ModelError("mixture initial state needs one weight per component");
            double sum = 0.0;
            for (double w : state.weights) {
                if (!(w >= 0.0) || !std::isfinite(w))
                    throw ModelError("mixture initial state has weight " + number_text("%.6g", w) + " (must be ≥ 0)");
                sum += w;
            }
            if (!(sum > 0.0)) throw ModelError("mixture initial state: the weights sum to 0");
            for (const auto& c : state.components) validate_initial_state(c, n);
            break;
        }
        case InitialState::Kind::all_up:
        case InitialState::Kind::all_down:
        case InitialState::Kind::file:
            break;
    }
}

std::vector<double> normalised_weights(const InitialState& mixture) {
    double sum = 0.0;
    for (double w : mixture.weights) sum += w;
    std::vector<double> out;
    for (double w : mixture.weights) out.push_back(w / sum);
    return out;
}

}  // namespace openspins
