// [initial]: the state at t = 0 (model/initial_state.hpp). Product states are
// stored as one Bloch vector per spin; populations p_up become r = (0, 0, 2p − 1).
// A mixture lists its parts as [[initial.component]] tables, each a state with a weight.
#include <cmath>
#include <fstream>

#include "openspins/config/messages.hpp"
#include "openspins/config/sections.hpp"

namespace openspins::config_detail {

namespace {

using Bloch = std::array<double, 3>;

// Rounding in hand-written vectors such as (1/√2, 1/√2, 0) must not make |r| > 1 an error.
constexpr double bloch_slack = 1e-12;

Bloch read_bloch_vector(const Source& source, const toml::node& node, const std::string& path) {
    const auto r = to_number_list(source, node, path);
    if (r.size() != 3) source.fail(node, path, messages::wrong_length(3, r.size()));
    const double norm = std::sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    if (norm > 1.0 + bloch_slack) source.fail(node, path, messages::bloch_length(norm));
    return {r[0], r[1], r[2]};
}

// One entry for every spin, or a single entry for all of them.
std::vector<Bloch> per_spin(std::vector<Bloch> given, const TableReader& t, std::string_view key, int n) {
    if (given.size() == 1) return std::vector<Bloch>(static_cast<std::size_t>(n), given.front());
    if (given.size() != static_cast<std::size_t>(n)) t.fail(key, messages::bloch_count(given.size(), n));
    return given;
}

std::vector<Bloch> read_bloch(const TableReader& t, int n) {
    const toml::node& node = *t.find("bloch");
    const std::string path = t.path_of("bloch");
    const auto& list = to_array(t.source(), node, path);
    std::vector<Bloch> vectors;
    if (!list.empty() && list[0].is_array()) {  // [[x, y, z], …]
        for (std::size_t k = 0; k < list.size(); ++k)
            vectors.push_back(read_bloch_vector(t.source(), list[k], element_path(path, k)));
    } else {  // [x, y, z]
        vectors.push_back(read_bloch_vector(t.source(), node, path));
    }
    return per_spin(std::move(vectors), t, "bloch", n);
}

std::vector<Bloch> read_populations(const TableReader& t, int n) {
    const toml::node& node = *t.find("populations");
    const std::string path = t.path_of("populations");
    auto to_bloch = [&](const toml::node& p_node, const std::string& p_path) {
        const double p = to_number(t.source(), p_node, p_path);
        if (p < 0.0 || p > 1.0) t.source().fail(p_node, p_path, messages::population_range());
        return Bloch{0.0, 0.0, 2.0 * p - 1.0};
    };
    std::vector<Bloch> vectors;
    if (const toml::array* list = node.as_array()) {
        if (list->empty()) t.fail("populations", messages::empty_array());
        for (std::size_t k = 0; k < list->size(); ++k) vectors.push_back(to_bloch((*list)[k], element_path(path, k)));
    } else {
        vectors.push_back(to_bloch(node, path));
    }
    return per_spin(std::move(vectors), t, "populations", n);
}

// 2·value when value is a whole or half number (j and m of a Dicke state).
int read_twice(const TableReader& t, std::string_view key, const std::string& what_if_not) {
    (void)t.require(key);
    const double twice = 2.0 * *t.number(key);
    if (std::abs(twice - std::round(twice)) > 1e-9 || std::abs(twice) > 1e9) t.fail(key, what_if_not);
    return static_cast<int>(std::lround(twice));
}

const std::vector<std::string> kinds = {"all_up", "all_down", "product", "thermal", "file", "dicke", "mixture"};

// One state: the [initial] table, or (in_mixture) one [[initial.component]] table with its weight.
InitialState read_state(const TableReader& t, const SpinSystem& spins, const std::filesystem::path& base_dir,
                        bool in_mixture) {
    InitialState state;
    if (in_mixture)
        t.allow_only({"weight", "kind", "bloch", "populations", "temperature", "path", "j", "m"});
    else
        t.allow_only({"kind", "bloch", "populations", "temperature", "path", "j", "m", "component"});
    if (in_mixture) (void)t.require("kind");  // a component has no default kind
    const std::string kind = t.choice("kind", kinds).value_or("all_up");
    if (in_mixture && kind == "mixture") t.fail("kind", messages::mixture_nested());

    // Keys that belong to another kind are mistakes, not options to ignore.
    const std::pair<std::string_view, std::string_view> owner[] = {
        {"bloch", "product"}, {"populations", "product"}, {"temperature", "thermal"}, {"path", "file"},
        {"j", "dicke"},       {"m", "dicke"},             {"component", "mixture"}};
    for (const auto& [key, kind_of_key] : owner)
        if (t.has(key) && kind != kind_of_key)
            t.fail(key, messages::key_only_for(key, "kind = \"" + std::string(kind_of_key) + "\""));

    if (kind == "all_up") {
        state.kind = InitialState::Kind::all_up;
    } else if (kind == "all_down") {
        state.kind = InitialState::Kind::all_down;
    } else if (kind == "product") {
        state.kind = InitialState::Kind::product;
        if (t.has("bloch") && t.has("populations"))
            t.fail("populations", messages::exclusive_keys("bloch", "populations"));
        if (t.has("bloch"))
            state.bloch = read_bloch(t, spins.size());
        else if (t.has("populations"))
            state.bloch = read_populations(t, spins.size());
        else
            t.fail_here(messages::one_of_keys_required({"bloch", "populations"}));
    } else if (kind == "thermal") {
        state.kind = InitialState::Kind::thermal;
        (void)t.require("temperature");
        state.temperature = *t.positive("temperature");
    } else if (kind == "dicke") {
        state.kind = InitialState::Kind::dicke;
        const int n = spins.size();
        state.two_j = read_twice(t, "j", messages::dicke_j_range(n));
        if (state.two_j < 0 || state.two_j > n || (n - state.two_j) % 2 != 0) t.fail("j", messages::dicke_j_range(n));
        state.two_m = read_twice(t, "m", messages::dicke_m_range(state.two_j));
        if (std::abs(state.two_m) > state.two_j || (state.two_j - state.two_m) % 2 != 0)
            t.fail("m", messages::dicke_m_range(state.two_j));
    } else if (kind == "mixture") {
        state.kind = InitialState::Kind::mixture;
        const auto parts = table_list(t, "component");
        if (parts.empty()) t.fail("component", t.has("component") ? messages::empty_array() : messages::missing_key());
        double sum = 0.0;
        for (const auto& part : parts) {
            (void)part.require("weight");
            state.weights.push_back(*part.non_negative("weight"));
            sum += state.weights.back();
            state.components.push_back(read_state(part, spins, base_dir, true));
        }
        if (!(sum > 0.0)) t.fail("component", messages::mixture_weights_zero());
    } else {
        state.kind = InitialState::Kind::file;
        const std::filesystem::path given = to_string(t.source(), t.require("path"), t.path_of("path"));
        const std::filesystem::path resolved = (given.is_absolute() ? given : base_dir / given).lexically_normal();
        // Told apart because the fixes differ; a device such as /dev/zero is never read.
        std::error_code ec;
        const auto status = std::filesystem::status(resolved, ec);
        if (!std::filesystem::exists(status)) t.fail("path", messages::file_not_found(resolved.string()));
        if (!std::filesystem::is_regular_file(status)) t.fail("path", messages::file_not_regular(resolved.string()));
        if (!std::ifstream(resolved)) t.fail("path", messages::file_unreadable(resolved.string()));
        state.path = resolved.string();
    }
    return state;
}

}  // namespace

InitialState read_initial(const TableReader& root, const SpinSystem& spins, const std::filesystem::path& base_dir) {
    const auto t = root.sub_table("initial");
    if (!t) return {};
    return read_state(*t, spins, base_dir, false);
}

}  // namespace openspins::config_detail
