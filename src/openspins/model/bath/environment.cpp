#include "openspins/model/bath/environment.hpp"

#include <Eigen/Eigenvalues>
#include <map>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/number_text.hpp"

namespace openspins {

std::vector<NoiseChannel> Environment::noise_channels() const {
    std::vector<NoiseChannel> channels;
    for (int b = 0; b < static_cast<int>(baths.size()); ++b) {
        // Total coupling operator per copy of this bath.
        std::map<int, SpinOperator> per_copy;
        for (const auto& term : couplings) {
            if (term.bath != b) continue;
            auto [it, inserted] = per_copy.try_emplace(term.copy, term.op);
            if (!inserted) it->second = it->second + term.op;
        }
        if (per_copy.empty()) continue;
        const Bath& bath = baths[static_cast<std::size_t>(b)];
        if (!bath.local || bath.correlation == 0.0 || per_copy.size() == 1) {
            for (auto& [copy, op] : per_copy) {
                SpinOperator a = op.simplified();
                if (a.empty()) continue;
                channels.push_back({b, 1.0, a, bath.local ? bath.name + "[" + std::to_string(copy) + "]" : bath.name});
            }
            continue;
        }
        // Correlated copies: C = (1 − κ) I + κ 11ᵀ; C = V diag(w) Vᵀ gives ξ_k = Σ_n V_nk B_n.
        const auto n = static_cast<Eigen::Index>(per_copy.size());
        Eigen::MatrixXd c = Eigen::MatrixXd::Constant(n, n, bath.correlation);
        c.diagonal().setOnes();
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(c);
        const double tolerance = 1e-12;
        if (eig.eigenvalues().minCoeff() < -tolerance)
            throw ModelError(messages::format_message(
                "bath_correlation_copies",
                {messages::quoted(bath.name), number_text("%.6g", bath.correlation), std::to_string(n)}));
        std::vector<const SpinOperator*> ops;
        for (const auto& [copy, op] : per_copy) ops.push_back(&op);
        for (Eigen::Index k = 0; k < n; ++k) {
            const double w = eig.eigenvalues()(k);
            if (w <= tolerance) continue;
            SpinOperator a;
            for (Eigen::Index m = 0; m < n; ++m) {
                const double v = eig.eigenvectors()(m, k);
                if (v != 0.0) a = a + complex(v, 0.0) * *ops[static_cast<std::size_t>(m)];
            }
            a = a.simplified();
            if (a.empty()) continue;
            channels.push_back({b, w, a, bath.name + "{mode " + std::to_string(k) + "}"});
        }
    }
    return channels;
}

std::vector<BathSpectrum> Environment::spectra() const {
    std::vector<BathSpectrum> out;
    out.reserve(baths.size());
    for (const auto& bath : baths) out.emplace_back(bath.density, bath.temperature, options.thermal);
    return out;
}

}  // namespace openspins
