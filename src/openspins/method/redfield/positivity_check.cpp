#include "openspins/method/redfield/positivity_check.hpp"

#include <cstdio>

#include "openspins/config/message_table.hpp"
#include "openspins/number_text.hpp"

namespace openspins::redfield {

namespace {

std::string scientific(double x, int digits = 3) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.*e", digits, x);
    return buffer;
}

std::string general(double x) { return openspins::number_text("%.12g", x); }

}  // namespace

void add_positivity_notes(const exact::PositivityReport& report, double tolerance,
                          std::map<std::string, std::string>& notes) {
    if (!report.checked()) {
        notes["redfield.min_eigenvalue_of_rho"] =
            "not checked (a block of ρ has more than " + std::to_string(exact::max_iterative_rows) + " rows)";
        return;
    }
    notes["redfield.min_eigenvalue_of_rho"] = scientific(report.min_eigenvalue, 9);
    notes["redfield.min_eigenvalue_time"] = general(report.at_time);
    if (report.min_eigenvalue < -tolerance)
        notes["redfield.warning"] = messages::format_message(
            "redfield_not_positive", {scientific(report.min_eigenvalue), general(report.at_time)});
}

}  // namespace openspins::redfield
