// ProductPackedReadout (method/exact/product_packed_readout.hpp): the observables read straight off the fused
// kernel's product-order packed state agree with ObservableEvaluator on the block layout — Hermitian and
// non-Hermitian operators (fields, two-spin products, σ^−, a collective sum), the trace column and Tr ρ — on
// random Hermitian ρ, N = 1 … 6, to 1e-12 (the same sums in another order); purity is refused as non-linear.
#include "openspins/method/exact/product_packed_readout.hpp"

#include <gtest/gtest.h>

#include <random>

#include "method/exact/random_model.hpp"
#include "openspins/method/exact/fused_full_generator.hpp"
#include "openspins/method/exact/observable_evaluator.hpp"

namespace openspins {
namespace {

using exact::BlockLayout;
using exact::FusedFullGenerator;
using exact::SectorBasis;

std::vector<Observable> observables(int spins, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    std::vector<Observable> list;
    SpinOperator mz, h, lowering;
    for (int i = 0; i < spins; ++i) {
        mz += SpinOperator::sigma_z(i);
        lowering += SpinOperator::sigma_minus(i) * complex{u(gen), u(gen)};
        h += SpinOperator::sigma_x(i) * complex{u(gen)} + SpinOperator::sigma_y(i) * complex{u(gen)};
        if (i + 1 < spins) h += SpinOperator::sigma_x(i) * SpinOperator::sigma_y(i + 1) * complex{u(gen)};
    }
    list.push_back({"mz", Observable::Kind::expectation, mz});
    list.push_back({"h", Observable::Kind::expectation, h});
    list.push_back({"lowering", Observable::Kind::expectation, lowering});  // non-Hermitian: two columns
    list.push_back({"tr", Observable::Kind::trace, {}});
    return list;
}

TEST(ProductPackedReadout, MatchesTheEvaluatorOnTheBlockLayout) {
    for (int spins = 1; spins <= 6; ++spins) {
        const SectorBasis basis(spins);
        const auto layout = BlockLayout::all_orders(basis);
        const std::size_t d = basis.dimension();
        const std::vector<complex> dense = testing::random_hermitian(spins, 17u + static_cast<unsigned>(spins));
        std::vector<double> packed(d * d);
        FusedFullGenerator::pack(dense.data(), d, packed.data());
        std::vector<complex> rho(layout.size());
        FusedFullGenerator::unpack_to_layout(packed.data(), basis, layout, rho.data());

        const auto list = observables(spins, 5u);
        const exact::ObservableEvaluator evaluator(basis, layout, list);
        const exact::ProductPackedReadout readout(basis, list);
        ASSERT_TRUE(readout.linear());
        const auto expected = evaluator.evaluate(rho.data());
        ASSERT_EQ(readout.count(), expected.size() + 1);
        std::vector<double> values(readout.count());
        readout.evaluate(packed.data(), values.data());
        for (std::size_t k = 0; k < expected.size(); ++k)
            EXPECT_NEAR(values[k], expected[k], 1e-12) << spins << " spins, column " << evaluator.columns()[k];
        EXPECT_NEAR(values.back(), evaluator.trace(rho.data()), 1e-12) << spins;
    }
}

TEST(ProductPackedReadout, PurityHasNoLinearReadout) {
    const SectorBasis basis(3);
    std::vector<Observable> list = observables(3, 1u);
    list.push_back({"purity", Observable::Kind::purity, {}});
    EXPECT_FALSE(exact::ProductPackedReadout(basis, list).linear());
}

}  // namespace
}  // namespace openspins
