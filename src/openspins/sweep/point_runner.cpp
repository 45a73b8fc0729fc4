#include "openspins/sweep/point_runner.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <new>
#include <sstream>

#include "openspins/config/config_reader.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/config/toml_access.hpp"
#include "openspins/config/validated_method.hpp"
#include "openspins/errors.hpp"
#include "openspins/interrupt.hpp"
#include "openspins/method/rates.hpp"
#include "openspins/result/metadata.hpp"
#include "openspins/version.hpp"

namespace openspins::sweep {

namespace {

// "file:line: key: what" → what.
std::string what_of(const ConfigError& e) {
    const std::string message = e.what();
    const std::string prefix =
        e.line() == 0 ? "--set " + e.key() + ": " : e.file() + ":" + std::to_string(e.line()) + ": " + e.key() + ": ";
    return message.starts_with(prefix) ? message.substr(prefix.size()) : message;
}

bool at_or_below(const std::string& key, const std::string& axis_key) {
    return key.starts_with(axis_key) &&
           (key.size() == axis_key.size() || key[axis_key.size()] == '.' || key[axis_key.size()] == '[');
}

// The error of a point's run file, located in the file a user would edit.
std::string located(const SweepSpec& spec, const ModelError& error) {
    const auto* c = dynamic_cast<const ConfigError*>(&error);
    if (!c) return error.what();
    if (c->line() == 0) {  // at an axis's key (set like --set)
        for (const auto& axis : spec.axes)
            if (at_or_below(c->key(), axis.key)) return ConfigError(spec.path, axis.line, c->key(), what_of(*c)).what();
        return c->what();
    }
    if (c->file() == spec.run_source && spec.run_source == spec.path)  // run_text inline
        return ConfigError(spec.path, c->line() + spec.run_line_offset, c->key(), what_of(*c)).what();
    return c->what();
}

// The [[fit]]s of a point's series: each adds <name>, <name>_error (and for damped_cosine
// <name>_frequency, <name>_frequency_error); a fit that fails gives NaN and a warning.
void add_fits(const SweepSpec& spec, PointResult& r, nlohmann::json& metadata) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const auto& fit : spec.fits) {
        SeriesFit result;
        const auto column = std::find(r.columns.begin(), r.columns.end(), fit.observable);
        if (column == r.columns.end()) {
            result.failure = "the point has no observable '" + fit.observable + "'";
        } else {
            const std::size_t c = static_cast<std::size_t>(column - r.columns.begin());
            std::vector<double> t, y;
            for (std::size_t row = 0; row < r.times.size(); ++row)
                if (r.times[row] >= fit.from && r.times[row] <= fit.to) {
                    t.push_back(r.times[row]);
                    y.push_back(r.values[row * r.columns.size() + c]);
                }
            result = fit_series(fit.model, t, y, fit.frequency_hint);
        }
        const auto add = [&r](const std::string& name, double value) {
            r.scalar_names.push_back(name);
            r.scalar_values.push_back(value);
        };
        add(fit.name, result.ok ? result.tau : nan);
        add(fit.name + "_error", result.ok ? result.tau_error : nan);
        if (fit.model == FitModel::damped_cosine) {
            add(fit.name + "_frequency", result.ok ? result.frequency : nan);
            add(fit.name + "_frequency_error", result.ok ? result.frequency_error : nan);
        }
        nlohmann::json entry{{"observable", fit.observable}};
        if (result.ok) {
            entry["tau"] = result.tau;
            entry["tau_error"] = result.tau_error;
            entry["offset"] = result.offset;
            entry["rms_residual"] = result.rms_residual;
        } else {
            entry["failure"] = result.failure;
            r.warnings.push_back(messages::sweep_fit_failed(r.index, spec.label(r.index), fit.name, result.failure));
        }
        metadata["sweep"]["fits"][fit.name] = entry;
    }
}

// [rates]: the slowest modes of the point's generator and the single-spin rates of its first
// row (spin 0, or every spin alike for the dicke method), as `openspins rates` computes them.
void add_rates(const SweepSpec& spec, const RunSpec& run, PointResult& r) {
    RatesRequest request;
    const RatesTable table = compute_rates(run, request);
    const auto& modes = table.spectrum.modes;
    for (std::size_t k = 0; k < modes.size() && k < static_cast<std::size_t>(spec.rates.modes); ++k) {
        r.mode_rates.push_back(0.0 - modes[k].eigenvalue.real());
        r.mode_frequencies.push_back(modes[k].eigenvalue.imag() + 0.0);
        r.mode_labels.push_back(modes[k].label);
    }
    if (!table.single.empty()) {
        const SingleSpinRates& one = table.single.front();
        const std::pair<const char*, double> named[] = {{"single_spin_rate_t1", one.t1},
                                                         {"single_spin_rate_t2", one.t2},
                                                         {"single_spin_pure_dephasing", one.pure_dephasing},
                                                         {"single_spin_omega", one.omega}};
        for (const auto& [name, value] : named) {
            r.scalar_names.emplace_back(name);
            r.scalar_values.push_back(value);
        }
    }
}

}  // namespace

RunFile load_point(const SweepSpec& spec, std::size_t point) {
    return load_run_toml(spec.run_text, spec.run_source, spec.overrides(point));
}

std::optional<std::string> check_point(const SweepSpec& spec, std::size_t point) {
    try {
        const RunFile run = load_point(spec, point);
        (void)make_validated_method(run);
        return std::nullopt;
    } catch (const ModelError& e) {
        return messages::sweep_at_point(located(spec, e), point, spec.point_count(), spec.label(point));
    }
}

std::string point_run_toml(const SweepSpec& spec, std::size_t point) {
    toml::table document = toml::parse(spec.run_text, spec.run_source);
    const RunOverrides overrides = spec.overrides(point);
    config_detail::Source source(spec.run_source);
    for (const auto& o : overrides) source.add_overridden(o.path);
    config_detail::apply_overrides(document, overrides, source);
    std::ostringstream out;
    out << toml::toml_formatter(document) << '\n';
    return out.str();
}

PointResult run_point(const SweepSpec& spec, std::size_t point) {
    const auto clock_start = std::chrono::steady_clock::now();
    const auto started = std::chrono::system_clock::now();
    PointResult r;
    r.index = point;
    const auto fail = [&](const std::string& what) {
        r.status = PointStatus::failed;
        r.error = what;
        r.columns.clear();
        r.times.clear();
        r.values.clear();
        r.scalar_names.clear();
        r.scalar_values.clear();
        r.mode_rates.clear();
        r.mode_frequencies.clear();
        r.mode_labels.clear();
        r.warnings.clear();
    };
    try {
        r.run_toml = point_run_toml(spec, point);
        const RunFile run = load_point(spec, point);
        const auto method = make_validated_method(run);
        const RunResult result = method->run(run.spec, RunControl{});
        r.columns = result.series.columns;
        r.times = result.series.time;
        r.values.reserve(result.series.rows() * r.columns.size());
        for (const auto& row : result.series.values) r.values.insert(r.values.end(), row.begin(), row.end());
        RunRecord record;
        record.title = run.title;
        record.config_path = spec.run_source;
        record.config = run.config;
        record.started = started;
        record.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
        nlohmann::json metadata = build_metadata(run.spec, result, record);
        metadata["sweep"] = {{"file", spec.path}, {"point", point}, {"values", spec.label(point)}};
        add_fits(spec, r, metadata);
        if (spec.rates.enabled) add_rates(spec, run.spec, r);
        r.metadata = metadata.dump();
    } catch (const Interrupted&) {
        throw;
    } catch (const ModelError& e) {
        fail(located(spec, e));
    } catch (const NumericalError& e) {
        fail(e.what());
    } catch (const std::bad_alloc& e) {
        fail(messages::out_of_memory(e.what()));
    } catch (const std::exception& e) {
        fail(e.what());
    }
    r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
    return r;
}

}  // namespace openspins::sweep
