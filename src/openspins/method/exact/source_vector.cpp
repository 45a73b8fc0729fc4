#include "openspins/method/exact/source_vector.hpp"

#include <stdexcept>

#include "openspins/method/exact/initial_density.hpp"
#include "openspins/method/exact/lindblad_generator.hpp"

namespace openspins::exact {

namespace {

void add_operator(const SpinOperator& op, const SectorBasis& basis, const BlockLayout& layout, complex* out) {
    for (BasisState c = 0; c < basis.dimension(); ++c)
        for (const auto& [r, amplitude] : op.apply(c)) {
            if (amplitude == complex{0.0}) continue;
            const Block* blk = layout.block(SectorBasis::sector_of(r), SectorBasis::sector_of(c));
            if (blk == nullptr) throw std::logic_error("source term outside the chosen layout (internal error)");
            out[blk->offset + basis.index_of(r) * blk->cols + basis.index_of(c)] += amplitude;
        }
}

}  // namespace

bool sources_are_zero_quantum(const Model& model) {
    for (const auto& s : model.sources) {
        for (const auto& m : s.constant.terms())
            if (m.delta_down() != 0) return false;
        if (!s.relaxation.empty() && !conserves_coherence_order(model.hamiltonian_operator(), s.relaxation))
            return false;
    }
    return true;
}

std::vector<complex> source_vector(const Model& model, const SectorBasis& basis, const BlockLayout& layout) {
    if (model.sources.empty()) return {};
    std::vector<complex> c(layout.size(), 0.0);
    for (const auto& s : model.sources) {
        add_operator(s.constant.simplified(), basis, layout, c.data());
        if (s.relaxation.empty()) continue;
        Model reference;
        reference.spins = model.spins;
        reference.hamiltonian = model.hamiltonian;
        reference.initial.kind = InitialState::Kind::thermal;
        reference.initial.temperature = s.reference_temperature;
        const std::vector<complex> rho_ref = initial_density(reference, basis, layout);
        std::vector<complex> relaxed(layout.size());
        LindbladGenerator(basis, layout, SpinOperator{}, s.relaxation).apply(rho_ref.data(), relaxed.data());
        for (std::size_t k = 0; k < c.size(); ++k) c[k] -= relaxed[k];
    }
    return c;
}

}  // namespace openspins::exact
