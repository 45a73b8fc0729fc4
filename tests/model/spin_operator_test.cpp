// The monomial algebra against the Pauli algebra it must reproduce.
#include <gtest/gtest.h>

#include "model/operator_matrix.hpp"
#include "openspins/model/spin_operator.hpp"

namespace openspins {
namespace {

using testing::element;

bool equal(const SpinOperator& a, const SpinOperator& b, int n) { return testing::same_matrix(a, b, n, 1e-14); }

TEST(SpinOperator, PauliMatricesInUpFirstBasis) {
    // bit 0 = |↑⟩: σ^z|↑⟩ = |↑⟩, σ^+|↓⟩ = |↑⟩, σ^y|↑⟩ = i|↓⟩.
    EXPECT_EQ(element(SpinOperator::sigma_z(0), 0, 0), complex(1.0));
    EXPECT_EQ(element(SpinOperator::sigma_z(0), 1, 1), complex(-1.0));
    EXPECT_EQ(element(SpinOperator::sigma_plus(0), 0, 1), complex(1.0));
    EXPECT_EQ(element(SpinOperator::sigma_plus(0), 1, 0), complex(0.0));
    EXPECT_EQ(element(SpinOperator::sigma_y(0), 1, 0), complex(0.0, 1.0));
    EXPECT_EQ(element(SpinOperator::sigma_y(0), 0, 1), complex(0.0, -1.0));
}

TEST(SpinOperator, PauliAlgebra) {
    const complex i{0.0, 1.0};
    const auto x = SpinOperator::sigma_x(1), y = SpinOperator::sigma_y(1), z = SpinOperator::sigma_z(1);
    EXPECT_TRUE(equal(x * y, z * i, 2));
    EXPECT_TRUE(equal(y * z, x * i, 2));
    EXPECT_TRUE(equal(x * x, SpinOperator::identity(), 2));
    EXPECT_TRUE(equal(SpinOperator::sigma_plus(0) * SpinOperator::sigma_minus(0), SpinOperator::projector_up(0), 1));
    // Operators on different spins commute.
    const auto a = SpinOperator::sigma_x(0) * SpinOperator::sigma_y(2);
    const auto b = SpinOperator::sigma_y(2) * SpinOperator::sigma_x(0);
    EXPECT_TRUE(equal(a, b, 3));
}

TEST(SpinOperator, CollectiveSquaredHasDickeEigenvalue) {
    // All up is the Dicke state j = N/2: J² = j(j+1).
    const std::vector<int> spins{0, 1, 2, 3};
    const auto j2 = collective_j_squared(spins);
    EXPECT_NEAR(element(j2, 0, 0).real(), 2.0 * 3.0, 1e-13);
    // Singlet of two spins: J² = 0 on (|↑↓⟩ − |↓↑⟩)/√2, states 2 and 1.
    const auto j2pair = collective_j_squared({0, 1});
    const complex s = element(j2pair, 1, 1) - element(j2pair, 1, 2) - element(j2pair, 2, 1) + element(j2pair, 2, 2);
    EXPECT_NEAR(std::abs(s), 0.0, 1e-13);
}

TEST(SpinOperator, DefiniteDeltaAndHermiticity) {
    int delta = 0;
    EXPECT_TRUE(collective_jminus({0, 1, 2}).has_definite_delta(delta));
    EXPECT_EQ(delta, 1);
    EXPECT_FALSE(SpinOperator::sigma_x(0).has_definite_delta(delta));
    EXPECT_TRUE(SpinOperator::sigma_y(3).is_hermitian());
    EXPECT_FALSE(SpinOperator::sigma_plus(3).is_hermitian());
}

}  // namespace
}  // namespace openspins
