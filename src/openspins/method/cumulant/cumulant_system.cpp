#include "openspins/method/cumulant/cumulant_system.hpp"

#include <algorithm>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/stopwatch.hpp"

namespace openspins::cumulant {

namespace {

double factor(const std::map<std::string, double>& scale, const std::string& name) {
    const auto it = scale.find(name);
    return it == scale.end() ? 1.0 : it->second;
}

}  // namespace

CumulantSystem::CumulantSystem(const Model& model, int order) {
    const auto start = Clock::now();
    spins_ = model.spins.size();
    has_mode_ = model.cavity.has_value();
    // Spins alone: for N ≤ order no moment of more than N spins exists and the hierarchy closes
    // at order N exactly. With a mode the mode's moments never close (a† and a raise the order
    // without bound), so the order stays; moments of more than N spins are zero.
    order_ = has_mode_ ? std::max(1, order) : std::max(1, std::min(order, spins_));
    variables_ = has_mode_ ? canonical_keys_with_mode(order_, spins_) : canonical_keys(order_);
    for (const auto& k : variables_) {
        offsets_.push_back(static_cast<int>(reals_));
        reals_ += k.is_real() ? 1 : 2;
    }
    for (const auto& t : model.hamiltonian) {
        if (t.mode) {
            pieces_.push_back({t.name, "custom", true, t.strength, spin_mode_hamiltonian_equations(*t.mode, variables_), t.name});
            continue;
        }
        if (!t.collective) throw ModelError(messages::cumulant_unsupported("Hamiltonian term '" + t.name + "' is not collective"));
        pieces_.push_back({t.name, t.kind, true, t.strength, hamiltonian_equations(*t.collective, variables_), t.name});
    }
    for (const auto& c : model.channels) {
        const double rate = c.jumps.empty() ? 0.0 : c.jumps.front().rate;
        if (c.mode) {  // a custom jump on spins ⊗ mode (with a [cavity])
            pieces_.push_back({c.name, c.kind, false, rate, spin_mode_jump_equations(*c.mode, variables_), c.name});
            continue;
        }
        const auto l = channel_site_operator(c.kind);
        if (!l) throw ModelError(messages::cumulant_unsupported("channel '" + c.name + "' (" + c.kind + ")"));
        pieces_.push_back({c.name, c.kind, false, rate,
                           c.is_collective() ? collective_channel_equations(*l, variables_)
                                             : local_channel_equations(*l, variables_),
                           c.name});
    }
    if (model.cavity) {  // the built-in parts of [cavity] (model/cavity.hpp); only g is scaled, by "cavity"
        const Cavity& cavity = *model.cavity;
        using cplx = std::complex<double>;
        const auto jp = SpinModePolynomial::spins_only(CollectivePolynomial::letter(CollectiveLetter::Jp));
        const auto jm = SpinModePolynomial::spins_only(CollectivePolynomial::letter(CollectiveLetter::Jm));
        if (cavity.detuning != 0.0)
            pieces_.push_back({"cavity.detuning", "mode", true, cavity.detuning,
                               spin_mode_hamiltonian_equations(SpinModePolynomial::mode(1, 1), variables_), ""});
        if (cavity.coupling != 0.0) {
            const SpinModePolynomial h =
                SpinModePolynomial::mode(1, 0, cplx{0.0, 1.0}) * jm + SpinModePolynomial::mode(0, 1, cplx{0.0, -1.0}) * jp;
            pieces_.push_back({"cavity", "cavity_coupling", true, cavity.coupling,
                               spin_mode_hamiltonian_equations(h, variables_), "cavity"});
        }
        if (cavity.loss * (cavity.thermal_occupation + 1.0) != 0.0)
            pieces_.push_back({"cavity.loss", "mode_loss", false, cavity.loss * (cavity.thermal_occupation + 1.0),
                               spin_mode_jump_equations(SpinModePolynomial::mode(0, 1), variables_), ""});
        if (cavity.loss * cavity.thermal_occupation != 0.0)
            pieces_.push_back({"cavity.pumping", "mode_pumping", false, cavity.loss * cavity.thermal_occupation,
                               spin_mode_jump_equations(SpinModePolynomial::mode(1, 0), variables_), ""});
    }
    // Value ids: the constant, every moment of order ≤ order_ (both orientations), then the
    // higher moments the equations contain, each closed; with a mode, moments of more than N
    // spins (they come with a factor N − m = 0) share one id whose value stays 0.
    ids_[MomentKey{}] = 0;
    for (const auto& k : variables_) {
        ids_.emplace(k, static_cast<int>(ids_.size()));
        ids_.emplace(k.conjugate(), static_cast<int>(ids_.size()));
    }
    std::vector<MomentKey> absent;
    for (const auto& p : pieces_)
        for (const auto& [k, sum] : p.equations)
            for (const auto& [source, c] : sum) {
                if (ids_.count(source) || closures_.count(source)) continue;
                if (has_mode_ && source.spins() > spins_)
                    absent.push_back(source);
                else if (source.order() > order_)
                    closures_[source] = closure(source, order_);
            }
    for (const auto& [k, poly] : closures_) ids_.emplace(k, static_cast<int>(ids_.size()));
    const int zero = static_cast<int>(ids_.size());
    for (const auto& k : absent) ids_.emplace(k, zero);
    derivation_seconds_ = seconds_since(start);
}

std::map<MomentKey, std::complex<double>> CumulantSystem::moments(const double* y) const {
    std::map<MomentKey, std::complex<double>> m;
    for (std::size_t i = 0; i < variables_.size(); ++i) {
        const auto& k = variables_[i];
        const auto o = static_cast<std::size_t>(offsets_[i]);
        const std::complex<double> v = k.is_real() ? std::complex<double>(y[o], 0.0) : std::complex<double>(y[o], y[o + 1]);
        m[k] = v;
        m[k.conjugate()] = std::conj(v);
    }
    m[MomentKey{}] = 1.0;
    return m;
}

void CumulantSystem::pack(const std::map<MomentKey, std::complex<double>>& m, double* y) const {
    for (std::size_t i = 0; i < variables_.size(); ++i) {
        const auto o = static_cast<std::size_t>(offsets_[i]);
        const std::complex<double> v = m.at(variables_[i]);
        y[o] = v.real();
        if (!variables_[i].is_real()) y[o + 1] = v.imag();
    }
}

std::complex<double> CumulantSystem::evaluate(const MomentSum& s, const double* y) const {
    const auto m = moments(y);
    std::complex<double> total = 0.0;
    for (const auto& [k, c] : s) {
        const std::complex<double> weight = c.at(spins_);
        if (weight == 0.0 || (has_mode_ && k.spins() > spins_)) continue;
        if (k.order() <= order_) {
            total += weight * m.at(k);
            continue;
        }
        auto it = observable_closures_.find(k);
        if (it == observable_closures_.end()) it = observable_closures_.emplace(k, closure(k, order_)).first;
        std::complex<double> v = 0.0;
        for (const auto& [factors, coeff] : it->second) {
            std::complex<double> p = coeff;
            for (const auto& f : factors) p *= m.at(f);
            v += p;
        }
        total += weight * v;
    }
    return total;
}

CumulantSystem::CompiledSum CumulantSystem::compile(const MomentSum& s) const {
    CompiledSum out;
    for (const auto& [k, c] : s) {
        const std::complex<double> weight = c.at(spins_);
        if (weight == 0.0 || (has_mode_ && k.spins() > spins_)) continue;
        if (const auto it = ids_.find(k); it != ids_.end()) {
            out.linear.push_back({it->second, weight});
            continue;
        }
        for (const auto& [factors, coeff] : closure(k, order_)) {  // factors of order ≤ order_
            CompiledSum::Term p{weight * coeff, {}};
            for (const auto& f : factors) p.factors.push_back(ids_.at(f));
            out.products.push_back(std::move(p));
        }
    }
    return out;
}

std::complex<double> CumulantSystem::Rhs::value(const CompiledSum& s) const {
    std::complex<double> total = 0.0;
    for (const auto& e : s.linear) total += e.coeff * v_[static_cast<std::size_t>(e.value)];
    for (const auto& p : s.products) {
        std::complex<double> x = p.coeff;
        for (const int f : p.factors) x *= v_[static_cast<std::size_t>(f)];
        total += x;
    }
    return total;
}

CumulantSystem::Rhs CumulantSystem::rhs(const std::map<std::string, double>& scale) const {
    Rhs r;
    int largest = 0;
    for (const auto& [k, id] : ids_) largest = std::max(largest, id);
    r.values_ = static_cast<std::size_t>(largest) + 1;
    r.reals_ = reals_;
    r.v_.assign(r.values_, 0.0);
    r.v_[0] = 1.0;
    for (std::size_t i = 0; i < variables_.size(); ++i) {
        const auto& k = variables_[i];
        const int o = offsets_[i];
        r.unpack_.resize(r.values_, {-1, 0});
        r.unpack_[static_cast<std::size_t>(ids_.at(k))] = {o, k.is_real() ? 0 : 1};
        if (!k.is_real()) r.unpack_[static_cast<std::size_t>(ids_.at(k.conjugate()))] = {o, -1};
        r.rows_.emplace_back(o, !k.is_real());
    }
    for (const auto& [k, poly] : closures_) {
        std::vector<Product> products;
        for (const auto& [factors, c] : poly) {
            Product p{c, {}};
            for (const auto& f : factors) p.factors.push_back(ids_.at(f));
            products.push_back(std::move(p));
        }
        r.closed_.emplace_back(ids_.at(k), std::move(products));
    }
    const double n = spins_;
    for (const auto& k : variables_) {
        std::map<int, std::complex<double>> row;
        for (const auto& p : pieces_) {
            const double s = p.base * (p.scale_key.empty() ? 1.0 : factor(scale, p.scale_key));
            if (s == 0.0) continue;
            for (const auto& [source, c] : p.equations.at(k)) row[ids_.at(source)] += s * c.at(n);
        }
        std::vector<Entry> entries;
        for (const auto& [id, c] : row)
            if (c != 0.0) entries.push_back({id, c});
        r.entries_.push_back(std::move(entries));
    }
    return r;
}

void CumulantSystem::Rhs::unpack(const double* y) const {
    for (std::size_t id = 1; id < unpack_.size(); ++id) {
        const auto [o, sign] = unpack_[id];
        if (o < 0) continue;
        const auto u = static_cast<std::size_t>(o);
        v_[id] = sign == 0 ? std::complex<double>(y[u], 0.0) : std::complex<double>(y[u], sign * y[u + 1]);
    }
    for (const auto& [id, products] : closed_) {
        std::complex<double> s = 0.0;
        for (const auto& p : products) {
            std::complex<double> x = p.coeff;
            for (const int f : p.factors) x *= v_[static_cast<std::size_t>(f)];
            s += x;
        }
        v_[static_cast<std::size_t>(id)] = s;
    }
}

void CumulantSystem::Rhs::operator()(const double* y, double* dy) const {
    unpack(y);
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        std::complex<double> d = 0.0;
        for (const auto& e : entries_[i]) d += e.coeff * v_[static_cast<std::size_t>(e.value)];
        const auto [o, complex] = rows_[i];
        dy[o] = d.real();
        if (complex) dy[o + 1] = d.imag();
    }
}

void CumulantSystem::Rhs::add_product_gradient(std::complex<double> c, const std::vector<int>& factors,
                                               std::complex<double>* out) const {
    for (std::size_t f = 0; f < factors.size(); ++f) {
        std::complex<double> others = c;
        for (std::size_t g = 0; g < factors.size(); ++g)
            if (g != f) others *= v_[static_cast<std::size_t>(factors[g])];
        if (others == 0.0) continue;
        const std::complex<double>* d = &grad_[static_cast<std::size_t>(factors[f]) * reals_];
        for (std::size_t j = 0; j < reals_; ++j) out[j] += others * d[j];
    }
}

void CumulantSystem::Rhs::jacobian(const double* y, double* jac, std::size_t ld) const {
    unpack(y);
    // Gradients of the values: the constant and the moments beyond N (mode) are constant.
    grad_.assign(values_ * reals_, 0.0);
    for (std::size_t id = 1; id < unpack_.size(); ++id) {
        const auto [o, sign] = unpack_[id];
        if (o < 0) continue;
        const auto u = static_cast<std::size_t>(o);
        grad_[id * reals_ + u] = 1.0;
        if (sign != 0) grad_[id * reals_ + u + 1] = std::complex<double>(0.0, sign);
    }
    // Closed moments are products of moments of order ≤ order (cumulant_closure.hpp), whose
    // gradients are set above.
    for (const auto& [id, products] : closed_)
        for (const auto& p : products) add_product_gradient(p.coeff, p.factors, &grad_[static_cast<std::size_t>(id) * reals_]);
    std::vector<std::complex<double>> row(reals_);
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        std::fill(row.begin(), row.end(), 0.0);
        for (const auto& e : entries_[i]) {
            const std::complex<double>* d = &grad_[static_cast<std::size_t>(e.value) * reals_];
            for (std::size_t j = 0; j < reals_; ++j) row[j] += e.coeff * d[j];
        }
        const auto [o, complex] = rows_[i];
        const auto u = static_cast<std::size_t>(o);
        for (std::size_t j = 0; j < reals_; ++j) {
            jac[j * ld + u] = row[j].real();
            if (complex) jac[j * ld + u + 1] = row[j].imag();
        }
    }
}

void CumulantSystem::Rhs::add_gradient(const CompiledSum& s, double scale, double* row, std::size_t ld) const {
    std::vector<std::complex<double>> g(reals_);
    for (const auto& e : s.linear) {
        const std::complex<double>* d = &grad_[static_cast<std::size_t>(e.value) * reals_];
        for (std::size_t j = 0; j < reals_; ++j) g[j] += e.coeff * d[j];
    }
    for (const auto& p : s.products) add_product_gradient(p.coeff, p.factors, g.data());
    for (std::size_t j = 0; j < reals_; ++j) row[j * ld] += scale * g[j].real();
}

}  // namespace openspins::cumulant
