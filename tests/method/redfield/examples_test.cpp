// The redfield examples run as shipped (read through the config reader, as `openspins run` does):
// the seed-003 singlet starts with ⟨¼ − I·S⟩ = 1 and loses singlet order; the seed-000 examples
// keep |⟨J⟩| within N/2 and the pure-dephasing one keeps ⟨J^z⟩ constant (energy-conserving).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "openspins/config/config_reader.hpp"
#include "openspins/method/method.hpp"

using namespace openspins;

namespace {

RunResult run_example(const std::string& name) {
    const RunSpec spec = read_run_file(std::string(OPENSPINS_SOURCE_DIR) + "/examples/" + name);
    return make_method(spec.method)->run(spec, {});
}

}  // namespace

TEST(RedfieldExamples, NmrRandomFieldSinglet) {
    const auto r = run_example("nmr_random_field_singlet.toml");
    const auto singlet = r.series.column_values("singlet");
    EXPECT_NEAR(singlet.front(), 1.0, 1e-12);
    EXPECT_LT(singlet.back(), 0.5);
}

TEST(RedfieldExamples, Seed000LocalCollective) {
    const auto r = run_example("bath_seed000_local_collective.toml");
    for (const double jz : r.series.column_values("Jz")) EXPECT_LE(std::abs(jz), 2.0 + 1e-9);
    EXPECT_GT(r.series.column_values("Jz").back(), 0.0);  // relaxing towards |↑⟩ (ground for zeeman "-")
}

TEST(RedfieldExamples, PureDephasingConservesEnergy) {
    const auto r = run_example("bath_pure_dephasing.toml");
    const auto sz = r.series.column_values("sz_0");
    for (const double z : sz) EXPECT_NEAR(z, 0.0, 1e-9);
    EXPECT_LT(std::abs(r.series.column_values("Jx").back()), 1e-2);
}

TEST(RedfieldExamples, NmrDipolarRandomFieldSinglet) {
    const auto r = run_example("nmr_dipolar_random_field_singlet.toml");
    const auto jz = r.series.column_values("Jz");
    EXPECT_NEAR(jz.front(), 0.0, 1e-12);
    EXPECT_LT(jz.back(), -0.9 * std::tanh(1.0 / 100.0));  // recovered to ≥ 90% of −tanh(βω/2)
}
