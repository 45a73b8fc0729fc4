#include "run_binding.hpp"

#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>

#include "interrupt_guard.hpp"
#include "openspins/config/config_reader.hpp"
#include "openspins/config/validated_method.hpp"
#include "openspins/interrupt.hpp"
#include "openspins/method/method.hpp"
#include "openspins/method/rates.hpp"
#include "openspins/result/metadata.hpp"

namespace openspins::python {

namespace py = pybind11;

namespace {

bool in_main_thread() {
    const py::module_ threading = py::module_::import("threading");
    return threading.attr("current_thread")().is(threading.attr("main_thread")());
}

RunFile load(const std::string& text, const std::string& source_name, const std::vector<std::string>& overrides) {
    return load_run_toml(text, source_name, parse_run_overrides(overrides));
}

py::array_t<double> vector_array(const std::vector<double>& v) { return py::array_t<double>(v.size(), v.data()); }

py::object density_blocks(const std::optional<DensityBlocks>& state) {
    if (!state) return py::none();
    py::list blocks;
    for (const auto& b : state->blocks) blocks.append(py::cast(b));  // copies into a C-order complex128 array
    py::dict out;
    out["spins"] = state->spins;
    out["two_j"] = state->two_j;
    out["blocks"] = blocks;
    return out;
}

py::dict statistics(const RunStatistics& s) {
    py::dict out;
    out["rhs_evaluations"] = s.rhs_evaluations;
    out["steps"] = s.steps;
    out["failed_steps"] = s.failed_steps;
    out["wall_seconds"] = s.wall_seconds;
    out["state_size"] = s.state_size;
    out["peak_memory_estimate_bytes"] = s.peak_memory_estimate;
    out["storage"] = s.storage;
    return out;
}

// Interrupted → KeyboardInterrupt; everything else goes to the module's translator.
[[noreturn]] void raise_keyboard_interrupt() {
    PyErr_SetNone(PyExc_KeyboardInterrupt);
    throw py::error_already_set();
}

}  // namespace

py::dict run(const std::string& text, const std::string& source_name, const std::vector<std::string>& overrides,
             const py::object& progress, const std::string& command_line) {
    const auto started = std::chrono::system_clock::now();
    const auto clock_start = std::chrono::steady_clock::now();
    const RunFile file = load(text, source_name, overrides);
    const auto method = make_validated_method(file);

    RunControl control;
    // A Python exception raised by the progress callback stops the run and is re-raised.
    std::optional<py::error_already_set> callback_error;
    auto last_call = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    if (!progress.is_none())
        control.progress = [&](double fraction) {
            const auto now = std::chrono::steady_clock::now();
            if (fraction < 1.0 && now - last_call < std::chrono::milliseconds(100)) return;
            last_call = now;
            const py::gil_scoped_acquire gil;
            try {
                progress(fraction);
            } catch (py::error_already_set& e) {
                if (!callback_error) callback_error.emplace(std::move(e));
                request_interrupt(SIGINT);
            }
        };

    RunResult result;
    bool interrupted = false;
    {
        const InterruptGuard guard(in_main_thread());
        const py::gil_scoped_release release;
        try {
            result = method->run(file.spec, control);
        } catch (const Interrupted&) {
            interrupted = true;
        }
    }
    if (callback_error) throw std::move(*callback_error);
    if (interrupted) raise_keyboard_interrupt();

    RunRecord record;
    record.title = file.title;
    record.config_path = source_name;
    record.config = file.config;
    record.output = {{"directory", nullptr},
                     {"plot", false},
                     {"plot_columns", file.output.plot_columns},
                     {"final_state", file.spec.keep_final_state},
                     {"steady_state_density", file.spec.keep_steady_state_density}};
    record.command_line = command_line;
    record.started = started;
    record.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
    record.extra_libraries = {{"pybind11", std::to_string(PYBIND11_VERSION_MAJOR) + "." +
                                               std::to_string(PYBIND11_VERSION_MINOR) + "." +
                                               std::to_string(PYBIND11_VERSION_PATCH)},
                              {"python", std::to_string(PY_MAJOR_VERSION) + "." + std::to_string(PY_MINOR_VERSION) +
                                             "." + std::to_string(PY_MICRO_VERSION)}};
    nlohmann::json metadata = build_metadata(file.spec, result, record);
    metadata["overrides"] = nlohmann::json::array();
    for (const auto& o : file.overrides) metadata["overrides"].push_back(override_text(o));

    const TimeSeries& s = result.series;
    py::array_t<double> values({s.rows(), s.columns.size()});
    auto v = values.mutable_unchecked<2>();
    for (std::size_t r = 0; r < s.rows(); ++r)
        for (std::size_t c = 0; c < s.columns.size(); ++c) v(r, c) = s.values[r][c];

    py::dict out;
    out["method"] = result.method;
    out["columns"] = s.columns;
    out["time"] = vector_array(s.time);
    out["step"] = py::array_t<int>(s.step.size(), s.step.data());
    out["values"] = values;
    out["steady_state"] = result.steady_state ? py::object(vector_array(*result.steady_state)) : py::none();
    out["final_state"] = density_blocks(result.final_state);
    out["steady_state_density"] = density_blocks(result.steady_state_density);
    out["statistics"] = statistics(result.stats);
    out["notes"] = result.notes;
    out["metadata"] = metadata.dump();
    return out;
}

py::dict check(const std::string& text, const std::string& source_name, const std::vector<std::string>& overrides) {
    const RunFile file = load(text, source_name, overrides);
    const auto method = make_validated_method(file);
    const IntegratorChoice choice = method->integrator_choice(file.spec);
    py::dict out;
    out["method"] = method->name();
    out["spins"] = file.spec.model.spins.size();
    out["memory_estimate_bytes"] = method->memory_estimate(file.spec);
    out["storage"] = method->storage_description(file.spec);
    out["integrator"] = choice.name;
    out["output_times"] = file.spec.output_times.size();
    out["protocol_steps"] = file.spec.protocol.steps.size();
    return out;
}

py::dict rates(const std::string& text, const std::string& source_name, const std::vector<std::string>& overrides,
               int modes, std::size_t dense_limit, int max_order, const std::string& solver, double tau) {
    const RunFile file = load(text, source_name, overrides);
    make_validated_method(file);  // the same size and memory refusals as run and check
    RatesRequest request;
    request.spectrum.modes = modes;
    request.spectrum.dense_limit = dense_limit;
    request.spectrum.solver = solver;
    request.spectrum.tau = tau;
    request.max_order = max_order;
    RatesTable table;
    bool interrupted = false;
    {
        const InterruptGuard guard(in_main_thread());
        const py::gil_scoped_release release;
        try {
            table = compute_rates(file.spec, request);
        } catch (const Interrupted&) {
            interrupted = true;
        }
    }
    if (interrupted) raise_keyboard_interrupt();

    const auto& m = table.spectrum.modes;
    std::vector<double> rate, frequency, weight, residual;
    std::vector<int> order;
    std::vector<std::string> block, label;
    for (const auto& mode : m) {
        rate.push_back(0.0 - mode.eigenvalue.real());
        frequency.push_back(mode.eigenvalue.imag());
        order.push_back(mode.coherence_order);
        weight.push_back(mode.population_weight);
        residual.push_back(mode.residual);
        block.push_back(mode.block);
        label.push_back(mode.label);
    }
    py::dict modes_out;
    modes_out["rate"] = vector_array(rate);
    modes_out["frequency"] = vector_array(frequency);
    modes_out["coherence_order"] = py::array_t<int>(order.size(), order.data());
    modes_out["population_weight"] = vector_array(weight);
    modes_out["residual"] = vector_array(residual);
    modes_out["block"] = block;
    modes_out["label"] = label;

    py::list blocks;
    for (const auto& b : table.spectrum.blocks) {
        py::dict d;
        d["name"] = b.name;
        d["reals"] = b.dimension;
        d["solver"] = b.solver;
        d["found"] = b.found;
        d["converged"] = b.converged;
        d["products"] = b.products;
        d["propagations"] = b.propagations;
        d["seconds"] = b.seconds;
        d["max_residual"] = b.max_residual;
        blocks.append(d);
    }
    py::list single;
    for (const auto& r : table.single) {
        py::dict d;
        d["spin"] = r.spin < 0 ? py::object(py::str("all")) : py::object(py::int_(r.spin));
        d["omega"] = r.omega;
        d["rate_t1"] = r.t1;
        d["rate_t2"] = r.t2;
        d["pure_dephasing_rate"] = r.pure_dephasing;
        single.append(d);
    }
    py::list resonance;
    for (const auto& a : table.analytic) {
        py::dict d;
        d["quantity"] = a.label;
        d["equation"] = a.equation;
        d["value"] = a.value;
        d["predicted_eigenvalue"] = a.eigenvalue ? py::cast(*a.eigenvalue) : py::none();
        resonance.append(d);
    }
    py::dict out;
    out["method"] = file.spec.method;
    out["modes"] = modes_out;
    out["blocks"] = blocks;
    out["single_spin"] = single;
    out["resonance"] = resonance;
    out["notes"] = table.notes;
    out["total_dimension"] = table.spectrum.total_dimension;
    out["complete"] = table.spectrum.complete();
    return out;
}

}  // namespace openspins::python
