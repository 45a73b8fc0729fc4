// TOML text → Python objects with the CLI's parser (toml++), for openspins.Model.from_toml:
// tables → dict (keys in the order they appear in the text), arrays → list, integers → int,
// floats → float (inf and nan included), strings → str, booleans → bool, dates and times →
// their TOML text. A syntax error raises the CLI's ConfigError ("file:line: (syntax): …").
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <string_view>

namespace openspins::python {

pybind11::dict toml_to_python(std::string_view text, const std::string& source_name);

}  // namespace openspins::python
