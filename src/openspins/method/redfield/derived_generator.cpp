#include "openspins/method/redfield/derived_generator.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/redfield/bohr_decomposition.hpp"
#include "openspins/method/redfield/dense_operator.hpp"

namespace openspins::redfield {

namespace {

std::string format(double x) {
    std::ostringstream s;
    s.precision(12);
    s << x;
    return s.str();
}

double frequency_tolerance(const SingleSpinEnergies& e) {
    double scale = 1.0;
    for (std::size_t i = 0; i < e.up.size(); ++i) scale = std::max(scale, std::abs(e.up[i] - e.down[i]));
    return 1e-9 * scale;
}

HamiltonianTerm make_term(const std::string& name, const SpinOperator& op) {
    HamiltonianTerm t;
    t.name = name;
    t.kind = "bath";
    t.strength = 1.0;
    t.op = op.simplified();
    return t;
}

// γ(ω) and S(ω) of one bath at the Bohr frequencies, each evaluated once: frequencies within
// `tolerance` share one value, so the N copies of a local bath at equal Zeeman frequencies (and
// the Davies, Lamb-shift and Hubbard terms of one component) cost one rate and at most one
// principal-value quadrature, not one per channel and use.
class SpectrumCache {
public:
    SpectrumCache(const BathSpectrum& s, double tolerance) : s_(s), tol_(tolerance) {}
    double rate(double omega) { return entry(omega).rate; }
    double lamb_shift(double omega) {
        Entry& e = entry(omega);
        if (!e.shift) e.shift = s_.lamb_shift(omega);
        return *e.shift;
    }
    complex one_sided(double omega, bool lamb) { return {0.5 * rate(omega), lamb ? lamb_shift(omega) : 0.0}; }

private:
    struct Entry {
        double rate;
        std::optional<double> shift;
    };
    Entry& entry(double omega) {
        const auto it = values_.lower_bound(omega - tol_);
        if (it != values_.end() && it->first <= omega + tol_) return it->second;
        return values_.emplace(omega, Entry{s_.rate(omega), std::nullopt}).first->second;
    }
    const BathSpectrum& s_;
    double tol_;
    std::map<double, Entry> values_;
};

std::vector<SpectrumCache> caches_of(const std::vector<BathSpectrum>& spectra, double tolerance) {
    std::vector<SpectrumCache> caches;
    caches.reserve(spectra.size());
    for (const auto& s : spectra) caches.emplace_back(s, tolerance);
    return caches;
}

// m += s·Ã†Ã (adjoint_first) or s·ÃÃ† for the sparse Ã given by its matrix units: only the
// units sharing a row (Ã†Ã) or a column (ÃÃ†) multiply.
void add_outer_products(std::vector<MatrixEntry> units, double s, bool adjoint_first, Eigen::MatrixXcd& m) {
    if (s == 0.0) return;
    const auto shared = [adjoint_first](const MatrixEntry& u) { return adjoint_first ? u.row : u.col; };
    const auto free = [adjoint_first](const MatrixEntry& u) { return adjoint_first ? u.col : u.row; };
    std::sort(units.begin(), units.end(), [&](const MatrixEntry& a, const MatrixEntry& b) { return shared(a) < shared(b); });
    for (std::size_t begin = 0; begin < units.size();) {
        std::size_t end = begin;
        while (end < units.size() && shared(units[end]) == shared(units[begin])) ++end;
        for (std::size_t i = begin; i < end; ++i)
            for (std::size_t j = begin; j < end; ++j) {
                // Ã†Ã: (Ã†)_{c r}Ã_{r c'};  ÃÃ†: Ã_{r c}(Ã†)_{c r'}
                const complex value = adjoint_first ? std::conj(units[i].value) * units[j].value
                                                    : units[i].value * std::conj(units[j].value);
                m(free(units[i]), free(units[j])) += s * value;
            }
        begin = end;
    }
}

// Davies / partial secular in the eigenbasis: the pairs (m, n) of Ã = V†AV are grouped by their
// Bohr frequency E_n − E_m (within tol; partial secular: single-linkage within the window); each
// group is the component Ã(ω), a jump of rate wγ(ω) (partial secular: L̃ = Σ_ω √(wγ(ω)) Ã(ω),
// rate 1), and H̃_LS = Σ_ω wS(ω)Ã(ω)†Ã(ω). Every pair lies in exactly one component, so all the
// jumps together hold at most d² matrix units: sparse. In the product basis (form product_basis)
// each jump is VL̃V†, up to d² full-width monomials; in the frame each matrix unit is one.
void derive_dense_secular(const Model& model, const std::vector<NoiseChannel>& noise,
                          const std::vector<BathSpectrum>& spectra, const GeneratorOptions& opt,
                          const Eigen::VectorXd& e, const Eigen::MatrixXcd& v, double tol, bool framed,
                          DerivedGenerator& out, SpinOperator& hubbard_terms) {
    const int n = model.spins.size();
    const auto in_output_basis = [&](const Eigen::MatrixXcd& m) {
        return from_dense_matrix(framed ? m : Eigen::MatrixXcd(v * m * v.adjoint()), n, 1e-14);
    };
    const double window = opt.generator == "partial_secular" ? std::max(opt.secular_window, tol) : tol;
    Eigen::MatrixXcd lamb = Eigen::MatrixXcd::Zero(v.rows(), v.cols());
    Eigen::MatrixXcd hubbard = Eigen::MatrixXcd::Zero(v.rows(), v.cols());  // Σ w ω γ(ω) [Ã(ω), Ã(ω)†]
    auto caches = caches_of(spectra, tol);
    for (const auto& channel : noise) {
        SpectrumCache& spectrum = caches[static_cast<std::size_t>(channel.bath)];
        const Eigen::MatrixXcd at = v.adjoint() * dense_matrix(channel.op, n) * v;
        struct Entry {
            double omega;
            MatrixEntry unit;
        };
        std::vector<Entry> entries;
        const double drop = 1e-14 * std::max(1e-300, at.cwiseAbs().maxCoeff());
        for (Eigen::Index c = 0; c < at.cols(); ++c)
            for (Eigen::Index r = 0; r < at.rows(); ++r)
                if (std::abs(at(r, c)) > drop) entries.push_back({e(c) - e(r), {r, c, at(r, c)}});
        std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.omega < b.omega; });
        Channel ch;
        ch.name = "bath:" + channel.label;
        ch.kind = "bath_" + opt.generator;
        // Components at one frequency (within tol), then clusters of components (within window).
        std::size_t k = 0;
        std::vector<MatrixEntry> cluster;
        double previous = 0.0;
        bool open = false;
        auto close_cluster = [&]() {
            if (!cluster.empty()) {
                if (framed) {
                    ch.jumps.push_back({1.0, matrix_units(cluster, n)});
                } else {
                    Eigen::MatrixXcd m = Eigen::MatrixXcd::Zero(v.rows(), v.cols());
                    for (const auto& u : cluster) m(u.row, u.col) += u.value;
                    ch.jumps.push_back({1.0, in_output_basis(m)});
                }
            }
            cluster.clear();
            open = false;
        };
        std::vector<MatrixEntry> component;
        while (k < entries.size()) {
            const double omega = entries[k].omega;
            component.clear();
            for (; k < entries.size() && entries[k].omega - omega <= tol; ++k) component.push_back(entries[k].unit);
            if (open && omega - previous > window) close_cluster();
            const double rate = channel.weight * spectrum.rate(omega);
            if (rate > 0.0)
                for (const auto& u : component) cluster.push_back({u.row, u.col, std::sqrt(rate) * u.value});
            if (opt.inhomogeneous == "hubbard" && rate != 0.0) {
                add_outer_products(component, omega * rate, false, hubbard);   // ÃÃ†
                add_outer_products(component, -omega * rate, true, hubbard);   // −Ã†Ã
            }
            open = true;
            previous = omega;
            if (opt.lamb_shift) add_outer_products(component, channel.weight * spectrum.lamb_shift(omega), true, lamb);
        }
        close_cluster();
        if (!ch.jumps.empty()) out.channels.push_back(std::move(ch));
    }
    if (lamb.cwiseAbs().maxCoeff() > 0.0) out.hamiltonian.push_back(make_term("bath:lamb_shift", in_output_basis(lamb)));
    if (hubbard.cwiseAbs().maxCoeff() > 0.0) hubbard_terms = in_output_basis(hubbard);
    out.notes["eigenbasis"] = std::string(framed ? "frame" : "dense") + ", d = " + std::to_string(v.rows());
}

// Bloch–Redfield in the eigenbasis of a general H_S = V diag(E) V†: Ã = V†AV,
// Λ̃_mn = wΓ(E_n − E_m) Ã_mn (E_n − E_m is the energy lost going n → m), Λ = VΛ̃V†, then the
// same Lindblad form as the uncoupled path with dense (full-width monomial) operators.
void derive_dense_bloch_redfield(const Model& model, const std::vector<NoiseChannel>& noise,
                                 const std::vector<BathSpectrum>& spectra, const GeneratorOptions& opt,
                                 EigenbasisForm form, DerivedGenerator& out, SpinOperator& hubbard_terms) {
    const int n = model.spins.size();
    const bool secular = opt.generator != "bloch_redfield";
    const int limit = secular ? max_eigenbasis_secular_spins : max_eigenbasis_spins;
    if (n > limit)
        throw ModelError(messages::redfield_eigenbasis_limit(opt.generator, limit, n));
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eig(dense_matrix(model.hamiltonian_operator(), n));
    const Eigen::VectorXd& e = eig.eigenvalues();
    const Eigen::MatrixXcd& v = eig.eigenvectors();
    const double tol = 1e-9 * std::max(1.0, e.cwiseAbs().maxCoeff());
    if (secular) {
        const bool framed = form == EigenbasisForm::eigenbasis ||
                            (form == EigenbasisForm::automatic && n > max_product_basis_secular_spins);
        derive_dense_secular(model, noise, spectra, opt, e, v, tol, framed, out, hubbard_terms);
        if (framed) {
            out.frame = std::make_shared<const BasisFrame>(BasisFrame{v, e});
            std::vector<MatrixEntry> diagonal;
            for (Eigen::Index k = 0; k < e.size(); ++k) diagonal.push_back({k, k, e(k)});
            out.frame_hamiltonian = matrix_units(diagonal, n);
        }
        return;
    }
    Eigen::MatrixXcd hermitian = Eigen::MatrixXcd::Zero(v.rows(), v.cols());
    auto caches = caches_of(spectra, tol);
    for (const auto& channel : noise) {
        SpectrumCache& gamma = caches[static_cast<std::size_t>(channel.bath)];
        const Eigen::MatrixXcd a = dense_matrix(channel.op, n);
        Eigen::MatrixXcd lt = v.adjoint() * a * v;
        for (Eigen::Index c = 0; c < lt.cols(); ++c)
            for (Eigen::Index r = 0; r < lt.rows(); ++r)
                if (lt(r, c) != complex(0.0)) lt(r, c) *= channel.weight * gamma.one_sided(e(c) - e(r), opt.lamb_shift);
        const Eigen::MatrixXcd lambda = v * lt * v.adjoint();
        Channel ch;
        ch.name = "bath:" + channel.label;
        ch.kind = "bath_bloch_redfield";
        ch.jumps.push_back({0.5, from_dense_matrix(a + lambda, n)});
        ch.jumps.push_back({-0.5, from_dense_matrix(a - lambda, n)});
        out.channels.push_back(std::move(ch));
        hermitian += complex(0.0, -0.5) * (a * lambda - lambda.adjoint() * a);
    }
    if (hermitian.cwiseAbs().maxCoeff() > 0.0)
        out.hamiltonian.push_back(make_term("bath:redfield_hermitian", from_dense_matrix(hermitian, n, 1e-14)));
    out.notes["eigenbasis"] = "dense, d = " + std::to_string(v.rows());
}

// Seed 003's inhomogeneous forms as a source term (model/source_term.hpp), applied by the exact
// kernel for any N and for coupled spins (R = the derived Davies generator, classical rates):
//   abragam  dσ/dt = R(σ − σ_eq): the derived channels relax toward σ_eq = e^{−βH_S}/Z (eq. 66)
//   hubbard  dσ/dt = Rσ + (β/2d) Σ_ω ω γ(ω) [A(ω), A(ω)†]  (eq. 64: the first-order thermal term of
//            (63) evaluated on 1/d, d = 2^N)
void add_inhomogeneous_source(const Model& model, DerivedGenerator& out, const SpinOperator& hubbard_terms) {
    const Environment& env = model.environment;
    double temperature = -1.0;
    for (const auto& bath : env.baths) {
        if (temperature >= 0.0 && bath.temperature != temperature)
            throw ModelError(messages::format_message("inhomogeneous_one_temperature"));
        temperature = bath.temperature;
    }
    if (!(temperature > 0.0)) throw ModelError(messages::format_message("inhomogeneous_needs_temperature"));
    SourceTerm source;
    source.name = "bath:" + env.options.inhomogeneous + "_source";
    if (env.options.inhomogeneous == "hubbard") {
        const double d = std::ldexp(1.0, model.spins.size());
        source.constant = (hubbard_terms * complex(1.0 / (2.0 * temperature * d), 0.0)).simplified();
    } else {
        for (const auto& channel : out.channels)
            source.relaxation.insert(source.relaxation.end(), channel.jumps.begin(), channel.jumps.end());
        source.reference_temperature = temperature;
    }
    out.sources.push_back(std::move(source));
    out.notes["inhomogeneous"] = env.options.inhomogeneous;
    out.completely_positive = false;
}

}  // namespace

DerivedGenerator derive_generator(const Model& model, EigenbasisForm form) {
    const Environment& env = model.environment;
    DerivedGenerator out;
    const GeneratorOptions& opt = env.options;
    out.notes["generator"] = opt.generator;
    out.notes["lamb_shift"] = opt.lamb_shift ? "true" : "false";
    out.notes["thermal_treatment"] = to_string(opt.thermal);
    if (opt.generator == "partial_secular") out.notes["secular_window"] = format(opt.secular_window);
    for (const auto& bath : env.baths)
        out.notes["bath." + bath.name] = bath.density->describe() + "; T=" + format(bath.temperature) +
                                         (bath.local ? "; local, correlation " + format(bath.correlation) : "; shared");
    if (env.empty()) return out;

    const int n = model.spins.size();
    const auto energies = single_spin_energies(model.hamiltonian_operator(), n);
    const auto spectra = env.spectra();
    const auto noise = env.noise_channels();
    out.completely_positive = opt.generator != "bloch_redfield";
    out.notes["noise_channels"] = std::to_string(noise.size());
    if (!energies) {
        SpinOperator hubbard_terms;  // Σ_ω w ω γ(ω) [A(ω), A(ω)†], in the eigenbasis of H_S
        derive_dense_bloch_redfield(model, noise, spectra, opt, form, out, hubbard_terms);
        if (!opt.inhomogeneous.empty()) add_inhomogeneous_source(model, out, hubbard_terms);
        if (!out.completely_positive)
            out.notes["positivity"] = "not completely positive in general; ρ may leave the positive cone";
        return out;
    }
    const double tol = frequency_tolerance(*energies);

    SpinOperator lamb_shift;
    SpinOperator redfield_hermitian;
    int bohr_count = 0;
    SpinOperator hubbard_terms;  // Σ_ω w ω γ(ω) [A(ω), A(ω)†]
    auto caches = caches_of(spectra, tol);
    for (const auto& channel : noise) {
        SpectrumCache& spectrum = caches[static_cast<std::size_t>(channel.bath)];
        const auto components = bohr_components(channel.op, *energies, tol);
        bohr_count += static_cast<int>(components.size());
        const double w = channel.weight;
        Channel c;
        c.name = "bath:" + channel.label;
        c.kind = "bath_" + opt.generator;
        if (opt.generator == "bloch_redfield") {
            SpinOperator lambda;
            for (const auto& comp : components) {
                const complex g = w * spectrum.one_sided(comp.omega, opt.lamb_shift);
                lambda += g * comp.op;
            }
            const SpinOperator& a = channel.op;
            c.jumps.push_back({0.5, (a + lambda).simplified()});
            c.jumps.push_back({-0.5, (a - lambda).simplified()});
            // (AΛ − Λ†A)/(2i)
            redfield_hermitian += complex(0.0, -0.5) * (a * lambda - lambda.adjoint() * a);
        } else {
            const double window = opt.generator == "partial_secular" ? opt.secular_window : 0.0;
            if (opt.inhomogeneous == "hubbard")
                for (const auto& comp : components) {
                    const double g = w * comp.omega * spectrum.rate(comp.omega);
                    if (g != 0.0)
                        hubbard_terms += complex(g, 0.0) * (comp.op * comp.op.adjoint() - comp.op.adjoint() * comp.op);
                }
            for (const auto& [begin, end] : cluster_by_window(components, window)) {
                SpinOperator l;
                for (std::size_t k = begin; k < end; ++k) {
                    const double rate = w * spectrum.rate(components[k].omega);
                    if (rate > 0.0) l += complex(std::sqrt(rate), 0.0) * components[k].op;
                }
                l = l.simplified();
                if (!l.empty()) c.jumps.push_back({1.0, l});
            }
            if (opt.lamb_shift) {
                for (const auto& comp : components) {
                    const double s = w * spectrum.lamb_shift(comp.omega);
                    if (s != 0.0) lamb_shift += complex(s, 0.0) * (comp.op.adjoint() * comp.op);
                }
            }
        }
        if (!c.jumps.empty()) out.channels.push_back(std::move(c));
    }
    out.notes["bohr_components"] = std::to_string(bohr_count);
    if (!opt.inhomogeneous.empty()) add_inhomogeneous_source(model, out, hubbard_terms);
    if (!lamb_shift.simplified().empty()) out.hamiltonian.push_back(make_term("bath:lamb_shift", lamb_shift));
    if (!redfield_hermitian.simplified().empty())
        out.hamiltonian.push_back(make_term("bath:redfield_hermitian", redfield_hermitian));
    if (!out.completely_positive)
        out.notes["positivity"] = "not completely positive in general; ρ may leave the positive cone";
    return out;
}

}  // namespace openspins::redfield
