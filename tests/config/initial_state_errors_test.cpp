// Bad [initial] tables for the Dicke-state and mixture kinds fail with file:line: key: what.
#include <gtest/gtest.h>

#include "config/test_support.hpp"

namespace openspins {
namespace {

using testing::base;
using testing::doc;
using testing::fails_at;

TEST(InitialStateErrors, DickeQuantumNumbers) {
    EXPECT_NO_THROW((void)load_run_toml(base("[initial]\nkind = \"dicke\"\nj = 1\nm = -1\n"), "run.toml"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"dicke\"\nj = 3\nm = 0\n"), 10, "initial.j",
                         "j must be one of N/2, N/2 − 1, …, 0 or ½ (for N = 4: 2, 1, 0)"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"dicke\"\nj = 1.5\nm = 0.5\n"), 10, "initial.j", "for N = 4"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"dicke\"\nj = 0.3\nm = 0\n"), 10, "initial.j", "j must be one of"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"dicke\"\nj = -1\nm = 0\n"), 10, "initial.j", "j must be one of"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"dicke\"\nj = 1\nm = 2\n"), 11, "initial.m",
                         "m must be one of −j, −j + 1, …, j (j = 1)"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"dicke\"\nj = 1\nm = 0.5\n"), 11, "initial.m", "m must be one of"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"dicke\"\nj = 1\n"), 8, "initial.m", "required key"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"dicke\"\nm = 1\n"), 8, "initial.j", "required key"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"product\"\nbloch = [0, 0, 1]\nj = 1\n"), 11, "initial.j",
                         "'j' is only used with kind = \"dicke\""));
}

TEST(InitialStateErrors, MixtureComponents) {
    const std::string ok =
        "[initial]\nkind = \"mixture\"\n"
        "[[initial.component]]\nweight = 1\nkind = \"dicke\"\nj = 1\nm = 0\n"
        "[[initial.component]]\nweight = 3\nkind = \"all_down\"\n";
    const RunSpec spec = read_run_toml(base(ok), "run.toml");
    ASSERT_EQ(spec.model.initial.kind, InitialState::Kind::mixture);
    ASSERT_EQ(spec.model.initial.components.size(), 2U);
    EXPECT_EQ(normalised_weights(spec.model.initial), (std::vector<double>{0.25, 0.75}));
    EXPECT_EQ(spec.model.initial.components[0].two_j, 2);

    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"mixture\"\n"), 8, "initial.component", "required key"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"mixture\"\ncomponent = []\n"), 10, "initial.component",
                         "must not be empty"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"mixture\"\n[[initial.component]]\nweight = -0.5\nkind = "
                              "\"all_up\"\n"),
                         11, "initial.component[0].weight", "must be ≥ 0"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"mixture\"\n[[initial.component]]\nweight = 0\nkind = "
                              "\"all_up\"\n"),
                         10, "initial.component", "the component weights sum to 0"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"mixture\"\n[[initial.component]]\nkind = \"all_up\"\n"), 10,
                         "initial.component[0].weight", "required key"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"mixture\"\n[[initial.component]]\nweight = 1\n"), 10,
                         "initial.component[0].kind", "required key"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"mixture\"\n[[initial.component]]\nweight = 1\nkind = \"dickee\"\n"),
                         12, "initial.component[0].kind", "'dickee' is not one of: all_up"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"mixture\"\n[[initial.component]]\nweight = 1\nkind = \"mixture\"\n"),
                         12, "initial.component[0].kind", "cannot itself be a mixture"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"mixture\"\n[[initial.component]]\nweight = 1\nkind = \"dicke\"\n"
                              "j = 2\nm = 3\n"),
                         14, "initial.component[0].m", "m must be one of"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"all_up\"\n[[initial.component]]\nweight = 1\nkind = \"all_up\"\n"),
                         10, "initial.component", "only used with kind = \"mixture\""));
}

// RunSpecs built in code are checked by the methods (ModelError, no location).
TEST(InitialStateErrors, ValidationOfProgrammaticStates) {
    InitialState s;
    s.kind = InitialState::Kind::dicke;
    s.two_j = 3;
    EXPECT_THROW(validate_initial_state(s, 4), ModelError);  // parity of 2j ≠ parity of N
    s.two_j = 2;
    s.two_m = 4;
    EXPECT_THROW(validate_initial_state(s, 4), ModelError);
    s.two_m = -2;
    EXPECT_NO_THROW(validate_initial_state(s, 4));
    InitialState mix;
    mix.kind = InitialState::Kind::mixture;
    EXPECT_THROW(validate_initial_state(mix, 4), ModelError);  // no components
    mix.components = {s, s};
    mix.weights = {0.5, -0.5};
    EXPECT_THROW(validate_initial_state(mix, 4), ModelError);
    mix.weights = {0.5, 0.5};
    EXPECT_NO_THROW(validate_initial_state(mix, 4));
}

}  // namespace
}  // namespace openspins
