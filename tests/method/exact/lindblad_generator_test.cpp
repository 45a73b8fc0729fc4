// The matrix-free generator against the dense reference, term by term and all
// together, in both storage layouts. Agreement is to rounding (1e-12): the two
// compute the same sums in a different order.
#include "openspins/method/exact/lindblad_generator.hpp"

#include <gtest/gtest.h>

#include "method/exact/dense_reference.hpp"
#include "openspins/method/exact/dense_conversion.hpp"
#include "openspins/model/term_builders.hpp"

namespace openspins {
namespace {

using exact::BlockLayout;
using exact::SectorBasis;

double generator_error(const SpinOperator& h, const std::vector<Jump>& jumps, int spins, bool zero_quantum) {
    const SectorBasis basis(spins);
    const BlockLayout layout = zero_quantum ? BlockLayout::zero_quantum(basis) : BlockLayout::all_orders(basis);
    Eigen::MatrixXcd rho = testing::random_density(spins, 7);
    std::vector<complex> packed(layout.size());
    exact::pack_dense(rho, basis, layout, packed.data());
    rho = exact::unpack_dense(packed.data(), basis, layout);  // project onto the layout
    const exact::LindbladGenerator generator(basis, layout, h, jumps);
    std::vector<complex> out(layout.size());
    generator.apply(packed.data(), out.data());
    const Eigen::MatrixXcd expected = testing::dense_lindblad(rho, h, jumps, spins);
    std::vector<complex> expected_packed(layout.size());
    const double outside = exact::pack_dense(expected, basis, layout, expected_packed.data());
    double err = outside;
    for (std::size_t k = 0; k < out.size(); ++k) err = std::max(err, std::abs(out[k] - expected_packed[k]));
    return err;
}

SpinSystem three_spins() {
    return SpinSystem({Species{"A", 2, 1.0, {1.0, 1.3}, {}}, Species{"B", 1, 0.7, {}, {}}});
}

TEST(LindbladGenerator, ZeemanAndCouplingsConserveOrder) {
    const auto s = three_spins();
    const SpinOperator h = zeeman_term(s, +1).op + coupling_term("heisenberg", 0.3, all_pairs({0, 1, 2})).op * 0.3 +
                           coupling_term("xy", 0.2, chain_pairs({0, 1, 2})).op * 0.2;
    EXPECT_LT(generator_error(h, {}, 3, true), 1e-12);
    EXPECT_LT(generator_error(h, {}, 3, false), 1e-12);
}

TEST(LindbladGenerator, EveryChannelKindAlone) {
    const std::vector<int> all{0, 1, 2};
    const std::vector<Channel> channels{
        local_channel("emission", all, {0.1, 0.2, 0.3}), local_channel("absorption", all, {0.05, 0.0, 0.1}),
        local_channel("dephasing", all, {0.2, 0.1, 0.05}), collective_channel("collective_emission", all, 0.4),
        collective_channel("collective_absorption", {0, 2}, 0.3), collective_channel("collective_dephasing", all, 0.25),
        custom_channel(SpinOperator::sigma_minus(0) * SpinOperator::sigma_z(1), 0.3)};
    for (const auto& c : channels) {
        EXPECT_LT(generator_error({}, c.jumps, 3, true), 1e-12) << c.name;
        EXPECT_LT(generator_error({}, c.jumps, 3, false), 1e-12) << c.name;
    }
}

TEST(LindbladGenerator, DriveAndMixedJumpsNeedAllOrders) {
    const auto s = three_spins();
    const SpinOperator h = zeeman_term(s, -1).op + drive_term({0, 1, 2}, 0.4, 0.1).op;
    const std::vector<Jump> jumps{{0.2, SpinOperator::sigma_x(1)}, {0.1, collective_jx({0, 1, 2})},
                                  {0.3, SpinOperator::sigma_minus(2)}};
    EXPECT_LT(generator_error(h, jumps, 3, false), 1e-12);
}

TEST(LindbladGenerator, EverythingTogetherOnFourSpins) {
    const SpinSystem s({Species{"s", 4, 1.0, {0.9, 1.0, 1.1, 1.2}, {}}});
    const std::vector<int> all{0, 1, 2, 3};
    SpinOperator h = zeeman_term(s, +1).op + coupling_term("zz", 1.0, all_pairs(all)).op * 0.3;
    std::vector<Jump> jumps;
    for (const auto& c : {local_channel("emission", all, {0.1, 0.1, 0.2, 0.2}),
                          local_channel("dephasing", all, {0.05, 0.05, 0.05, 0.05}),
                          collective_channel("collective_emission", all, 0.2),
                          collective_channel("collective_dephasing", all, 0.1)})
        jumps.insert(jumps.end(), c.jumps.begin(), c.jumps.end());
    EXPECT_LT(generator_error(h, jumps, 4, true), 1e-12);
    EXPECT_LT(generator_error(h, jumps, 4, false), 1e-12);
    h += drive_term(all, 0.3, 0.0).op;
    EXPECT_LT(generator_error(h, jumps, 4, false), 1e-12);
}

TEST(LindbladGenerator, SingleSpin) {
    const std::vector<Jump> jumps{{0.3, SpinOperator::sigma_minus(0)}, {0.1, SpinOperator::sigma_z(0)}};
    EXPECT_LT(generator_error(SpinOperator::sigma_x(0) * 0.5, jumps, 1, false), 1e-12);
    EXPECT_LT(generator_error(SpinOperator::sigma_z(0) * 0.5, jumps, 1, true), 1e-12);
}

}  // namespace
}  // namespace openspins

namespace openspins {
namespace {

TEST(LindbladGenerator, StreamedBytesCountsEachPass) {
    // One spin, all orders (4 elements), emission only: the elementwise pass reads
    // and writes 4 elements; the jump reads ρ_↑↑ and updates out_↓↓ (3 accesses).
    const exact::SectorBasis basis(1);
    const auto layout = exact::BlockLayout::all_orders(basis);
    const exact::LindbladGenerator g(basis, layout, {}, {{0.5, SpinOperator::sigma_minus(0)}});
    EXPECT_EQ(g.streamed_bytes(), (2 * 4 + 3) * sizeof(complex));
}

}  // namespace
}  // namespace openspins
