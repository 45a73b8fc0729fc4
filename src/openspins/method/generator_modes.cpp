#include "openspins/method/generator_modes.hpp"

#include <algorithm>
#include <cmath>

#include "openspins/method/memory_budget.hpp"

namespace openspins {

void sort_slowest_first(std::vector<GeneratorMode>& modes) {
    std::stable_sort(modes.begin(), modes.end(), [](const GeneratorMode& a, const GeneratorMode& b) {
        if (a.eigenvalue.real() != b.eigenvalue.real()) return a.eigenvalue.real() > b.eigenvalue.real();
        return a.eigenvalue.imag() < b.eigenvalue.imag();
    });
}

void label_modes(std::vector<GeneratorMode>& modes) {
    double scale = 1.0;
    for (const auto& m : modes) scale = std::max(scale, std::abs(m.eigenvalue));
    for (auto& m : modes) {
        if (std::abs(m.eigenvalue) <= 1e-9 * scale) {
            m.label = "steady state";
        } else if (m.coherence_order == 0) {
            m.label = m.population_weight > 0.5 ? "populations" : "zero-quantum coherence";
        } else {
            m.label = "coherence order " + std::to_string(m.coherence_order);
        }
        if (!m.detail.empty()) m.label += ", " + m.detail;
    }
}

GeneratorMode ModeWeights::mode(std::complex<double> eigenvalue, double residual) const {
    GeneratorMode m;
    m.eigenvalue = eigenvalue;
    m.residual = residual;
    m.coherence_order =
        static_cast<int>(std::max_element(by_order_.begin(), by_order_.end()) - by_order_.begin()) - spins_;
    m.population_weight = total_ > 0.0 ? diagonal_ / total_ : 0.0;
    return m;
}

void check_spectrum_memory(int spins, const std::string& block, std::size_t dimension, const SpectrumOptions& options,
                           std::size_t extra_bytes) {
    const bool dense = dimension <= options.dense_limit;
    const std::size_t subspace = static_cast<std::size_t>(std::max(2 * options.modes + 1, options.modes + 40));
    const std::size_t needed = extra_bytes + (dense ? 40 * dimension * dimension : (subspace + 4) * dimension * 8);
    check_memory_budget(spins, needed, options.memory_limit_bytes,
                        "generator spectrum, block '" + block + "' (" + std::to_string(dimension) + " reals, " +
                            (dense ? "dense" : "Arnoldi") + ")");
}

SingleSpinRates one_spin_rates(const std::vector<GeneratorMode>& modes, int spin) {
    SingleSpinRates r;
    r.spin = spin;
    for (const auto& m : modes) {
        if (m.label.rfind("populations", 0) == 0) r.t1 = -m.eigenvalue.real();
        if (std::abs(m.coherence_order) == 1) {
            r.t2 = -m.eigenvalue.real();
            r.omega = std::abs(m.eigenvalue.imag());
        }
    }
    r.pure_dephasing = r.t2 - 0.5 * r.t1;
    return r;
}

}  // namespace openspins
