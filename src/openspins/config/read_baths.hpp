// [[bath]], [[coupling]] and the generator keys of [method] (name = "redfield"):
// the microscopic environment (model/bath/environment.hpp). Internal to the config reader.
#pragma once

#include <filesystem>

#include "openspins/config/toml_access.hpp"
#include "openspins/model/bath/environment.hpp"
#include "openspins/model/run_spec.hpp"

namespace openspins::config_detail {

// Reads the baths, the couplings and [method]'s generator, lamb_shift, thermal and
// secular_window. Couplings need method "redfield"; tables are resolved against base_dir.
Environment read_baths(const TableReader& root, const RunSpec& spec, const std::filesystem::path& base_dir);

}  // namespace openspins::config_detail
