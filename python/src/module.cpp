// openspins._core: the compiled half of the Python module (python/openspins/ is the other).
// It converts types and nothing else; the physics is in the library. Exceptions map as the
// CLI's exit statuses do (errors.hpp): ModelError (bad input, exit 2) → ValueError carrying
// the CLI's message verbatim ("file:line: key: what", or "--set key: what"); NumericalError
// (exit 3) → RuntimeError; Interrupted → KeyboardInterrupt (run_binding.cpp).
#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "openspins/config/run_overrides.hpp"
#include "openspins/errors.hpp"
#include "openspins/interrupt.hpp"
#include "openspins/method/method.hpp"
#include "openspins/model/dicke_state_file.hpp"
#include "openspins/version.hpp"
#include "run_binding.hpp"
#include "toml_python.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
    m.doc() = "openspins' C++ library: run files in, results out (see the openspins package)";
    m.attr("version") = openspins::version;
    m.attr("git_revision") = openspins::git_revision;

    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const openspins::ModelError& e) {
            PyErr_SetString(PyExc_ValueError, e.what());
        } catch (const openspins::NumericalError& e) {
            PyErr_SetString(PyExc_RuntimeError, e.what());
        } catch (const openspins::Interrupted&) {
            PyErr_SetNone(PyExc_KeyboardInterrupt);
        }
    });

    m.def("method_names", &openspins::method_names, "Names of the registered methods");
    m.def(
        "parse_toml",
        [](const std::string& text, const std::string& source_name) {
            return openspins::python::toml_to_python(text, source_name);
        },
        py::arg("text"), py::arg("source_name"), "TOML text → dict (keys in file order), with the CLI's parser");
    m.def(
        "split_key_path",
        [](const std::string& path) {
            py::list parts;
            for (const auto& step : openspins::parse_key_path(path, path)) {
                if (step.is_index)
                    parts.append(py::int_(step.index));
                else
                    parts.append(py::str(step.key));
            }
            return parts;
        },
        py::arg("path"), "'channel[0].rate' → ['channel', 0, 'rate'], with --set's parser (config/run_overrides.hpp)");
    m.def(
        "write_dicke_state",
        [](const std::string& path, int spins, const std::vector<int>& two_j,
           const std::vector<Eigen::MatrixXcd>& blocks) {
            openspins::DensityBlocks state;
            state.spins = spins;
            state.two_j = two_j;
            state.blocks = blocks;
            openspins::write_dicke_state_file(path, state);
        },
        py::arg("path"), py::arg("spins"), py::arg("two_j"), py::arg("blocks"),
        "Write Dicke blocks as the dicke method's state file (model/dicke_state_file.hpp)");
    m.def("run", &openspins::python::run, py::arg("text"), py::arg("source_name"), py::arg("overrides"),
          py::arg("progress"), py::arg("command_line"), "Run a run file's text; see openspins.run");
    m.def("check", &openspins::python::check, py::arg("text"), py::arg("source_name"), py::arg("overrides"),
          "Validate a run file's text and estimate what the run needs");
    m.def("rates", &openspins::python::rates, py::arg("text"), py::arg("source_name"), py::arg("overrides"),
          py::arg("modes"), py::arg("dense_limit"), py::arg("max_order"), py::arg("solver"), py::arg("tau"),
          "The generator's labelled eigenvalues and single-spin rates; see openspins.rates");
}
