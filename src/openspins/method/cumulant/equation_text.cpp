#include "openspins/method/cumulant/equation_text.hpp"

#include "openspins/number_text.hpp"

namespace openspins::cumulant {

namespace {

std::string symbol(const GeneratorPiece& p, bool latex) {
    if (!latex) return p.name;
    std::string name;
    for (const char ch : p.name) name += ch == '_' ? std::string("\\_") : std::string(1, ch);
    return std::string(p.hamiltonian ? "h" : "\\gamma") + "_{\\mathrm{" + name + "}}";
}

// Σ c(N) M(K') of one piece, e.g. "-(N - 1) <s+1 s-2> - 1/2 <sz1> - 1/2".
std::string sum_text(const MomentSum& sum, bool latex) {
    std::string s;
    for (const auto& [k, c] : sum) {
        std::string coeff = to_text(c, latex);
        bool negative = coeff.front() == '-';
        if (negative) coeff.erase(0, 1);
        if (!s.empty())
            s += negative ? " - " : " + ";
        else if (negative)
            s += "-";
        const bool constant = k.order() == 0;
        if (coeff == "1" && !constant)
            coeff.clear();
        else if (!constant)
            coeff += latex ? "\\," : " ";
        s += coeff + (constant ? "" : key_text(k, latex));
    }
    return s.empty() ? "0" : s;
}

}  // namespace

std::string equations_text(const CumulantSystem& system, bool latex) {
    std::string out;
    const std::string n = std::to_string(system.spins());
    if (latex) {
        out += "% openspins cumulant equations, order " + std::to_string(system.order()) + ", N = " + n + "\n";
        out += "% sigma^{+-z}_k on distinct spins; <.> is the same for every choice of distinct spins\n";
    } else {
        out += "Cumulant equations, order " + std::to_string(system.order()) + " (moments of up to " +
               std::to_string(system.order()) + (system.has_mode() ? " factors: distinct spins, a, a^dagger" : " distinct spins") +
               "), N = " + n + "\n";
        out += "<s+1 s-2 sz3> = <sigma+_i sigma-_j sigmaz_k> for any distinct spins i, j, k; "
               "s+ = |up><down|, sz = |up><up| - |down><down|\n";
    }
    if (system.has_mode())
        out += std::string(latex ? "% " : "") +
               "mode: <ad^p a^q ...> = <(a^dagger)^p a^q ...> normal ordered, [a, a^dagger] = 1; each a, a^dagger counts "
               "as one factor of the order\n";
    out += latex ? "% " : "";
    out += "Strengths and rates at scale 1:";
    for (const auto& p : system.pieces())
        out += " " + p.name + " (" + p.kind + ") = " + number_text("%.6g", p.base) + ";";
    out += "\n";
    out += latex ? "% " : "";
    out += std::to_string(system.variables().size()) + " variables (M(a,b,c) with a >= b; " +
           std::to_string(system.real_size()) + " reals)\n\n";
    if (latex) out += "\\begin{align*}\n";
    for (const auto& k : system.variables()) {
        std::string rhs;
        for (const auto& p : system.pieces()) {
            const auto& sum = p.equations.at(k);
            if (sum.empty()) continue;
            if (!rhs.empty()) rhs += latex ? " \\\\\n  &\\quad + " : "\n      + ";
            rhs += symbol(p, latex) + (latex ? "\\big(" : " * (") + sum_text(sum, latex) + (latex ? "\\big)" : ")");
        }
        if (rhs.empty()) rhs = "0";
        if (latex)
            out += "\\frac{d}{dt}" + key_text(k, true) + " &= " + rhs + " \\\\\n";
        else
            out += "d/dt " + key_text(k, false) + " =\n        " + rhs + "\n";
    }
    if (latex) out += "\\end{align*}\n";
    if (!system.closures().empty()) {
        out += latex ? "% Closure: cumulants of more than " + std::to_string(system.order()) + " spins set to zero\n"
                     : "\nClosure (cumulants of more than " + std::to_string(system.order()) + " spins set to zero):\n";
        if (latex) out += "\\begin{align*}\n";
        for (const auto& [k, poly] : system.closures()) {
            if (latex)
                out += key_text(k, true) + " &\\approx " + polynomial_text(poly, true) + " \\\\\n";
            else
                out += "  " + key_text(k, false) + " ~ " + polynomial_text(poly, false) + "\n";
        }
        if (latex) out += "\\end{align*}\n";
    }
    return out;
}

}  // namespace openspins::cumulant
