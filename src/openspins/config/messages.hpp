// The user-facing messages as functions: each formats its entry of the message table
// (message_table.hpp, which also holds the cause, the fix and the exit status, and from
// which docs/errors.md is generated). Messages are the "what" part: the location
// (file:line: key:, or column N:) is added by the exception that carries them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace openspins::messages {

// 's' with single quotes, as names appear in messages.
std::string quoted(std::string_view s);
// Joins names for "allowed: a, b, c" lists.
std::string join(const std::vector<std::string>& names);

// ---- TOML structure --------------------------------------------------------
std::string cannot_open(const std::string& path);
std::string toml_syntax(std::string_view description);
std::string unknown_key(std::string_view key, const std::vector<std::string>& allowed);
std::string wrong_type(std::string_view expected, std::string_view found);
std::string missing_key();
std::string not_finite();
std::string must_be_positive();
std::string must_be_non_negative();
std::string must_be_at_least(long long minimum);
std::string must_be_at_most(long long maximum);
std::string not_one_of(std::string_view value, const std::vector<std::string>& allowed);
std::string exclusive_keys(std::string_view a, std::string_view b);
std::string one_of_keys_required(const std::vector<std::string>& keys);
std::string key_only_for(std::string_view key, std::string_view context);
std::string empty_array();
std::string wrong_length(std::size_t expected, std::size_t found);

// ---- spins and selections -------------------------------------------------------
std::string spins_and_species_both();
std::string no_spins();
std::string too_many_spins(int n, int maximum);
std::string spin_out_of_range(long long index, int n);
std::string duplicate_spin(long long index);
std::string unknown_species(std::string_view name, const std::vector<std::string>& known);
std::string bad_species_name();
std::string duplicate_species(std::string_view name);
std::string selection_both();
std::string frequencies_length(std::size_t count, std::size_t given);

// ---- Hamiltonian and channels -----------------------------------------------------
std::string zeeman_required();
std::string duplicate_name(std::string_view name, std::string_view first_use);
std::string bad_name();
std::string not_hermitian();
std::string bad_pair();
std::string self_pair(long long spin);
std::string invalid_expression(std::string_view expression, std::string_view detail);
std::string custom_channel_not_symbolic();

// ---- initial state -------------------------------------------------------------
std::string bloch_length(double norm);
std::string bloch_count(std::size_t given, int n);
std::string population_range();
std::string file_not_found(const std::string& resolved);
std::string file_not_regular(const std::string& resolved);
std::string file_unreadable(const std::string& resolved);
std::string dicke_j_range(int n);
std::string dicke_m_range(int two_j);
std::string mixture_nested();
std::string mixture_weights_zero();

// ---- density-matrix files (initial.path; model/density_file.cpp) ------------------
std::string density_file_too_large(std::uintmax_t bytes, long long dimension, std::uintmax_t limit);
std::string density_not_a_number(std::string_view field, long long dimension);
std::string density_row_length(long long dimension, std::size_t found);
std::string density_too_many_rows(long long dimension);
std::string density_row_count(long long rows, long long dimension);
std::string npy_not_npy();
std::string npy_bad_header(std::string_view what);
std::string npy_dtype(std::string_view dtype);
std::string npy_shape(std::string_view shape, long long dimension);
std::string npy_truncated();
std::string density_not_finite();
std::string density_not_hermitian();
std::string density_trace(double trace);
std::string density_negative(double lowest);

// ---- cavity ----------------------------------------------------------------------
std::string cavity_needs_dicke(std::string_view method);
std::string threshold_below_one();
std::string cavity_name_taken();
// spin–mode terms (issue 11)
std::string mode_operator_needs_cavity();
std::string mode_operator_needs_dicke(std::string_view name);
std::string mode_operator_not_here(std::string_view name);
std::string mode_initial_truncated(double top, int n_max, double threshold);

// ---- protocol and time -----------------------------------------------------
std::string step_action_required();
std::string step_action_exclusive();
std::string step_key_not_for(std::string_view key, std::string_view action);
std::string bad_axis();
std::string unknown_scale_name(std::string_view name, const std::vector<std::string>& known);
std::string negative_channel_scale(std::string_view name);
std::string too_many_steps(std::size_t maximum);
std::string no_evolution_time();
std::string times_not_ascending(std::size_t index, double value, double previous);
std::string time_after_protocol(double t, double total);
std::string time_required();

// ---- output ----------------------------------------------------------------
std::string unknown_observable(std::string_view name, const std::vector<std::string>& allowed);
std::string duplicate_observable(std::string_view name);
std::string observable_needs_symbolic_method(std::string_view name);
std::string no_observables();
std::string bad_column_name();
std::string column_clash(std::string_view name);
std::string unknown_plot_column(std::string_view name, const std::vector<std::string>& columns);
std::string state_file_with_cavity();
std::string steady_state_density_needs_steady_state();
std::string max_order_limit(long long highest, std::string_view integrator);
std::string unknown_method(std::string_view name, const std::vector<std::string>& known);

// ---- baths and couplings (config/read_baths.cpp) -------------------------------
std::string duplicate_bath(std::string_view name);
std::string unknown_bath(std::string_view name, const std::vector<std::string>& known);
std::string correlation_range();
std::string couplings_need_redfield(std::string_view method);
// method heom
std::string heom_spectral_density(std::string_view bath, std::string_view density);
std::string heom_zero_temperature(std::string_view bath);
std::string heom_memory(int depth, std::string_view ados, std::string_view needed, std::string_view limit, int fits);
std::string heom_unconverged(std::string_view check, double difference, double tolerance);
std::string heom_fit(std::string_view bath, std::string_view density, int terms, double error, double tolerance);
std::string operator_needs_shared_bath();

// ---- operator expressions (location "column N" added by ExpressionError) --------------
std::string expected_operand(std::string_view found);
std::string expected_symbol(std::string_view symbol, std::string_view after, std::string_view found);
std::string expected_spin_index(std::string_view function, std::string_view found);
std::string unknown_operator_name(std::string_view name, const std::vector<std::string>& known);
std::string expected_end(std::string_view found);
std::string bad_number(std::string_view text);
std::string nested_too_deeply(int maximum);

// ---- methods: validation of the RunSpec -------------------------------------------
std::string beyond_method_limit(int n, std::string_view method, int maximum, std::string_view reason);
std::string memory_estimate(int n, std::string_view needed, std::string_view storage, std::string_view limit);
std::string memory_limit_too_small(double gib);
std::string model_has_no_spins();
std::string protocol_has_no_steps();
std::string dicke_not_symmetric(std::string_view what);
std::string analytic_term_not_diagonal(std::string_view name, std::string_view kind);
std::string analytic_channel_not_diagonal(std::string_view name, std::string_view kind);
std::string analytic_coupling_not_diagonal(std::string_view name, std::string_view bath, std::string_view op);
std::string analytic_no_steady_state();
// analytic method, seed 004 (issue 11)
std::string analytic_mode_model(std::string_view what);
std::string analytic_mode_odd_moment(double residual);
std::string resonance_outside_form(std::string_view what, std::string_view why, std::string_view methods);
// cumulant method
std::string cumulant_unsupported(std::string_view what);
std::string cavity_no_steady_state();
std::string cavity_truncation(int n_max, double top, double t, double threshold);
std::string rates_no_cavity();
std::string redfield_scaled_term(std::string_view name);
std::string redfield_eigenbasis_limit(std::string_view generator, int limit, int n);
std::string rates_method(std::string_view method);

// ---- running -------------------------------------------------------------------------
std::string trace_drift(double trace, double t, double tolerance);
std::string non_finite_observable(double t);
std::string too_many_steps_in_step(long max_steps, double t);
std::string cvode_failed(double t, std::string_view flag, std::string_view detail);
std::string cvode_setup_failed(std::string_view call, std::string_view flag);
std::string unknown_integrator(std::string_view name);
std::string sundials_context();
std::string steady_state_gmres(double residual, long iterations);
std::string steady_state_singular();
std::string shift_invert_gmres(double tolerance, long iterations, double error);

// ---- checkpoints -----------------------------------------------------------------
std::string checkpoint_state_size();
std::string checkpoint_corrupt(const std::string& checkpoint, std::string_view detail);
std::string checkpoint_foreign(const std::string& checkpoint, std::string_view detail);
std::string checkpoint_write_failed(const std::string& path);

// ---- results directory and CLI --------------------------------------------------
std::string output_exists(const std::string& directory);
std::string output_not_directory(const std::string& path);
std::string output_not_a_result(const std::string& directory);
std::string output_contains_working_directory(const std::string& directory);
std::string output_not_writable(const std::string& directory, const std::string& tried, std::string_view reason);
std::string plot_failed(std::string_view reason);
std::string plot_script_missing();
std::string resuming(const std::string& checkpoint);
std::string nothing_to_resume(const std::string& checkpoint);
std::string interrupted(std::string_view signal, const std::string& kept, const std::string& resume_command);
// ---- state files (final_state, steady_state_density; model/dicke_state_file.hpp) ------
std::string state_file_unreadable(const std::string& path);
std::string dicke_file_spins_expected();
std::string dicke_file_spins_mismatch(int in_file, int spins);
std::string dicke_file_block_expected();
std::string dicke_file_bad_block(int two_j, int spins);
std::string dicke_file_repeated_block(int two_j);
std::string dicke_file_row_length(std::size_t expected, std::size_t found);
std::string dicke_file_bad_number();
std::string dicke_file_block_short(int two_j);
std::string dicke_needs_dicke_file(const std::string& path);
std::string state_not_hermitian(const std::string& path);
std::string state_trace(const std::string& path, double trace);
std::string state_negative(const std::string& path, double lowest);

// ---- command-line overrides (--set path=value, config/run_overrides.hpp) ------------
std::string bad_override(std::string_view argument, std::string_view why);
std::string override_index_beyond(std::size_t index, std::size_t size);
std::string override_not_array(std::size_t index);
std::string override_needs_index(const std::string& path);
std::string override_not_table(std::string_view key);

std::string rates_cannot_write(const std::string& directory);
std::string out_of_memory(std::string_view what);
std::string unknown_failure();

// ---- integrator choice (method/integrator_choice.cpp, the run's notes and `check`) ----------
std::string integrator_named(std::string_view name);
std::string integrator_forced(std::string_view name, std::string_view reason);
std::string order_above_bdf(int max_order, int bdf_highest);
std::string integrator_chosen(std::string_view name, double stiffness, double threshold, double fastest_decay,
                              double step_length, std::string_view step_label);
std::string rough_run_time(double seconds, double rhs_evaluations, std::size_t evolve_steps);
std::string no_run_time_estimate();
// ---- parameter sweeps (sweep/, apps/openspins/sweep_command.cpp) ---------------------
std::string sweep_bad_key(std::string_view key);
std::string sweep_mixed_values();
std::string sweep_zip_lengths(std::string_view lengths);
std::string sweep_duplicate_axis(std::string_view name, std::string_view first);
std::string sweep_at_point(std::string_view error, std::size_t index, std::size_t count, std::string_view values);
std::string sweep_points_invalid(std::size_t invalid, std::size_t count);
std::string sweep_point_failed(std::size_t index, std::string_view values, std::string_view error);
std::string sweep_points_failed(std::size_t failed, std::size_t count, const std::string& file);
std::string sweep_output_exists(const std::string& file);
std::string sweep_records_foreign(const std::string& records);
std::string sweep_resuming(std::size_t done, std::size_t count);
std::string sweep_interrupted(std::string_view signal, std::size_t done, std::size_t count, const std::string& records,
                              const std::string& command);
std::string hdf5_failed(const std::string& file, std::string_view detail);
std::string sweep_worker_failed(std::string_view what);
std::string sweep_record_damaged(std::string_view what);
std::string sweep_duplicate_result(std::string_view name, std::string_view first);
std::string sweep_fit_window(double from, double to);
std::string sweep_fit_failed(std::size_t index, std::string_view values, std::string_view name, std::string_view why);
std::string sweep_point_range(std::string_view range, std::size_t count);
std::string sweep_part_written(const std::string& file, std::size_t first, std::size_t last, std::size_t count);
std::string sweep_merge_not_partial(const std::string& file);
std::string sweep_merge_foreign(const std::string& file);
std::string sweep_merge_no_parts(const std::string& pattern);
std::string sweep_merge_missing(std::size_t missing, std::size_t count, std::string_view first_missing);

inline constexpr std::string_view error_prefix = "openspins: error: ";
inline constexpr std::string_view warning_prefix = "openspins: warning: ";

}  // namespace openspins::messages
