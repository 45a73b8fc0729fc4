// [spins] (one species named "spins") or [[species]] (several, in declaration order).
#include <cctype>
#include <set>

#include "openspins/config/messages.hpp"
#include "openspins/config/sections.hpp"

namespace openspins::config_detail {

namespace {

// Monomials address spins by the bits of a 64-bit basis index.
constexpr int max_spins = 64;
// Without monomials (symbolic reading, e.g. the dicke method) the method's memory estimate is the limit.
constexpr int max_symbolic_spins = 1000000;

bool is_identifier(const std::string& name) {
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
    for (char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
    return true;
}

Broadening read_broadening(const TableReader& t) {
    t.allow_only({"kind", "width", "seed"});
    Broadening b;
    (void)t.require("kind");
    b.kind = *t.choice("kind", {"gaussian", "uniform"}) == "gaussian" ? Broadening::Kind::gaussian
                                                                      : Broadening::Kind::uniform;
    (void)t.require("width");
    b.width = *t.non_negative("width");
    if (const auto seed = t.integer("seed")) {
        if (*seed < 0) t.fail("seed", messages::must_be_non_negative());
        b.seed = static_cast<std::uint64_t>(*seed);
    }
    return b;
}

Species read_species(const TableReader& t, bool named, int limit) {
    if (named)
        t.allow_only({"name", "count", "frequency", "frequencies", "broadening"});
    else
        t.allow_only({"count", "frequency", "frequencies", "broadening"});
    Species s;
    if (named) {
        s.name = to_string(t.source(), t.require("name"), t.path_of("name"));
        if (!is_identifier(s.name)) t.fail("name", messages::bad_species_name());
    } else {
        s.name = "spins";
    }
    s.frequency = t.number_or("frequency", 0.0);
    if (const toml::node* list = t.find("frequencies")) {
        s.frequencies = to_number_list(t.source(), *list, t.path_of("frequencies"));
        if (s.frequencies.empty()) t.fail("frequencies", messages::empty_array());
        if (t.has("broadening")) t.fail("broadening", messages::exclusive_keys("frequencies", "broadening"));
    }
    if (const auto count = t.integer("count")) {
        if (*count < 1) t.fail("count", messages::must_be_at_least(1));
        if (*count > limit) t.fail("count", messages::must_be_at_most(limit));
        s.count = static_cast<int>(*count);
        if (!s.frequencies.empty() && s.frequencies.size() != static_cast<std::size_t>(s.count))
            t.fail("frequencies",
                   messages::frequencies_length(static_cast<std::size_t>(s.count), s.frequencies.size()));
    } else if (!s.frequencies.empty()) {
        s.count = static_cast<int>(s.frequencies.size());
    } else {
        (void)t.require("count");
    }
    if (const auto broadening = t.sub_table("broadening")) s.broadening = read_broadening(*broadening);
    return s;
}

}  // namespace

SpinSystem read_spins(const TableReader& root, bool symbolic) {
    const int limit = symbolic ? max_symbolic_spins : max_spins;
    const toml::node* single = root.find("spins");
    const toml::node* several = root.find("species");
    if (single && several) root.fail("species", messages::spins_and_species_both());
    if (!single && !several) root.source().fail(1, "spins", messages::no_spins());

    std::vector<Species> species;
    if (single) {
        const TableReader t = *root.sub_table("spins");
        species.push_back(read_species(t, false, limit));
    } else {
        const auto& list = to_array(root.source(), *several, "species");
        if (list.empty()) root.fail("species", messages::empty_array());
        std::set<std::string> names;
        for (std::size_t k = 0; k < list.size(); ++k) {
            const std::string path = element_path("species", k);
            const TableReader t(root.source(), to_table(root.source(), list[k], path), path);
            species.push_back(read_species(t, true, limit));
            if (!names.insert(species.back().name).second)
                t.fail("name", messages::duplicate_species(species.back().name));
        }
    }
    int total = 0;
    for (const auto& s : species) total += s.count;
    if (total > limit) {
        const toml::node* last = single ? single : &(*several->as_array())[several->as_array()->size() - 1];
        root.source().fail(*last, single ? "spins.count" : "species", messages::too_many_spins(total, limit));
    }
    return SpinSystem(std::move(species));
}

}  // namespace openspins::config_detail
