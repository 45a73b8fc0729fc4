#include "openspins/method/cumulant/cumulant_closure.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace openspins::cumulant {

namespace {

MomentPolynomial product(const MomentPolynomial& a, const MomentPolynomial& b) {
    MomentPolynomial out;
    for (const auto& [fa, ca] : a)
        for (const auto& [fb, cb] : b) {
            std::vector<MomentKey> f = fa;
            f.insert(f.end(), fb.begin(), fb.end());
            std::sort(f.begin(), f.end());
            out[f] += ca * cb;
        }
    for (auto it = out.begin(); it != out.end();) it = it->second == 0.0 ? out.erase(it) : std::next(it);
    return out;
}

void add_to(MomentPolynomial& sum, const MomentPolynomial& p, double factor) {
    for (const auto& [f, c] : p) sum[f] += factor * c;
    for (auto it = sum.begin(); it != sum.end();) it = it->second == 0.0 ? sum.erase(it) : std::next(it);
}

// Every set partition of {0, …, m − 1} (restricted growth strings): block[i] is i's block.
void for_each_partition(int m, const std::function<void(const std::vector<int>&, int)>& visit) {
    std::vector<int> block(static_cast<std::size_t>(m), 0);
    std::function<void(int, int)> grow = [&](int i, int blocks) {
        if (i == m) {
            visit(block, blocks);
            return;
        }
        for (int b = 0; b <= blocks; ++b) {
            block[static_cast<std::size_t>(i)] = b;
            grow(i + 1, std::max(blocks, b + 1));
        }
    };
    if (m == 0)
        visit(block, 0);
    else
        grow(0, 0);
}

// The factors of a moment, each one a spin letter or one a† or one a of the mode: the closure
// splits a moment's factors into blocks whatever their kind (a sub-block of a normal-ordered
// product is normal ordered, so every block is again a moment).
enum class Factor { plus, minus, z, creation, annihilation };

std::vector<Factor> factors_of(const MomentKey& k) {
    std::vector<Factor> f;
    f.insert(f.end(), static_cast<std::size_t>(k.plus), Factor::plus);
    f.insert(f.end(), static_cast<std::size_t>(k.minus), Factor::minus);
    f.insert(f.end(), static_cast<std::size_t>(k.z), Factor::z);
    f.insert(f.end(), static_cast<std::size_t>(k.creations), Factor::creation);
    f.insert(f.end(), static_cast<std::size_t>(k.annihilations), Factor::annihilation);
    return f;
}

// The key of the factors factors[i] for i in block b, for each block.
std::vector<MomentKey> block_keys(const std::vector<Factor>& factors, const std::vector<int>& block, int blocks) {
    std::vector<MomentKey> keys(static_cast<std::size_t>(blocks));
    for (std::size_t i = 0; i < factors.size(); ++i) {
        MomentKey& k = keys[static_cast<std::size_t>(block[i])];
        switch (factors[i]) {
            case Factor::plus: ++k.plus; break;
            case Factor::minus: ++k.minus; break;
            case Factor::z: ++k.z; break;
            case Factor::creation: ++k.creations; break;
            case Factor::annihilation: ++k.annihilations; break;
        }
    }
    return keys;
}

// κ(key) in moments of its sub-blocks (Möbius inversion over all partitions).
const MomentPolynomial& joint_cumulant(const MomentKey& key) {
    static thread_local std::map<MomentKey, MomentPolynomial> cache;
    if (const auto it = cache.find(key); it != cache.end()) return it->second;
    const std::vector<Factor> letters = factors_of(key);
    MomentPolynomial sum;
    for_each_partition(static_cast<int>(letters.size()), [&](const std::vector<int>& block, int blocks) {
        double weight = (blocks % 2 == 1) ? 1.0 : -1.0;  // (−1)^{|σ|−1} (|σ|−1)!
        for (int k = 2; k < blocks; ++k) weight *= k;
        auto keys = block_keys(letters, block, blocks);
        std::sort(keys.begin(), keys.end());
        sum[keys] += weight;
    });
    for (auto it = sum.begin(); it != sum.end();) it = it->second == 0.0 ? sum.erase(it) : std::next(it);
    return cache.emplace(key, std::move(sum)).first->second;
}

}  // namespace

MomentPolynomial closure(const MomentKey& key, int order) {
    if (key.order() <= order) return {{{key}, 1.0}};
    const std::vector<Factor> letters = factors_of(key);
    MomentPolynomial sum;
    for_each_partition(static_cast<int>(letters.size()), [&](const std::vector<int>& block, int blocks) {
        std::vector<int> sizes(static_cast<std::size_t>(blocks), 0);
        for (const int b : block) ++sizes[static_cast<std::size_t>(b)];
        if (*std::max_element(sizes.begin(), sizes.end()) > order) return;
        MomentPolynomial term{{{}, 1.0}};
        for (const auto& k : block_keys(letters, block, blocks)) term = product(term, joint_cumulant(k));
        add_to(sum, term, 1.0);
    });
    return sum;
}

std::string polynomial_text(const MomentPolynomial& p, bool latex) {
    std::string s;
    for (const auto& [factors, c] : p) {
        const double a = std::abs(c);
        s += s.empty() ? (c < 0 ? "-" : "") : (c < 0 ? " - " : " + ");
        if (a != 1.0 || factors.empty()) {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%g", a);
            s += buffer;
            if (!factors.empty()) s += latex ? "\\," : " ";
        }
        for (std::size_t k = 0; k < factors.size(); ++k) s += key_text(factors[k], latex);
    }
    return s.empty() ? "0" : s;
}

}  // namespace openspins::cumulant
