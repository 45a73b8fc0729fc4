#include "openspins/method/exact/observable_evaluator.hpp"

namespace openspins::exact {

ObservableEvaluator::ObservableEvaluator(const SectorBasis& basis, const BlockLayout& layout,
                                         const std::vector<Observable>& observables)
    : basis_(basis), layout_(layout) {
    for (const auto& o : observables) {
        const bool hermitian = o.kind != Observable::Kind::expectation || o.op.is_hermitian();
        entries_.push_back({o.kind, hermitian, o.kind == Observable::Kind::expectation ? tabulate(o.op, basis)
                                                                                          : std::vector<MonomialMap>{}});
        if (hermitian) {
            columns_.push_back(o.name);
        } else {
            columns_.push_back(o.name + ".re");
            columns_.push_back(o.name + ".im");
        }
    }
}

complex ObservableEvaluator::expectation(const std::vector<MonomialMap>& maps, const complex* rho) const {
    complex total = 0.0;
    for (const auto& map : maps) {
        complex sum = 0.0;
        for (int a = 0; a < basis_.sectors(); ++a) {
            const Block* blk = layout_.block(a - map.delta(), a);
            if (blk == nullptr) continue;
            for (const auto& p : map.pairs(a)) sum += rho[blk->offset + p.source * blk->cols + p.target];
        }
        total += map.coeff() * sum;
    }
    return total;
}

double ObservableEvaluator::trace(const complex* rho) const {
    double t = 0.0;
    for (int a = 0; a < basis_.sectors(); ++a) {
        const Block* blk = layout_.block(a, a);
        for (std::size_t i = 0; i < blk->rows; ++i) t += rho[blk->offset + i * blk->cols + i].real();
    }
    return t;
}

double ObservableEvaluator::purity(const complex* rho) const {
    double p = 0.0;
    for (std::size_t k = 0; k < layout_.size(); ++k) p += std::norm(rho[k]);
    return p;
}

std::vector<double> ObservableEvaluator::evaluate(const complex* rho) const {
    std::vector<double> row;
    row.reserve(columns_.size());
    for (const auto& e : entries_) {
        switch (e.kind) {
            case Observable::Kind::trace: row.push_back(trace(rho)); break;
            case Observable::Kind::purity: row.push_back(purity(rho)); break;
            case Observable::Kind::expectation: {
                const complex v = expectation(e.maps, rho);
                row.push_back(v.real());
                if (!e.hermitian) row.push_back(v.imag());
            }
        }
    }
    return row;
}

}  // namespace openspins::exact
