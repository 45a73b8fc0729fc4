#include "openspins/method/heom/ado_index.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>

namespace openspins::heom {

namespace {

// Lexicographic order on multi-indices, written out: std::vector<std::uint8_t>'s own operator<
// makes GCC 12 warn (-Wstringop-overread, a false positive in its memcmp path) at -O2.
struct Lexicographic {
    bool operator()(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) const {
        const std::size_t common = std::min(a.size(), b.size());
        for (std::size_t i = 0; i < common; ++i)
            if (a[i] != b[i]) return a[i] < b[i];
        return a.size() < b.size();
    }
};

}  // namespace

std::size_t AdoIndex::count(int exponents, int depth) {
    // C(K + d, d) = Π_{j=1}^{d} (K + j)/j, exact in integers at every step.
    std::size_t c = 1;
    for (int j = 1; j <= depth; ++j) {
        const auto factor = static_cast<std::size_t>(exponents + j);
        if (c > std::numeric_limits<std::size_t>::max() / factor) return std::numeric_limits<std::size_t>::max();
        c = c * factor / static_cast<std::size_t>(j);
    }
    return c;
}

std::size_t AdoIndex::table_bytes(int exponents, int depth) {
    const std::size_t m = count(exponents, depth);
    const std::size_t per = static_cast<std::size_t>(exponents) * (1 + 2 * sizeof(std::int32_t));
    return m > std::numeric_limits<std::size_t>::max() / (per + 64) ? std::numeric_limits<std::size_t>::max()
                                                                      : m * (per + 64);
}

AdoIndex::AdoIndex(int exponents, int depth) : k_(exponents), depth_(depth) {
    if (depth > 255) throw std::invalid_argument("hierarchy depth above 255");
    // Levels one by one: level l+1 = every n + e_k of level l, sorted (std::map keeps the
    // lexicographic order and removes duplicates).
    std::vector<std::vector<std::uint8_t>> all;
    std::map<std::vector<std::uint8_t>, std::int32_t, Lexicographic> where;
    std::vector<std::vector<std::uint8_t>> level{std::vector<std::uint8_t>(static_cast<std::size_t>(k_), 0)};
    for (int l = 0; l <= depth_; ++l) {
        for (const auto& n : level) {
            where[n] = static_cast<std::int32_t>(all.size());
            all.push_back(n);
        }
        if (l == depth_) break;
        std::map<std::vector<std::uint8_t>, int, Lexicographic> next;
        for (const auto& n : level)
            for (int k = 0; k < k_; ++k) {
                auto m = n;
                ++m[static_cast<std::size_t>(k)];
                next.emplace(std::move(m), 0);
            }
        level.clear();
        for (auto& [n, unused] : next) level.push_back(n);
    }
    count_ = all.size();
    n_.resize(count_ * static_cast<std::size_t>(k_));
    plus_.assign(count_ * static_cast<std::size_t>(k_), -1);
    minus_.assign(count_ * static_cast<std::size_t>(k_), -1);
    for (std::size_t a = 0; a < count_; ++a)
        for (int k = 0; k < k_; ++k) {
            const std::size_t slot = a * static_cast<std::size_t>(k_) + static_cast<std::size_t>(k);
            n_[slot] = all[a][static_cast<std::size_t>(k)];
            auto m = all[a];
            ++m[static_cast<std::size_t>(k)];
            if (auto it = where.find(m); it != where.end()) plus_[slot] = it->second;
            if (all[a][static_cast<std::size_t>(k)] > 0) {
                m[static_cast<std::size_t>(k)] -= 2;
                minus_[slot] = where.at(m);
            }
        }
}

}  // namespace openspins::heom
