#include "openspins/config/messages.hpp"

#include "openspins/config/message_table.hpp"
#include "openspins/number_text.hpp"

// Each function fills its entry of the message table (message_table.cpp): the wording
// lives there, the arguments' formatting here.
namespace openspins::messages {

namespace {
// Numbers in messages: %g with 6 significant digits ("1e-12", "0.25", not "0.000000").
std::string number(double x) { return openspins::number_text("%.6g", x); }
std::string count(long long n) { return std::to_string(n); }
std::string count(std::size_t n) { return std::to_string(n); }
std::string count(int n) { return std::to_string(n); }
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
std::string cannot_open(const std::string& path) { return format_message("cannot_open", {path}); }
std::string toml_syntax(std::string_view description) { return format_message("toml_syntax", {description}); }
std::string unknown_key(std::string_view key, const std::vector<std::string>& allowed) {
    return format_message("unknown_key", {quoted(key), join(allowed)});
}
std::string wrong_type(std::string_view expected, std::string_view found) {
    return format_message("wrong_type", {expected, found});
}
std::string missing_key() { return format_message("missing_key"); }
std::string not_finite() { return format_message("not_finite"); }
std::string must_be_positive() { return format_message("must_be_positive"); }
std::string must_be_non_negative() { return format_message("must_be_non_negative"); }
std::string must_be_at_least(long long minimum) { return format_message("must_be_at_least", {count(minimum)}); }
std::string must_be_at_most(long long maximum) { return format_message("must_be_at_most", {count(maximum)}); }
std::string not_one_of(std::string_view value, const std::vector<std::string>& allowed) {
    return format_message("not_one_of", {quoted(value), join(allowed)});
}
std::string exclusive_keys(std::string_view a, std::string_view b) {
    return format_message("exclusive_keys", {quoted(a), quoted(b)});
}
std::string one_of_keys_required(const std::vector<std::string>& keys) {
    return format_message("one_of_keys_required", {join(keys)});
}
std::string key_only_for(std::string_view key, std::string_view context) {
    return format_message("key_only_for", {quoted(key), context});
}
std::string empty_array() { return format_message("empty_array"); }
std::string wrong_length(std::size_t expected, std::size_t found) {
    return format_message("wrong_length", {count(expected), count(found)});
}

// ---- spins and selections -------------------------------------------------------
std::string spins_and_species_both() { return format_message("spins_and_species_both"); }
std::string no_spins() { return format_message("no_spins"); }
std::string too_many_spins(int n, int maximum) { return format_message("too_many_spins", {count(n), count(maximum)}); }
std::string spin_out_of_range(long long index, int n) {
    return format_message("spin_out_of_range", {count(index), count(n)});
}
std::string duplicate_spin(long long index) { return format_message("duplicate_spin", {count(index)}); }
std::string unknown_species(std::string_view name, const std::vector<std::string>& known) {
    return format_message("unknown_species", {quoted(name), join(known)});
}
std::string bad_species_name() { return format_message("bad_species_name"); }
std::string duplicate_species(std::string_view name) { return format_message("duplicate_species", {quoted(name)}); }
std::string selection_both() { return format_message("selection_both"); }
std::string frequencies_length(std::size_t n, std::size_t given) {
    return format_message("frequencies_length", {count(n), count(given)});
}

// ---- Hamiltonian and channels -----------------------------------------------------
std::string zeeman_required() { return format_message("zeeman_required"); }
std::string duplicate_name(std::string_view name, std::string_view first_use) {
    return format_message("duplicate_name", {quoted(name), first_use});
}
std::string bad_name() { return format_message("bad_name"); }
std::string not_hermitian() { return format_message("not_hermitian"); }
std::string bad_pair() { return format_message("bad_pair"); }
std::string self_pair(long long spin) { return format_message("self_pair", {count(spin)}); }
std::string invalid_expression(std::string_view expression, std::string_view detail) {
    return format_message("invalid_expression", {expression, detail});
}
std::string custom_channel_not_symbolic() { return format_message("custom_channel_not_symbolic"); }

// ---- initial state -------------------------------------------------------------
std::string bloch_length(double norm) { return format_message("bloch_length", {number(norm)}); }
std::string bloch_count(std::size_t given, int n) { return format_message("bloch_count", {count(n), count(given)}); }
std::string population_range() { return format_message("population_range"); }
std::string file_not_found(const std::string& resolved) { return format_message("file_not_found", {resolved}); }
std::string file_not_regular(const std::string& resolved) { return format_message("file_not_regular", {resolved}); }
std::string file_unreadable(const std::string& resolved) { return format_message("file_unreadable", {resolved}); }
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
    return format_message("dicke_j_range", {count(n), values});
}
std::string dicke_m_range(int two_j) { return format_message("dicke_m_range", {half_integer(two_j)}); }
std::string mixture_nested() { return format_message("mixture_nested"); }
std::string mixture_weights_zero() { return format_message("mixture_weights_zero"); }

// ---- density-matrix files ----------------------------------------------------------
std::string density_file_too_large(std::uintmax_t bytes, long long dimension, std::uintmax_t limit) {
    return format_message("density_file_too_large",
                          {std::to_string(bytes), count(dimension), count(dimension), std::to_string(limit)});
}
std::string density_not_a_number(std::string_view field, long long dimension) {
    return format_message("density_not_a_number", {field, count(dimension)});
}
std::string density_row_length(long long dimension, std::size_t found) {
    return format_message("density_row_length", {count(2 * dimension), count(dimension), count(found)});
}
std::string density_too_many_rows(long long dimension) {
    return format_message("density_too_many_rows", {count(dimension)});
}
std::string density_row_count(long long rows, long long dimension) {
    return format_message("density_row_count", {count(rows), count(dimension)});
}
std::string npy_not_npy() { return format_message("npy_not_npy"); }
std::string npy_bad_header(std::string_view what) { return format_message("npy_bad_header", {what}); }
std::string npy_dtype(std::string_view dtype) { return format_message("npy_dtype", {dtype}); }
std::string npy_shape(std::string_view shape, long long dimension) {
    return format_message("npy_shape", {shape, count(dimension)});
}
std::string npy_truncated() { return format_message("npy_truncated"); }
std::string density_not_finite() { return format_message("density_not_finite"); }
std::string density_not_hermitian() { return format_message("density_not_hermitian"); }
std::string density_trace(double trace) { return format_message("density_trace", {number(trace)}); }
std::string density_negative(double lowest) { return format_message("density_negative", {number(lowest)}); }

// ---- cavity ----------------------------------------------------------------------
std::string cavity_needs_dicke(std::string_view method) { return format_message("cavity_needs_dicke", {quoted(method)}); }
std::string threshold_below_one() { return format_message("threshold_below_one"); }
std::string cavity_name_taken() { return format_message("cavity_name_taken"); }
// spin–mode terms (issue 11)
std::string mode_operator_needs_cavity() { return format_message("mode_operator_needs_cavity"); }
std::string mode_operator_needs_dicke(std::string_view name) {
    return format_message("mode_operator_needs_dicke", {quoted(name)});
}
std::string mode_operator_not_here(std::string_view name) {
    return format_message("mode_operator_not_here", {quoted(name)});
}
std::string mode_initial_truncated(double top, int n_max, double threshold) {
    return format_message("mode_initial_truncated", {number(top), count(n_max), number(threshold)});
}

// ---- protocol and time -----------------------------------------------------
std::string step_action_required() { return format_message("step_action_required"); }
std::string step_action_exclusive() { return format_message("step_action_exclusive"); }
std::string step_key_not_for(std::string_view key, std::string_view action) {
    return format_message("step_key_not_for", {quoted(key), quoted(action)});
}
std::string bad_axis() { return format_message("bad_axis"); }
std::string unknown_scale_name(std::string_view name, const std::vector<std::string>& known) {
    return format_message("unknown_scale_name", {quoted(name), join(known)});
}
std::string negative_channel_scale(std::string_view name) {
    return format_message("negative_channel_scale", {quoted(name)});
}
std::string too_many_steps(std::size_t maximum) { return format_message("too_many_steps", {count(maximum)}); }
std::string no_evolution_time() { return format_message("no_evolution_time"); }
std::string times_not_ascending(std::size_t index, double value, double previous) {
    return format_message("times_not_ascending", {count(index), number(value), number(previous)});
}
std::string time_after_protocol(double t, double total) {
    return format_message("time_after_protocol", {number(t), number(total)});
}
std::string time_required() { return format_message("time_required"); }

// ---- output ----------------------------------------------------------------
std::string unknown_observable(std::string_view name, const std::vector<std::string>& allowed) {
    return format_message("unknown_observable", {quoted(name), join(allowed)});
}
std::string duplicate_observable(std::string_view name) {
    return format_message("duplicate_observable", {quoted(name)});
}
std::string no_observables() { return format_message("no_observables"); }
std::string bad_column_name() { return format_message("bad_column_name"); }
std::string column_clash(std::string_view name) { return format_message("column_clash", {quoted(name)}); }
std::string observable_needs_symbolic_method(std::string_view name) {
    return format_message("observable_needs_symbolic_method", {quoted(name)});
}
std::string unknown_plot_column(std::string_view name, const std::vector<std::string>& columns) {
    return format_message("unknown_plot_column", {quoted(name), join(columns)});
}
std::string max_order_limit(long long highest, std::string_view integrator) {
    return format_message("max_order_limit", {count(highest), quoted(integrator)});
}
std::string unknown_method(std::string_view name, const std::vector<std::string>& known) {
    return format_message("unknown_method", {quoted(name), join(known)});
}

// ---- baths and couplings ---------------------------------------------------------
std::string duplicate_bath(std::string_view name) { return format_message("duplicate_bath", {quoted(name)}); }
std::string unknown_bath(std::string_view name, const std::vector<std::string>& known) {
    return format_message("unknown_bath",
                          {quoted(name), known.empty() ? "no [[bath]] is defined" : "defined: " + join(known)});
}
std::string correlation_range() { return format_message("correlation_range"); }
std::string couplings_need_redfield(std::string_view method) {
    return format_message("couplings_need_redfield", {quoted(method)});
}
std::string operator_needs_shared_bath() { return format_message("operator_needs_shared_bath"); }
// method heom
std::string heom_spectral_density(std::string_view bath, std::string_view density) {
    return format_message("heom_spectral_density", {quoted(bath), density});
}
std::string heom_zero_temperature(std::string_view bath) { return format_message("heom_zero_temperature", {quoted(bath)}); }
std::string heom_memory(int depth, std::string_view ados, std::string_view needed, std::string_view limit, int fits) {
    return format_message("heom_memory", {count(depth), ados, needed, limit, fits < 0 ? "none (not even depth 0)" : count(fits)});
}
std::string heom_fit(std::string_view bath, std::string_view density, int terms, double error, double tolerance) {
    return format_message("heom_fit", {quoted(bath), density, count(terms), openspins::number_text("%.3g", error),
                                       number(tolerance)});
}
std::string heom_unconverged(std::string_view check, double difference, double tolerance) {
    return format_message("heom_unconverged", {check, openspins::number_text("%.3g", difference), number(tolerance)});
}

// ---- operator expressions --------------------------------------------------------
std::string expected_operand(std::string_view found) { return format_message("expected_operand", {found}); }
std::string expected_symbol(std::string_view symbol, std::string_view after, std::string_view found) {
    return format_message("expected_symbol", {quoted(symbol), after, found});
}
std::string expected_spin_index(std::string_view function, std::string_view found) {
    return format_message("expected_spin_index", {function, found});
}
std::string unknown_operator_name(std::string_view name, const std::vector<std::string>& known) {
    return format_message("unknown_operator_name", {quoted(name), join(known)});
}
std::string expected_end(std::string_view found) { return format_message("expected_end", {found}); }
std::string bad_number(std::string_view text) { return format_message("bad_number", {quoted(text)}); }
std::string nested_too_deeply(int maximum) { return format_message("nested_too_deeply", {count(maximum)}); }

// ---- methods ---------------------------------------------------------------------
std::string beyond_method_limit(int n, std::string_view method, int maximum, std::string_view reason) {
    return format_message("beyond_method_limit", {count(n), method, count(maximum), reason});
}
std::string memory_estimate(int n, std::string_view needed, std::string_view storage, std::string_view limit) {
    return format_message("memory_estimate", {count(n), needed, storage, limit});
}
std::string memory_limit_too_small(double gib) { return format_message("memory_limit_too_small", {number(gib)}); }
std::string model_has_no_spins() { return format_message("model_has_no_spins"); }
std::string protocol_has_no_steps() { return format_message("protocol_has_no_steps"); }
std::string dicke_not_symmetric(std::string_view what) { return format_message("dicke_not_symmetric", {what}); }
std::string cumulant_unsupported(std::string_view what) { return format_message("cumulant_unsupported", {what}); }
std::string analytic_term_not_diagonal(std::string_view name, std::string_view kind) {
    return format_message("analytic_term_not_diagonal", {quoted(name), kind});
}
std::string analytic_channel_not_diagonal(std::string_view name, std::string_view kind) {
    return format_message("analytic_channel_not_diagonal", {quoted(name), kind});
}
std::string analytic_coupling_not_diagonal(std::string_view name, std::string_view bath, std::string_view op) {
    return format_message("analytic_coupling_not_diagonal", {quoted(name), quoted(bath), op});
}
std::string analytic_no_steady_state() { return format_message("analytic_no_steady_state"); }
// analytic method, seed 004 (issue 11)
std::string analytic_mode_model(std::string_view what) { return format_message("analytic_mode_model", {what}); }
std::string analytic_mode_odd_moment(double residual) {
    return format_message("analytic_mode_odd_moment", {number(residual)});
}
std::string resonance_outside_form(std::string_view what, std::string_view why, std::string_view methods) {
    return format_message("resonance_outside_form", {what, why, methods});
}
std::string cavity_no_steady_state() { return format_message("cavity_no_steady_state"); }
std::string cavity_truncation(int n_max, double top, double t, double threshold) {
    return format_message("cavity_truncation", {count(n_max), number(top), number(t), number(threshold), count(n_max)});
}
std::string redfield_scaled_term(std::string_view name) { return format_message("redfield_scaled_term", {quoted(name)}); }
std::string redfield_eigenbasis_limit(std::string_view generator, int limit, int n) {
    return format_message("redfield_eigenbasis_limit", {quoted(generator), count(limit), count(n)});
}
std::string rates_no_cavity() { return format_message("rates_no_cavity"); }
std::string rates_method(std::string_view method) { return format_message("rates_method", {quoted(method)}); }

// ---- running ---------------------------------------------------------------------
std::string trace_drift(double trace, double t, double tolerance) {
    return format_message("trace_drift", {number(trace), number(t), number(tolerance)});
}
std::string non_finite_observable(double t) { return format_message("non_finite_observable", {number(t)}); }
std::string too_many_steps_in_step(long max_steps, double t) {
    return format_message("too_many_steps_in_step", {std::to_string(max_steps), number(t)});
}
std::string cvode_failed(double t, std::string_view flag, std::string_view detail) {
    return format_message("cvode_failed", {number(t), flag, detail.empty() ? "" : " — " + std::string(detail)});
}
std::string cvode_setup_failed(std::string_view call, std::string_view flag) {
    return format_message("cvode_setup_failed", {call, flag});
}
std::string unknown_integrator(std::string_view name) { return format_message("unknown_integrator", {quoted(name)}); }
std::string steady_state_gmres(double residual, long iterations) {
    return format_message("steady_state_gmres", {number(residual), std::to_string(iterations)});
}
std::string steady_state_singular() { return format_message("steady_state_singular"); }
std::string shift_invert_gmres(double tolerance, long iterations, double error) {
    return format_message("shift_invert_gmres", {number(tolerance), std::to_string(iterations), number(error)});
}
std::string sundials_context() { return format_message("sundials_context"); }

// ---- checkpoints -----------------------------------------------------------------
std::string checkpoint_state_size() { return format_message("checkpoint_state_size"); }
std::string checkpoint_corrupt(const std::string& checkpoint, std::string_view detail) {
    return format_message("checkpoint_corrupt", {checkpoint, detail});
}
std::string checkpoint_foreign(const std::string& checkpoint, std::string_view detail) {
    return format_message("checkpoint_foreign", {checkpoint, detail});
}
std::string checkpoint_write_failed(const std::string& path) {
    return format_message("checkpoint_write_failed", {path});
}

// ---- results directory and CLI --------------------------------------------------
std::string output_exists(const std::string& directory) { return format_message("output_exists", {directory}); }
std::string output_not_directory(const std::string& path) { return format_message("output_not_directory", {path}); }
std::string output_not_a_result(const std::string& directory) {
    return format_message("output_not_a_result", {directory});
}
std::string output_contains_working_directory(const std::string& directory) {
    return format_message("output_contains_working_directory", {directory});
}
std::string output_not_writable(const std::string& directory, const std::string& tried, std::string_view reason) {
    return format_message("output_not_writable", {directory, tried, reason});
}
std::string plot_failed(std::string_view reason) { return format_message("plot_failed", {reason}); }
std::string plot_script_missing() { return format_message("plot_script_missing"); }
std::string resuming(const std::string& checkpoint) { return format_message("resuming", {checkpoint}); }
std::string nothing_to_resume(const std::string& checkpoint) {
    return format_message("nothing_to_resume", {checkpoint});
}
// Two entries: what was kept differs, and so does the way on.
std::string interrupted(std::string_view signal, const std::string& kept, const std::string& resume_command) {
    if (kept.empty()) return format_message("interrupted_nothing_kept", {signal});
    return format_message("interrupted", {signal, kept, resume_command});
}
std::string rates_cannot_write(const std::string& directory) {
    return format_message("rates_cannot_write", {directory});
}
std::string out_of_memory(std::string_view what) { return format_message("out_of_memory", {what}); }
std::string unknown_failure() { return format_message("unknown_failure"); }

// ---- state files ---------------------------------------------------------------------
std::string state_file_with_cavity() {
    return "not written for a run with a [cavity] (its state includes the photon number); remove the key";
}
std::string steady_state_density_needs_steady_state() {
    return "needs [method] steady_state = true (the steady state is computed only then)";
}
std::string state_file_unreadable(const std::string& path) { return path + ": cannot read the state file"; }
std::string dicke_file_spins_expected() {
    return "expected 'spins N' first (a Dicke-basis state file, as a dicke run writes with [output] final_state = "
           "true)";
}
std::string dicke_file_spins_mismatch(int in_file, int spins) {
    return "the state is of " + std::to_string(in_file) + " spins, the run has N = " + std::to_string(spins);
}
std::string dicke_file_block_expected() { return "expected 'two_j K' (the next block) or the end of the file"; }
std::string dicke_file_bad_block(int two_j, int spins) {
    return "two_j " + std::to_string(two_j) + " is not a block of N = " + std::to_string(spins) +
           " spins (0 ≤ two_j ≤ N, N − two_j even)";
}
std::string dicke_file_repeated_block(int two_j) { return "block two_j " + std::to_string(two_j) + " given twice"; }
std::string dicke_file_row_length(std::size_t expected, std::size_t found) {
    return "expected " + std::to_string(expected) + " numbers (re im pairs), found " + std::to_string(found);
}
std::string dicke_file_bad_number() { return "an entry is not a finite number"; }
std::string dicke_file_block_short(int two_j) {
    return "block two_j " + std::to_string(two_j) + " ends before its " + std::to_string(two_j + 1) + " rows";
}
std::string dicke_needs_dicke_file(const std::string& path) {
    return path + ": the dicke method starts from a Dicke-basis state file (final_state.dicke.txt of a dicke run), "
                  "not a 2^N matrix; use method \"exact\" for that";
}
std::string state_not_hermitian(const std::string& path) { return path + ": density matrix is not Hermitian"; }
std::string state_trace(const std::string& path, double trace) {
    return path + ": density matrix has trace " + number(trace) + ", not 1";
}
std::string state_negative(const std::string& path, double lowest) {
    return path + ": density matrix has a negative eigenvalue " + number(lowest);
}

// ---- command-line overrides ------------------------------------------------------
std::string bad_override(std::string_view argument, std::string_view why) {
    return "--set " + quoted(argument) + ": " + std::string(why) + " (write --set key=value, e.g. --set channel[0].rate=2)";
}
std::string override_index_beyond(std::size_t index, std::size_t size) {
    return "index " + std::to_string(index) + " is beyond the array, which has " + std::to_string(size) +
           (size == 1 ? " element" : " elements") + " in the run file";
}
std::string override_not_array(std::size_t index) {
    return "is not an array, so [" + std::to_string(index) + "] names nothing";
}
std::string override_needs_index(const std::string& path) {
    return "is an array of tables; name one of them, e.g. " + path + "[0]";
}
std::string override_not_table(std::string_view key) {
    return "is a value, not a table, so it has no key " + quoted(key);
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

// ---- parameter sweeps ---------------------------------------------------------------
std::string sweep_bad_key(std::string_view key) { return format_message("sweep_bad_key", {quoted(key)}); }
std::string sweep_mixed_values() { return format_message("sweep_mixed_values"); }
std::string sweep_zip_lengths(std::string_view lengths) { return format_message("sweep_zip_lengths", {lengths}); }
std::string sweep_duplicate_axis(std::string_view name, std::string_view first) {
    return format_message("sweep_duplicate_axis", {quoted(name), first});
}
std::string sweep_at_point(std::string_view error, std::size_t index, std::size_t count_, std::string_view values) {
    return format_message("sweep_at_point", {error, count(index), count(count_), values});
}
std::string sweep_points_invalid(std::size_t invalid, std::size_t count_) {
    return format_message("sweep_points_invalid", {count(invalid), count(count_)});
}
std::string sweep_point_failed(std::size_t index, std::string_view values, std::string_view error) {
    return format_message("sweep_point_failed", {count(index), values, error});
}
std::string sweep_points_failed(std::size_t failed, std::size_t count_, const std::string& file) {
    return format_message("sweep_points_failed", {count(failed), count(count_), file});
}
std::string sweep_output_exists(const std::string& file) { return format_message("sweep_output_exists", {file}); }
std::string sweep_records_foreign(const std::string& records) {
    return format_message("sweep_records_foreign", {records});
}
std::string sweep_resuming(std::size_t done, std::size_t count_) {
    return format_message("sweep_resuming", {count(done), count(count_)});
}
std::string sweep_interrupted(std::string_view signal, std::size_t done, std::size_t count_, const std::string& records,
                              const std::string& command) {
    return format_message("sweep_interrupted", {signal, count(done), count(count_), records, command});
}
std::string hdf5_failed(const std::string& file, std::string_view detail) {
    return format_message("hdf5_failed", {file, detail});
}
std::string sweep_worker_failed(std::string_view what) { return format_message("sweep_worker_failed", {what}); }
std::string sweep_record_damaged(std::string_view what) { return format_message("sweep_record_damaged", {what}); }
std::string sweep_duplicate_result(std::string_view name, std::string_view first) {
    return format_message("sweep_duplicate_result", {quoted(name), first});
}
std::string sweep_fit_window(double from, double to) {
    return format_message("sweep_fit_window", {number(from), number(to)});
}
std::string sweep_fit_failed(std::size_t index, std::string_view values, std::string_view name, std::string_view why) {
    return format_message("sweep_fit_failed", {count(index), values, name, why});
}
std::string sweep_point_range(std::string_view range, std::size_t count_) {
    return format_message("sweep_point_range", {quoted(range), count(count_)});
}
std::string sweep_part_written(const std::string& file, std::size_t first, std::size_t last, std::size_t count_) {
    return format_message("sweep_part_written", {file, count(first), count(last), count(count_)});
}
std::string sweep_merge_not_partial(const std::string& file) {
    return format_message("sweep_merge_not_partial", {file});
}
std::string sweep_merge_foreign(const std::string& file) { return format_message("sweep_merge_foreign", {file}); }
std::string sweep_merge_no_parts(const std::string& pattern) {
    return format_message("sweep_merge_no_parts", {pattern});
}
std::string sweep_merge_missing(std::size_t missing, std::size_t count_, std::string_view first_missing) {
    return format_message("sweep_merge_missing", {count(missing), count(count_), first_missing});
}

}  // namespace openspins::messages
