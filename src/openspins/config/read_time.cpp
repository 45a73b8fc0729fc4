// [time]: the output grid. Without a [[protocol]] it also defines the run's single
// evolve step (duration = stop or the last time); with one, the grid must lie within
// the protocol's duration.
#include <algorithm>

#include "openspins/config/messages.hpp"
#include "openspins/config/sections.hpp"

namespace openspins::config_detail {

namespace {

// More rows than this is a typo (points = 1e9), not a time series anyone plots.
constexpr long long max_points = 10000000;

// Sums of durations carry rounding: times equal to the protocol's end up to this
// relative slack are accepted (and clamped onto it).
constexpr double end_slack = 1e-12;

}  // namespace

void read_time(const TableReader& root, RunSpec& spec) {
    const auto t = root.sub_table("time");
    const bool has_protocol = !spec.protocol.steps.empty();
    if (!t && !has_protocol) root.source().fail(1, "time", messages::time_required());
    if (t) t->allow_only({"stop", "points", "times", "record_steps", "unit"});

    const double protocol_end = spec.protocol.total_duration();
    if (has_protocol && !(protocol_end > 0.0)) root.fail("protocol", messages::no_evolution_time());
    const double limit = protocol_end * (1.0 + end_slack);
    std::vector<double>& times = spec.output_times;
    times.clear();

    if (t && t->has("times")) {
        if (t->has("stop")) t->fail("stop", messages::exclusive_keys("stop", "times"));
        if (t->has("points")) t->fail("points", messages::key_only_for("points", "stop"));
        const std::string path = t->path_of("times");
        const auto& list = to_array(t->source(), *t->find("times"), path);
        if (list.empty()) t->fail("times", messages::empty_array());
        for (std::size_t k = 0; k < list.size(); ++k) {
            const std::string element = element_path(path, k);
            const double value = to_number(t->source(), list[k], element);
            if (value < 0.0) t->source().fail(list[k], element, messages::must_be_non_negative());
            if (k > 0 && !(value > times.back()))
                t->source().fail(list[k], element, messages::times_not_ascending(k, value, times.back()));
            if (has_protocol && value > limit)
                t->source().fail(list[k], element, messages::time_after_protocol(value, protocol_end));
            times.push_back(has_protocol ? std::min(value, protocol_end) : value);
        }
    } else {
        if (!has_protocol && !t->has("stop")) t->fail_here(messages::one_of_keys_required({"stop", "times"}));
        const auto given_stop = t ? t->positive("stop") : std::nullopt;
        if (given_stop && has_protocol && *given_stop > limit)
            t->fail("stop", messages::time_after_protocol(*given_stop, protocol_end));
        const double stop =
            given_stop ? (has_protocol ? std::min(*given_stop, protocol_end) : *given_stop) : protocol_end;
        long long points = 101;
        if (const auto given = t ? t->integer("points") : std::nullopt) {
            if (*given < 2) t->fail("points", messages::must_be_at_least(2));
            if (*given > max_points) t->fail("points", messages::must_be_at_most(max_points));
            points = *given;
        }
        for (long long k = 0; k < points; ++k)
            times.push_back(k + 1 == points ? stop : stop * static_cast<double>(k) / static_cast<double>(points - 1));
    }
    spec.record_step_boundaries = t ? t->boolean("record_steps").value_or(false) : false;
    if (const auto unit = t ? t->string("unit") : std::nullopt) {
        // The parameters time_unit() (result/metadata.hpp) can name the unit by.
        const std::vector<std::string> symbols{"ω", "Ω", "J", "g", "γ", "Γ", "κ"};
        if (std::find(symbols.begin(), symbols.end(), *unit) == symbols.end())
            t->fail("unit", messages::not_one_of(*unit, symbols));
        spec.time_unit_symbol = *unit;
    }

    if (!has_protocol) {
        if (!(times.back() > 0.0)) t->fail(t->has("times") ? "times" : "stop", messages::no_evolution_time());
        spec.protocol.steps.push_back({"", Evolve{times.back(), {}}});
    }
}

}  // namespace openspins::config_detail
