// Tabulated J(ω): GSL Steffen spline over the table (see tabulated_density.hpp).
#include "openspins/model/bath/tabulated_density.hpp"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_spline.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "openspins/config/message_table.hpp"
#include "openspins/errors.hpp"

namespace openspins {

struct TabulatedDensity::Spline {
    gsl_interp_accel* accel = nullptr;
    gsl_spline* spline = nullptr;
};

TabulatedDensity::TabulatedDensity(std::vector<double> omega, std::vector<double> values, std::string origin)
    : omega_(std::move(omega)), values_(std::move(values)), origin_(std::move(origin)), spline_(nullptr) {
    // The table's own messages (message_table.cpp) name the file; a row counts from 1.
    const auto refuse = [&](std::string_view id) { throw ModelError(messages::format_message(id, {origin_})); };
    const auto refuse_row = [&](std::string_view id, std::size_t k) {
        throw ModelError(messages::format_message(id, {origin_, std::to_string(k + 1)}));
    };
    if (omega_.size() != values_.size()) refuse("table_lengths");
    if (omega_.size() < 3) refuse("table_too_few");
    if (!(omega_.front() >= 0.0)) refuse("table_negative_start");
    for (std::size_t k = 0; k < omega_.size(); ++k) {
        if (!std::isfinite(omega_[k])) refuse("table_not_finite");
        if (k > 0 && !(omega_[k] > omega_[k - 1])) refuse_row("table_not_ascending", k);
        if (!std::isfinite(values_[k]) || values_[k] < 0.0) refuse_row("table_negative_value", k);
    }
    spline_ = new Spline;
    spline_->accel = gsl_interp_accel_alloc();
    spline_->spline = gsl_spline_alloc(gsl_interp_steffen, omega_.size());
    gsl_spline_init(spline_->spline, omega_.data(), values_.data(), omega_.size());
}

TabulatedDensity::~TabulatedDensity() {
    if (spline_ == nullptr) return;
    gsl_spline_free(spline_->spline);
    gsl_interp_accel_free(spline_->accel);
    delete spline_;
}

double TabulatedDensity::value(double omega) const {
    if (omega < omega_.front() || omega > omega_.back()) {
        const auto text = [](double x) {
            std::ostringstream s;
            s.precision(10);
            s << x;
            return s.str();
        };
        throw ModelError(
            messages::format_message("table_range", {origin_, text(omega), text(omega_.front()), text(omega_.back())}));
    }
    // gsl_interp_accel is a cache; evaluation is logically const. Not thread-safe.
    return std::max(0.0, gsl_spline_eval(spline_->spline, omega, spline_->accel));
}

double TabulatedDensity::zero_slope() const {
    if (omega_.front() != 0.0) return std::numeric_limits<double>::quiet_NaN();
    if (values_.front() > 0.0) return std::numeric_limits<double>::infinity();
    return gsl_spline_eval_deriv(spline_->spline, 0.0, spline_->accel);
}

double TabulatedDensity::at_zero() const {
    return omega_.front() == 0.0 ? values_.front() : std::numeric_limits<double>::quiet_NaN();
}

std::string TabulatedDensity::describe() const {
    return "tabulated " + origin_ + " (" + std::to_string(omega_.size()) + " points)";
}

std::shared_ptr<const TabulatedDensity> read_tabulated_density(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw ModelError(messages::format_message("table_cannot_open", {path}));
    std::vector<double> omega;
    std::vector<double> values;
    std::string line;
    int line_number = 0;
    bool first_content_line = true;
    while (std::getline(in, line)) {
        ++line_number;
        const auto hash = line.find('#');
        if (hash != std::string::npos) line.erase(hash);
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        for (char& c : line)
            if (c == ',') c = ' ';
        std::istringstream fields(line);
        double w = 0.0;
        double j = 0.0;
        std::string rest;
        if (!(fields >> w >> j) || (fields >> rest)) {
            if (first_content_line) {  // a header line such as "omega,J"
                first_content_line = false;
                continue;
            }
            throw ModelError(messages::format_message("table_row", {path, std::to_string(line_number)}));
        }
        first_content_line = false;
        omega.push_back(w);
        values.push_back(j);
    }
    return std::make_shared<const TabulatedDensity>(std::move(omega), std::move(values), path);
}

}  // namespace openspins
