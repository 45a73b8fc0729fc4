#include "openspins/method/redfield/redfield_method.hpp"

#include <variant>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/exact/exact_method.hpp"
#include "openspins/method/redfield/dense_operator.hpp"
#include "openspins/method/redfield/derived_generator.hpp"
#include "openspins/method/redfield/positivity_check.hpp"

namespace openspins {

namespace {

void check_protocol(const RunSpec& spec) {
    if (spec.model.environment.empty()) return;
    for (const auto& step : spec.protocol.steps) {
        const auto* e = std::get_if<Evolve>(&step.action);
        if (!e) continue;
        for (const auto& [name, factor] : e->scale)
            for (const auto& term : spec.model.hamiltonian)
                if (term.name == name && factor != 1.0)
                    throw ModelError(messages::redfield_scaled_term(name));
    }
}

// The model's own operators in the eigenbasis frame of the derived generator: H_S becomes the one
// term diag(E) (the protocol cannot scale H_S terms, check_protocol), the model's channels and the
// observables Õ = V†OV (dense; the frame is used only for small N).
void write_in_frame(const redfield::DerivedGenerator& derived, RunSpec& spec) {
    const int n = spec.model.spins.size();
    const Eigen::MatrixXcd& v = derived.frame->v;
    const auto to_frame = [&](const SpinOperator& op) {
        return redfield::from_dense_matrix(v.adjoint() * redfield::dense_matrix(op, n) * v, n, 1e-14);
    };
    HamiltonianTerm h;
    h.name = "H_S";
    h.kind = "custom";
    h.op = derived.frame_hamiltonian;
    spec.model.hamiltonian = {h};
    for (auto& channel : spec.model.channels)
        for (auto& jump : channel.jumps) jump.op = to_frame(jump.op);
    for (auto& o : spec.observables)
        if (o.kind == Observable::Kind::expectation) o.op = to_frame(o.op);
    spec.model.frame = derived.frame;
}

}  // namespace

RunSpec RedfieldMethod::derived_spec(const RunSpec& spec, std::map<std::string, std::string>* notes,
                                     redfield::EigenbasisForm form) {
    const auto derived = redfield::derive_generator(spec.model, form);
    RunSpec out = spec;
    out.method = "exact";
    out.model.environment = Environment{};
    if (derived.frame) write_in_frame(derived, out);
    for (const auto& t : derived.hamiltonian) out.model.hamiltonian.push_back(t);
    for (const auto& c : derived.channels) out.model.channels.push_back(c);
    for (const auto& s : derived.sources) out.model.sources.push_back(s);
    if (notes)
        for (const auto& [k, v] : derived.notes) (*notes)[k] = v;
    return out;
}

void RedfieldMethod::validate(const RunSpec& spec) const {
    const int n = spec.model.spins.size();
    for (const auto& term : spec.model.environment.couplings)
        if (term.op.highest_spin() >= n)
            throw ModelError(messages::format_message("operator_beyond_spins",
                                                      {"coupling " + messages::quoted(term.name),
                                                       std::to_string(term.op.highest_spin()), std::to_string(n)}));
    check_protocol(spec);
    ExactMethod().validate(derived_spec(spec));
}

std::size_t RedfieldMethod::memory_estimate(const RunSpec& spec) const {
    return ExactMethod().memory_estimate(derived_spec(spec));
}

std::string RedfieldMethod::storage_description(const RunSpec& spec) const {
    return ExactMethod().storage_description(derived_spec(spec));
}

IntegratorChoice RedfieldMethod::integrator_choice(const RunSpec& spec) const {
    return choose_integrator(derived_spec(spec));
}

RunResult RedfieldMethod::run(const RunSpec& spec, const RunControl& control) const {
    check_protocol(spec);
    std::map<std::string, std::string> notes;
    const RunSpec derived = derived_spec(spec, &notes);
    // ρ's smallest eigenvalue at the output times (positivity_check.hpp), for every generator.
    exact::PositivityReport positivity;
    RunResult result = ExactMethod().run(derived, control, &positivity);
    result.method = name();
    for (const auto& [k, v] : notes) result.notes["redfield." + k] = v;
    redfield::add_positivity_notes(positivity, spec.solver.trace_tolerance, result.notes);
    return result;
}

}  // namespace openspins
