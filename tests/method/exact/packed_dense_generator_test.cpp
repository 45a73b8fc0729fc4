// The tiny-state path: the generator assembled as a dense real matrix on the packed
// Hermitian state must act as the dense reference Lindbladian does (two and three spins,
// full storage, a drive, a multi-monomial jump and a negative-rate channel as Bloch–Redfield
// produces). Agreement to rounding (1e-12): the same sums in another order.
#include "openspins/method/exact/packed_dense_generator.hpp"

#include <gtest/gtest.h>

#include "method/exact/dense_reference.hpp"
#include "openspins/method/exact/dense_conversion.hpp"
#include "openspins/model/term_builders.hpp"

namespace openspins {
namespace {

using exact::BlockLayout;
using exact::SectorBasis;

double dense_path_error(int spins) {
    const SectorBasis basis(spins);
    const BlockLayout layout = BlockLayout::all_orders(basis);
    const exact::HermitianPacking packing(layout);
    SpinOperator h;
    for (int i = 0; i < spins; ++i) h += SpinOperator::sigma_z(i) * (0.5 + 0.2 * i) + SpinOperator::sigma_x(i) * 0.3;
    const std::vector<Jump> jumps{{0.2, SpinOperator::sigma_minus(0) + SpinOperator::sigma_z(1) * 0.5},
                                  {-0.05, SpinOperator::sigma_x(spins - 1)},
                                  {0.1, SpinOperator::sigma_plus(1)}};
    const exact::LindbladGenerator generator(basis, layout, h, jumps);
    const exact::PackedDenseGenerator dense(generator, packing, layout.size());

    const Eigen::MatrixXcd rho = testing::random_density(spins, 11);
    std::vector<complex> full(layout.size()), expected_full(layout.size());
    exact::pack_dense(rho, basis, layout, full.data());
    exact::pack_dense(testing::dense_lindblad(rho, h, jumps, spins), basis, layout, expected_full.data());
    std::vector<double> in(packing.size()), out(packing.size()), expected(packing.size());
    packing.pack(full.data(), in.data());
    packing.pack(expected_full.data(), expected.data());
    dense.apply(in.data(), out.data());
    double err = 0.0;
    for (std::size_t k = 0; k < out.size(); ++k) err = std::max(err, std::abs(out[k] - expected[k]));
    return err;
}

TEST(PackedDenseGenerator, MatchesTheDenseLindbladianOnTwoAndThreeSpins) {
    EXPECT_LT(dense_path_error(2), 1e-12);
    EXPECT_LT(dense_path_error(3), 1e-12);
}

TEST(PackedDenseGenerator, RefusesLargeStates) {
    const SectorBasis basis(4);
    const BlockLayout layout = BlockLayout::all_orders(basis);
    const exact::HermitianPacking packing(layout);
    const exact::LindbladGenerator generator(basis, layout, SpinOperator::sigma_z(0), {});
    EXPECT_THROW(exact::PackedDenseGenerator(generator, packing, layout.size()), std::logic_error);
}

}  // namespace
}  // namespace openspins
