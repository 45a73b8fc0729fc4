#include "openspins/config/toml_to_json.hpp"

#include <cmath>
#include <sstream>

namespace openspins::config_detail {

namespace {
nlohmann::json number_to_json(double x) {
    if (std::isfinite(x)) return x;
    if (std::isnan(x)) return "nan";
    return x > 0 ? "inf" : "-inf";
}

template <class T>
std::string printed(const T& value) {
    std::ostringstream s;
    s << value;
    return s.str();
}
}  // namespace

nlohmann::json toml_to_json(const toml::node& node) {
    if (const auto* t = node.as_table()) {
        nlohmann::json object = nlohmann::json::object();
        for (auto&& [key, value] : *t) object[std::string(key.str())] = toml_to_json(value);
        return object;
    }
    if (const auto* a = node.as_array()) {
        nlohmann::json array = nlohmann::json::array();
        for (const auto& element : *a) array.push_back(toml_to_json(element));
        return array;
    }
    if (const auto* s = node.as_string()) return s->get();
    if (const auto* i = node.as_integer()) return i->get();
    if (const auto* f = node.as_floating_point()) return number_to_json(f->get());
    if (const auto* b = node.as_boolean()) return b->get();
    if (const auto* d = node.as_date()) return printed(d->get());
    if (const auto* t = node.as_time()) return printed(t->get());
    if (const auto* dt = node.as_date_time()) return printed(dt->get());
    return nullptr;
}

}  // namespace openspins::config_detail
