// The closed equations of the cumulant method for one model: the moments of up to
// `order` spins (moment_key.hpp) as the state, the model's generator pieces derived
// symbolically (moment_equations.hpp), and the closure of the higher moments
// (cumulant_closure.hpp), compiled per evolve step into a numeric right-hand side.
//
// State layout (the reals CVODE integrates): the variables M(a, b, c), a ≥ b, in
// canonical_keys order; a real one (a = b) takes one real, a complex one two (Re, Im).
// At order n there are as many reals as moment keys of order 1 … n counted with their
// conjugates: 3, 9, 19 reals for n = 1, 2, 3.
// The order used is min(order, N): for N ≤ order no moment of more than N spins exists and
// the hierarchy closes exactly.
// With a bosonic mode ([cavity]) the variables also hold the mode's normal-ordered powers
// (moment_key.hpp; order 1: 5 reals, 2: 20, 3: 55 for N ≥ order — moments of ≤ N spins only), the
// pieces include the cavity's δ a†a ("cavity.detuning"), i g (a†J⁻ − aJ⁺) (scaled by "cavity"),
// κ(n̄_b+1) D[a] ("cavity.loss"), κ n̄_b D[a†] ("cavity.pumping") and every spin–mode term and
// custom jump; the order is not reduced to N (the mode's moments do not close).
#pragma once

#include <complex>
#include <map>
#include <string>
#include <vector>

#include "openspins/method/cumulant/cumulant_closure.hpp"
#include "openspins/method/cumulant/moment_equations.hpp"
#include "openspins/model/model.hpp"

namespace openspins::cumulant {

// One Hamiltonian term (at unit strength) or channel (at unit rate) and its equations.
struct GeneratorPiece {
    std::string name;  // the term or channel name (protocol scale key)
    std::string kind;  // zeeman, drive, …, emission, collective_emission, …
    bool hamiltonian = false;
    double base = 0.0;  // strength or rate at scale 1
    MomentEquations equations;
    std::string scale_key;  // the protocol's scale name; empty: never scaled ([cavity] δ, κ, n̄_b)
};

class CumulantSystem {
public:
    // Derives every piece; throws ModelError for a term or channel outside the algebra
    // (the method validates first, so this is a guard).
    CumulantSystem(const Model& model, int order);

    [[nodiscard]] int order() const { return order_; }
    [[nodiscard]] int spins() const { return spins_; }
    [[nodiscard]] bool has_mode() const { return has_mode_; }
    [[nodiscard]] const std::vector<MomentKey>& variables() const { return variables_; }
    [[nodiscard]] const std::vector<GeneratorPiece>& pieces() const { return pieces_; }
    [[nodiscard]] std::size_t real_size() const { return reals_; }
    // Seconds the derivation took (symbolic equations + closures).
    [[nodiscard]] double derivation_seconds() const { return derivation_seconds_; }
    // The moments beyond `order` the equations contain, each with its closure.
    [[nodiscard]] const std::map<MomentKey, MomentPolynomial>& closures() const { return closures_; }

    // All moments of order ≤ order (both orientations) from the packed reals.
    [[nodiscard]] std::map<MomentKey, std::complex<double>> moments(const double* y) const;
    void pack(const std::map<MomentKey, std::complex<double>>& m, double* y) const;
    // ⟨Σ c(N) M(K)⟩ at the state y, higher moments by the closure.
    [[nodiscard]] std::complex<double> evaluate(const MomentSum& s, const double* y) const;

    struct Entry {
        int value;
        std::complex<double> coeff;
    };
    struct Product {
        double coeff;
        std::vector<int> factors;
    };
    // ⟨Σ c(N) M(K)⟩ compiled against the right-hand side's value table (the moments of order ≤
    // order, then the closed ones): Σ coeff·value + Σ products of values. For observables the
    // right-hand side needs at every call (the emitted quanta's Γ⟨J⁺J⁻⟩) without the map
    // lookups of evaluate().
    struct CompiledSum {
        struct Term {
            std::complex<double> coeff;
            std::vector<int> factors;
        };
        std::vector<Entry> linear;
        std::vector<Term> products;
    };
    [[nodiscard]] CompiledSum compile(const MomentSum& s) const;

    // The right-hand side of one evolve step (scale: factor by term or channel name).
    class Rhs {
    public:
        void operator()(const double* y, double* dy) const;
        // A compiled sum at the y of the last operator() or jacobian() call.
        [[nodiscard]] std::complex<double> value(const CompiledSum& s) const;
        // The analytic Jacobian ∂(dy)_i/∂y_j of operator() at y, from the same tables: a variable's
        // value has gradient 1 (Re) and ±i (Im), a closed moment Σ c Π v_f the product rule's
        // Σ c Σ_f (Π_{g≠f} v_g) ∇v_f, a row Σ coeff·∇v; Re and Im split into the packed reals.
        // Written column-major, jac[j·ld + i], into the first real_size() rows and columns.
        void jacobian(const double* y, double* jac, std::size_t ld) const;
        // Adds scale·∂Re⟨s⟩/∂y_j at the y of the last jacobian() call to row[j·ld], j < real_size().
        void add_gradient(const CompiledSum& s, double scale, double* row, std::size_t ld) const;

    private:
        friend class CumulantSystem;
        void unpack(const double* y) const;  // v_ at y (the variables, then the closed moments)
        // ∇ of Π_{f ∈ factors} v_f times c, added to out (real_size() entries).
        void add_product_gradient(std::complex<double> c, const std::vector<int>& factors,
                                  std::complex<double>* out) const;
        std::size_t values_ = 0, reals_ = 0;
        std::vector<std::pair<int, int>> unpack_;  // value id ← (real offset, sign of Im: +1, −1, 0 real)
        std::vector<std::pair<int, std::vector<Product>>> closed_;  // value id ← Σ products
        std::vector<std::pair<int, bool>> rows_;                     // variable: (offset, complex)
        std::vector<std::vector<Entry>> entries_;
        mutable std::vector<std::complex<double>> v_;
        mutable std::vector<std::complex<double>> grad_;  // ∂v_id/∂y_j at grad_[id·reals_ + j]
    };
    [[nodiscard]] Rhs rhs(const std::map<std::string, double>& scale) const;

private:
    std::map<MomentKey, int> ids_;  // 0: the constant 1; then the moments of order ≤ order; then closures_
    int order_ = 2, spins_ = 0;
    bool has_mode_ = false;
    std::vector<MomentKey> variables_;
    std::vector<int> offsets_;
    std::size_t reals_ = 0;
    std::vector<GeneratorPiece> pieces_;
    std::map<MomentKey, MomentPolynomial> closures_;
    mutable std::map<MomentKey, MomentPolynomial> observable_closures_;
    double derivation_seconds_ = 0.0;
};

}  // namespace openspins::cumulant
