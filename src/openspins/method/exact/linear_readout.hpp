// A run's observables as one linear map of the integrated vector, y ↦ (columns…, Tr ρ), each column Σ_k w_k y[i_k]:
// what the Chebyshev propagator reads off every term of its series instead of summing a full state per output
// (integrate/chebyshev_propagator.hpp, StateFunctionals). The full-storage kernels' readouts fill it for their
// vectors (product_packed_readout.hpp, pauli_readout.hpp). Purity (quadratic) has no such form: linear() says so.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "openspins/model/observable.hpp"

namespace openspins::exact {

class LinearReadout {
public:
    struct Weight {
        std::uint64_t index;  // into the integrated vector
        double weight;
    };
    using Column = std::vector<Weight>;

    // The evaluator's columns in order: a trace observable → `trace`; an expectation → the Re column and, for an
    // operator that is not Hermitian, the Im column of expectation(op), a pair {Re, Im} of Tr(Oρ); purity → no
    // readout at all. Tr ρ (`trace`) is the last value.
    template <class Expectation>
    LinearReadout(const std::vector<Observable>& observables, Column trace, Expectation expectation)
        : trace_(std::move(trace)) {
        for (const auto& o : observables) {
            if (o.kind == Observable::Kind::purity) {
                linear_ = false;
                columns_.clear();
                return;
            }
            if (o.kind == Observable::Kind::trace) {
                columns_.push_back(trace_);
                continue;
            }
            auto [re, im] = expectation(o.op);
            columns_.push_back(std::move(re));
            if (!o.op.is_hermitian()) columns_.push_back(std::move(im));
        }
    }

    // False when an observable is not linear in ρ (purity): then there is no readout.
    [[nodiscard]] bool linear() const { return linear_; }
    // The evaluator's columns plus one: the trace last.
    [[nodiscard]] std::size_t count() const { return columns_.size() + 1; }
    void evaluate(const double* y, double* values) const {
        for (std::size_t k = 0; k < columns_.size(); ++k) values[k] = sum(columns_[k], y);
        values[columns_.size()] = sum(trace_, y);
    }

private:
    static double sum(const Column& column, const double* y) {
        double s = 0.0;
        for (const auto& w : column) s += w.weight * y[w.index];
        return s;
    }
    Column trace_;
    bool linear_ = true;
    std::vector<Column> columns_;
};

}  // namespace openspins::exact
