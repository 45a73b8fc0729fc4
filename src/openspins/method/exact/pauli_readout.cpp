#include "openspins/method/exact/pauli_readout.hpp"

#include "openspins/method/exact/pauli_basis.hpp"

namespace openspins::exact {

PauliReadout::PauliReadout(const std::vector<Observable>& observables) {
    for (const auto& o : observables) {
        if (o.kind == Observable::Kind::purity) {
            linear_ = false;
            columns_.clear();
            return;
        }
        if (o.kind == Observable::Kind::trace) {
            columns_.push_back({{0, 1.0}});
            continue;
        }
        std::vector<Weight> re, im;
        for (const auto& [code, c] : pauli_expansion(o.op)) {
            if (c.real() != 0.0) re.push_back({code, c.real()});
            if (c.imag() != 0.0) im.push_back({code, c.imag()});
        }
        columns_.push_back(std::move(re));
        if (!o.op.is_hermitian()) columns_.push_back(std::move(im));
    }
}

void PauliReadout::evaluate(const double* a, double* values) const {
    for (std::size_t k = 0; k < columns_.size(); ++k) {
        double sum = 0.0;
        for (const auto& w : columns_[k]) sum += w.weight * a[w.index];
        values[k] = sum;
    }
    values[columns_.size()] = a[0];
}

}  // namespace openspins::exact
