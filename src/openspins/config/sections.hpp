// Readers of the run file's sections (internal to the config reader). Each takes
// the document's top-level table and the parts of the run already read, in the
// order load_run_toml calls them: spins → method → hamiltonian → channels →
// initial → protocol → time → output (later sections refer to earlier ones:
// spin indices need N, protocol scales need term names, times need the protocol).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "openspins/config/output_options.hpp"
#include "openspins/config/toml_access.hpp"
#include "openspins/model/run_spec.hpp"

namespace openspins::config_detail {

// Names of terms and channels must be unique across both; remembers where each was first used.
class NameRegistry {
public:
    // Registers `name` for the table `at` (whose `name` key, if any, is blamed on a clash).
    void claim(const std::string& name, const TableReader& at);
    // Default name for an unnamed entry: kind, kind2, kind3, … skipping taken names.
    [[nodiscard]] std::string next_default(const std::string& kind);

private:
    std::map<std::string, std::string> first_use_;  // name → key path of its table
    std::map<std::string, int> default_count_;      // kind → unnamed entries so far
};

// `spins = "all" | [i, …]` or `species = "A"` in table `t`; all spins when neither is given.
std::vector<int> read_selection(const TableReader& t, const SpinSystem& spins);
// An operator expression in `t[key]`, parse errors reported at that key.
SpinOperator read_expression(const TableReader& t, std::string_view key, const SpinSystem& spins);
// Hermiticity that does not depend on how the operator happens to be written.
bool is_hermitian_operator(const SpinOperator& op);

// `symbolic`: the operators are not expanded into monomials (methods that read only the
// collective forms, model/symmetric_forms.hpp); N may then exceed 64.
SpinSystem read_spins(const TableReader& root, bool symbolic = false);
void read_method(const TableReader& root, RunSpec& spec);
std::vector<HamiltonianTerm> read_hamiltonian(const TableReader& root, const SpinSystem& spins, NameRegistry& names,
                                              bool symbolic = false);
std::vector<Channel> read_channels(const TableReader& root, const SpinSystem& spins, NameRegistry& names,
                                   bool symbolic = false);
InitialState read_initial(const TableReader& root, const SpinSystem& spins, const std::filesystem::path& base_dir);
// [cavity], refused unless the method is dicke.
inline constexpr long long max_cavity_photons = 1000;
std::optional<Cavity> read_cavity(const TableReader& root, const RunSpec& spec);
// Empty when the file has no [[protocol]] (read_time then adds the default evolve step).
Protocol read_protocol(const TableReader& root, const Model& model);
void read_time(const TableReader& root, RunSpec& spec);
OutputOptions read_output(const TableReader& root, const std::string& default_directory, RunSpec& spec,
                          bool symbolic = false);

}  // namespace openspins::config_detail
