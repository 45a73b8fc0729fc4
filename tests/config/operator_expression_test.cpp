// The operator-expression parser (model/operator_expression.hpp) against the
// SpinOperator algebra it must reproduce, compared as matrices on all basis states.
#include "openspins/model/operator_expression.hpp"

#include <gtest/gtest.h>

#include <numbers>

#include "model/operator_matrix.hpp"

namespace openspins {
namespace {

using testing::element;
using testing::same_matrix;

SpinSystem spins(int n) { return SpinSystem({Species{"spins", n, 0.0, {}, {}}}); }

// Two species: A = spins 0, 1; B = spin 2.
SpinSystem two_species() { return SpinSystem({Species{"A", 2, 1.0, {}, {}}, Species{"B", 1, 2.0, {}, {}}}); }

TEST(OperatorExpression, SingleSpinOperatorsArePauliNormalised) {
    const auto s = spins(2);
    EXPECT_TRUE(same_matrix(parse_operator("sx(1)", s), SpinOperator::sigma_x(1), 2));
    EXPECT_TRUE(same_matrix(parse_operator("sy(0)", s), SpinOperator::sigma_y(0), 2));
    EXPECT_TRUE(same_matrix(parse_operator("sz(0)", s), SpinOperator::sigma_z(0), 2));
    EXPECT_TRUE(same_matrix(parse_operator("sp(1)", s), SpinOperator::sigma_plus(1), 2));
    EXPECT_TRUE(same_matrix(parse_operator("sm(1)", s), SpinOperator::sigma_minus(1), 2));
    EXPECT_TRUE(same_matrix(parse_operator("nup(0)", s), SpinOperator::projector_up(0), 2));
    EXPECT_TRUE(same_matrix(parse_operator("ndown(0)", s), SpinOperator::projector_down(0), 2));
    EXPECT_TRUE(same_matrix(parse_operator("Sx(1)", s), SpinOperator::sigma_x(1) * complex{0.5}, 2));
    EXPECT_TRUE(same_matrix(parse_operator("Sy(1)", s), SpinOperator::sigma_y(1) * complex{0.5}, 2));
    EXPECT_TRUE(same_matrix(parse_operator("Sz(1)", s), SpinOperator::sigma_z(1) * complex{0.5}, 2));
}

TEST(OperatorExpression, ProductsFollowThePauliAlgebra) {
    const auto s = spins(1);
    EXPECT_TRUE(same_matrix(parse_operator("sp(0)*sm(0)", s), parse_operator("nup(0)", s), 1));
    EXPECT_TRUE(same_matrix(parse_operator("sm(0) * sp(0)", s), parse_operator("ndown(0)", s), 1));
    EXPECT_TRUE(same_matrix(parse_operator("sx(0)*sy(0)", s), parse_operator("1j*sz(0)", s), 1));
    EXPECT_TRUE(same_matrix(parse_operator("sx(0)*sx(0)", s), SpinOperator::identity(), 1));
    EXPECT_TRUE(same_matrix(parse_operator("nup(0) - ndown(0)", s), SpinOperator::sigma_z(0), 1));
    // σ^+ = (σ^x + iσ^y)/2.
    EXPECT_TRUE(same_matrix(parse_operator("0.5*(sx(0) + 1j*sy(0))", s), SpinOperator::sigma_plus(0), 1));
}

TEST(OperatorExpression, CollectiveOperatorsSumOverSpins) {
    const auto s = spins(3);
    EXPECT_TRUE(same_matrix(parse_operator("Jx", s), parse_operator("0.5*(sx(0) + sx(1) + sx(2))", s), 3));
    EXPECT_TRUE(same_matrix(parse_operator("Jy", s), collective_jy({0, 1, 2}), 3));
    EXPECT_TRUE(same_matrix(parse_operator("Jz", s), parse_operator("Sz(0)+Sz(1)+Sz(2)", s), 3));
    EXPECT_TRUE(same_matrix(parse_operator("Jp", s), parse_operator("sp(0)+sp(1)+sp(2)", s), 3));
    EXPECT_TRUE(same_matrix(parse_operator("Jm", s), parse_operator("sm(0)+sm(1)+sm(2)", s), 3));
    EXPECT_TRUE(same_matrix(parse_operator("J2", s), parse_operator("Jx*Jx + Jy*Jy + Jz*Jz", s), 3));
    // J² = J^-J^+ + Jz² + Jz with J^± = Σσ^± (so J^± here equal Jx ± iJy).
    EXPECT_TRUE(same_matrix(parse_operator("J2", s), parse_operator("Jm*Jp + Jz*Jz + Jz", s), 3));
}

TEST(OperatorExpression, CollectiveOperatorsOverOneSpecies) {
    const auto s = two_species();
    EXPECT_TRUE(same_matrix(parse_operator("Jz[A]", s), collective_jz({0, 1}), 3));
    EXPECT_TRUE(same_matrix(parse_operator("Jp[ B ]", s), SpinOperator::sigma_plus(2), 3));
    EXPECT_TRUE(same_matrix(parse_operator("Jz[A] + Jz[B]", s), parse_operator("Jz", s), 3));
}

TEST(OperatorExpression, NumbersPiImaginaryAndPrecedence) {
    const auto s = spins(2);
    const auto id = SpinOperator::identity();
    EXPECT_TRUE(same_matrix(parse_operator("2", s), id * complex{2.0}, 2));
    EXPECT_TRUE(same_matrix(parse_operator("1e-3", s), id * complex{1e-3}, 2));
    EXPECT_TRUE(same_matrix(parse_operator(".5", s), id * complex{0.5}, 2));
    EXPECT_TRUE(same_matrix(parse_operator("2.5E+1", s), id * complex{25.0}, 2));
    EXPECT_TRUE(same_matrix(parse_operator("2j", s), id * complex{0.0, 2.0}, 2));
    EXPECT_TRUE(same_matrix(parse_operator("pi", s), id * complex{std::numbers::pi}, 2));
    // * binds tighter than + and -; unary minus applies to the factor.
    EXPECT_TRUE(same_matrix(parse_operator("1 + 2*3", s), id * complex{7.0}, 2));
    EXPECT_TRUE(same_matrix(parse_operator("(1 + 2)*3", s), id * complex{9.0}, 2));
    EXPECT_TRUE(same_matrix(parse_operator("2 - 3 - 4", s), id * complex{-5.0}, 2));
    EXPECT_TRUE(same_matrix(parse_operator("-2*-3", s), id * complex{6.0}, 2));
    EXPECT_TRUE(same_matrix(parse_operator("--sz(0)", s), SpinOperator::sigma_z(0), 2));
    EXPECT_TRUE(same_matrix(parse_operator("0.5*sx(0)*sx(1) - sz(1) + 2*Jz", s),
                            SpinOperator::sigma_x(0) * SpinOperator::sigma_x(1) * complex{0.5} -
                                SpinOperator::sigma_z(1) + collective_jz({0, 1}) * complex{2.0},
                            2));
    EXPECT_TRUE(same_matrix(parse_operator("sm(0) + 0.3j*sm(1)", s),
                            SpinOperator::sigma_minus(0) + SpinOperator::sigma_minus(1) * complex{0.0, 0.3}, 2));
}

// The column reported for a malformed expression, and that the message says what was expected.
int error_column(const std::string& text, const SpinSystem& s, const std::string& expected_words) {
    try {
        (void)parse_operator(text, s);
    } catch (const ExpressionError& e) {
        EXPECT_NE(std::string(e.what()).find("column " + std::to_string(e.column())), std::string::npos) << e.what();
        EXPECT_NE(e.detail().find(expected_words), std::string::npos) << text << " → " << e.what();
        return e.column();
    }
    ADD_FAILURE() << "no error for '" << text << "'";
    return 0;
}

TEST(OperatorExpression, ErrorsNameTheColumnAndWhatWasExpected) {
    const auto s = spins(3);
    EXPECT_EQ(error_column("sx(0) +", s, "expected a number"), 8);
    EXPECT_EQ(error_column("sx(3)", s, "out of range [0, 3)"), 4);
    EXPECT_EQ(error_column("sx(12345678901234567890)", s, "out of range"), 4);
    EXPECT_EQ(error_column("sq(0)", s, "unknown name 'sq'"), 1);
    EXPECT_EQ(error_column("2*(sz(0) + 1", s, "')'"), 13);
    EXPECT_EQ(error_column("sz(0))", s, "end of the expression"), 6);
    EXPECT_EQ(error_column("sz 0", s, "'('"), 4);
    EXPECT_EQ(error_column("sz(x)", s, "spin index"), 4);
    EXPECT_EQ(error_column("sz(-1)", s, "spin index"), 4);
    EXPECT_EQ(error_column("sz(0", s, "')'"), 5);
    EXPECT_EQ(error_column("2 sz(0)", s, "'*'"), 3);
    EXPECT_EQ(error_column("2sz(0)", s, "'*'"), 2);
    EXPECT_EQ(error_column("1.2.3", s, "malformed number"), 1);
    EXPECT_EQ(error_column("", s, "expected a number"), 1);
    EXPECT_EQ(error_column("sz(0) ^ 2", s, "'^'"), 7);
    EXPECT_EQ(error_column("Jz[C]", two_species(), "unknown species 'C'"), 4);
    EXPECT_EQ(error_column("Jz[A", two_species(), "']'"), 5);
    EXPECT_EQ(error_column(std::string(1000, '('), s, "nested"), 258);
}

TEST(OperatorExpression, ErrorsAreModelErrors) { EXPECT_THROW((void)parse_operator("sx(5)", spins(2)), ModelError); }

}  // namespace
}  // namespace openspins
