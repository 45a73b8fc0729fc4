// The run file echoed into the results' metadata: a TOML document as JSON, key for
// key. JSON has no inf/nan or dates, so those become strings ("inf", "1979-05-27").
#pragma once

#include <toml++/toml.h>

#include <nlohmann/json.hpp>

namespace openspins::config_detail {

nlohmann::json toml_to_json(const toml::node& node);

}  // namespace openspins::config_detail
