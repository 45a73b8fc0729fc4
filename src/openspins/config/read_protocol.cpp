// [[protocol]]: evolve / pulse / repeat steps, unrolled into a flat Protocol.
// Pulse convention (model/protocol.hpp): R = Π_i exp(−i θ n·S_i), so a π pulse
// about x maps S^z → −S^z on the selected spins.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "openspins/config/messages.hpp"
#include "openspins/config/sections.hpp"

namespace openspins::config_detail {

namespace {

// Unrolling `repeat` multiplies steps; beyond this the input is a mistake, not a protocol.
constexpr std::size_t max_steps = 1000000;

class ProtocolReader {
public:
    explicit ProtocolReader(const Model& model) : model_(model) {
        for (const auto& c : model.channels) channel_names_.push_back(c.name);
    }

    // Appends the steps of `list` (at `path`) to `out`; `inherited_label` labels unlabelled steps.
    void read_list(const TableReader& owner, const toml::array& list, const std::string& path,
                   const std::string& inherited_label, std::vector<ProtocolStep>& out) {
        for (std::size_t k = 0; k < list.size(); ++k) {
            const std::string element = element_path(path, k);
            read_step(TableReader(owner.source(), to_table(owner.source(), list[k], element), element), inherited_label,
                      out);
        }
    }

private:
    void read_step(const TableReader& t, const std::string& inherited_label, std::vector<ProtocolStep>& out) {
        t.allow_only({"evolve", "pulse", "repeat", "steps", "scale", "label", "spins", "species"});
        const int actions = int{t.has("evolve")} + int{t.has("pulse")} + int{t.has("repeat")};
        if (actions == 0) t.fail_here(messages::step_action_required());
        if (actions > 1) t.fail(t.has("repeat") ? "repeat" : "pulse", messages::step_action_exclusive());
        const std::string label = t.string_or("label", inherited_label);

        if (t.has("evolve")) {
            reject(t, {"steps", "spins", "species"}, "evolve");
            const double duration = *t.positive("evolve");
            out.push_back({label, Evolve{duration, read_scale(t)}});
        } else if (t.has("pulse")) {
            reject(t, {"steps", "scale"}, "pulse");
            Pulse pulse = read_pulse(*t.sub_table("pulse"));
            pulse.spins = read_selection(t, model_.spins);
            out.push_back({label, pulse});
        } else {
            reject(t, {"scale", "spins", "species"}, "repeat");
            const long long times = *t.integer("repeat");
            if (times < 1) t.fail("repeat", messages::must_be_at_least(1));
            const std::string steps_path = t.path_of("steps");
            const auto& list = to_array(t.source(), t.require("steps"), steps_path);
            if (list.empty()) t.fail("steps", messages::empty_array());
            std::vector<ProtocolStep> block;
            read_list(t, list, steps_path, label, block);
            // Compared by division so that a huge `repeat` cannot overflow the product.
            if (static_cast<unsigned long long>(times) > (max_steps - out.size()) / block.size())
                t.fail("repeat", messages::too_many_steps(max_steps));
            for (long long r = 0; r < times; ++r) out.insert(out.end(), block.begin(), block.end());
        }
        if (out.size() > max_steps) t.fail_here(messages::too_many_steps(max_steps));
    }

    static void reject(const TableReader& t, std::initializer_list<std::string_view> keys, std::string_view action) {
        for (auto key : keys)
            if (t.has(key)) t.fail(key, messages::step_key_not_for(key, action));
    }

    std::map<std::string, double> read_scale(const TableReader& step) const {
        std::map<std::string, double> scale;
        const auto t = step.sub_table("scale");
        if (!t) return scale;
        const auto known = model_.term_names();
        for (auto&& [key, node] : t->table()) {
            const std::string name(key.str());
            const std::string path = t->path_of(name);
            if (std::find(known.begin(), known.end(), name) == known.end())
                t->source().fail(line_of(key), path, messages::unknown_scale_name(name, known));
            const double factor = to_number(t->source(), node, path);
            const bool is_channel =
                std::find(channel_names_.begin(), channel_names_.end(), name) != channel_names_.end();
            if (is_channel && factor < 0.0) t->source().fail(node, path, messages::negative_channel_scale(name));
            scale[name] = factor;
        }
        return scale;
    }

    static Pulse read_pulse(const TableReader& t) {
        t.allow_only({"axis", "angle_deg", "angle"});
        Pulse pulse;
        const toml::node& axis = t.require("axis");
        if (axis.is_string()) {
            const std::string name = to_string(t.source(), axis, t.path_of("axis"));
            if (name == "x")
                pulse.axis = {1.0, 0.0, 0.0};
            else if (name == "y")
                pulse.axis = {0.0, 1.0, 0.0};
            else if (name == "z")
                pulse.axis = {0.0, 0.0, 1.0};
            else
                t.fail("axis", messages::bad_axis());
        } else if (axis.is_array()) {
            const auto n = to_number_list(t.source(), axis, t.path_of("axis"));
            const double norm = n.size() == 3 ? std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]) : 0.0;
            if (!(norm > 0.0)) t.fail("axis", messages::bad_axis());
            pulse.axis = {n[0] / norm, n[1] / norm, n[2] / norm};
        } else {
            t.fail("axis", messages::bad_axis());
        }
        if (t.has("angle_deg") && t.has("angle")) t.fail("angle", messages::exclusive_keys("angle_deg", "angle"));
        if (t.has("angle_deg"))
            pulse.angle = *t.number("angle_deg") * std::numbers::pi / 180.0;
        else if (t.has("angle"))
            pulse.angle = *t.number("angle");
        else
            t.fail_here(messages::one_of_keys_required({"angle_deg", "angle"}));
        return pulse;
    }

    const Model& model_;
    std::vector<std::string> channel_names_;
};

}  // namespace

Protocol read_protocol(const TableReader& root, const Model& model) {
    Protocol protocol;
    const toml::node* node = root.find("protocol");
    if (!node) return protocol;
    const auto& list = to_array(root.source(), *node, "protocol");
    if (list.empty()) root.fail("protocol", messages::empty_array());
    ProtocolReader(model).read_list(root, list, "protocol", "", protocol.steps);
    return protocol;
}

}  // namespace openspins::config_detail
