#include "openspins/model/initial_state.hpp"

#include <cmath>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
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
                throw ModelError(messages::bloch_count(state.bloch.size(), n));
            break;
        case InitialState::Kind::thermal:
            if (!(state.temperature > 0.0) || !std::isfinite(state.temperature))
                throw ModelError(messages::format_message("thermal_state_temperature"));
            break;
        case InitialState::Kind::dicke:
            // j runs over N/2, N/2 − 1, …: 2j has the parity of N; m over −j … j: 2m that of 2j.
            if (state.two_j < 0 || state.two_j > n || (n - state.two_j) % 2 != 0)
                throw ModelError(messages::dicke_j_range(n));
            if (std::abs(state.two_m) > state.two_j || (state.two_j - state.two_m) % 2 != 0)
                throw ModelError(messages::dicke_m_range(state.two_j));
            break;
        case InitialState::Kind::mixture: {
            if (state.components.empty()) throw ModelError(messages::format_message("mixture_empty"));
            if (state.weights.size() != state.components.size())
                throw ModelError(messages::format_message("mixture_weight_count"));
            double sum = 0.0;
            for (double w : state.weights) {
                if (!(w >= 0.0) || !std::isfinite(w))
                    throw ModelError(messages::format_message("mixture_weight_negative", {number_text("%.6g", w)}));
                sum += w;
            }
            if (!(sum > 0.0)) throw ModelError(messages::mixture_weights_zero());
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
