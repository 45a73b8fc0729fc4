// [hamiltonian] (zeeman, drives, couplings, free-form terms) and [[channel]].
// The operators come from model/term_builders.hpp so a kind means the same
// operator here as in the bindings; this file only checks and routes the input.
#include <algorithm>
#include <optional>

#include "openspins/config/messages.hpp"
#include "openspins/config/sections.hpp"
#include "openspins/model/operator_expression.hpp"
#include "openspins/model/spin_mode_polynomial.hpp"
#include "openspins/model/symmetric_forms.hpp"
#include "openspins/model/term_builders.hpp"

namespace openspins::config_detail {

namespace {

// The entry's `name`, or the next default for its kind; unique across terms and channels.
std::string claim_name(const TableReader& t, const std::string& kind, NameRegistry& names) {
    std::string name;
    if (const auto given = t.string("name")) {
        name = *given;
        const bool printable = !name.empty() && name.find_first_of(" \t\r\n,\"'") == std::string::npos;
        if (!printable) t.fail("name", messages::bad_name());
    } else {
        name = names.next_default(kind);
    }
    names.claim(name, t);
    return name;
}

std::vector<SpinPair> read_pairs(const TableReader& t, const SpinSystem& spins) {
    const toml::node* node = t.find("pairs");
    if (!node || node->is_string()) {
        const std::string pattern = t.choice("pairs", {"all", "chain"}).value_or("all");
        const auto selected = read_selection(t, spins);
        return pattern == "all" ? all_pairs(selected) : chain_pairs(selected);
    }
    if (t.has("spins") || t.has("species"))
        t.fail(t.has("spins") ? "spins" : "species",
               messages::key_only_for("a selection", "pairs = \"all\" or \"chain\""));
    const std::string path = t.path_of("pairs");
    const auto& list = to_array(t.source(), *node, path);
    if (list.empty()) t.fail("pairs", messages::empty_array());
    std::vector<SpinPair> pairs;
    for (std::size_t k = 0; k < list.size(); ++k) {
        const std::string element = element_path(path, k);
        const toml::array* pair = list[k].as_array();
        if (!pair || pair->size() != 2) t.source().fail(list[k], element, messages::bad_pair());
        long long ij[2];
        for (std::size_t e = 0; e < 2; ++e) {
            ij[e] = to_integer(t.source(), (*pair)[e], element_path(element, e));
            if (ij[e] < 0 || ij[e] >= spins.size())
                t.source().fail((*pair)[e], element, messages::spin_out_of_range(ij[e], spins.size()));
        }
        if (ij[0] == ij[1]) t.source().fail(list[k], element, messages::self_pair(ij[0]));
        pairs.emplace_back(static_cast<int>(ij[0]), static_cast<int>(ij[1]));
    }
    return pairs;
}

bool any_frequency(const SpinSystem& spins) {
    const auto& omega = spins.frequencies();
    return std::any_of(omega.begin(), omega.end(), [](double w) { return w != 0.0; });
}

// A custom term's or channel's expression in collective and mode letters (symbolic reading),
// errors at `key`; mode letters need the model's [cavity] (`has_mode`).
SpinModePolynomial read_spin_mode_expression(const TableReader& t, std::string_view key, const SpinSystem& spins,
                                             bool has_mode) {
    const std::string text = to_string(t.source(), t.require(key), t.path_of(key));
    SpinModePolynomial form;
    try {
        form = parse_spin_mode(text, spins);
    } catch (const ExpressionError& e) {
        t.fail(key, messages::invalid_expression(text, e.what()));
    }
    if (form.has_mode() && !has_mode) t.fail(key, messages::mode_operator_needs_cavity());
    return form;
}

// Reading with per-spin operators (the exact method) in a model with a mode: an expression with
// mode letters has collective spin factors (parse_spin_mode), the spins-only rest any operator.
// Returns the spin–mode form when the text has mode letters; nothing for a spins-only text. When
// neither grammar accepts the text, the spin–mode parser's message is reported (it names the
// offending per-spin operator of a mode term).
std::optional<SpinModePolynomial> read_mode_form(const TableReader& t, std::string_view key, const SpinSystem& spins) {
    const std::string text = to_string(t.source(), t.require(key), t.path_of(key));
    try {
        SpinModePolynomial form = parse_spin_mode(text, spins);
        if (form.has_mode()) return form;
        return std::nullopt;
    } catch (const ExpressionError& e) {
        try {
            (void)parse_operator(text, spins);
            return std::nullopt;
        } catch (const ExpressionError&) {
            t.fail(key, messages::invalid_expression(text, e.what()));
        }
    }
}

}  // namespace

std::vector<HamiltonianTerm> read_hamiltonian(const TableReader& root, const SpinSystem& spins, NameRegistry& names,
                                              bool symbolic) {
    std::vector<HamiltonianTerm> terms;
    const bool has_mode = root.has("cavity");  // read later (read_cavity); mode letters need it
    const auto h = root.sub_table("hamiltonian");
    if (h) h->allow_only({"zeeman", "drive", "coupling", "term"});

    const auto zeeman = h ? h->choice("zeeman", {"+", "-", "none"}) : std::nullopt;
    if (!zeeman && any_frequency(spins)) {
        // Point at [hamiltonian] if it exists, otherwise at the spins that need the term.
        const toml::node* spins_node = root.find("spins") ? root.find("spins") : root.find("species");
        root.source().fail(h ? h->line() : line_of(*spins_node), "hamiltonian.zeeman", messages::zeeman_required());
    }
    if (zeeman && *zeeman != "none") {
        names.claim("zeeman", *h);
        const int sign = *zeeman == "+" ? +1 : -1;
        terms.push_back(symbolic ? HamiltonianTerm{"zeeman", "zeeman", 1.0, {}} : zeeman_term(spins, sign, "zeeman"));
        terms.back().collective = zeeman_collective(spins, sign);
    }
    if (!h) return terms;

    for (const auto& t : table_list(*h, "drive")) {
        t.allow_only({"omega_x", "omega_y", "spins", "species", "name"});
        const double omega_x = t.number_or("omega_x", 0.0);
        const double omega_y = t.number_or("omega_y", 0.0);
        const auto selected = read_selection(t, spins);
        const std::string name = claim_name(t, "drive", names);
        terms.push_back(symbolic ? HamiltonianTerm{name, "drive", 1.0, {}}
                                 : drive_term(selected, omega_x, omega_y, name));
        terms.back().collective = drive_collective(selected, spins.size(), omega_x, omega_y);
    }
    for (const auto& t : table_list(*h, "coupling")) {
        t.allow_only({"kind", "J", "pairs", "spins", "species", "name"});
        (void)t.require("kind");
        const std::string kind = *t.choice("kind", {"zz", "xy", "heisenberg"});
        (void)t.require("J");
        const double J = *t.number("J");
        const auto pairs = read_pairs(t, spins);
        const std::string name = claim_name(t, "coupling", names);
        terms.push_back(symbolic ? HamiltonianTerm{name, kind, J, {}} : coupling_term(kind, J, pairs, name));
        terms.back().collective = coupling_collective(kind, pairs, spins.size());
    }
    for (const auto& t : table_list(*h, "term")) {
        t.allow_only({"expr", "strength", "name"});
        const double strength = t.number_or("strength", 1.0);
        if (symbolic) {
            const SpinModePolynomial with_mode = read_spin_mode_expression(t, "expr", spins, has_mode);
            if (with_mode.has_mode()) {
                if (!is_hermitian_spin_mode(with_mode, spins.size())) t.fail("expr", messages::not_hermitian());
                terms.push_back({claim_name(t, "term", names), "custom", strength, {}});
                terms.back().mode = with_mode;
                continue;
            }
            const CollectivePolynomial form = with_mode.spin_part();
            if (!is_hermitian_collective(form, spins.size())) t.fail("expr", messages::not_hermitian());
            terms.push_back({claim_name(t, "term", names), "custom", strength, {}, form});
            continue;
        }
        if (has_mode)
            if (auto with_mode = read_mode_form(t, "expr", spins)) {  // exact method: spins ⊗ mode
                if (!is_hermitian_spin_mode(*with_mode, spins.size())) t.fail("expr", messages::not_hermitian());
                terms.push_back({claim_name(t, "term", names), "custom", strength, {}});
                terms.back().mode = std::move(*with_mode);
                continue;
            }
        const SpinOperator op = read_expression(t, "expr", spins);
        if (!is_hermitian_operator(op)) t.fail("expr", messages::not_hermitian());
        terms.push_back({claim_name(t, "term", names), "custom", strength, op});
        try {  // the collective form, when the expression has one (for methods that read it)
            terms.back().collective = parse_collective(*t.string("expr"), spins, false);
        } catch (const ExpressionError&) {
        }
    }
    return terms;
}

std::vector<Channel> read_channels(const TableReader& root, const SpinSystem& spins, NameRegistry& names,
                                   bool symbolic) {
    static const std::vector<std::string> local_kinds{"emission", "absorption", "dephasing"};
    static const std::vector<std::string> collective_kinds{"collective_emission", "collective_absorption",
                                                           "collective_dephasing"};
    std::vector<std::string> all_kinds = local_kinds;
    all_kinds.insert(all_kinds.end(), collective_kinds.begin(), collective_kinds.end());
    all_kinds.emplace_back("custom");

    std::vector<Channel> channels;
    const bool has_mode = root.has("cavity");
    for (const auto& t : table_list(root, "channel")) {
        t.allow_only({"kind", "rate", "rates", "spins", "species", "operator", "name"});
        (void)t.require("kind");
        const std::string kind = *t.choice("kind", all_kinds);
        const bool local = std::find(local_kinds.begin(), local_kinds.end(), kind) != local_kinds.end();

        if (t.has("rate") && t.has("rates")) t.fail("rates", messages::exclusive_keys("rate", "rates"));
        if (!local && t.has("rates"))
            t.fail("rates", messages::key_only_for("rates", "emission, absorption, dephasing"));
        if (kind != "custom" && t.has("operator"))
            t.fail("operator", messages::key_only_for("operator", "kind = \"custom\""));
        if (kind == "custom" && (t.has("spins") || t.has("species")))
            t.fail(t.has("spins") ? "spins" : "species", messages::key_only_for("a selection", "built-in kinds"));
        if (!t.has("rates")) (void)t.require("rate");

        if (local) {
            const auto selected = read_selection(t, spins);
            std::vector<double> rates;
            if (const auto rate = t.non_negative("rate")) {
                rates.assign(selected.size(), *rate);
            } else {
                const std::string path = t.path_of("rates");
                const auto& list = to_array(t.source(), *t.find("rates"), path);
                if (list.size() != selected.size())
                    t.fail("rates", messages::wrong_length(selected.size(), list.size()));
                for (std::size_t k = 0; k < list.size(); ++k) {
                    const double r = to_number(t.source(), list[k], element_path(path, k));
                    if (r < 0.0) t.source().fail(list[k], element_path(path, k), messages::must_be_non_negative());
                    rates.push_back(r);
                }
            }
            const std::string name = claim_name(t, kind, names);
            channels.push_back(symbolic ? symbolic_local_channel(kind, selected, rates, name)
                                        : local_channel(kind, selected, rates, name));
        } else if (kind == "custom") {
            if (symbolic && !has_mode) t.fail("kind", messages::custom_channel_not_symbolic());
            if (symbolic) {  // spins ⊗ mode (the dicke method's cavity path applies any such jump)
                const SpinModePolynomial jump = read_spin_mode_expression(t, "operator", spins, has_mode);
                const double rate = *t.non_negative("rate");
                channels.push_back({claim_name(t, kind, names), kind, {Jump{rate, {}}}});
                channels.back().mode = jump;
                continue;
            }
            if (has_mode)
                if (auto jump = read_mode_form(t, "operator", spins)) {  // exact method: spins ⊗ mode
                    const double rate = *t.non_negative("rate");
                    channels.push_back({claim_name(t, kind, names), kind, {Jump{rate, {}}}});
                    channels.back().mode = std::move(*jump);
                    continue;
                }
            const SpinOperator jump = read_expression(t, "operator", spins);
            const double rate = *t.non_negative("rate");
            channels.push_back(custom_channel(jump, rate, claim_name(t, kind, names)));
        } else {
            const auto selected = read_selection(t, spins);
            const double rate = *t.non_negative("rate");
            const std::string name = claim_name(t, kind, names);
            channels.push_back(symbolic ? symbolic_collective_channel(kind, selected, rate, name)
                                        : collective_channel(kind, selected, rate, name));
        }
    }
    return channels;
}

}  // namespace openspins::config_detail
