// Polynomials in the number of spins N with complex coefficients: the combinatorial
// factors N, N − 1, N(N − 1), … that collective sums produce (pauli_word.hpp), kept
// symbolic so `openspins equations` can print them, and evaluated at the model's N.
#pragma once

#include <complex>
#include <string>
#include <vector>

namespace openspins::cumulant {

class NPolynomial {
public:
    NPolynomial() = default;  // zero
    static NPolynomial constant(std::complex<double> c);
    // N − m
    static NPolynomial n_minus(int m);

    [[nodiscard]] const std::vector<std::complex<double>>& coefficients() const { return c_; }  // c_k of N^k
    [[nodiscard]] bool is_zero(double tolerance = 1e-13) const;
    [[nodiscard]] std::complex<double> at(double n) const;

    NPolynomial& operator+=(const NPolynomial& other);
    NPolynomial& operator*=(std::complex<double> f);
    friend NPolynomial operator*(NPolynomial a, std::complex<double> f) { return a *= f; }
    friend NPolynomial operator*(const NPolynomial& a, const NPolynomial& b);
    friend NPolynomial operator+(NPolynomial a, const NPolynomial& b) { return a += b; }

private:
    void trim();
    std::vector<std::complex<double>> c_;
};

// Readable form: a constant times factors N − m where the polynomial has integer roots
// 0 … 8, e.g. "2 N(N - 1)" or "-i/2 (N - 2)"; `latex` writes i and fractions for LaTeX.
// The constant 1 prints as "1".
std::string to_text(const NPolynomial& p, bool latex);

}  // namespace openspins::cumulant
