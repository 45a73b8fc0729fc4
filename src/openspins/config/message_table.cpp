// The entries of the message table (message_table.hpp). Grouped as docs/errors.md shows
// them; ids are stable, so rename an id only together with its reproducer
// (tests/data/errors/reproducers.toml).
#include "openspins/config/message_table.hpp"

#include <array>
#include <stdexcept>

namespace openspins::messages {

namespace {

using enum ExitClass;

// Why the checks of the methods below cannot fire from a run file: the reader refuses the
// same input earlier with a located message, so these guard RunSpecs built in code (tests,
// the library API).
constexpr std::string_view guarded_by_reader =
    "the run-file reader refuses this input first with a located message; reached only by a RunSpec built in code";

// The seed-004 mean-field formulas (method/analytic/mean_field_mode_model.hpp and its siblings)
// are library functions: no openspins command calls them.
constexpr std::string_view seed004_library =
    "a seed-004 library formula (method/analytic/mean_field_mode_model.hpp); no openspins command calls it, only "
    "the tests and the seed004_formulas validation tool";

constexpr auto table = std::to_array<MessageEntry>({
    // ---- TOML structure ------------------------------------------------------------
    {"cannot_open", input, "cannot open run file '{path}'",
     "The run file exists but cannot be read (no read permission, or a read error).",
     "Check the file's permissions (`ls -l`); the CLI itself reports a missing file before this.", {}},
    {"toml_syntax", input, "TOML syntax error: {description}",
     "The run file is not valid TOML: a missing value, an unclosed string, a table defined twice.",
     "Fix the line named in the message; see https://toml.io for the syntax.", {}},
    {"unknown_key", input, "unknown key {key} (allowed here: {allowed})",
     "A key that this table does not take, usually a typo (`rtoll`, `rat`).",
     "Use one of the keys listed; docs/config.md describes each table.", {}},
    {"wrong_type", input, "must be {expected}, found {found}",
     "The value has the wrong TOML type (a string where a number is expected, `2.0` for an integer).",
     "Write the value with the type named (no quotes around numbers; integers without a decimal point).", {}},
    {"missing_key", input, "required key is missing",
     "A key without a default was not given (a channel's `kind` or `rate`, [spins] `count`).",
     "Add the key named before the message.", {}},
    {"not_finite", input, "must be a finite number (inf and nan are not allowed)",
     "`inf` or `nan` was given where a number is expected.", "Give a finite value.", {}},
    {"must_be_positive", input, "must be > 0",
     "Zero or a negative value for a quantity that must be positive (a duration, a tolerance, a temperature).",
     "Give a value > 0.", {}},
    {"must_be_non_negative", input, "must be ≥ 0", "A negative value for a rate, a width or a weight.",
     "Give a value ≥ 0.", {}},
    {"must_be_at_least", input, "must be ≥ {minimum}", "An integer below its smallest allowed value.",
     "Give a value at least as large as the one named.", {}},
    {"must_be_at_most", input, "must be ≤ {maximum}", "A value above its largest allowed value.",
     "Give a value no larger than the one named.", {}},
    {"not_one_of", input, "{value} is not one of: {allowed}", "A string that is not among the accepted choices.",
     "Use one of the values listed.", {}},
    {"exclusive_keys", input, "give either {a} or {b}, not both", "Two keys that describe the same thing were both given.",
     "Keep one of them.", {}},
    {"one_of_keys_required", input, "one of these keys is required: {keys}",
     "A table needs one of several alternative keys and has none.", "Add one of the keys listed.", {}},
    {"key_only_for", input, "{key} is only used with {context}",
     "A key that belongs to another kind or setting (e.g. `j` for a product state).",
     "Remove the key, or change the kind or setting it belongs to.", {}},
    {"empty_array", input, "must not be empty", "An empty array where at least one entry is needed.",
     "Give at least one entry, or remove the key.", {}},
    {"wrong_length", input, "must have {expected} entries, found {found}",
     "An array of the wrong length (a Bloch vector needs 3).", "Give exactly the number of entries named.", {}},

    // ---- spins and selections ------------------------------------------------------
    {"spins_and_species_both", input, "give either [spins] or [[species]], not both",
     "The run file declares its spins twice.", "Use [spins] for one kind of spin, [[species]] for several.", {}},
    {"no_spins", input, "the run file must declare its spins with [spins] or [[species]]",
     "Neither [spins] nor [[species]] is present.", "Add a [spins] table with `count`.", {}},
    {"too_many_spins", input, "{n} spins in total; at most {maximum} are supported",
     "More spins than operators can address (spins are bits of a 64-bit index).",
     "Use at most the number named; for large identical ensembles use method \"dicke\".", {}},
    {"spin_out_of_range", input, "spin index {index} is out of range [0, {n})",
     "A spin index at or beyond N (indices count from 0).", "Use an index between 0 and N − 1.", {}},
    {"duplicate_spin", input, "spin {index} is listed twice", "A spin selection names the same spin twice.",
     "List each spin once.", {}},
    {"unknown_species", input, "unknown species {name} (declared: {known})",
     "A selection names a species no [[species]] table declares.", "Use a declared species name.", {}},
    {"bad_species_name", input,
     "a species name must start with a letter or '_' and contain only letters, digits and '_'",
     "A species name with spaces, punctuation or a leading digit.", "Rename the species.", {}},
    {"duplicate_species", input, "species {name} is declared twice", "Two [[species]] tables share a name.",
     "Give every species its own name.", {}},
    {"selection_both", input, "give either 'spins' or 'species', not both",
     "A term or channel selects its spins both by index and by species.", "Keep one of the two selections.", {}},
    {"frequencies_length", input, "count = {count} but {given} frequencies are given",
     "`count` and the length of `frequencies` disagree.", "Drop `count` (the list sets N) or fix the list.", {}},

    // ---- Hamiltonian and channels --------------------------------------------------
    {"zeeman_required", input,
     "required because some spin frequencies are non-zero: \"+\" (H = +Σ ω_i S^z_i, |↑⟩ excited), "
     "\"-\" (H = −Σ ω_i S^z_i, |↑⟩ ground) or \"none\"",
     "Spin frequencies are given but the sign convention of the Zeeman term is not.",
     "Add [hamiltonian] zeeman = \"+\", \"-\" or \"none\".", {}},
    {"duplicate_name", input, "name {name} is already used by {first_use} (term and channel names must be unique)",
     "Two Hamiltonian terms or channels share a name (names are used by protocol scale factors and columns).",
     "Rename one of them.", {}},
    {"bad_name", input, "a name must be non-empty and contain no spaces, commas or quotes",
     "A term, channel or bath name that cannot be used as a CSV column or scale key.",
     "Use letters, digits and '_'.", {}},
    {"not_hermitian", input, "the operator is not Hermitian",
     "A Hamiltonian term or bath coupling operator with O† ≠ O (e.g. `sp(0)` alone).",
     "Add the Hermitian conjugate (`sp(0) + sm(0)`) or use a Hermitian combination.", {}},
    {"bad_pair", input, "a pair must be [i, j] with two spin indices",
     "A coupling pair that is not a two-element array of integers.", "Write pairs as [i, j].", {}},
    {"self_pair", input, "spin {spin} cannot be coupled with itself", "A coupling pair [i, i].",
     "Couple two different spins.", {}},
    {"invalid_expression", input, "in \"{expression}\": {detail}",
     "An operator expression does not parse; the detail names the column and what was expected.",
     "Fix the expression; the grammar is in docs/config.md (operator expressions).", {}},
    {"custom_channel_not_symbolic", input,
     "custom channels are not available with this method (it reads collective forms only); use the "
     "built-in kinds or method \"exact\"",
     "A `custom` channel with a method that works in collective (Dicke) form.",
     "Use a built-in channel kind, or [method] name = \"exact\".", {}},

    // ---- initial state -------------------------------------------------------------
    {"bloch_length", input, "Bloch vector length |r| = {norm} exceeds 1", "A Bloch vector longer than 1 is not a state.",
     "Give |r| ≤ 1.", {}},
    {"bloch_count", input, "give one Bloch vector for all spins or one per spin ({n}), found {given}",
     "The number of Bloch vectors is neither 1 nor N.", "Give one vector, or exactly N.", {}},
    {"population_range", input, "a population must lie in [0, 1]", "A population outside [0, 1].",
     "Give a probability.", {}},
    {"file_not_found", input, "file '{path}' does not exist",
     "The file named by `path` is not there (relative paths are resolved from the run file's folder).",
     "Fix the path or create the file.", {}},
    {"file_not_regular", input, "'{path}' is not a regular file",
     "`path` names a directory, a device (/dev/zero) or a pipe.", "Name a regular file.", {}},
    {"file_unreadable", input, "file '{path}' cannot be read", "The file exists but has no read permission.",
     "Fix its permissions (`chmod u+r`).", {}},
    {"dicke_j_range", input, "j must be one of N/2, N/2 − 1, …, 0 or ½ (for N = {n}: {values})",
     "A Dicke state's j that does not occur for this N.", "Use one of the values listed.", {}},
    {"dicke_m_range", input, "m must be one of −j, −j + 1, …, j (j = {j})", "A Dicke state's m outside −j … j.",
     "Use one of the values named.", {}},
    {"mixture_nested", input, "a mixture component cannot itself be a mixture (list its parts in the outer mixture)",
     "An [[initial.component]] of kind \"mixture\".", "List the inner components in the outer mixture.", {}},
    {"mixture_weights_zero", input, "the component weights sum to 0 (at least one must be > 0)",
     "Every mixture weight is 0.", "Give at least one positive weight.", {}},

    // ---- density-matrix files (initial.path) ---------------------------------------
    {"density_file_too_large", input, "the file has {bytes} bytes; a {d} × {d} density matrix needs at most {limit}",
     "The file is far larger than a 2^N × 2^N matrix can be (a wrong file, or an endless one).",
     "Check `path` and the number of spins.", {}},
    {"density_not_a_number", input, "not a number: '{field}' (each row holds 2^N = {d} pairs 're im')",
     "A field in a row of the text file is not a finite number (`nan`, `inf`, a word).",
     "Write every entry as two finite numbers, the real and imaginary parts.", {}},
    {"density_row_length", input, "expected {count} numbers (2^N = {d} pairs 're im'), found {found}",
     "A row of the text file has too few or too many numbers for N spins.",
     "Write 2^N pairs per row; check the number of spins.", {}},
    {"density_too_many_rows", input, "more than 2^N = {d} rows", "The text file has more rows than 2^N.",
     "Check the number of spins, or remove extra rows.", {}},
    {"density_row_count", input, "found {rows} rows, expected 2^N = {d}", "The text file has fewer rows than 2^N.",
     "Check the number of spins, or complete the matrix.", {}},
    {"npy_not_npy", input, "not a .npy file", "A file ending in .npy that does not start with NumPy's magic bytes.",
     "Write it with numpy.save, or give the text format under another extension.", {}},
    {"npy_bad_header", input, "malformed .npy header ({what})",
     "The .npy header is truncated or lacks its dtype or shape.", "Write the file again with numpy.save.", {}},
    {"npy_dtype", input, "dtype {dtype} not supported (complex128 or float64)",
     "The array is stored with another element type.", "Save it with .astype(complex) or .astype(float).", {}},
    {"npy_shape", input, "shape {shape} does not match 2^N = {d}", "The array is not 2^N × 2^N.",
     "Check the number of spins, or save the right matrix.", {}},
    {"npy_truncated", input, "truncated .npy data", "The .npy file ends before all 2^N × 2^N entries.",
     "Write the file again.", {}},
    {"density_not_finite", input, "density matrix has non-finite entries", "A .npy entry is inf or nan.",
     "Store a finite matrix.", {}},
    {"density_not_hermitian", input, "density matrix is not Hermitian", "ρ ≠ ρ† beyond 1e-10.",
     "Store ρ = (ρ + ρ†)/2 of the intended state.", {}},
    {"density_trace", input, "density matrix has trace {trace}, not 1", "Tr ρ differs from 1 by more than 1e-8.",
     "Normalise ρ by its trace.", {}},
    {"density_negative", input, "density matrix has a negative eigenvalue {lowest}",
     "ρ is not positive semidefinite (checked up to 2^N = 1024).", "Store a valid density matrix.", {}},

    // ---- cavity --------------------------------------------------------------------
    {"cavity_needs_dicke", input,
     "a cavity mode is implemented by the dicke method (identical spins, exact), the exact method (any spins, small N), "
     "the cumulant method (identical spins, moments, any N) and the analytic method (seed 004's formulas) only (this "
     "file uses method {method}; set [method] name = \"dicke\", \"exact\" or \"cumulant\")",
     "A [cavity] table with another method.", "Set [method] name = \"dicke\".", {}},
    {"threshold_below_one", input, "must be < 1 (a probability)", "cavity.top_level_threshold ≥ 1.",
     "Give a probability below 1.", {}},
    {"cavity_name_taken", input,
     "a term or channel is named 'cavity', the name protocol scale factors use for the cavity coupling; rename it",
     "The name 'cavity' is reserved when a cavity mode is present.", "Rename the term or channel.", {}},
    // ---- spin–mode terms (model/spin_mode_polynomial.hpp, issue 11) ------------------
    {"mode_operator_needs_cavity", input,
     "the expression contains operators of the bosonic mode (a, ad, n) but the model has no [cavity] table; add "
     "[cavity] with n_max (its truncation)",
     "A Hamiltonian term or custom channel with a, ad or n in a run file without a mode.",
     "Add a [cavity] table (docs/config.md), or remove the mode operators.", {}},
    {"mode_operator_needs_dicke", input,
     "{name} is an operator of the bosonic mode (a, ad, n), which is taken by method \"dicke\" or \"exact\" (and by "
     "\"cumulant\" for identical spins, by \"analytic\" for seed 004's model) together with a [cavity] table; set "
     "[method] name = \"dicke\" and add [cavity]",
     "A mode operator in an expression read by a method that works on spins alone (exact, redfield, analytic).",
     "Use [method] name = \"dicke\" with a [cavity] table, or remove the mode operators.", {}},
    {"mode_operator_not_here", input,
     "{name} is an operator of the bosonic mode; mode operators are read only in [[hamiltonian.term]] expressions "
     "and custom channel operators",
     "A mode operator where only spin operators are meaningful (an [output.custom] observable, a bath coupling).",
     "Remove it; the mode's own columns (photons, mode) are listed in docs/config.md.", {}},
    {"mode_initial_truncated", input,
     "the initial mode state has probability {top} on Fock states n ≥ n_max = {n_max} (more than "
     "top_level_threshold = {threshold}); increase n_max",
     "A Fock, coherent or thermal initial mode state that the truncation 0 … n_max cuts.",
     "Raise [cavity] n_max (a coherent state needs n_max well above |α|², a thermal one above n̄).", {}},

    // ---- protocol and time ---------------------------------------------------------
    {"step_action_required", input, "a protocol step needs one of 'evolve', 'pulse' or 'repeat'",
     "A [[protocol]] entry without an action.", "Add `evolve = <duration>`, a `pulse` or a `repeat`.", {}},
    {"step_action_exclusive", input, "a protocol step takes only one of 'evolve', 'pulse' or 'repeat'",
     "A [[protocol]] entry with two actions.", "Split it into two steps.", {}},
    {"step_key_not_for", input, "{key} does not apply to a {action} step",
     "A key of another action (e.g. `scale` on a pulse).", "Remove the key or move it to a step it applies to.", {}},
    {"bad_axis", input, "axis must be \"x\", \"y\", \"z\" or a non-zero vector [nx, ny, nz]",
     "A pulse axis that is neither a named axis nor a non-zero 3-vector.", "Use \"x\", \"y\", \"z\" or [nx, ny, nz].",
     {}},
    {"unknown_scale_name", input, "{name} names no Hamiltonian term or channel (names: {known})",
     "A protocol `scale` entry for a name no term or channel has.", "Use one of the names listed.", {}},
    {"negative_channel_scale", input, "channel {name} cannot be scaled by a negative factor (rates are ≥ 0)",
     "A negative scale factor for a channel.", "Use a factor ≥ 0 (Hamiltonian terms may take negative ones).", {}},
    {"too_many_steps", input, "the unrolled protocol has more than {maximum} steps",
     "`repeat` counts multiply to more steps than the run can record.", "Reduce the repeat counts.", {}},
    {"no_evolution_time", input, "the protocol has no evolution time (add an 'evolve' step)",
     "A protocol of pulses only.", "Add an `evolve` step.", {}},
    {"times_not_ascending", input, "times must be strictly ascending: times[{index}] = {value} follows {previous}",
     "`[time] times` is not sorted or repeats a time.", "Sort the list and drop duplicates.", {}},
    {"time_after_protocol", input, "output time {t} lies after the end of the protocol at {total}",
     "An output time beyond the protocol's total duration.", "Lengthen the protocol or drop the time.", {}},
    {"time_required", input, "give [time] with 'stop' or 'times' (or a [[protocol]])",
     "The run file says neither how long to evolve nor when to record.", "Add [time] stop = <t>.", {}},

    // ---- output --------------------------------------------------------------------
    {"unknown_observable", input,
     "unknown observable {name} (allowed: {allowed}; put operator expressions in [output.custom])",
     "A name in `observables` that is not a built-in observable.",
     "Use a listed name, or define it in [output.custom] as an expression.", {}},
    {"duplicate_observable", input, "observable {name} is listed twice", "An observable appears twice.",
     "List it once.", {}},
    {"observable_needs_symbolic_method", input, "{name} is computed by method \"dicke\" only (set [method] name = \"dicke\")",
     "An observable of the Dicke basis (S, ergotropy, emitted quanta) with another method.",
     "Set [method] name = \"dicke\", or drop the observable.", {}},
    {"no_observables", input, "no observables: list some in 'observables' or [output.custom]",
     "`observables = []` and no custom ones.", "List at least one observable.", {}},
    {"bad_column_name", input, "a column name must be non-empty and contain no spaces, commas or quotes",
     "An [output.custom] name that cannot be a CSV column.", "Use letters, digits and '_'.", {}},
    {"column_clash", input, "column {name} is already produced by another observable",
     "A custom observable reuses a built-in column name.", "Rename the custom observable.", {}},
    {"unknown_plot_column", input, "no column {name} in the results (columns: {columns})",
     "`[output] plot` names a column the run does not produce.", "Use one of the columns listed.", {}},
    {"max_order_limit", input, "must be ≤ {highest} for integrator {integrator}",
     "CVODE's Adams method goes to order 12, BDF to order 5.", "Lower `max_order`.", {}},
    {"unknown_method", input, "unknown method {name} (available: {known})", "A method name that is not registered.",
     "Use one of the methods listed.", {}},

    // ---- baths and couplings -------------------------------------------------------
    {"duplicate_bath", input, "bath {name} is defined twice", "Two [[bath]] tables share a name.",
     "Give each bath its own name.", {}},
    {"unknown_bath", input, "no bath named {name} ({defined})", "A coupling names a bath no [[bath]] defines.",
     "Use a defined bath name.", {}},
    {"correlation_range", input, "must lie in [−1, 1]", "A bath correlation outside [−1, 1].",
     "Give a correlation coefficient.", {}},
    {"couplings_need_redfield", input,
     "couplings to baths need [method] name = \"redfield\", \"analytic\", \"resonance\" or \"heom\" (this run uses {method})",
     "[[coupling]] tables with a method that takes given rates.",
     "Set [method] name = \"redfield\", \"analytic\", \"resonance\" or \"heom\".", {}},
    {"operator_needs_shared_bath", input,
     "an operator coupling needs a shared bath (a local bath has one copy per spin; use kind = \"exchange\", "
     "\"conserving\", \"Sx\", \"Sy\" or \"Sz\")",
     "An operator-expression coupling to a local bath.", "Make the bath shared, or use a per-spin coupling kind.", {}},

    // ---- method heom (method/heom/) -------------------------------------------------
    {"heom_spectral_density", input,
     "bath {bath} ({density}): method heom needs J(ω)/ω finite at ω → 0 (a sub-ohmic density has no integrable "
     "correlation function at T > 0)",
     "The heom method expands the bath correlation function C(t) in exponentials (in closed form, or by a fit); "
     "for a density with J(ω)/ω → ∞ at ω → 0 the real part of C(t) does not decay.",
     "Use an ohmic or super-ohmic density (exponent ≥ 1), or the analytic method for pure dephasing.", {}},
    {"heom_fit", input,
     "bath {bath} ({density}): the fit of its correlation function with {terms} damped oscillations is off by "
     "{error} of C(0), above fit_tolerance {tolerance}",
     "Method heom fits C(t) of densities without a closed-form expansion (ohmic, form factors, tables) by damped "
     "oscillations (GSL nonlinear least squares); this fit is not accurate enough.",
     "Raise [method] fit_terms (each term adds two exponents to the hierarchy), or raise fit_tolerance knowing "
     "the error it admits.", {}},
    {"heom_fit_quadrature_failed", numerical,
     "heom correlation fit: the quadrature ({rule}) of C(t) for {density} failed ({reason})",
     "GSL's adaptive quadrature of C(t) = (1/2π)∫ J(ω)[coth(βω/2) cos ωt − i sin ωt] dω, which the heom fit samples, "
     "stopped without reaching its tolerance (a spectral density with a singular or very slowly decaying part).",
     "Use a density whose J(ω) coth(βω/2) is integrable (a Drude–Lorentz part alone has its closed-form expansion; "
     "in a sum it is fitted, and its 1/ω tail makes C(0) infinite), or compare with method \"redfield\".", {}},
    {"heom_zero_temperature", input,
     "bath {bath} has temperature 0: method heom expands coth(βω/2) in poles and needs a temperature > 0",
     "At T = 0 the Matsubara (or Padé) expansion of the bath correlation function needs infinitely many terms.",
     "Give the bath a small positive temperature (and enough `terms`), or use the redfield method.", {}},
    {"heom_memory", input,
     "hierarchy depth {depth} ({ados} auxiliary density operators) needs about {needed} but only {limit} is "
     "available; the largest depth that fits is {fits}",
     "The hierarchy (with its convergence-check run) exceeds [method] memory_limit_gib, or the available memory.",
     "Lower `depth` (or `terms`), set convergence_check = \"none\", or raise memory_limit_gib if the memory is "
     "there.", {}},
    {"heom_unconverged", none, "heom: the hierarchy is not converged: {check} differ by {difference} "
     "(convergence_tolerance {tolerance})",
     "A warning: the observables of the run and of its convergence check (one level deeper, or one more expansion "
     "term per bath) differ by more than the tolerance.",
     "Raise `depth` (or `terms`) until the check agrees; the run's metadata records the difference.", {}},

    // ---- operator expressions ------------------------------------------------------
    {"expected_operand", input, "expected a number, pi, an operator such as sz(0) or Jz, or '(' but found {found}",
     "An operator expression is missing an operand (e.g. `sz(0) +`).", "Complete the expression.", {}},
    {"expected_symbol", input, "expected {symbol} {after} but found {found}",
     "A bracket or comma is missing (e.g. `sz(0`).", "Add the symbol named.", {}},
    {"expected_spin_index", input, "expected a spin index (a non-negative integer) in {function}(…) but found {found}",
     "A single-spin operator without an integer index (`sz(a)`).", "Write the spin index as an integer.", {}},
    {"unknown_operator_name", input, "unknown name {name} (known: {known})", "A name the expression grammar lacks.",
     "Use one of the names listed.", {}},
    {"expected_end", input, "expected '+', '-', '*', ')' or the end of the expression but found {found}",
     "Two operands without an operator between them (`sz(0) sz(1)`).", "Insert `*` or `+`.", {}},
    {"bad_number", input, "malformed number {text}", "A numeric literal that does not parse (`1e`).",
     "Write the number in decimal or exponent form.", {}},
    {"nested_too_deeply", input, "parentheses and signs nested more than {maximum} deep",
     "An expression nested deeper than the parser allows (its recursion is bounded).",
     "Simplify the expression.", {}},

    // ---- methods: validation of the RunSpec ------------------------------------------
    {"beyond_method_limit", input, "N = {n} spins is beyond the {method} method (at most {maximum}: {reason})",
     "More spins than the method can store: the exact and analytic methods hold ρ in the 2^N basis (4^N "
     "numbers); below this hard limit the memory estimate decides.",
     "Use method \"dicke\" for permutation-symmetric models, or fewer spins.", {}},
    {"memory_estimate", input, "N = {n} needs about {needed} ({storage}) but only {limit} is available",
     "The memory estimate of the run exceeds [method] memory_limit_gib, or the available memory when none is set.",
     "Use fewer spins, a method with smaller storage (dicke), or raise memory_limit_gib if the memory is there.", {}},
    {"memory_limit_too_small", input, "{gib} GiB is less than one byte (0 would mean no limit)",
     "memory_limit_gib so small that the limit rounds to 0 bytes (which would mean \"no limit\").",
     "Give a limit of at least a few GiB, or remove the key to use the available memory.", {}},
    {"dicke_not_symmetric", input,
     "{what}; the dicke method needs a model that is symmetric under permutations of the spins (use [method] name = "
     "\"exact\" for this model)",
     "Method \"dicke\" with a term, channel, observable, initial state or pulse that tells the spins apart (a "
     "single-spin operator, a subset of the spins, per-spin rates or Bloch vectors, a density-matrix file).",
     "Make the model permutation-symmetric, or use [method] name = \"exact\" (N ≤ 16).", {}},
    {"analytic_term_not_diagonal", input,
     "Hamiltonian term {name} ({kind}) is not diagonal in the z basis; the analytic method solves pure dephasing only "
     "(H_S a function of the S^z_i) — use [method] name = \"redfield\" (Markovian) or \"exact\" (given rates)",
     "Method \"analytic\" with a drive, a flip-flop coupling or another term that moves populations.",
     "Use method \"redfield\" (baths) or \"exact\" (given rates).", {}},
    {"analytic_channel_not_diagonal", input,
     "channel {name} ({kind}) has a jump operator that is not diagonal in the z basis; the analytic method takes only "
     "dephasing-type channels — use [method] name = \"exact\"",
     "Method \"analytic\" with emission, absorption or another channel that moves populations.",
     "Use method \"exact\", or keep only dephasing channels.", {}},
    {"analytic_coupling_not_diagonal", input,
     "coupling {name} to bath {bath} ({operator}) is not diagonal in the z basis (an energy-exchange coupling); the "
     "analytic method solves pure dephasing only (couplings through S^z, seed 000's λ = μ = 0) — use [method] name = "
     "\"redfield\" (Markovian) or \"exact\" (given rates)",
     "Method \"analytic\" with a bath coupling through S^x, S^y or an exchange operator.",
     "Couple through S^z only, or use method \"redfield\".", {}},
    {"analytic_no_steady_state", input,
     "steady_state = true: pure dephasing has no unique steady state (every population is conserved); remove it for "
     "the analytic method",
     "steady_state = true with method \"analytic\".", "Remove steady_state.", {}},
    // ---- analytic method, seed 004 (spins and one mode, issue 11) --------------------
    {"analytic_mode_model", input,
     "the analytic method computes seed 004's mean-field formulas only for spins ½ and one mode in the form "
     "ω₀ Jz + ω n + s·(a + ad)*Jx (or *Jz) without dissipation, from an identical product state and a vacuum or "
     "coherent field (eq. 1.2; docs/methods/analytic.md): {what} is outside it; use [method] name = \"dicke\" for "
     "the exact dynamics",
     "Method \"analytic\" with a [cavity] table and a model, initial state, protocol or observable the seed's "
     "formulas do not cover.",
     "Use method \"dicke\" (exact at finite N), or bring the model to the seed's form.", {}},
    {"analytic_mode_odd_moment", input,
     "the vanishing odd moment condition (A0) of seed 004 fails: μ_S(G(t₁)…) reaches {residual} (relative) — e.g. "
     "μ_S(G) ≠ 0; without it the mean-field limit is not the free dynamics; use [method] name = \"dicke\"",
     "Method \"analytic\" with a mode and an initial spin state with μ_S(G) ≠ 0 (e.g. spins along x with a "
     "(a + ad)*Jx coupling, or not at p = ½ with (a + ad)*Jz).",
     "Start from a state with μ_S(G) = 0 (diagonal in z for Jx; on the equator for Jz), or use method \"dicke\".",
     {}},
    {"fluctuation_needs_analytic", input,
     "{name} is seed 004's fluctuation observable (eq. 1.29 to first order in λ, the N → ∞ limit of "
     "√N(⟨σ^α⟩ per spin − μ_S(σ^α(t)))), computed only by [method] name = \"analytic\" on a run file with a "
     "[cavity] of the seed's form (docs/methods/analytic.md)",
     "A fluctuation_x/y/z column with a method other than \"analytic\", or with \"analytic\" and no [cavity].",
     "Run the file with [method] name = \"analytic\"; for the exact finite-N value record Jx/Jy/Jz with method "
     "\"dicke\" and form √N(2⟨Jα⟩/N − μ_S(σ^α(t))).",
     {}},
    {"resonance_outside_form", input,
     "{what} is outside seed 000's model (2.1)–(2.3) that the resonance method solves ({why}); use [method] name = "
     "{methods}",
     "Method \"resonance\" with a term, coupling, channel, initial state, pulse or observable the resonance theory "
     "does not treat: spin–spin or transverse Hamiltonian terms, an excited |↑⟩ (zeeman = \"+\"), S^y or multi-spin "
     "couplings, correlated local baths, Lindblad channels, pulses, scaled steps, entangled initial states, "
     "multi-spin observables.",
     "Keep to (2.1)–(2.3) (zeeman = \"-\", couplings of kind exchange/conserving, a product initial state, "
     "single-spin observables), or use the method the message names.", {}},
    // ---- cumulant method (method/cumulant/) --------------------------------------------
    {"cumulant_unsupported", input,
     "{what}; the cumulant method takes identical spins with collective Hamiltonian terms, the built-in local and "
     "collective channels (same rate on every spin), one [cavity] mode with spin–mode terms and jumps in collective "
     "and mode letters, identical product, thermal (Zeeman), symmetric Dicke and mixed initial states, and pulses on "
     "all spins — use [method] name = \"dicke\" (exact, any N) or \"exact\" for this model",
     "Method \"cumulant\" with a term, channel, initial state, pulse or observable that tells the spins apart or lies "
     "outside the algebra of collective operators (a custom spin jump without a [cavity], per-spin rates, purity, a "
     "state file, a bath, the mode's Fock distribution, a Dicke state with j < N/2).",
     "Use method \"dicke\" (permutation-symmetric models, exact) or \"exact\" (N ≤ 16).", {}},
    {"power_no_cavity", input,
     "{name}: the battery power columns are computed for spins without a cavity mode only (the mode's own energy "
     "flow is not in them); drop the column or the [cavity] table",
     "A power_stored/power_released/power_lost column with method \"dicke\" and a [cavity] table.",
     "Use the photons column and emitted_* counters with a cavity, or model the cavity by collective_emission "
     "(bad-cavity limit).", {}},
    {"cavity_no_steady_state", input,
     "steady_state = true with a cavity mode needs the dicke method and dissipation (mode loss or a spin channel); "
     "the exact method's spins ⊗ mode path and a model where nothing dissipates have no steady-state solve",
     "steady_state = true together with a [cavity] in an exact run, or in a dicke run without dissipation.",
     "Use method \"dicke\" with loss or a channel, remove steady_state, or run long enough to see it.", {}},
    {"rates_no_cavity", input, "openspins rates: the dicke generator with a cavity mode is not covered (spins only)",
     "`openspins rates` on a run file with a [cavity].", "Remove the [cavity] table for `rates`.", {}},
    {"rates_method", input, "openspins rates reads the generators of methods exact, redfield and dicke, not {method}",
     "`openspins rates` on a run file of method \"analytic\" (no generator matrix).",
     "Set [method] name = \"exact\" or \"redfield\" for `rates`.", {}},
    {"redfield_scaled_term", input,
     "protocol scales Hamiltonian term {name}, but the redfield generator is derived for the unscaled H_S",
     "A protocol `scale` on a Hamiltonian term with method \"redfield\": the derived rates depend on H_S.",
     "Scale channels or couplings only, or use method \"exact\" with given rates.", {}},
    {"redfield_eigenbasis_limit", input,
     "generator {generator} for H_S with spin–spin terms or drives works in the dense eigenbasis of H_S and is limited "
     "to N ≤ {limit} (this model has N = {n})",
     "Method \"redfield\" with coupled or driven spins needs the dense eigenbasis of H_S (cost grows as 8^N).",
     "Use fewer spins, or drop the spin–spin terms and drives.", {}},
    {"model_has_no_spins", input, "the model has no spins (N ≥ 1 required)", "A model without spins.",
     "Declare at least one spin.", guarded_by_reader},
    {"protocol_has_no_steps", input, "the protocol has no steps", "An empty protocol.", "Add an evolve step.",
     guarded_by_reader},

    // ---- running: numerical failures -------------------------------------------------
    {"cavity_truncation", numerical,
     "cavity: the top Fock level n = {n_max} holds probability {top} at t = {t} (the limit is "
     "cavity.top_level_threshold = {threshold}); the truncation is too small: increase cavity.n_max (now {n_max})",
     "The cavity mode's photon number reached the truncation (at a recorded time, or between them where the "
     "integrator watches it): the results would be wrong.",
     "Raise [cavity] n_max (or top_level_threshold, knowingly).", {}},
    {"trace_drift", numerical, "trace of ρ drifted to {trace} at t = {t} (tolerance {tolerance}); tighten rtol/atol or "
     "try integrator = \"bdf\"",
     "The integrated state lost its normalisation: the tolerances are too loose for the rates, or the problem is "
     "stiff for the Adams method.",
     "Lower [method] rtol and atol, or set integrator = \"bdf\".", {}},
    {"non_finite_observable", numerical, "non-finite observable at t = {t}",
     "An observable became inf or nan: the integration diverged.", "Lower rtol/atol or use integrator = \"bdf\".",
     "the trace check runs on the same state first and refuses a diverged state (its trace is not finite)"},
    {"cvode_failed", numerical, "integrator (CVODE) failed at t = {t}: {flag}{detail}",
     "CVODE gave up: too many steps (max_steps), repeated error-test or convergence failures on a stiff problem.",
     "Raise [method] max_steps, use integrator = \"bdf\" for stiff runs, or loosen rtol/atol.", {}},
    {"too_many_steps_in_step", numerical,
     "the integrator used up max_steps = {max_steps} steps within one protocol step (stopped at t = {t}); the problem "
     "is stiff or the tolerances are too tight: try integrator = \"bdf\", or raise [method] max_steps",
     "CVODE needed more than [method] max_steps steps for one protocol step: a stiff problem under the Adams method, "
     "or tolerances tighter than the problem needs.",
     "Set integrator = \"bdf\" for stiff runs, loosen rtol/atol, or raise max_steps.", {}},
    {"steady_state_gmres", numerical,
     "steady state: GMRES did not converge (residual {residual} after {iterations} iterations); the generator may "
     "have several steady states",
     "steady_state = true, and GMRES did not reach [method] steady_state_tolerance: the generator has several "
     "steady states (conserved quantities), or the tolerance is tighter than double precision allows.",
     "Loosen steady_state_tolerance, or add a channel that breaks the conservation law.", {}},
    {"steady_state_singular", numerical,
     "steady state: the population generator is singular beyond its trace (several steady states?)",
     "steady_state = true with the dicke method on populations and only collective channels: every j block keeps "
     "its own steady state, so there are several.",
     "Add a channel that connects the blocks (e.g. a local one), or drop steady_state.", {}},
    {"shift_invert_gmres", numerical,
     "shift-invert: GMRES did not reach {tolerance} in {iterations} iterations (error {error})",
     "`openspins rates --solver shift-invert`: the GMRES inner solver, preconditioned by the LU of the rows nearest "
     "the shift, did not converge for a large non-conserving generator.",
     "Raise --dense-limit so the block is solved densely, or use --solver arnoldi.",
     "not reproduced from the command line yet: GMRES with the LU of the rows nearest the shift converged on every "
     "generator tried (N = 3, driven, with emission, --dense-limit 0); a failure needs a large block that mixes "
     "coherence orders"},
    {"cvode_setup_failed", other, "{call} failed: {flag}",
     "A SUNDIALS set-up call refused its arguments or ran out of memory.",
     "Report it with the run file; it points to a defect or an exhausted machine.",
     "the options are validated before they reach CVODE; only an allocation failure inside SUNDIALS gets here"},
    {"unknown_integrator", input, "unknown integrator {name} (adams, bdf)", "An integrator name CVODE does not have.",
     "Use [method] integrator = \"adams\" or \"bdf\".", guarded_by_reader},
    {"sundials_context", other, "SUNContext_Create failed", "SUNDIALS could not create its context.",
     "Report it; it points to an exhausted machine.", "fails only when SUNDIALS cannot allocate a few bytes"},

    // ---- checkpoints -----------------------------------------------------------------
    {"checkpoint_state_size", input, "checkpoint does not match this run (state size)",
     "The checkpoint's state vector has another length than this run's state.",
     "Remove the checkpoint to start at t = 0.",
     "the checkpoint's fingerprint covers the run file, which fixes the state size, and its checksum covers the "
     "bytes; a checkpoint of another run or a damaged one is refused first (checkpoint_foreign, checkpoint_corrupt)"},
    {"checkpoint_corrupt", input,
     "checkpoint '{checkpoint}' is damaged ({detail}); nothing was computed — delete it, or run without --resume to "
     "start again at t = 0",
     "--resume found a checkpoint whose bytes fail their checksum, are truncated, or do not fit the protocol (a "
     "disk filled up, a partial copy, an edit).",
     "Delete the checkpoint, or run without --resume to start again at t = 0.", {}},
    {"checkpoint_foreign", input,
     "checkpoint '{checkpoint}' belongs to another run ({detail}); nothing was computed — run without --resume to "
     "start again at t = 0, or resume it with the run file, --set overrides and openspins binary that wrote it",
     "--resume found a checkpoint written for another run file, other overrides or another openspins version.",
     "Run without --resume, or resume with the run file and binary that wrote the checkpoint.", {}},
    {"checkpoint_write_failed", other, "cannot write checkpoint {path}",
     "Writing the checkpoint next to the results directory failed (disk full, no permission).",
     "Free space or make the folder writable; the run can be resumed from the last good checkpoint.", {}},

    // ---- results directory and CLI -------------------------------------------------
    {"output_exists", input, "results directory '{directory}' already exists (use --force to replace it)",
     "A run would overwrite earlier results.", "Pass --force to replace them, or --output another directory.", {}},
    {"output_not_directory", input, "'{path}' exists and is not a directory; it will not be replaced",
     "The results path names a file.", "Choose another --output, or move the file.", {}},
    {"output_not_a_result", input,
     "'{directory}' is not an openspins results directory (no metadata.json or rates.json written by openspins); "
     "--force replaces only earlier results — choose another --output or move it away",
     "--force was given for a directory openspins did not write; it is never removed.",
     "Choose another --output, or move the directory away.", {}},
    {"output_contains_working_directory", input,
     "'{directory}' is the working directory or contains it; --force never replaces it — choose another --output",
     "--output names the current directory or one of its ancestors.", "Choose another --output.", {}},
    {"output_not_writable", input,
     "results directory '{directory}' cannot be written (creating an entry in '{tried}' failed: {reason}); choose "
     "another --output or [output] directory",
     "The results directory (or its parent) cannot be created or written; checked before anything is computed.",
     "Choose a writable --output or [output] directory.", {}},
    {"plot_failed", none, "plot.png not written ({reason}); series.csv holds the results",
     "scripts/plot_results.py failed (no python3 or matplotlib, or an error in the script). A warning: the run "
     "succeeds.",
     "Install python3-matplotlib (scripts/setup.sh), or plot series.csv yourself.", {}},
    {"plot_script_missing", none, "scripts/plot_results.py not found",
     "The plot script is not next to the binary's source tree (an installed binary without scripts/).",
     "Run from the source tree, or plot series.csv yourself.",
     "part of plot_failed's reason; the script is found through the build's source directory, which the tests "
     "cannot remove"},
    {"resuming", none, "openspins: resuming from {checkpoint}", "A note: --resume found a checkpoint of this run.",
     "Nothing to do.", {}},
    {"nothing_to_resume", none, "openspins: no checkpoint of this run at {checkpoint}; starting at t = 0",
     "A note: --resume found no checkpoint written by this run.", "Nothing to do; the run starts from the beginning.",
     {}},
    {"interrupted", signal, "openspins: interrupted by {signal}; kept the checkpoint {checkpoint} — continue with: {command}",
     "The run was stopped by Ctrl-C or SIGTERM after it had written a checkpoint; the staging directory is removed.",
     "Continue with the command printed (it adds --resume).", {}},
    {"interrupted_nothing_kept", signal,
     "openspins: interrupted by {signal}; no checkpoint had been written yet, nothing was kept — run again to start at "
     "t = 0",
     "The run was stopped by Ctrl-C or SIGTERM before its first checkpoint.", "Run again.", {}},
    {"rates_cannot_write", other, "cannot write into {directory}", "`rates --output` could not write its files.",
     "Free disk space, or choose another --output.",
     "the output directory is probed for writability before computing (output_not_writable), so only a disk that "
     "fills up while the files are written reaches it; no run file or command line can"},
    {"out_of_memory", other, "out of memory ({what})",
     "An allocation failed although the memory estimate passed: the estimate is low for this model, or other "
     "programs took the memory.",
     "Set [method] memory_limit_gib to what the machine can spare, or use fewer spins.", {}},
    {"unknown_failure", other, "unknown failure", "An exception of no known type.", "Report it with the run file.",
     "every exception the library throws derives from std::exception"},
    {"usage", input, "{CLI11's message}",
     "The command line is wrong: a missing run file, an unknown option, a value out of range. CLI11 prints the "
     "message and `--help` lists the options.",
     "Fix the command line; `openspins <command> --help`.", {}},

    // ---- library messages: spectral densities and baths (model/bath/) -----------------
    {"spectral_density_parameter", input, "spectral density: {parameter} must be {condition}",
     "A parameter of a [[bath]] spectral density out of its range (a negative alpha or amplitude, a cutoff ≤ 0, a "
     "cutoff_power or form-factor m other than 1 or 2).",
     "Give the parameter named a value in the range named; docs/config.md lists each density's parameters.", {}},
    {"spectral_density_empty_sum", input, "spectral density: a sum needs at least one part", "A `sum` without parts.",
     "List at least one part.", guarded_by_reader},
    {"spectral_density_invalid_at", input, "spectral density {density} is {negative or not finite} at ω = {omega}",
     "A spectral density whose value overflows (parameters near 1e300) or is negative at a Bohr frequency of the "
     "model.",
     "Give parameters whose product stays a finite number (alpha × cutoff, amplitude).", {}},
    {"bath_temperature_range", input, "bath temperature must be finite and ≥ 0 (T = 0 is the vacuum)",
     "A bath with a negative or non-finite temperature.", "Give temperature ≥ 0.", guarded_by_reader},
    {"schofield_needs_temperature", input, "the schofield treatment e^(βω/2) needs a temperature > 0",
     "[method] thermal = \"schofield\" with a bath at T = 0 (β is infinite).",
     "Give the bath a temperature > 0, or use thermal = \"bose\".", {}},
    {"density_nonzero_at_zero", input,
     "spectral density {density} is nonzero at ω = 0, which gives an infinite zero-frequency rate with the bose "
     "treatment; use a classical treatment (f_beta, schofield, classical)",
     "A density with J(0) > 0 (a Lorentzian, a table starting above 0) under the Bose treatment at T > 0, where "
     "γ(0) = J(0)·(1 + 2n(0)) diverges.",
     "Use [method] thermal = \"f_beta\", \"schofield\" or \"classical\", or a density with J(0) = 0.", {}},
    {"density_zero_slope_infinite", input,
     "spectral density {density} has no finite J̃(0) = lim J(ω)/ω, so its zero-frequency rate T·J̃(0) diverges",
     "A sub-ohmic density (exponent s < 1) under the Bose treatment at T > 0 with a coupling that needs the rate at "
     "ω = 0 (S^z, conserving, or degenerate levels).",
     "Use exponent ≥ 1, a classical treatment (f_beta, schofield, classical), or a coupling without a zero "
     "frequency.", {}},
    {"lamb_shift_outside_range", input, "Lamb shift at ω = {omega} outside the spectral density's range (up to {limit})",
     "lamb_shift = true with a tabulated density whose last frequency is at or below a Bohr frequency of the model: "
     "the principal-value integral needs J beyond ω.",
     "Extend the table beyond the largest Bohr frequency, or set [method] lamb_shift = false.", {}},
    {"lamb_shift_quadrature", input,
     "Lamb shift: the {part} quadrature failed ({reason}) for {density} at ω = {omega} with the {treatment} treatment; "
     "the integral may diverge (e.g. schofield's e^(βω/2) over an algebraic tail): set [method] lamb_shift = false",
     "The principal-value integral of the Lamb shift does not converge for this density and thermal treatment.",
     "Set [method] lamb_shift = false, or use a density with an exponential cutoff.", {}},
    {"lamb_shift_not_finite", input, "Lamb shift is not finite for {density} at ω = {omega}",
     "The Lamb-shift integral summed to inf or nan.", "Set [method] lamb_shift = false.",
     "not reproduced: a diverging integral makes GSL's quadrature report failure first (lamb_shift_quadrature) on "
     "every density tried"},
    {"bath_correlation_copies", input,
     "bath {name}: correlation {correlation} between {n} copies is not a valid correlation (needs κ ≥ −1/(n−1))",
     "A local bath's correlation κ below −1/(n−1) for its n coupled copies: the correlation matrix "
     "(1 − κ) I + κ 11ᵀ has a negative eigenvalue.",
     "Give correlation ≥ −1/(n−1), or couple fewer spins to the bath.", {}},
    {"table_lengths", input, "{path}: omega and J have different lengths", "A tabulated density with unpaired values.",
     "Give one J per frequency.",
     "the table reader always reads pairs; reached only by a TabulatedDensity built in code"},
    {"table_too_few", input, "{path}: a tabulated spectral density needs at least 3 points",
     "A spectral-density table with fewer than three rows.", "Give at least three rows (the spline needs them).", {}},
    {"table_negative_start", input, "{path}: the first frequency must be ≥ 0",
     "A spectral-density table starting at a negative frequency (J is given for ω ≥ 0).",
     "Start the table at ω ≥ 0.", {}},
    {"table_not_finite", input, "{path}: frequency is not finite", "An inf or nan frequency in a table.",
     "Give finite frequencies.",
     "the table reader parses numbers with iostreams, which do not read inf or nan: such a row is refused as "
     "table_row first"},
    {"table_not_ascending", input, "{path}: frequencies must be strictly ascending (row {row})",
     "A spectral-density table whose frequencies repeat or decrease.", "Sort the rows and drop duplicates.", {}},
    {"table_negative_value", input, "{path}: J must be finite and ≥ 0 (row {row})",
     "A negative J in a spectral-density table.", "Give J ≥ 0.", {}},
    {"table_range", input, "{path}: J({omega}) is needed but the table covers [{low}, {high}]",
     "The model has a Bohr frequency beyond the table's last frequency.",
     "Extend the table to cover every Bohr frequency of the model.", {}},
    {"table_cannot_open", input, "{path}: cannot open the spectral-density table",
     "The table named by `path` exists but cannot be read.", "Fix its permissions, or name a regular file.", {}},
    {"table_row", input, "{path}:{line}: expected two numbers: omega,J",
     "A row of a spectral-density table that is not two numbers (only the first row may be a header).",
     "Write each row as `omega,J`.", {}},

    // ---- library messages: model builders and the methods' own checks -----------------
    {"rates_per_spin", input, "channel {kind}: one rate per spin needed",
     "A local channel with a rate list of the wrong length.", "Give one rate per selected spin.", guarded_by_reader},
    {"thermal_state_temperature", input, "thermal initial state needs a temperature > 0",
     "A thermal initial state at T ≤ 0.", "Give temperature > 0.", guarded_by_reader},
    {"mixture_empty", input, "mixture initial state has no components", "A mixture without components.",
     "Add [[initial.component]] tables.", guarded_by_reader},
    {"mixture_weight_count", input, "mixture initial state needs one weight per component",
     "A mixture whose weights and components differ in number.", "Give each component its weight.",
     guarded_by_reader},
    {"mixture_weight_negative", input, "mixture initial state has weight {weight} (must be ≥ 0)",
     "A negative mixture weight.", "Give weights ≥ 0.", guarded_by_reader},
    {"operator_beyond_spins", input, "{what} acts on spin {spin} but N = {n}",
     "A term, channel, observable or coupling on a spin index ≥ N.", "Use spin indices below N.",
     guarded_by_reader},
    {"channel_rate_negative", input, "channel {name} has rate {rate} (must be ≥ 0)",
     "A channel with a negative or non-finite rate.", "Give rates ≥ 0.", guarded_by_reader},
    {"source_not_traceless", input, "source {name} is not traceless (it would change Tr ρ)",
     "A source term with a non-zero trace.", "Give a traceless source.",
     "no run-file key defines a source; the redfield method's abragam and hubbard sources are traceless by "
     "construction"},
    {"source_needs_temperature", input, "source {name} relaxes toward a thermal state but has no temperature > 0",
     "A relaxing source without a temperature.", "Give the source a temperature > 0.",
     "no run-file key defines a source; the redfield method refuses T = 0 first (inhomogeneous_needs_temperature)"},
    {"energy_needs_zeeman", input, "{name} needs a uniform Zeeman term (H_Z = ±ω Jz) as the energy",
     "An energy observable (energy, ergotropy) with method \"dicke\" and no uniform Zeeman term (frequency 0 or "
     "zeeman = \"none\").",
     "Give [spins] frequency ≠ 0 with [hamiltonian] zeeman = \"+\" or \"-\", or drop the observable.", {}},
    {"inhomogeneous_one_temperature", input, "the abragam and hubbard treatments need one temperature for every bath",
     "thermal = \"abragam\" or \"hubbard\" with baths at different temperatures: the inhomogeneous term is the "
     "first-order expansion about one β.",
     "Give every [[bath]] the same temperature, or use thermal = \"bose\".", {}},
    {"inhomogeneous_needs_temperature", input, "the abragam and hubbard treatments need a temperature > 0",
     "thermal = \"abragam\" or \"hubbard\" with baths at T = 0 (the expansion in β diverges).",
     "Give the baths a temperature > 0, or use thermal = \"bose\".", {}},

    // ---- library messages: generator spectra (`openspins rates`, method/redfield, method/dicke) ----
    {"rotating_not_commuting", input,
     "--solver rotating needs a generator that commutes with its one-body Zeeman part (a secular generator, diagonal "
     "interactions); use arnoldi or propagator",
     "`openspins rates --solver rotating` on a generator that mixes the Zeeman frame (Bloch–Redfield, drives).",
     "Use --solver arnoldi, propagator or auto.", {}},
    {"shift_invert_one_block", input,
     "--solver shift-invert is for generators that do not conserve coherence order (one block); this one does: use "
     "auto, rotating, arnoldi or propagator",
     "`openspins rates --solver shift-invert` on a generator that splits into coherence-order blocks.",
     "Use --solver auto (it picks per block).", {}},
    {"shift_invert_spins", input,
     "openspins rates: the shift-invert eigensolver for generators that do not conserve coherence order "
     "(Bloch–Redfield, drives) stops at N = {maximum}; this model has N = {n} — the secular generator (davies) gives "
     "its rates at larger N, or --solver arnoldi tries (it may not converge)",
     "The sparse LU of the shift-invert solver grows beyond memory for larger N.",
     "Use generator = \"davies\", fewer spins, or --solver arnoldi.", {}},
    {"bohr_block_spins", input, "the Bohr-block spectrum is for N ≤ {maximum} (this model has {n})",
     "A generator in the eigenbasis of H_S beyond its size limit.", "Use fewer spins.",
     "the redfield method refuses the eigenbasis of H_S beyond N = 8 first (redfield_eigenbasis_limit)"},
    {"bohr_block_too_large", input,
     "openspins rates: this generator links more than {maximum} elements of ρ into one block (the most that are "
     "diagonalised densely); a secular generator splits by Bohr frequency — a narrower secular_window or generator "
     "= \"davies\" gives smaller blocks",
     "`openspins rates` on a generator in the eigenbasis of H_S whose degenerate Bohr frequencies (or a wide "
     "secular_window) join more elements of ρ than a dense solve takes.",
     "Narrow secular_window, use generator = \"davies\", or lift degeneracies (different frequencies).", {}},
    {"all_modes_dense_limit", input,
     "every generator eigenvalue is computed densely for coherence-order blocks of up to {dense_limit} reals or "
     "Bohr-frequency blocks of up to {bohr_limit} elements; this model has larger ones (use the slowest modes: "
     "generator_spectrum)",
     "redfield::generator_modes on a generator too large to diagonalise densely.",
     "Use generator_spectrum, which computes the slowest modes iteratively.",
     "generator_modes is a library function (tests, the API); `openspins rates` computes the slowest modes "
     "instead"},
    {"rate_split_spins", input, "the double-commutator / thermal split is computed densely for N ≤ {maximum} (this "
     "model has N = {n})",
     "split_rate_of_change on a model too large for its dense 4^N generator.", "Use fewer spins.",
     "split_rate_of_change is a library function (tests, the API); no command calls it"},
    {"rate_split_inhomogeneous", input,
     "the double-commutator / thermal split needs a thermal treatment of the rates, not thermal = {thermal}",
     "split_rate_of_change with thermal = \"abragam\" or \"hubbard\".", "Use a thermal treatment of the rates.",
     "split_rate_of_change is a library function (tests, the API); no command calls it"},
    {"rate_split_scaled", input, "the double-commutator / thermal split takes one unscaled evolution (step {step})",
     "split_rate_of_change on a protocol with pulses or scale factors.", "Use a protocol of one unscaled evolve step.",
     "split_rate_of_change is a library function (tests, the API); no command calls it"},
    {"dicke_spectrum_too_large", input,
     "generator eigenvalues in the Dicke basis: H is not diagonal in m, so every order is one block of the full "
     "storage, {size} complex numbers for N = {n} (more than {maximum})",
     "`openspins rates` with the dicke method on a driven model (H not diagonal in m) at large N: every coherence "
     "order is one dense block.",
     "Use fewer spins, or drop the drive to split the generator by coherence order.", {}},
    {"eigensolver_failed", numerical, "generator eigenvalues: {routine} failed ({detail})",
     "An eigensolver of `openspins rates` (Eigen's dense QR iterations, ARPACK) stopped without convergence.",
     "Report it with the run file; try another --solver or a larger --dense-limit.",
     "not reproduced: Eigen and ARPACK converged on every generator the tests and the reproducers build"},
    {"sparse_lu_failed", numerical, "{solver}: the sparse LU of {matrix} failed (the shift is an eigenvalue?)",
     "The shifted generator was singular to working precision: the shift landed on an eigenvalue.",
     "Report it with the run file; try another --solver.",
     "not reproduced: the shift is placed off the computed spectrum, so it is an eigenvalue only by accident"},
    {"propagator_no_decay", input,
     "propagator eigensolver: the block's mean decay rate {rate} is not positive: without dissipation there is "
     "nothing for e^(Lτ) to propagate out; use --solver arnoldi, or a --dense-limit above the block's size",
     "--solver propagator on a generator without dissipation (a Hamiltonian and no channels or baths): its "
     "eigenvalues all lie on the imaginary axis, the automatic τ = 30 / (mean decay rate) is infinite, and e^(Lτ) "
     "cannot tell the slowest modes apart.",
     "Use --solver arnoldi (or auto), or raise --dense-limit so the block is diagonalised densely; the rates of a "
     "model without dissipation are all 0.", {}},
    {"propagator_tau_too_long", input,
     "propagator eigensolver: τ = {tau} spans {products} of the generator's fastest timescales (fastest rate about "
     "{fastest}); more than {maximum} would not finish — use --solver arnoldi or shift-invert, a larger "
     "--dense-limit, or a shorter --tau",
     "--solver propagator on a generator whose decay is far slower than its frequencies (weak dissipation beside "
     "strong fields), or a --tau far beyond the slowest decay: every application of e^(Lτ) integrates over τ in "
     "steps of about 1 / (fastest rate).",
     "Use --solver arnoldi or shift-invert, a --dense-limit above the block's size, or a --tau of a few times the "
     "slowest decay time.", {}},
    {"propagator_tau", input, "propagator eigensolver: tau must be positive", "A propagation time τ ≤ 0.",
     "Give --tau > 0 (or 0 for the automatic choice).",
     "the CLI checks --tau ≥ 0 and replaces 0 by 30 / the mean decay rate, which is > 0 (propagator_no_decay)"},
    {"propagator_vanished", numerical, "propagator eigensolver: the propagated vector vanished",
     "e^{Lτ} underflowed a random vector to 0: τ is far longer than the slowest decay.",
     "Give a shorter --tau.",
     "not reproduced: τ is 30 / the mean decay rate by default, and each pass propagates over τ/4 and "
     "renormalises"},

    // ---- the analytic, cavity, cumulant and heom methods' own checks (issue 18) -----------
    {"analytic_inhomogeneous_thermal", input,
     "thermal = {treatment} is a master-equation form; the analytic method takes bose, f_beta, schofield or "
     "classical",
     "[method] thermal = \"abragam\" or \"hubbard\" with method \"analytic\": both add an inhomogeneous term to a "
     "master equation, which the closed-form pure-dephasing solution has no place for.",
     "Use thermal = \"bose\", \"f_beta\", \"schofield\" or \"classical\", or method \"redfield\".",
     guarded_by_reader},
    {"analytic_pulse_not_flip", input,
     "the pulse at t = {t}{label} is not a π rotation about an axis in the xy plane; only such flips keep the "
     "pure-dephasing solution exact element by element — use [method] name = \"redfield\"",
     "Method \"analytic\" with a pulse of another angle (π/2) or about an axis out of the xy plane: it mixes "
     "populations and coherences, which the element-wise closed form cannot follow.",
     "Use only π pulses about x, y or an axis in the xy plane, or method \"redfield\" or \"exact\".", {}},
    {"analytic_quadrature_failed", numerical,
     "analytic decoherence function: the quadrature of {integral} ({rule} on [{a}, {b}]) at t = {t} failed ({reason}) "
     "for the bath {density} at T = {temperature} with the {treatment} treatment",
     "GSL's adaptive quadrature of the decoherence function G(t) stopped without reaching its tolerance (a "
     "spectral density with a singular or very slowly decaying part).",
     "Try another spectral density or thermal treatment, or compare with method \"redfield\"; report the run file.",
     "not reproduced: GSL's QAG/QAWF converged for every spectral density of the tests and the reproducers"},
    {"decoherence_time_invalid", input, "decoherence function at t = {t} (the time must be finite and ≥ 0)",
     "The decoherence function G(t) asked for at a negative or non-finite time.", "Ask for times t ≥ 0.",
     "a library function (method/analytic/decoherence_function.hpp); the analytic method evaluates it at output "
     "times, which the reader makes finite and ≥ 0"},
    {"seed004_not_square", input, "seed 004 model: {matrix} must be a non-empty square matrix",
     "A one-particle operator of the seed-004 model that is empty or not square.", "Give a d × d matrix, d ≥ 1.",
     seed004_library},
    {"seed004_not_finite", input, "seed 004 model: {matrix} has a non-finite entry",
     "An inf or nan entry in a one-particle operator of the seed-004 model.", "Give finite entries.", seed004_library},
    {"seed004_not_hermitian", input, "seed 004 model: {matrix} is not Hermitian",
     "A one-particle operator of the seed-004 model with X† ≠ X beyond 1e-12 relative.", "Give Hermitian matrices.",
     seed004_library},
    {"seed004_dimensions", input, "seed 004 model: h, G and mu_S must have the same dimension",
     "The one-particle Hamiltonian, the interaction operator and the initial state differ in size.",
     "Give all three as d × d matrices of one d.", seed004_library},
    {"seed004_trace", input, "seed 004 model: mu_S must have trace 1", "The particles' initial state is not normalised.",
     "Normalise mu_S.", seed004_library},
    {"seed004_not_positive", input, "seed 004 model: mu_S is not positive",
     "The particles' initial state has an eigenvalue below −1e-12.", "Give a positive semi-definite mu_S.",
     seed004_library},
    {"seed004_mode_frequency", input, "seed 004 model: the mode frequency must be > 0",
     "The bosonic mode's frequency ω is zero, negative or not finite.", "Give ω > 0.", seed004_library},
    {"seed004_parameters_finite", input, "seed 004 model: lambda, g and alpha must be finite",
     "An inf or nan coupling λ, form factor g or coherent amplitude α.", "Give finite values.", seed004_library},
    {"seed004_not_energy_conserving", input,
     "seed 004 (1.25)/(2.18) need an energy-conserving model: G must commute with h",
     "A closed form of seed 004 that holds only when [G, h] = 0, asked for a model where it does not.",
     "Use the second-order formula (2.9), or a G that commutes with h.", seed004_library},
    {"seed004_odd_moment", input, "seed 004 (1.25) needs mu_S(G) = 0 (the vanishing odd moment condition A0)",
     "The single-oscillator picture (1.25) asked for an initial state with ⟨G⟩ ≠ 0.",
     "Give an initial state with ⟨G⟩ = 0 (condition A0).", seed004_library},
    {"seed004_fock_quadrature", numerical, "seed 004 (1.25): the Fock-distribution quadrature did not converge",
     "GSL's adaptive quadrature of the photon-number distribution stopped short of its tolerance (very large "
     "displacements).",
     "Ask for fewer Fock levels or earlier times; report the parameters.", seed004_library},
    {"seed004_finite_n_count", input, "seed 004 finite-N energy-conserving model needs N ≥ 1",
     "The finite-N model asked for with no particles.", "Give N ≥ 1.", seed004_library},
    {"seed004_finite_n_too_large", input,
     "seed 004 finite-N energy-conserving model: {count} eigenvalue configurations (N = {n}, d = {d}); at most "
     "{maximum} are summed",
     "The finite-N sum runs over all compositions of N into d eigenvalues of G, C(N + d − 1, d − 1) of them.",
     "Use fewer particles or a one-particle space of lower dimension.", seed004_library},
    {"seed004_observable_dimension", input,
     "seed 004 ({equation}): the observable must be a one-particle operator of h's dimension",
     "The observable A is not a d × d matrix for the model's d.", "Give A with h's dimension.", seed004_library},
    {"seed004_needs_vacuum", input,
     "seed 004 (2.9) is for the mode in the vacuum; this model starts in a coherent state",
     "The second-order excitation formula (2.9) asked for a model with α ≠ 0.",
     "Set alpha = 0, or use the energy-conserving formulas (1.25)/(2.18).", seed004_library},
    {"cavity_parameter", input, "cavity.{key} must be {condition}",
     "A cavity parameter out of its range (n_max < 1, a negative loss, a non-finite coupling or detuning, a "
     "top_level_threshold outside (0, 1)).",
     "Give the parameter a value in the range named.", guarded_by_reader},
    {"cumulant_unphysical", none,
     "the closure left the physical bounds: first at t = {t} ({what}), largest excess {excess}; the truncation is "
     "not valid here (compare a lower/higher order or method \"dicke\")",
     "The truncated cumulant equations produced moments no state has (a Bloch vector longer than 1, ⟨J²⟩ or "
     "⟨J⁺J⁻⟩ out of range; with a mode ⟨a†a⟩ < |⟨a⟩|² or a negative Var x). A warning: the results are written.",
     "Compare with another [method] order, or with method \"dicke\" (exact for permutation-symmetric models).", {}},
    {"cumulant_order_range", input, "cumulant order {order} (must be 1, 2 or 3)",
     "A closure order the cumulant method does not implement.", "Give [method] order = 1, 2 or 3.",
     guarded_by_reader},
    {"heom_expansion_terms", input, "the number of expansion terms must be ≥ 0 (found {terms})",
     "A negative number of Matsubara or Padé terms.", "Give [method] terms ≥ 0.", guarded_by_reader},
    {"heom_expansion_temperature", input, "the {expansion} expansion needs a temperature > 0",
     "A bath correlation function expanded at T = 0 or a non-finite temperature.", "Give the bath a temperature > 0.",
     "the heom method refuses a bath at T = 0 first (heom_zero_temperature); reached only by the library's "
     "expansion functions called directly"},
    {"heom_cutoff_on_pole", input,
     "the Drude–Lorentz cutoff {cutoff} coincides with the expansion frequency {frequency} at T = {temperature}, a "
     "pole of the correlation's expansion; shift the cutoff or the temperature slightly",
     "A Drude–Lorentz bath whose cutoff ω_D equals a Matsubara frequency 2πkT (cot(βω_D/2) is infinite) or a Padé "
     "frequency of the expansion: a term of the correlation function divides by zero.",
     "Change the cutoff or the temperature by a small amount (the result is continuous there).", {}},
    {"heom_not_underdamped", input,
     "the underdamped expansion needs ω_0 > Γ/2 (an underdamped mode); this bath has ω_0 = {frequency}, Γ = "
     "{damping}",
     "An underdamped Brownian bath whose damping is at least twice its frequency: its correlation function is not "
     "a pair of damped oscillations.",
     "Give frequency > damping / 2.", {}},
    // ---- parameter sweeps (openspins sweep, src/openspins/sweep/, docs/sweeps.md) -----------
    {"sweep_bad_key", input, "{key} is not a key path of the run file (write it as for --set, e.g. channel[1].rate)",
     "An axis's `key` is not a path such as `spins.count`, `channel[1].rate` or `protocol.step[2].duration`.",
     "Write the key as a dotted path with [index] for array entries.", {}},
    {"sweep_mixed_values", input,
     "the values of an axis must be all numbers, all strings, all booleans or all arrays of numbers",
     "An axis's `values` list mixes kinds (a number and a string, a number and an array), holds a table, or an "
     "array value holds something other than numbers.",
     "Give one kind of value per axis; sweep two keys with two axes.", {}},
    {"sweep_zip_lengths", input, "zipped axes must have equally many values ({lengths})",
     "mode = \"zip\" pairs the k-th values of every axis, so every axis needs the same number of values.",
     "Give every axis the same number of values, or use mode = \"grid\" for the Cartesian product.", {}},
    {"sweep_duplicate_axis", input, "{name} is already swept by {first}",
     "Two axes set the same run-file key, or share a dimension name.", "Remove one, or rename it with `name`.", {}},
    {"sweep_at_point", input, "{error} (at point {index} of {count}: {values})",
     "`openspins check` or `sweep` found a sweep point whose run file is invalid: the error names the point (its "
     "index, counted from 0, and axis values) and the key — an axis of the sweep file, or a key of the base run file.",
     "Change the axis values or the base run file; `openspins check sweep.toml` lists every invalid point.", {}},
    {"sweep_points_invalid", input, "{invalid} of {count} sweep points are invalid; nothing was run",
     "Every point is checked before any runs; some were invalid (listed above).", "Fix the errors listed above.", {}},
    {"sweep_point_failed", none, "point {index} ({values}) failed: {error}",
     "A sweep point's computation failed (an integrator failure, a memory shortage, an exception). A warning: the "
     "sweep goes on, and the point's status and error are recorded in the results file.",
     "Look at the error; run the point alone with `openspins run base.toml --set key=value` to investigate.", {}},
    {"sweep_points_failed", numerical, "{failed} of {count} sweep points failed (status and error per point in {file})",
     "Some points failed; the others' results are written. The exit status is 3.",
     "See the warnings above or the `status`/`error` variables of the results file.", {}},
    {"sweep_output_exists", input,
     "'{file}' already exists (use --force to replace it, or --resume to finish an interrupted sweep)",
     "A sweep would overwrite an earlier results file.", "Pass --force, or change [sweep] output / --output.", {}},
    {"sweep_records_foreign", input,
     "{records} holds the points of another sweep (the sweep file or its run file changed); remove it or start "
     "without --resume",
     "--resume found completion records written for a different sweep file or base run file.",
     "Remove the records directory (its points are recomputed), or restore the files it was made from.", {}},
    {"sweep_resuming", none, "openspins: resuming the sweep: {done} of {count} points already computed",
     "A note: --resume found completion records of this sweep; only the missing points are computed.",
     "Nothing to do.", {}},
    {"sweep_interrupted", signal,
     "openspins: interrupted by {signal}; {done} of {count} points are kept in {records} — continue with: {command}",
     "The sweep was stopped by Ctrl-C or SIGTERM; every finished point is kept as a completion record.",
     "Continue with the command printed (it adds --resume).", {}},
    {"sweep_worker_failed", other, "sweep workers: {what}",
     "A --jobs worker process could not be started or ended without answering (killed from outside, out of "
     "memory), or the pipes to it failed. The finished points are kept as records.",
     "Resume with --resume; the missing points are computed again.",
     "reached only when the system refuses a pipe, fork or poll, or a worker process is killed from outside; no run "
     "file reaches it and the reproducer harness cannot name a worker's pid"},
    {"sweep_record_damaged", other, "damaged sweep point record ({what})",
     "A completion record or a worker's message could not be decoded.",
     "Nothing: a damaged record is recomputed on --resume.",
     "records are written under a temporary name and renamed, and worker messages arrive whole; a damaged record "
     "found by --resume is recomputed without a message"},
    {"sweep_duplicate_result", input, "{name} is already a result name of {first}",
     "A [[fit]] would write a variable (its name, <name>_error, …) that an axis or another fit already writes.",
     "Give the fit another `name`.", {}},
    {"sweep_fit_window", input, "the fit window is empty (from = {from}, to = {to}): from must be below to",
     "A [[fit]]'s `from` is not below its `to`.", "Give from < to (times in the run's units), or leave both out.",
     {}},
    {"sweep_fit_failed", none, "point {index} ({values}): fit {name} failed: {why}; its value is NaN",
     "A warning: the fit of a point's series did not succeed (the observable is missing or constant, too few samples "
     "in the window, no oscillation for damped_cosine, or the least-squares iteration did not converge). The point's "
     "observables are kept; the fitted value and its error are NaN.",
     "Look at the point's series; narrow the window (from/to), give a frequency seed, or choose another model.", {}},
    {"sweep_point_range", input,
     "--point-range {range}: write it as a:b with 0 ≤ a < b (points a … b−1; this sweep has {count})",
     "--point-range selects the points one job of a job array computes; it must be two integers a:b with a < b and "
     "a below the number of points (b may pass the end).",
     "Give e.g. --point-range 0:100; the SLURM script in docs/sweeps.md computes a and b from the array task id.",
     {}},
    {"sweep_part_written", none, "openspins: wrote {file} (points {first} to {last} of {count})",
     "A note: a --point-range job wrote its partial results file; `openspins sweep merge` gathers the parts.",
     "Nothing to do.", {}},
    {"sweep_merge_not_partial", input,
     "{file} is not a partial sweep file (one written by openspins sweep --point-range)",
     "`openspins sweep merge` was given a file that is not a part of a job-array sweep.",
     "Pass the .part-A-B.h5 files the --point-range jobs wrote (or none: they are found beside the output).", {}},
    {"sweep_merge_foreign", input,
     "{file} holds the points of another sweep (the sweep file or its run file changed since it was written)",
     "A partial results file was written for a different sweep file or base run file than the one merged.",
     "Merge with the sweep file the parts were computed from, or recompute that part.", {}},
    {"sweep_merge_no_parts", input, "no partial results files {file}",
     "`openspins sweep merge` found no .part-A-B.h5 files beside the sweep's output.",
     "Run the --point-range jobs first, or name the part files on the command line.", {}},
    {"sweep_merge_missing", input,
     "{missing} of {count} points are in none of the parts (the first: {points}); compute them with --point-range",
     "The partial files do not cover every point (a job of the array failed or was not run).",
     "Run `openspins sweep sweep.toml --point-range a:b` for the missing points, then merge again.", {}},
    {"hdf5_failed", other, "cannot write the HDF5 file {file}: {detail}",
     "The HDF5 library refused to create or write the results file (the disk filled up, the folder was removed).",
     "Free disk space and resume the sweep (--resume: finished points are kept).",
     "the output folder is probed for writability before computing (output_not_writable), so only a disk that "
     "fills up while the file is written reaches it"},

    // ---- library messages: writing files, signals, warnings --------------------------------
    {"file_write_failed", other, "cannot write {file}",
     "Writing a result file (series.csv, metadata.json, a state file) failed: the disk filled up or the folder "
     "was removed while the run was computing.",
     "Free disk space and run again (or resume from the checkpoint).",
     "the results directory is probed for writability before computing (output_not_writable), so only a disk that "
     "fills up while the files are written reaches it"},
    {"interrupted_by", signal, "interrupted by {signal}",
     "A computation stopped by Ctrl-C or SIGTERM outside `openspins run`'s checkpointing.", "Run again.",
     "only `openspins run` installs the signal handler, and it reports interruptions as interrupted or "
     "interrupted_nothing_kept"},
    {"redfield_not_positive", none,
     "ρ left the positive cone: smallest eigenvalue {lowest} at t = {t} (the generator is not completely positive; "
     "use generator = \"davies\" or weaker coupling)",
     "A Bloch–Redfield or partial-secular generator at strong coupling is not completely positive: ρ acquired a "
     "negative eigenvalue beyond the tolerance. A warning: the results are written.",
     "Use generator = \"davies\", or weaker coupling.", {}},
    {"blocks_not_converged", none, "some blocks did not converge to the tolerance (their residuals are listed)",
     "`openspins rates`: an iterative eigensolver stopped with residuals above its tolerance. A warning: the table "
     "is printed with NOT CONVERGED marks.",
     "Raise --modes, use --solver propagator or shift-invert, or a larger --dense-limit.",
     "not reproduced: every block of the reproducers and of the rates tests converges; no run file that makes "
     "Arnoldi stall is known"},
});

}  // namespace

std::span<const MessageEntry> message_table() { return table; }

const MessageEntry& message_entry(std::string_view id) {
    for (const auto& entry : table)
        if (entry.id == id) return entry;
    throw std::logic_error("no message with id '" + std::string(id) + "'");
}

std::string format_message(std::string_view id, std::initializer_list<std::string_view> args) {
    const std::string_view text = message_entry(id).text;
    std::string out;
    auto next = args.begin();
    std::size_t k = 0;
    while (k < text.size()) {
        const std::size_t open = text.find('{', k);
        const std::size_t close = open == std::string_view::npos ? open : text.find('}', open);
        if (close == std::string_view::npos) {
            out += text.substr(k);
            break;
        }
        out += text.substr(k, open - k);
        if (next == args.end()) throw std::logic_error("message '" + std::string(id) + "': too few arguments");
        out += *next++;
        k = close + 1;
    }
    if (next != args.end()) throw std::logic_error("message '" + std::string(id) + "': too many arguments");
    return out;
}

}  // namespace openspins::messages
