#include "openspins/method/dicke/local_transitions.hpp"

#include <cmath>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"

namespace openspins::dicke {

LocalKind local_kind(const std::string& channel_kind) {
    if (channel_kind == "emission") return LocalKind::emission;
    if (channel_kind == "absorption") return LocalKind::absorption;
    if (channel_kind == "dephasing") return LocalKind::dephasing;
    throw ModelError(messages::not_one_of(channel_kind, {"emission", "absorption", "dephasing"}));
}

namespace {

// Coefficient of |l, M−s⟩|s⟩ in |J, M; l⟩ (J = l ± ½), doubled arguments, two_s = ±1.
double clebsch(int two_J, int two_M, int two_l, int two_s) {
    if (two_l < 0) return 0.0;
    const double denominator = two_l + 1.0;
    const double plus = 0.5 * (two_l + two_M + 1), minus = 0.5 * (two_l - two_M + 1);  // l ± M + ½
    if (plus < 0.0 || minus < 0.0) return 0.0;
    if (two_J == two_l + 1) return std::sqrt((two_s > 0 ? plus : minus) / denominator);
    if (two_J == two_l - 1) return two_s > 0 ? -std::sqrt(minus / denominator) : std::sqrt(plus / denominator);
    return 0.0;
}

// ⟨s'|A|s⟩ for s, s' = ±½ (doubled: ±1); |↑⟩ is s = +½.
double single_spin(LocalKind kind, int two_s_out, int two_s_in) {
    switch (kind) {
        case LocalKind::emission:
            return (two_s_out == -1 && two_s_in == 1) ? 1.0 : 0.0;
        case LocalKind::absorption:
            return (two_s_out == 1 && two_s_in == -1) ? 1.0 : 0.0;
        case LocalKind::dephasing:
            return two_s_out == two_s_in ? static_cast<double>(two_s_in) : 0.0;
    }
    return 0.0;
}

int delta_of(LocalKind kind) { return kind == LocalKind::emission ? -1 : kind == LocalKind::absorption ? 1 : 0; }

}  // namespace

double coupled_matrix_element(LocalKind kind, int two_l, int two_j, int two_m, int two_jp, int two_mu) {
    double sum = 0.0;
    for (int two_s : {1, -1})
        for (int two_sp : {1, -1}) {
            if (two_mu - two_sp != two_m - two_s) continue;  // the first N−1 spins keep their M
            const double a = single_spin(kind, two_sp, two_s);
            if (a == 0.0) continue;
            sum += clebsch(two_jp, two_mu, two_l, two_sp) * clebsch(two_j, two_m, two_l, two_s) * a;
        }
    return sum;
}

std::vector<LocalTransition> local_transitions(const DickeBasis& basis, LocalKind kind) {
    const int n = basis.spins();
    const int delta = delta_of(kind);
    std::vector<LocalTransition> out;
    for (int b = 0; b < basis.blocks(); ++b) {
        const int two_j = basis.two_j(b);
        const double w[2] = {two_j * (n + two_j + 2.0) / (2.0 * (two_j + 1.0)),
                             (two_j + 2.0) * (n - two_j) / (2.0 * (two_j + 1.0))};
        const int two_l[2] = {two_j - 1, two_j + 1};
        for (int two_jp : {two_j - 2, two_j, two_j + 2}) {
            const int target = basis.block_of(two_jp);
            if (target < 0) continue;
            LocalTransition t;
            t.source = b;
            t.target = target;
            // k' = j' − (m + δ) = k + (j' − j) − δ
            t.shift = (two_jp - two_j) / 2 - delta;
            bool any = false;
            for (int li = 0; li < 2; ++li) {
                t.c[li].assign(static_cast<std::size_t>(two_j + 1), 0.0);
                if (w[li] <= 0.0 || two_l[li] < 0 || std::abs(two_jp - two_l[li]) != 1) continue;
                for (int k = 0; k <= two_j; ++k) {
                    const int kp = k + t.shift;
                    if (kp < 0 || kp > two_jp) continue;
                    const int two_m = two_j - 2 * k;
                    const double a = coupled_matrix_element(kind, two_l[li], two_j, two_m, two_jp, two_m + 2 * delta);
                    t.c[li][static_cast<std::size_t>(k)] = std::sqrt(w[li]) * a;
                    any = any || a != 0.0;
                }
            }
            if (any) out.push_back(std::move(t));
        }
    }
    return out;
}

CollectivePolynomial local_loss_operator(LocalKind kind, int n) {
    const double half = 0.5 * n;
    switch (kind) {
        case LocalKind::emission:  // σ^+σ^- = |↑⟩⟨↑| = ½ + S^z
            return CollectivePolynomial::constant(half) + CollectivePolynomial::letter(CollectiveLetter::Jz);
        case LocalKind::absorption:
            return CollectivePolynomial::constant(half) + CollectivePolynomial::letter(CollectiveLetter::Jz, -1.0);
        case LocalKind::dephasing:
            return CollectivePolynomial::constant(static_cast<double>(n));
    }
    return {};
}

}  // namespace openspins::dicke
