#include "openspins/method/cumulant/moment_key.hpp"

#include <algorithm>

namespace openspins::cumulant {

PauliWord MomentKey::word() const {
    PauliWord w;
    w.insert(w.end(), static_cast<std::size_t>(plus), Letter::plus);
    w.insert(w.end(), static_cast<std::size_t>(minus), Letter::minus);
    w.insert(w.end(), static_cast<std::size_t>(z), Letter::z);
    return w;
}

Word MomentKey::operator_word() const { return Word{creations, annihilations, word()}; }

MomentKey key_of(const Word& w) {
    MomentKey k = key_of(w.spins);
    k.creations = w.creations;
    k.annihilations = w.annihilations;
    return k;
}

MomentKey key_of(const PauliWord& w) {
    MomentKey k;
    for (const Letter l : w) {
        if (l == Letter::plus) ++k.plus;
        if (l == Letter::minus) ++k.minus;
        if (l == Letter::z) ++k.z;
    }
    return k;
}

MomentSum expectation(const WordSum& op) {
    MomentSum out;
    for (const auto& [w, c] : op.terms()) out[key_of(w)] += c;
    for (auto it = out.begin(); it != out.end();) it = it->second.is_zero() ? out.erase(it) : std::next(it);
    return out;
}

std::vector<MomentKey> canonical_keys(int order) {
    std::vector<MomentKey> keys;
    for (int m = 1; m <= order; ++m)
        for (int a = m; a >= 0; --a)
            for (int b = std::min(a, m - a); b >= 0; --b) keys.push_back({a, b, m - a - b});
    return keys;
}

std::vector<MomentKey> canonical_keys_with_mode(int order, int max_spins) {
    std::vector<MomentKey> keys;
    for (int m = 1; m <= order; ++m) {
        for (int a = m; a >= 0; --a)
            for (int b = std::min(a, m - a); b >= 0; --b)
                if (m <= max_spins) keys.push_back({a, b, m - a - b});
        for (int mode = 1; mode <= m; ++mode)
            for (int p = mode; p >= 0; --p) {
                const int q = mode - p, spins = m - mode;
                if (spins > max_spins) continue;
                for (int a = spins; a >= 0; --a)
                    for (int b = spins - a; b >= 0; --b) {
                        const MomentKey k{a, b, spins - a - b, p, q};
                        if (k.is_canonical()) keys.push_back(k);
                    }
            }
    }
    return keys;
}

std::string key_text(const MomentKey& k, bool latex) {
    if (k.order() == 0) return "1";
    std::string s = latex ? "\\langle " : "<";
    // Appended piece by piece (GCC 12 reports a false -Wrestrict on chained string concatenation).
    const auto power = [&](int count, bool dagger) {
        if (count == 0) return;
        if (latex) {
            s.append(dagger ? "a^{\\dagger" : "a");
            if (count > 1) {
                s.append(dagger ? " " : "^{");
                s.append(std::to_string(count));
                if (!dagger) s.append("}");
            }
            s.append(dagger ? "} " : " ");
            return;
        }
        if (s.size() > 1) s.append(" ");
        s.append(dagger ? "ad" : "a");
        if (count > 1) {
            s.append("^");
            s.append(std::to_string(count));
        }
    };
    power(k.creations, true);
    power(k.annihilations, false);
    if (latex && k.has_mode() && k.spins() > 0) s += "\\,";
    int site = 1;
    const auto put = [&](int count, const char* plain, const char* tex) {
        for (int i = 0; i < count; ++i, ++site) {
            if (latex)
                s += std::string("\\sigma^{") + tex + "}_{" + std::to_string(site) + "}";
            else
                s += std::string(site > 1 || k.has_mode() ? " " : "") + plain + std::to_string(site);
        }
    };
    put(k.plus, "s+", "+");
    put(k.minus, "s-", "-");
    put(k.z, "sz", "z");
    return s + (latex ? "\\rangle" : ">");
}

}  // namespace openspins::cumulant
