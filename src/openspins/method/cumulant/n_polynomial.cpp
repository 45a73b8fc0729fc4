#include "openspins/method/cumulant/n_polynomial.hpp"

#include <cmath>
#include <cstdio>

namespace openspins::cumulant {

NPolynomial NPolynomial::constant(std::complex<double> c) {
    NPolynomial p;
    p.c_ = {c};
    p.trim();
    return p;
}

NPolynomial NPolynomial::n_minus(int m) {
    NPolynomial p;
    p.c_ = {static_cast<double>(-m), 1.0};
    p.trim();
    return p;
}

bool NPolynomial::is_zero(double tolerance) const {
    for (const auto& c : c_)
        if (std::abs(c) > tolerance) return false;
    return true;
}

std::complex<double> NPolynomial::at(double n) const {
    std::complex<double> v = 0.0;
    for (auto k = c_.size(); k-- > 0;) v = v * n + c_[k];
    return v;
}

NPolynomial& NPolynomial::operator+=(const NPolynomial& other) {
    if (other.c_.size() > c_.size()) c_.resize(other.c_.size(), 0.0);
    for (std::size_t k = 0; k < other.c_.size(); ++k) c_[k] += other.c_[k];
    trim();
    return *this;
}

NPolynomial& NPolynomial::operator*=(std::complex<double> f) {
    for (auto& c : c_) c *= f;
    trim();
    return *this;
}

NPolynomial operator*(const NPolynomial& a, const NPolynomial& b) {
    NPolynomial p;
    if (a.c_.empty() || b.c_.empty()) return p;
    p.c_.assign(a.c_.size() + b.c_.size() - 1, 0.0);
    for (std::size_t i = 0; i < a.c_.size(); ++i)
        for (std::size_t j = 0; j < b.c_.size(); ++j) p.c_[i + j] += a.c_[i] * b.c_[j];
    p.trim();
    return p;
}

// Exact cancellations (1 − ½ − ½) leave exact zeros; rounding leaves ~1e-16 relative,
// which is dropped so that a vanishing term disappears from the printed equations too.
void NPolynomial::trim() {
    double scale = 0.0;
    for (const auto& c : c_) scale = std::max(scale, std::abs(c));
    for (auto& c : c_) {
        if (std::abs(c.real()) <= 1e-14 * scale) c.real(0.0);
        if (std::abs(c.imag()) <= 1e-14 * scale) c.imag(0.0);
    }
    while (!c_.empty() && c_.back() == 0.0) c_.pop_back();
}

namespace {

// x as an integer, a fraction p/q with q ∈ {2, 3, 4, 8, 16}, or a decimal.
std::string real_text(double x, bool latex) {
    const double r = std::round(x);
    char buffer[64];
    if (std::abs(x - r) < 1e-12 * std::max(1.0, std::abs(x))) {
        std::snprintf(buffer, sizeof buffer, "%.0f", r);
        return buffer;
    }
    for (int q : {2, 3, 4, 8, 16}) {
        const double p = std::round(x * q);
        if (std::abs(x * q - p) < 1e-10 * std::max(1.0, std::abs(x * q))) {
            const char* sign = p < 0 ? "-" : "";
            if (latex)
                std::snprintf(buffer, sizeof buffer, "%s\\frac{%.0f}{%d}", sign, std::abs(p), q);
            else
                std::snprintf(buffer, sizeof buffer, "%s%.0f/%d", sign, std::abs(p), q);
            return buffer;
        }
    }
    std::snprintf(buffer, sizeof buffer, "%.10g", x);
    return buffer;
}

std::string complex_text(std::complex<double> c, bool latex) {
    const double scale = std::abs(c);
    const bool real = std::abs(c.imag()) <= 1e-14 * scale;
    const bool imaginary = std::abs(c.real()) <= 1e-14 * scale;
    if (real) return real_text(c.real(), latex);
    if (imaginary) {
        const double y = c.imag();
        if (y == 1.0) return "i";
        if (y == -1.0) return "-i";
        return real_text(y, latex) + (latex ? "\\,i" : " i");
    }
    // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "(" + std::string&&.
    std::string text("(");
    text += real_text(c.real(), latex);
    text += c.imag() < 0 ? " - " : " + ";
    text += real_text(std::abs(c.imag()), latex);
    text += latex ? "\\,i)" : " i)";
    return text;
}

// p(N) divided by (N − m), when m is a root (synthetic division).
bool divide_root(std::vector<std::complex<double>>& c, int m) {
    if (c.size() < 2) return false;
    std::complex<double> v = 0.0;
    double scale = 0.0;
    for (auto k = c.size(); k-- > 0;) {
        v = v * static_cast<double>(m) + c[k];
        scale = std::max(scale, std::abs(c[k]) * std::pow(std::max(1.0, static_cast<double>(m)), static_cast<double>(k)));
    }
    if (std::abs(v) > 1e-12 * scale) return false;
    std::vector<std::complex<double>> q(c.size() - 1);
    std::complex<double> carry = 0.0;
    for (auto k = c.size(); k-- > 1;) {
        carry = carry * static_cast<double>(m) + c[k];
        q[k - 1] = carry;
    }
    c = q;
    return true;
}

}  // namespace

std::string to_text(const NPolynomial& p, bool latex) {
    auto c = p.coefficients();
    if (c.empty()) return "0";
    std::string factors;
    for (int m = 0; m <= 8; ++m)
        while (divide_root(c, m)) {
            if (m == 0)
                factors += "N";
            else
                factors += "(N - " + std::to_string(m) + ")";
        }
    std::string rest;
    if (c.size() == 1) {
        rest = complex_text(c[0], latex);
        if (!factors.empty()) {
            if (rest == "1") return factors;
            if (rest == "-1") return "-" + factors;
            return rest + " " + factors;
        }
        return rest;
    }
    // A residual without integer roots: written out, N^k, highest power first.
    for (auto k = c.size(); k-- > 0;) {
        if (c[k] == 0.0) continue;
        if (!rest.empty()) rest += " + ";
        rest += complex_text(c[k], latex);
        if (k >= 1) rest += " N";
        if (k >= 2) rest += (latex ? "^{" : "^") + std::to_string(k) + (latex ? "}" : "");
    }
    return factors.empty() ? "(" + rest + ")" : "(" + rest + ") " + factors;
}

}  // namespace openspins::cumulant
