#include "openspins/method/cumulant/moment_equations.hpp"

namespace openspins::cumulant {

namespace {

using Complex = std::complex<double>;

// One monomial of a polynomial as products of collective sums Σ_i s_i: each J2 is expanded as
// J⁺J⁻ + Jz² − Jz, so a monomial becomes several sequences (leftmost factor first).
struct SumProduct {
    Complex coeff;
    std::vector<SiteOperator> factors;
};

std::vector<SumProduct> sum_products(const CollectiveMonomial& m) {
    std::vector<SumProduct> out{{m.coeff, {}}};
    for (const CollectiveLetter l : m.letters) {
        if (l != CollectiveLetter::J2) {
            for (auto& p : out) p.factors.push_back(collective_site_operator(l));
            continue;
        }
        const SiteOperator jp = collective_site_operator(CollectiveLetter::Jp);
        const SiteOperator jm = collective_site_operator(CollectiveLetter::Jm);
        const SiteOperator jz = collective_site_operator(CollectiveLetter::Jz);
        std::vector<SumProduct> next;
        for (const auto& p : out) {
            SumProduct a = p, b = p, c = p;
            a.factors.insert(a.factors.end(), {jp, jm});
            b.factors.insert(b.factors.end(), {jz, jz});
            c.factors.push_back(jz);
            c.coeff = -c.coeff;
            next.insert(next.end(), {a, b, c});
        }
        out = std::move(next);
    }
    return out;
}

template <class Derivative>
MomentEquations equations_for(const std::vector<MomentKey>& keys, const Derivative& derivative) {
    MomentEquations eq;
    for (const auto& k : keys) eq[k] = expectation(derivative(WordSum::word(k.operator_word())));
    return eq;
}

}  // namespace

SiteOperator collective_site_operator(CollectiveLetter l) {
    SiteOperator s;
    switch (l) {
        case CollectiveLetter::Jx:  // Jx = Σ (σ⁺ + σ⁻)/2
            s.c[1] = 0.5;
            s.c[2] = 0.5;
            break;
        case CollectiveLetter::Jy:  // Jy = Σ (σ⁺ − σ⁻)/(2i)
            s.c[1] = Complex(0.0, -0.5);
            s.c[2] = Complex(0.0, 0.5);
            break;
        case CollectiveLetter::Jz:
            s.c[3] = 0.5;
            break;
        case CollectiveLetter::Jp:
            s.c[1] = 1.0;
            break;
        case CollectiveLetter::Jm:
            s.c[2] = 1.0;
            break;
        case CollectiveLetter::J2:
            break;  // not a single sum: expanded by sum_products
    }
    return s;
}

WordSum apply_left(const CollectivePolynomial& p, const WordSum& o) {
    WordSum out;
    for (const auto& m : p.terms())
        for (const auto& sp : sum_products(m)) {
            WordSum x = o;
            for (auto it = sp.factors.rbegin(); it != sp.factors.rend(); ++it) x = x.collective_left(*it);
            x *= sp.coeff;
            out += x;
        }
    return out;
}

WordSum apply_right(const WordSum& o, const CollectivePolynomial& p) {
    WordSum out;
    for (const auto& m : p.terms())
        for (const auto& sp : sum_products(m)) {
            WordSum x = o;
            for (const auto& f : sp.factors) x = x.collective_right(f);
            x *= sp.coeff;
            out += x;
        }
    return out;
}

MomentSum collective_expectation(const CollectivePolynomial& p) {
    return expectation(apply_left(p, WordSum::word(Word{})));
}

namespace {

// i[H, O] = iHO − iOH, the Heisenberg derivative of O under H, for spin and spin–mode H.
template <class Polynomial>
WordSum i_commutator(const Polynomial& h, const WordSum& o) {
    WordSum d = apply_left(h, o);
    WordSum r = apply_right(o, h);
    r *= -1.0;
    d += r;
    d *= Complex(0.0, 1.0);
    return d;
}

}  // namespace

MomentEquations hamiltonian_equations(const CollectivePolynomial& h, const std::vector<MomentKey>& keys) {
    return equations_for(keys, [&](const WordSum& o) { return i_commutator(h, o); });
}

MomentEquations local_channel_equations(const SiteOperator& l, const std::vector<MomentKey>& keys) {
    return equations_for(keys, [&](const WordSum& o) {
        return o.on_each_site([&](const SiteOperator& x) { return adjoint_dissipator(l, x); });
    });
}

MomentEquations collective_channel_equations(const SiteOperator& l, const std::vector<MomentKey>& keys) {
    const SiteOperator ld = l.adjoint();
    return equations_for(keys, [&](const WordSum& o) {
        // L†OL − ½ L†L O − ½ O L†L with L = Σ_i ℓ_i
        WordSum d = o.collective_left(ld).collective_right(l);
        WordSum a = o.collective_left(l).collective_left(ld);
        WordSum b = o.collective_right(ld).collective_right(l);
        a *= -0.5;
        b *= -0.5;
        d += a;
        d += b;
        return d;
    });
}

WordSum apply_left(const SpinModePolynomial& p, const WordSum& o) {
    WordSum out;
    for (const auto& t : p.terms()) {
        WordSum x = apply_left(t.spin, o);  // the mode and the spins commute: either order
        out += x.mode_left(t.creations, t.annihilations, 1.0);
    }
    return out;
}

WordSum apply_right(const WordSum& o, const SpinModePolynomial& p) {
    WordSum out;
    for (const auto& t : p.terms()) {
        WordSum x = apply_right(o, t.spin);
        out += x.mode_right(t.creations, t.annihilations, 1.0);
    }
    return out;
}

MomentEquations spin_mode_hamiltonian_equations(const SpinModePolynomial& h, const std::vector<MomentKey>& keys) {
    return equations_for(keys, [&](const WordSum& o) { return i_commutator(h, o); });
}

MomentEquations spin_mode_jump_equations(const SpinModePolynomial& l, const std::vector<MomentKey>& keys) {
    const SpinModePolynomial ld = l.adjoint();
    const SpinModePolynomial ldl = (ld * l).simplified();
    return equations_for(keys, [&](const WordSum& o) {
        // L†OL − ½ L†L O − ½ O L†L
        WordSum d = apply_left(ld, apply_right(o, l));
        WordSum a = apply_left(ldl, o);
        WordSum b = apply_right(o, ldl);
        a *= -0.5;
        b *= -0.5;
        d += a;
        d += b;
        return d;
    });
}

std::optional<SiteOperator> channel_site_operator(const std::string& kind) {
    if (kind == "emission" || kind == "collective_emission") return letter_operator(Letter::minus);
    if (kind == "absorption" || kind == "collective_absorption") return letter_operator(Letter::plus);
    if (kind == "dephasing") return letter_operator(Letter::z);
    if (kind == "collective_dephasing") return letter_operator(Letter::z, 0.5);
    return std::nullopt;
}

}  // namespace openspins::cumulant
