// Readers shared by several sections: unique names, spin selections, operator expressions.
#include <algorithm>
#include <bit>
#include <map>
#include <set>

#include "openspins/config/messages.hpp"
#include "openspins/config/sections.hpp"
#include "openspins/model/operator_expression.hpp"

namespace openspins::config_detail {

void NameRegistry::claim(const std::string& name, const TableReader& at) {
    const auto [it, inserted] = first_use_.emplace(name, at.path());
    if (!inserted) at.fail("name", messages::duplicate_name(name, it->second));
}

std::string NameRegistry::next_default(const std::string& kind) {
    for (;;) {
        const int k = ++default_count_[kind];
        std::string name = k == 1 ? kind : kind + std::to_string(k);
        if (!first_use_.contains(name)) return name;
    }
}

std::vector<int> read_selection(const TableReader& t, const SpinSystem& spins) {
    const toml::node* by_index = t.find("spins");
    const toml::node* by_species = t.find("species");
    if (by_index && by_species) t.fail("species", messages::selection_both());
    if (by_species) {
        const std::string name = to_string(t.source(), *by_species, t.path_of("species"));
        std::vector<std::string> declared;
        for (const auto& s : spins.species()) declared.push_back(s.name);
        if (std::find(declared.begin(), declared.end(), name) == declared.end())
            t.fail("species", messages::unknown_species(name, declared));
        return spins.spins_of(name);
    }
    if (!by_index) return spins.all_spins();
    if (by_index->is_string()) {
        const std::string all = to_string(t.source(), *by_index, t.path_of("spins"));
        if (all != "all") t.fail("spins", messages::not_one_of(all, {"all", "[i, j, …]"}));
        return spins.all_spins();
    }
    const std::string path = t.path_of("spins");
    const auto& list = to_array(t.source(), *by_index, path);
    if (list.empty()) t.fail("spins", messages::empty_array());
    std::vector<int> selected;
    std::set<long long> seen;
    for (std::size_t k = 0; k < list.size(); ++k) {
        const std::string element = element_path(path, k);
        const long long index = to_integer(t.source(), list[k], element);
        if (index < 0 || index >= spins.size())
            t.source().fail(list[k], element, messages::spin_out_of_range(index, spins.size()));
        if (!seen.insert(index).second) t.source().fail(list[k], element, messages::duplicate_spin(index));
        selected.push_back(static_cast<int>(index));
    }
    return selected;
}

SpinOperator read_expression(const TableReader& t, std::string_view key, const SpinSystem& spins) {
    const std::string text = to_string(t.source(), t.require(key), t.path_of(key));
    try {
        return parse_operator(text, spins);
    } catch (const ExpressionError& e) {
        t.fail(key, messages::invalid_expression(text, e.what()));
    }
}

bool is_hermitian_operator(const SpinOperator& op) {
    // Equal monomial lists are the common case (sz(0), J2, sp(0)*sm(1) + sp(1)*sm(0)).
    if ((op - op.adjoint()).simplified().empty()) return true;
    // Otherwise compare O and O† on every basis state of the spins O touches
    // (O is the identity on the others); written differently, the same operator
    // can have different monomials (nup(0) vs 1 − ndown(0)).
    BasisState touched = 0;
    for (const auto& m : op.terms()) touched |= m.mask;
    constexpr int max_touched = 20;
    const int k = std::popcount(touched);
    if (k > max_touched) return false;
    std::vector<BasisState> bits;
    for (int spin = 0; spin < 64; ++spin)
        if (touched & (BasisState{1} << spin)) bits.push_back(BasisState{1} << spin);
    const SpinOperator dagger = op.adjoint();
    for (BasisState pattern = 0; pattern < (BasisState{1} << k); ++pattern) {
        BasisState b = 0;
        for (int j = 0; j < k; ++j)
            if (pattern & (BasisState{1} << j)) b |= bits[static_cast<std::size_t>(j)];
        std::map<BasisState, complex> difference;
        for (const auto& [state, amplitude] : op.apply(b)) difference[state] += amplitude;
        for (const auto& [state, amplitude] : dagger.apply(b)) difference[state] -= amplitude;
        for (const auto& [state, amplitude] : difference)
            if (std::abs(amplitude) > 1e-12) return false;
    }
    return true;
}

}  // namespace openspins::config_detail
