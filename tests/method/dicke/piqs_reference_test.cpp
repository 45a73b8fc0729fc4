// The dicke method against QuTiP's qutip.piqs (tests/data/piqs_*, written by
// tests/reference/make_piqs_references.py): each run file is read with the config
// reader, run with the dicke method, and every column of the CSV compared by name.
//
// Tolerance 1e-6 relative to max(1, |value|): piqs (QuTiP 4.7) builds its Liouvillian
// coefficients in 32-bit floats, so its answers carry ~1e-7 relative errors whatever
// mesolve's tolerance (docs/methods/dicke.md quotes the measured deviations).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "openspins/config/config_reader.hpp"
#include "openspins/method/method.hpp"
#include "reference/reference_csv.hpp"

namespace openspins {
namespace {

namespace fs = std::filesystem;

constexpr double tolerance = 1e-6;

using test::read_reference_csv;
using test::ReferenceCsv;

TEST(DickeVsPiqs, EveryReferenceCaseAgreesWithinPiqsPrecision) {
    const fs::path data = fs::path(OPENSPINS_SOURCE_DIR) / "tests" / "data";
    int cases = 0;
    for (const auto& entry : fs::directory_iterator(data)) {
        const auto name = entry.path().filename().string();
        if (name.rfind("piqs_", 0) != 0 || entry.path().extension() != ".toml") continue;
        ++cases;
        const RunSpec spec = read_run_file(entry.path().string());
        const RunResult result = make_method("dicke")->run(spec, {});
        const ReferenceCsv reference = read_reference_csv(fs::path(entry.path()).replace_extension(".csv"));
        ASSERT_EQ(result.series.rows(), reference.rows.size()) << name;
        double worst = 0.0;
        for (std::size_t c = 1; c < reference.columns.size(); ++c) {
            const auto ours = result.series.column_values(reference.columns[c]);
            for (std::size_t r = 0; r < reference.rows.size(); ++r) {
                EXPECT_NEAR(result.series.time[r], reference.rows[r][0], 1e-12);
                const double ref = reference.rows[r][c];
                worst = std::max(worst, std::abs(ours[r] - ref) / std::max(1.0, std::abs(ref)));
            }
        }
        std::printf("%s: largest relative difference %.2e\n", name.c_str(), worst);
        EXPECT_LE(worst, tolerance) << name;
    }
    EXPECT_GE(cases, 5);
}

}  // namespace
}  // namespace openspins
