#include "toml_python.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>
#include <tuple>
#include <vector>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"

namespace openspins::python {

namespace py = pybind11;

namespace {

template <class T>
std::string printed(const T& value) {
    std::ostringstream s;
    s << value;
    return s.str();
}

py::object to_python(const toml::node& node);

py::dict table_to_python(const toml::table& table) {
    // toml++ keeps keys sorted; the file's order reads better and round-trips the layout.
    std::vector<std::tuple<toml::source_index, toml::source_index, std::size_t, const toml::key*, const toml::node*>> entries;
    std::size_t k = 0;
    for (auto&& [key, value] : table) {
        const auto begin = key.source().begin;
        entries.emplace_back(begin.line, begin.column, k++, &key, &value);
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(a)) <
               std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(b));
    });
    py::dict out;
    for (const auto& entry : entries) out[py::str(std::string(std::get<3>(entry)->str()))] = to_python(*std::get<4>(entry));
    return out;
}

py::object to_python(const toml::node& node) {
    if (const auto* t = node.as_table()) return table_to_python(*t);
    if (const auto* a = node.as_array()) {
        py::list list;
        for (const auto& element : *a) list.append(to_python(element));
        return list;
    }
    if (const auto* s = node.as_string()) return py::str(s->get());
    if (const auto* i = node.as_integer()) return py::int_(i->get());
    if (const auto* f = node.as_floating_point()) return py::float_(f->get());
    if (const auto* b = node.as_boolean()) return py::bool_(b->get());
    if (const auto* d = node.as_date()) return py::str(printed(d->get()));
    if (const auto* tm = node.as_time()) return py::str(printed(tm->get()));
    if (const auto* dt = node.as_date_time()) return py::str(printed(dt->get()));
    return py::none();
}

}  // namespace

py::dict toml_to_python(std::string_view text, const std::string& source_name) {
    try {
        return table_to_python(toml::parse(text, source_name));
    } catch (const toml::parse_error& e) {
        const auto line = e.source().begin.line;
        throw ConfigError(source_name, line > 0 ? static_cast<int>(line) : 1, "(syntax)",
                          messages::toml_syntax(e.description()));
    }
}

}  // namespace openspins::python
