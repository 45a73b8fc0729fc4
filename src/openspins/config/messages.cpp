#include "openspins/config/messages.hpp"
#include "openspins/number_text.hpp"

namespace openspins::messages {

namespace {
std::string number(double x) { return openspins::number_text("%.6g", x); }
}  // namespace

// Built by appending: GCC 12 at -O3 gives a false -Wrestrict for "'" + std::string(s).
std::string quoted(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '\'';
    out += s;
    out += '\'';
    return out;
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t k = 0; k < names.size(); ++k) out += (k ? ", " : "") + names[k];
    return out;
}

// ---- TOML structure --------------------------------------------------------
std::string cannot_open(const std::string& path) { return "cannot open run file '" + path + "'"; }
std::string toml_syntax(std::string_view description) { return "TOML syntax error: " + std::string(description); }
std::string unknown_key(std::string_view key, const std::vector<std::string>& allowed) {
    return "unknown key " + quoted(key) + " (allowed here: " + join(allowed) + ")";
}
std::string wrong_type(std::string_view expected, std::string_view found) {
    return "must be " + std::string(expected) + ", found " + std::string(found);
}
std::string missing_key() { return "required key is missing"; }
std::string not_finite() { return "must be a finite number (inf and nan are not allowed)"; }
std::string must_be_positive() { return "must be > 0"; }
std::string must_be_non_negative() { return "must be ≥ 0"; }
std::string must_be_at_least(long long minimum) { return "must be ≥ " + std::to_string(minimum); }
std::string must_be_at_most(long long maximum) { return "must be ≤ " + std::to_string(maximum); }
std::string not_one_of(std::string_view value, const std::vector<std::string>& allowed) {
    return quoted(value) + " is not one of: " + join(allowed);
}
std::string exclusive_keys(std::string_view a, std::string_view b) {
    return "give either " + quoted(a) + " or " + quoted(b) + ", not both";
}
std::string one_of_keys_required(const std::vector<std::string>& keys) {
    return "one of these keys is required: " + join(keys);
}
std::string key_only_for(std::string_view key, std::string_view context) {
    return quoted(key) + " is only used with " + std::string(context);
}
std::string empty_array() { return "must not be empty"; }
std::string wrong_length(std::size_t expected, std::size_t found) {
    return "must have " + std::to_string(expected) + " entries, found " + std::to_string(found);
}

// ---- spins and selections -------------------------------------------------------
std::string spins_and_species_both() { return "give either [spins] or [[species]], not both"; }
std::string no_spins() { return "the run file must declare its spins with [spins] or [[species]]"; }
std::string too_many_spins(int n, int maximum) {
    return std::to_string(n) + " spins in total; at most " + std::to_string(maximum) + " are supported";
}
std::string spin_out_of_range(long long index, int n) {
    return "spin index " + std::to_string(index) + " is out of range [0, " + std::to_string(n) + ")";
}
std::string duplicate_spin(long long index) { return "spin " + std::to_string(index) + " is listed twice"; }
std::string unknown_species(std::string_view name, const std::vector<std::string>& known) {
    return "unknown species " + quoted(name) + " (declared: " + join(known) + ")";
}
std::string bad_species_name() {
    return "a species name must start with a letter or '_' and contain only letters, digits and '_'";
}
std::string duplicate_species(std::string_view name) { return "species " + quoted(name) + " is declared twice"; }
std::string selection_both() { return "give either 'spins' or 'species', not both"; }
std::string frequencies_length(std::size_t count, std::size_t given) {
    return "count = " + std::to_string(count) + " but " + std::to_string(given) + " frequencies are given";
}

// ---- Hamiltonian and channels -----------------------------------------------------
std::string zeeman_required() {
    return "required because some spin frequencies are non-zero: \"+\" (H = +Σ ω_i S^z_i, |↑⟩ excited), "
           "\"-\" (H = −Σ ω_i S^z_i, |↑⟩ ground) or \"none\"";
}
std::string duplicate_name(std::string_view name, std::string_view first_use) {
    return "name " + quoted(name) + " is already used by " + std::string(first_use) +
           " (term and channel names must be unique)";
}
std::string bad_name() { return "a name must be non-empty and contain no spaces, commas or quotes"; }
std::string not_hermitian() { return "the operator is not Hermitian"; }
std::string bad_pair() { return "a pair must be [i, j] with two spin indices"; }
std::string self_pair(long long spin) { return "spin " + std::to_string(spin) + " cannot be coupled with itself"; }
std::string invalid_expression(std::string_view expression, std::string_view detail) {
    return "in \"" + std::string(expression) + "\": " + std::string(detail);
}

std::string custom_channel_not_symbolic() {
    return "custom channels are not available with this method (it reads collective forms only); use the "
           "built-in kinds or method \"exact\"";
}

// ---- initial state -------------------------------------------------------------
std::string bloch_length(double norm) { return "Bloch vector length |r| = " + number(norm) + " exceeds 1"; }
std::string bloch_count(std::size_t given, int n) {
    return "give one Bloch vector for all spins or one per spin (" + std::to_string(n) + "), found " +
           std::to_string(given);
}
std::string population_range() { return "a population must lie in [0, 1]"; }
std::string file_not_found(const std::string& resolved) { return "file '" + resolved + "' does not exist"; }
namespace {
// 2j/2 as written by a user: "3", "1.5".
std::string half_integer(int twice) { return twice % 2 == 0 ? std::to_string(twice / 2) : number(0.5 * twice); }
}  // namespace
std::string dicke_j_range(int n) {
    std::string values;
    for (int two_j = n, shown = 0; two_j >= 0; two_j -= 2, ++shown) {
        if (shown == 4 && two_j > 1) {
            values += ", …";
            two_j = n % 2;  // jump to the smallest value
        }
        values += (values.empty() ? "" : ", ") + half_integer(two_j);
    }
    return "j must be one of N/2, N/2 − 1, …, 0 or ½ (for N = " + std::to_string(n) + ": " + values + ")";
}
std::string dicke_m_range(int two_j) {
    return "m must be one of −j, −j + 1, …, j (j = " + half_integer(two_j) + ")";
}
std::string mixture_nested() {
    return "a mixture component cannot itself be a mixture (list its parts in the outer mixture)";
}
std::string mixture_weights_zero() { return "the component weights sum to 0 (at least one must be > 0)"; }

// ---- cavity ----------------------------------------------------------------------
std::string cavity_needs_dicke(std::string_view method) {
    return "a cavity mode is implemented by the dicke method only (this file uses method " + quoted(method) +
           "; set [method] name = \"dicke\")";
}
std::string threshold_below_one() { return "must be < 1 (a probability)"; }
std::string cavity_name_taken() {
    return "a term or channel is named 'cavity', the name protocol scale factors use for the cavity coupling; "
           "rename it";
}

// ---- protocol and time -----------------------------------------------------
std::string step_action_required() { return "a protocol step needs one of 'evolve', 'pulse' or 'repeat'"; }
std::string step_action_exclusive() { return "a protocol step takes only one of 'evolve', 'pulse' or 'repeat'"; }
std::string step_key_not_for(std::string_view key, std::string_view action) {
    return quoted(key) + " does not apply to a " + quoted(action) + " step";
}
std::string bad_axis() { return "axis must be \"x\", \"y\", \"z\" or a non-zero vector [nx, ny, nz]"; }
std::string unknown_scale_name(std::string_view name, const std::vector<std::string>& known) {
    return quoted(name) + " names no Hamiltonian term or channel (names: " + join(known) + ")";
}
std::string negative_channel_scale(std::string_view name) {
    return "channel " + quoted(name) + " cannot be scaled by a negative factor (rates are ≥ 0)";
}
std::string too_many_steps(std::size_t maximum) {
    return "the unrolled protocol has more than " + std::to_string(maximum) + " steps";
}
std::string no_evolution_time() { return "the protocol has no evolution time (add an 'evolve' step)"; }
std::string times_not_ascending(std::size_t index, double value, double previous) {
    return "times must be strictly ascending: times[" + std::to_string(index) + "] = " + number(value) + " follows " +
           number(previous);
}
std::string time_after_protocol(double t, double total) {
    return "output time " + number(t) + " lies after the end of the protocol at " + number(total);
}
std::string time_required() { return "give [time] with 'stop' or 'times' (or a [[protocol]])"; }

// ---- output ----------------------------------------------------------------
std::string unknown_observable(std::string_view name, const std::vector<std::string>& allowed) {
    return "unknown observable " + quoted(name) + " (allowed: " + join(allowed) +
           "; put operator expressions in [output.custom])";
}
std::string duplicate_observable(std::string_view name) { return "observable " + quoted(name) + " is listed twice"; }
std::string no_observables() { return "no observables: list some in 'observables' or [output.custom]"; }
std::string bad_column_name() { return "a column name must be non-empty and contain no spaces, commas or quotes"; }
std::string column_clash(std::string_view name) {
    return "column " + quoted(name) + " is already produced by another observable";
}

std::string observable_needs_symbolic_method(std::string_view name) {
    return quoted(name) + " is computed by method \"dicke\" only (set [method] name = \"dicke\")";
}

std::string unknown_plot_column(std::string_view name, const std::vector<std::string>& columns) {
    return "no column " + quoted(name) + " in the results (columns: " + join(columns) + ")";
}
std::string max_order_limit(long long highest, std::string_view integrator) {
    return must_be_at_most(highest) + " for integrator " + quoted(integrator);
}
std::string unknown_method(std::string_view name, const std::vector<std::string>& known) {
    return "unknown method " + quoted(name) + " (available: " + join(known) + ")";
}

// ---- baths and couplings ---------------------------------------------------------
std::string duplicate_bath(std::string_view name) { return "bath " + quoted(name) + " is defined twice"; }
std::string unknown_bath(std::string_view name, const std::vector<std::string>& known) {
    return "no bath named " + quoted(name) + (known.empty() ? " (no [[bath]] is defined)" : " (defined: " + join(known) + ")");
}
std::string correlation_range() { return "must lie in [−1, 1]"; }
std::string couplings_need_redfield(std::string_view method) {
    return "couplings to baths need [method] name = \"redfield\" or \"analytic\" (this run uses " + quoted(method) +
           ")";
}
std::string operator_needs_shared_bath() {
    return "an operator coupling needs a shared bath (a local bath has one copy per spin; use kind = "
           "\"exchange\", \"conserving\", \"Sx\", \"Sy\" or \"Sz\")";
}

// ---- operator expressions --------------------------------------------------------
std::string expected_operand(std::string_view found) {
    return "expected a number, pi, an operator such as sz(0) or Jz, or '(' but found " + std::string(found);
}
std::string expected_symbol(std::string_view symbol, std::string_view after, std::string_view found) {
    return "expected " + quoted(symbol) + " " + std::string(after) + " but found " + std::string(found);
}
std::string expected_spin_index(std::string_view function, std::string_view found) {
    return "expected a spin index (a non-negative integer) in " + std::string(function) + "(…) but found " +
           std::string(found);
}
std::string unknown_operator_name(std::string_view name, const std::vector<std::string>& known) {
    return "unknown name " + quoted(name) + " (known: " + join(known) + ")";
}
std::string expected_end(std::string_view found) {
    return "expected '+', '-', '*', ')' or the end of the expression but found " + std::string(found);
}
std::string bad_number(std::string_view text) { return "malformed number " + quoted(text); }
std::string nested_too_deeply(int maximum) {
    return "parentheses and signs nested more than " + std::to_string(maximum) + " deep";
}

// ---- results directory and CLI --------------------------------------------------
std::string output_exists(const std::string& directory) {
    return "results directory '" + directory + "' already exists (use --force to replace it)";
}
std::string output_not_directory(const std::string& path) {
    return "'" + path + "' exists and is not a directory; it will not be replaced";
}
std::string plot_failed(std::string_view reason) {
    return "plot.png not written (" + std::string(reason) + "); series.csv holds the results";
}
std::string plot_script_missing() { return "scripts/plot_results.py not found"; }
std::string resuming(const std::string& checkpoint) { return "openspins: resuming from " + checkpoint; }
std::string nothing_to_resume(const std::string& checkpoint) {
    return "openspins: no checkpoint of this run at " + checkpoint + "; starting at t = 0";
}
std::string output_not_a_result(const std::string& directory) {
    return "'" + directory +
           "' is not an openspins results directory (no metadata.json or rates.json written by openspins); "
           "--force replaces only earlier results — choose another --output or move it away";
}
std::string output_contains_working_directory(const std::string& directory) {
    return "'" + directory +
           "' is the working directory or contains it; --force never replaces it — choose another --output";
}
std::string output_not_writable(const std::string& directory, const std::string& tried, std::string_view reason) {
    return "results directory '" + directory + "' cannot be written (creating an entry in '" + tried +
           "' failed: " + std::string(reason) + "); choose another --output or [output] directory";
}
std::string checkpoint_corrupt(const std::string& checkpoint, std::string_view detail) {
    return "checkpoint '" + checkpoint + "' is damaged (" + std::string(detail) +
           "); nothing was computed — delete it, or run without --resume to start again at t = 0";
}
std::string checkpoint_foreign(const std::string& checkpoint, std::string_view detail) {
    return "checkpoint '" + checkpoint + "' belongs to another run (" + std::string(detail) +
           "); nothing was computed — run without --resume to start again at t = 0, or resume it with the run "
           "file, --set overrides and openspins binary that wrote it";
}
std::string interrupted(std::string_view signal, const std::string& kept, const std::string& resume_command) {
    if (kept.empty())
        return "openspins: interrupted by " + std::string(signal) +
               "; no checkpoint had been written yet, nothing was kept — run again to start at t = 0";
    return "openspins: interrupted by " + std::string(signal) + "; kept the checkpoint " + kept +
           " — continue with: " + resume_command;
}
std::string too_many_steps_in_step(long max_steps, double t) {
    return "the integrator used up max_steps = " + std::to_string(max_steps) +
           " steps within one protocol step (stopped at t = " + number(t) +
           "); the problem is stiff or the tolerances are too tight: try integrator = \"bdf\", or raise "
           "[method] max_steps";
}

std::string integrator_named(std::string_view name) {
    return std::string(name) + " (named in the run file)";
}
std::string integrator_forced(std::string_view name, std::string_view reason) {
    return std::string(name) + " (auto: " + std::string(reason) + ")";
}
std::string order_above_bdf(int max_order, int bdf_highest) {
    return "max_order " + std::to_string(max_order) + " > " + std::to_string(bdf_highest) + ", BDF's highest order";
}
std::string integrator_chosen(std::string_view name, double stiffness, double threshold, double fastest_decay,
                              double step_length, std::string_view step_label) {
    const bool stiff = stiffness >= threshold;
    return std::string(name) + " (auto: stiffness " + number_text("%.3g", stiffness) + (stiff ? " ≥" : " <") +
           " threshold " + number_text("%.3g", threshold) + "; fastest decay rate " +
           number_text("%.3g", fastest_decay) + " over a step of " + number_text("%.3g", step_length) +
           (step_label.empty() ? "" : " (" + quoted(step_label) + ")") + ")";
}
std::string rough_run_time(double seconds, double rhs_evaluations, std::size_t evolve_steps) {
    if (evolve_steps == 0)
        return "no evolve step goes to the integrator by plan (the method's own propagator takes them, "
               "and its cost is not estimated; a step whose check fails falls back to the integrator)";
    return "roughly " + number_text("%.2g", seconds) + " s (a rough estimate: ~" + number_text("%.2g", rhs_evaluations) +
           " right-hand sides over " + std::to_string(evolve_steps) + " evolve step" + (evolve_steps == 1 ? "" : "s") +
           " × a cost per evaluation from the memory estimate; docs/config.md)";
}
std::string no_run_time_estimate() { return "no integrator run time to estimate (closed form)"; }

}  // namespace openspins::messages
