#include "openspins/method/redfield/rate_of_change_split.hpp"

#include <algorithm>
#include <unsupported/Eigen/MatrixFunctions>
#include <variant>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/exact/block_layout.hpp"
#include "openspins/method/exact/dense_conversion.hpp"
#include "openspins/method/exact/initial_density.hpp"
#include "openspins/method/redfield/dense_operator.hpp"
#include "openspins/method/redfield/generator_spectrum.hpp"
#include "openspins/method/redfield/redfield_method.hpp"

namespace openspins::redfield {

namespace {

using Matrix = Eigen::MatrixXcd;

// The derived generator with only the selected baths' couplings, under `treatment`.
Matrix restricted_generator(const RunSpec& spec, const std::vector<int>& baths, ThermalTreatment treatment) {
    RunSpec sub = spec;
    auto& env = sub.model.environment;
    env.options.thermal = treatment;
    std::erase_if(env.couplings, [&](const CouplingTerm& c) {
        return std::find(baths.begin(), baths.end(), c.bath) == baths.end();
    });
    if (env.couplings.empty()) {
        Model bare = sub.model;
        bare.environment = Environment{};
        return dense_liouvillian(bare);
    }
    // The observable is in the product basis: so must the generator be.
    return dense_liouvillian(RedfieldMethod::derived_spec(sub, nullptr, EigenbasisForm::product_basis).model);
}

}  // namespace

RateOfChangeSplit split_rate_of_change(const RunSpec& spec, const SpinOperator& observable,
                                       const std::vector<std::string>& baths) {
    const int n = spec.model.spins.size();
    if (n > max_rate_split_spins)
        throw ModelError(
            messages::format_message("rate_split_spins", {std::to_string(max_rate_split_spins), std::to_string(n)}));
    const auto& env = spec.model.environment;
    if (!env.options.inhomogeneous.empty())
        throw ModelError(
            messages::format_message("rate_split_inhomogeneous", {"\"" + env.options.inhomogeneous + "\""}));
    for (const auto& step : spec.protocol.steps) {
        const auto* e = std::get_if<Evolve>(&step.action);
        if (e == nullptr || !e->scale.empty())
            throw ModelError(messages::format_message("rate_split_scaled", {messages::quoted(step.label)}));
    }
    std::vector<int> selected;
    for (const auto& name : baths) {
        const auto it = std::find_if(env.baths.begin(), env.baths.end(), [&](const Bath& b) { return b.name == name; });
        if (it == env.baths.end()) {
            std::vector<std::string> known;
            for (const auto& b : env.baths) known.push_back(b.name);
            throw ModelError(messages::unknown_bath(name, known));
        }
        selected.push_back(static_cast<int>(it - env.baths.begin()));
    }
    if (baths.empty())
        for (int b = 0; b < static_cast<int>(env.baths.size()); ++b) selected.push_back(b);

    std::vector<int> all(env.baths.size());
    for (int b = 0; b < static_cast<int>(all.size()); ++b) all[static_cast<std::size_t>(b)] = b;
    const Matrix full = restricted_generator(spec, all, env.options.thermal);
    const Matrix bare = restricted_generator(spec, {}, env.options.thermal);
    const Matrix classical = restricted_generator(spec, selected, ThermalTreatment::classical);
    const Matrix treated = restricted_generator(spec, selected, env.options.thermal);
    const Matrix dc = classical - bare;
    const Matrix th = treated - classical;

    const exact::SectorBasis basis(n);
    const auto layout = exact::BlockLayout::all_orders(basis);
    const auto packed = exact::initial_density(spec.model, basis, layout);
    const Matrix rho0 = exact::unpack_dense(packed.data(), basis, layout);
    const auto d = rho0.rows();
    Eigen::VectorXcd rho = Eigen::Map<const Eigen::VectorXcd>(rho0.data(), d * d);
    // Tr(O X) = Σ_rc O_cr X_rc = vec(Oᵀ) · vec(X) (column-major, no conjugation).
    const Matrix o = dense_matrix(observable, n).transpose();
    const Eigen::Map<const Eigen::VectorXcd> o_vec(o.data(), d * d);
    const auto trace_with = [&](const Eigen::VectorXcd& x) { return o_vec.cwiseProduct(x).sum().real(); };

    RateOfChangeSplit out;
    double t = 0.0;
    for (const double target : spec.output_times) {
        if (target > t) {
            const Matrix step = (full * (target - t)).exp();
            rho = step * rho;
            t = target;
        }
        out.time.push_back(target);
        out.expectation.push_back(trace_with(rho));
        out.double_commutator.push_back(trace_with(dc * rho));
        out.thermal.push_back(trace_with(th * rho));
    }
    return out;
}

}  // namespace openspins::redfield
