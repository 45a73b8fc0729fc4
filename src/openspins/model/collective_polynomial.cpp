#include "openspins/model/collective_polynomial.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <numbers>
#include <sstream>
#include <string_view>

#include "openspins/config/messages.hpp"
#include "openspins/model/expression_cursor.hpp"
#include "openspins/model/operator_expression.hpp"
#include "openspins/model/spin_mode_polynomial.hpp"

namespace openspins {

using cplx = std::complex<double>;

CollectivePolynomial CollectivePolynomial::constant(cplx c) {
    CollectivePolynomial p;
    p.terms_.push_back({c, {}});
    return p;
}

CollectivePolynomial CollectivePolynomial::letter(CollectiveLetter l, cplx c) {
    CollectivePolynomial p;
    p.terms_.push_back({c, {l}});
    return p;
}

CollectivePolynomial& CollectivePolynomial::operator+=(const CollectivePolynomial& other) {
    terms_.insert(terms_.end(), other.terms_.begin(), other.terms_.end());
    return *this;
}

CollectivePolynomial& CollectivePolynomial::operator*=(cplx factor) {
    for (auto& t : terms_) t.coeff *= factor;
    return *this;
}

CollectivePolynomial operator*(const CollectivePolynomial& a, const CollectivePolynomial& b) {
    CollectivePolynomial p;
    for (const auto& x : a.terms())
        for (const auto& y : b.terms()) {
            CollectiveMonomial m{x.coeff * y.coeff, x.letters};
            m.letters.insert(m.letters.end(), y.letters.begin(), y.letters.end());
            p.terms_.push_back(std::move(m));
        }
    return p;
}

CollectivePolynomial CollectivePolynomial::adjoint() const {
    CollectivePolynomial p;
    for (const auto& t : terms_) {
        CollectiveMonomial m{std::conj(t.coeff), {t.letters.rbegin(), t.letters.rend()}};
        for (auto& l : m.letters) {
            if (l == CollectiveLetter::Jp)
                l = CollectiveLetter::Jm;
            else if (l == CollectiveLetter::Jm)
                l = CollectiveLetter::Jp;
        }
        p.terms_.push_back(std::move(m));
    }
    return p;
}

bool CollectivePolynomial::is_diagonal_in_m() const {
    for (const auto& t : terms_) {
        int shift = 0;
        for (auto l : t.letters) {
            if (l == CollectiveLetter::Jx || l == CollectiveLetter::Jy) return false;
            if (l == CollectiveLetter::Jp) ++shift;
            if (l == CollectiveLetter::Jm) --shift;
        }
        if (shift != 0) return false;
    }
    return true;
}

CollectivePolynomial CollectivePolynomial::simplified(double tolerance) const {
    std::map<std::vector<CollectiveLetter>, cplx> merged;
    for (const auto& t : terms_) merged[t.letters] += t.coeff;
    CollectivePolynomial p;
    for (const auto& [letters, c] : merged)
        if (std::abs(c) > tolerance) p.terms_.push_back({c, letters});
    return p;
}

std::string to_string(const CollectivePolynomial& p) {
    static const char* names[] = {"Jx", "Jy", "Jz", "Jp", "Jm", "J2"};
    if (p.empty()) return "0";
    std::ostringstream out;
    bool first = true;
    for (const auto& t : p.terms()) {
        if (!first) out << " + ";
        first = false;
        out << "(" << t.coeff.real() << (t.coeff.imag() < 0 ? "-" : "+") << std::abs(t.coeff.imag()) << "j)";
        for (auto l : t.letters) out << "*" << names[static_cast<int>(l)];
    }
    return out.str();
}

BlockMatrix letter_matrix(CollectiveLetter l, int two_j) {
    const int dim = two_j + 1;
    const double j = 0.5 * two_j;
    std::vector<Eigen::Triplet<cplx>> entries;
    for (int k = 0; k < dim; ++k) {
        const double m = j - k;
        // J^+|j,m⟩ = √((j−m)(j+m+1)) |j,m+1⟩ (row k−1); J^-|j,m⟩ = √((j+m)(j−m+1)) |j,m−1⟩ (row k+1).
        const double up = std::sqrt((j - m) * (j + m + 1.0));
        const double down = std::sqrt((j + m) * (j - m + 1.0));
        switch (l) {
            case CollectiveLetter::Jz:
                entries.emplace_back(k, k, m);
                break;
            case CollectiveLetter::J2:
                entries.emplace_back(k, k, j * (j + 1.0));
                break;
            case CollectiveLetter::Jp:
                if (k > 0) entries.emplace_back(k - 1, k, up);
                break;
            case CollectiveLetter::Jm:
                if (k + 1 < dim) entries.emplace_back(k + 1, k, down);
                break;
            case CollectiveLetter::Jx:  // (J^+ + J^-)/2
                if (k > 0) entries.emplace_back(k - 1, k, 0.5 * up);
                if (k + 1 < dim) entries.emplace_back(k + 1, k, 0.5 * down);
                break;
            case CollectiveLetter::Jy:  // (J^+ − J^-)/(2i)
                if (k > 0) entries.emplace_back(k - 1, k, cplx{0.0, -0.5 * up});
                if (k + 1 < dim) entries.emplace_back(k + 1, k, cplx{0.0, 0.5 * down});
                break;
        }
    }
    BlockMatrix a(dim, dim);
    a.setFromTriplets(entries.begin(), entries.end());
    return a;
}

std::vector<double> real_diagonal(const BlockMatrix& a) {
    std::vector<double> d(static_cast<std::size_t>(a.rows()), 0.0);
    for (int k = 0; k < a.outerSize(); ++k)
        for (BlockMatrix::InnerIterator it(a, k); it; ++it)
            if (it.row() == it.col()) d[static_cast<std::size_t>(it.row())] += it.value().real();
    return d;
}

BlockMatrix block_matrix(const CollectivePolynomial& p, int two_j) {
    const int dim = two_j + 1;
    BlockMatrix total(dim, dim);
    BlockMatrix identity(dim, dim);
    identity.setIdentity();
    for (const auto& t : p.terms()) {
        BlockMatrix product = identity;
        for (auto l : t.letters) product = BlockMatrix(product * letter_matrix(l, two_j));
        total += product * t.coeff;
    }
    total.prune(cplx{0.0}, 1e-300);
    return total;
}

bool covers_all_spins(const std::vector<int>& spins, int n) {
    if (static_cast<int>(spins.size()) != n) return false;
    // The usual case, 0 … n−1 in order, without a sort (protocols of many pulses on 10⁶ spins
    // call this once per pulse).
    bool in_order = true;
    for (int i = 0; i < n && in_order; ++i) in_order = spins[static_cast<std::size_t>(i)] == i;
    if (in_order) return true;
    std::vector<int> sorted = spins;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < n; ++i)
        if (sorted[static_cast<std::size_t>(i)] != i) return false;
    return true;
}

namespace {


using namespace expression_detail;

bool is_constant(const SpinModePolynomial& p) {
    return std::all_of(p.terms().begin(), p.terms().end(), [](const auto& t) {
        return t.creations == 0 && t.annihilations == 0 &&
               std::all_of(t.spin.terms().begin(), t.spin.terms().end(),
                           [](const auto& m) { return m.letters.empty(); });
    });
}

// A parsed sub-expression; `averaged` marks one that contains a single-spin
// operator replaced by its average (allowed only when multiplied by numbers).
struct Value {
    SpinModePolynomial poly;
    bool averaged = false;
};

// Recursive descent over the grammar of operator_expression.hpp, extended by the mode
// letters a, ad, n (spin_mode_polynomial.hpp) when `allow_mode`.
class CollectiveParser : ExpressionCursor {
public:
    CollectiveParser(std::string_view text, const SpinSystem& spins, bool symmetrize, bool allow_mode)
        : ExpressionCursor(text), spins_(spins), symmetrize_(symmetrize), allow_mode_(allow_mode) {}

    SpinModePolynomial parse() {
        Value v = expression();
        skip_space();
        if (pos_ < text_.size()) fail(messages::expected_end(describe_next()));
        return v.poly.simplified();
    }

private:
    static Value spin(const CollectivePolynomial& p, bool averaged = false) {
        return {SpinModePolynomial::spins_only(p), averaged};
    }

    Value expression() {
        Value sum = product();
        for (;;) {
            skip_space();
            if (accept('+')) {
                Value v = product();
                sum.poly += v.poly;
                sum.averaged = sum.averaged || v.averaged;
            } else if (accept('-')) {
                Value v = product();
                sum.poly += v.poly * cplx{-1.0};
                sum.averaged = sum.averaged || v.averaged;
            } else {
                return sum;
            }
        }
    }

    Value product() {
        Value result = factor();
        for (;;) {
            skip_space();
            const std::size_t at = pos_;
            if (!accept('*')) return result;
            Value v = factor();
            if ((result.averaged && !is_constant(v.poly)) || (v.averaged && !is_constant(result.poly))) {
                pos_ = at;
                fail(messages::dicke_not_symmetric(
                    "a single-spin operator is averaged over the spins only when multiplied by numbers, not by "
                    "operators"));
            }
            result.poly = result.poly * v.poly;
            result.averaged = result.averaged || v.averaged;
        }
    }

    Value factor() {
        skip_space();
        if (accept('+')) return nested([this] { return factor(); });
        if (accept('-')) {
            Value v = nested([this] { return factor(); });
            v.poly *= cplx{-1.0};
            return v;
        }
        return primary();
    }

    Value primary() {
        skip_space();
        if (pos_ >= text_.size()) fail(messages::expected_operand(describe_next()));
        const char c = text_[pos_];
        if (c == '(') {
            ++pos_;
            Value inner = nested([this] { return expression(); });
            skip_space();
            if (!accept(')')) fail(messages::expected_symbol(")", "to close '('", describe_next()));
            return inner;
        }
        if (is_digit(c) || c == '.') return spin(CollectivePolynomial::constant(number()));
        if (is_identifier_start(c)) return named();
        fail(messages::expected_operand(describe_next()));
    }

    Value named() {
        using L = CollectiveLetter;
        const std::size_t start = pos_;
        while (pos_ < text_.size() && is_identifier_char(text_[pos_])) ++pos_;
        const std::string name(text_.substr(start, pos_ - start));
        if (name == "pi") return spin(CollectivePolynomial::constant(std::numbers::pi));
        if (name == "a" || name == "ad" || name == "n") {
            if (!allow_mode_) {
                pos_ = start;
                fail(messages::mode_operator_not_here(name));
            }
            if (name == "a") return {SpinModePolynomial::mode(0, 1), false};
            if (name == "ad") return {SpinModePolynomial::mode(1, 0), false};
            return {SpinModePolynomial::mode(1, 1), false};
        }
        static const std::map<std::string, L> collective{{"Jx", L::Jx}, {"Jy", L::Jy}, {"Jz", L::Jz},
                                                         {"Jp", L::Jp}, {"Jm", L::Jm}, {"J2", L::J2}};
        if (const auto it = collective.find(name); it != collective.end()) {
            species_over_all_spins(start);
            return spin(CollectivePolynomial::letter(it->second));
        }
        const double n = spins_.size();
        const auto letter = [](L l, double c) { return CollectivePolynomial::letter(l, c); };
        const auto constant = [](double c) { return CollectivePolynomial::constant(c); };
        // A_i averaged over the spins: (1/N) Σ_i A_i in collective letters.
        static const std::vector<std::string> single{"sx", "sy", "sz", "sp", "sm", "nup", "ndown", "Sx", "Sy", "Sz"};
        if (std::find(single.begin(), single.end(), name) != single.end()) {
            (void)spin_index(name, spins_);
            if (!symmetrize_) {
                pos_ = start;
                fail(messages::dicke_not_symmetric(messages::quoted(name + "(i)") +
                                                   " acts on one spin (collective operators Jx Jy Jz Jp Jm J2 do not)"));
            }
            CollectivePolynomial p;
            if (name == "sx") p = letter(L::Jx, 2.0 / n);
            if (name == "sy") p = letter(L::Jy, 2.0 / n);
            if (name == "sz") p = letter(L::Jz, 2.0 / n);
            if (name == "Sx") p = letter(L::Jx, 1.0 / n);
            if (name == "Sy") p = letter(L::Jy, 1.0 / n);
            if (name == "Sz") p = letter(L::Jz, 1.0 / n);
            if (name == "sp") p = letter(L::Jp, 1.0 / n);
            if (name == "sm") p = letter(L::Jm, 1.0 / n);
            if (name == "nup") p = constant(0.5) + letter(L::Jz, 1.0 / n);
            if (name == "ndown") p = constant(0.5) + letter(L::Jz, -1.0 / n);
            return spin(p, true);
        }
        pos_ = start;
        fail(messages::unknown_operator_name(
            name, {"pi", "sx(i)", "sy(i)", "sz(i)", "sp(i)", "sm(i)", "nup(i)", "ndown(i)", "Sx(i)", "Sy(i)", "Sz(i)",
                   "Jx", "Jy", "Jz", "Jp", "Jm", "J2", "a", "ad", "n"}));
    }

    // "[A]" is accepted when species A is all the spins.
    void species_over_all_spins(std::size_t name_start) {
        const auto name = species_bracket(spins_);
        if (!name) return;
        if (!covers_all_spins(spins_.spins_of(*name), spins_.size())) {
            pos_ = name_start;
            fail(messages::dicke_not_symmetric("a collective operator over species " + messages::quoted(*name) +
                                               " acts on part of the spins"));
        }
    }

    const SpinSystem& spins_;
    bool symmetrize_;
    bool allow_mode_;
};

}  // namespace

CollectivePolynomial parse_collective(const std::string& text, const SpinSystem& spins, bool symmetrize_single_spin) {
    return CollectiveParser(text, spins, symmetrize_single_spin, false).parse().spin_part();
}

SpinModePolynomial parse_spin_mode(const std::string& text, const SpinSystem& spins) {
    return CollectiveParser(text, spins, false, true).parse();
}

}  // namespace openspins
