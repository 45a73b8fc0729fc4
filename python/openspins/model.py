"""openspins.Model: a run file in Python.

The model *is* the run file's document: ``model.data`` is a dict whose tables and keys are
exactly those of docs/config.md (``model.data["spins"]["count"]``, ``model.data["channel"][0]``),
so everything the run file can say, a model can say, and nothing is translated twice. The
builder methods below write those same keys (``model.channel("emission", rate=0.1)`` appends
``{"kind": "emission", "rate": 0.1}`` to ``data["channel"]``) and return the model, so they
chain. Validation happens where the CLI's happens — when the model is run, checked or its
rates are computed — and reports the CLI's messages (``ValueError``).

Operators (Hamiltonian terms, custom jump operators, custom observables, bath coupling
operators) are operator expressions (docs/config.md) or matrices: a QuTiP ``Qobj`` or a numpy
array, converted exactly into an expression of matrix units (openspins.qutip_interop). An
initial density matrix (``model.initial(rho)``) is kept as an array and handed to the library
as an ``.npy`` file at run time.
"""

from __future__ import annotations

import copy
import os
import pathlib

import numpy as np

from . import _core
from . import toml_text

_MODEL_SOURCE = "<model>"
INITIAL_DENSITY_FILE = "initial_density.npy"
INITIAL_DICKE_FILE = "initial_state.dicke.txt"


def write_array(path, array) -> None:
    """An in-memory state as the file the run file names: .npy for ρ, the dicke method's text
    format (model/dicke_state_file.hpp, 17 significant digits) for a DickeState."""
    from .result import DickeState
    if isinstance(array, DickeState):
        _core.write_dicke_state(str(path), array.spins, list(array.two_j), [np.asarray(b) for b in array.blocks])
    else:
        np.save(path, array)


def _arrays_equal(a, b) -> bool:
    from .result import DickeState
    if isinstance(a, DickeState) or isinstance(b, DickeState):
        return (isinstance(a, DickeState) and isinstance(b, DickeState) and a.spins == b.spins
                and list(a.two_j) == list(b.two_j) and all(np.array_equal(x, y) for x, y in zip(a.blocks, b.blocks)))
    return np.array_equal(a, b)


def _without_none(**keys) -> dict:
    return {k: v for k, v in keys.items() if v is not None}


def _selection(spins=None, species=None) -> dict:
    return _without_none(spins=spins, species=species)


def _split_key_path(path: str) -> list:
    """'channel[0].rate' → ['channel', 0, 'rate'] (the spelling of error messages and --set),
    parsed by the library's own key-path parser, so Model.set and --set read paths alike."""
    try:
        return _core.split_key_path(path)
    except ValueError as e:
        raise KeyError(str(e)) from None


def evolve_step(duration: float, scale: dict | None = None, label: str | None = None) -> dict:
    """A ``[[protocol]]`` evolve step: duration, optional scale factors per term/channel name."""
    return _without_none(evolve=duration, scale=scale, label=label)


def pulse_step(axis="x", angle_deg: float | None = None, angle: float | None = None, spins=None, species=None,
               label: str | None = None) -> dict:
    """A ``[[protocol]]`` pulse: R = Π_i exp(−iθ n·S_i); axis "x" | "y" | "z" | [nx, ny, nz]."""
    if angle_deg is None and angle is None:
        angle_deg = 180
    step = {"pulse": _without_none(axis=axis, angle_deg=angle_deg, angle=angle)}
    step.update(_selection(spins, species))
    if label is not None:
        step["label"] = label
    return step


def repeat_step(count: int, steps: list, label: str | None = None) -> dict:
    """A ``[[protocol]]`` repeat of the given steps (dicts from evolve_step/pulse_step/repeat_step)."""
    return _without_none(repeat=count, steps=list(steps), label=label)


class Model:
    """A run file as a dict (``data``), with builders for its tables. See docs/python.md."""

    def __init__(self, data: dict | None = None, *, title: str | None = None):
        self.data: dict = copy.deepcopy(data) if data is not None else {}
        if title is not None:
            self.data["title"] = title
        # In-memory matrices the document refers to by file name (the initial density matrix).
        self.arrays: dict[str, np.ndarray] = {}
        # Where the model was read from: its text and name, and the document as read, so that an
        # unchanged model runs from its own text (errors then carry the file's own line numbers).
        self.source_text: str | None = None
        self.source_name: str = _MODEL_SOURCE
        self._as_read: dict | None = None

    # ---- TOML ----------------------------------------------------------------------------
    @classmethod
    def from_toml(cls, path_or_text) -> "Model":
        """Read a run file: a path (str or os.PathLike) or the TOML text itself (a str with a
        newline or an '='). Syntax errors raise ValueError with the CLI's message."""
        if isinstance(path_or_text, os.PathLike) or ("\n" not in path_or_text and "=" not in path_or_text):
            name = os.fspath(path_or_text)
            with open(name, encoding="utf-8") as f:
                text = f.read()
        else:
            name, text = _MODEL_SOURCE, path_or_text
        model = cls(_core.parse_toml(text, name))
        model.source_text, model.source_name = text, name
        model._as_read = copy.deepcopy(model.data)
        return model

    def to_toml(self) -> str:
        """The model as run-file text; ``Model.from_toml(m.to_toml()) == m`` for the document.
        An in-memory initial density matrix is named by its file (save() writes it)."""
        return toml_text.dumps(self.data)

    def save(self, path) -> None:
        """Write the run file (and the .npy files of in-memory matrices beside it)."""
        path = pathlib.Path(path)
        path.write_text(self.to_toml(), encoding="utf-8")
        for name, array in self.arrays.items():
            write_array(path.parent / name, array)

    def run_text(self) -> tuple[str, str]:
        """(text, name) the library reads: the file's own text while the model is unchanged
        (so errors carry its line numbers, as the CLI's do), else the generated TOML."""
        if self.source_text is not None and self._as_read == self.data:
            return self.source_text, self.source_name
        name = self.source_name
        if name != _MODEL_SOURCE:
            # Relative paths inside still resolve against the file's directory.
            name = name + " (modified)"
        return self.to_toml(), name

    def copy(self) -> "Model":
        other = Model(self.data)
        other.arrays = {k: copy.deepcopy(v) for k, v in self.arrays.items()}
        other.source_text, other.source_name = self.source_text, self.source_name
        other._as_read = copy.deepcopy(self._as_read)
        return other

    def __eq__(self, other) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        return self.data == other.data and self.arrays.keys() == other.arrays.keys() and all(
            _arrays_equal(self.arrays[k], other.arrays[k]) for k in self.arrays)

    def __repr__(self) -> str:
        return f"openspins.Model({self.data!r})"

    def __getitem__(self, key: str):
        return self.data[key]

    def __setitem__(self, key: str, value) -> None:
        self.data[key] = value

    def set(self, key_path: str, value) -> "Model":
        """Set a key by the path error messages and --set use: ``m.set("channel[0].rate", 2)``.
        Missing tables are created; an index must name an existing element."""
        parts = _split_key_path(key_path)
        node = self.data
        for part, following in zip(parts[:-1], parts[1:]):
            if isinstance(part, int):
                node = node[part]
            else:
                node = node.setdefault(part, [] if isinstance(following, int) else {})
        node[parts[-1]] = value
        return self

    # ---- builders: each writes the run file's keys and returns the model -----------------
    def method(self, name: str, **options) -> "Model":
        """``[method]``: name and its options (rtol, atol, integrator, order, depth, …)."""
        self.data["method"] = {"name": name, **options}
        return self

    def spins(self, count: int | None = None, frequency: float | None = None, frequencies=None,
              broadening: dict | None = None) -> "Model":
        """``[spins]``: one species of `count` spins at centre frequency ω (angular)."""
        if frequencies is not None:
            frequencies = [float(w) for w in frequencies]
        self.data["spins"] = _without_none(count=count, frequency=frequency, frequencies=frequencies,
                                           broadening=broadening)
        return self

    def species(self, name: str, count: int | None = None, frequency: float | None = None, frequencies=None,
                broadening: dict | None = None) -> "Model":
        """One ``[[species]]`` (spins are numbered in declaration order)."""
        if frequencies is not None:
            frequencies = [float(w) for w in frequencies]
        self.data.setdefault("species", []).append(
            _without_none(name=name, count=count, frequency=frequency, frequencies=frequencies,
                          broadening=broadening))
        return self

    def zeeman(self, sign: str) -> "Model":
        """``hamiltonian.zeeman``: "+" (H = +Σ ω S^z, |↑⟩ excited), "-" (|↑⟩ ground) or "none"."""
        self.data.setdefault("hamiltonian", {})["zeeman"] = sign
        return self

    def drive(self, omega_x: float | None = None, omega_y: float | None = None, spins=None, species=None,
              name: str | None = None) -> "Model":
        """``[[hamiltonian.drive]]``: H = Σ_i (Ω_x S^x_i + Ω_y S^y_i)."""
        self.data.setdefault("hamiltonian", {}).setdefault("drive", []).append(
            _without_none(omega_x=omega_x, omega_y=omega_y, name=name, **_selection(spins, species)))
        return self

    def spin_coupling(self, kind: str, J: float, pairs=None, spins=None, species=None,
                      name: str | None = None) -> "Model":
        """``[[hamiltonian.coupling]]``: kind "zz" | "xy" | "heisenberg", J, pairs "all" | "chain" | [[i, j], …]."""
        self.data.setdefault("hamiltonian", {}).setdefault("coupling", []).append(
            _without_none(kind=kind, J=J, pairs=pairs, name=name, **_selection(spins, species)))
        return self

    def term(self, operator, strength: float | None = None, name: str | None = None) -> "Model":
        """``[[hamiltonian.term]]``: a Hermitian operator expression, or a Qobj / matrix (converted exactly)."""
        self.data.setdefault("hamiltonian", {}).setdefault("term", []).append(
            _without_none(expr=self._expression(operator), strength=strength, name=name))
        return self

    def channel(self, kind: str | None = None, rate: float | None = None, rates=None, operator=None, spins=None,
                species=None, name: str | None = None) -> "Model":
        """``[[channel]]``: kind emission | absorption | dephasing | collective_* | custom (γ D[L] with
        `operator`, an expression or a Qobj / matrix; a given operator implies kind custom)."""
        if operator is not None and kind is None:
            kind = "custom"
        if rates is not None:
            rates = [float(r) for r in rates]
        self.data.setdefault("channel", []).append(
            _without_none(kind=kind, rate=rate, rates=rates,
                          operator=None if operator is None else self._expression(operator), name=name,
                          **_selection(spins, species)))
        return self

    def bath(self, name: str, temperature: float, spectral_density: dict, scope: str | None = None,
             correlation: float | None = None) -> "Model":
        """``[[bath]]``: a bosonic bath (spectral_density e.g. {"kind": "ohmic", "alpha": 0.01, "cutoff": 10})."""
        self.data.setdefault("bath", []).append(
            _without_none(name=name, temperature=temperature, scope=scope, correlation=correlation,
                          spectral_density=spectral_density))
        return self

    def bath_coupling(self, bath: str, kind: str | None = None, strength: float | None = None, strengths=None,
                      operator=None, spins=None, species=None) -> "Model":
        """``[[coupling]]``: A ⊗ B with A per spin (kind exchange | conserving | Sx | Sy | Sz) or an
        operator (expression or Qobj / matrix; shared baths)."""
        if operator is not None and kind is None:
            kind = "operator"
        self.data.setdefault("coupling", []).append(
            _without_none(bath=bath, kind=kind, strength=strength, strengths=strengths,
                          operator=None if operator is None else self._expression(operator),
                          **_selection(spins, species)))
        return self

    def cavity(self, n_max: int, **keys) -> "Model":
        """``[cavity]`` (method dicke): n_max, detuning, coupling, loss, thermal_occupation, initial, …"""
        self.data["cavity"] = {"n_max": n_max, **keys}
        return self

    def initial(self, kind_or_state="all_up", **keys) -> "Model":
        """``[initial]``: a kind ("all_up", "all_down", "product", "thermal", "file", "dicke", "mixture")
        with its keys, or a density matrix — a Qobj (QuTiP's tensor order, converted) or a numpy
        array in openspins' basis order (spin 0 = least significant bit, bit 0 = |↑⟩) — or, for the
        dicke method, a DickeState (e.g. a dicke run's final_state: runs chain exactly)."""
        self.arrays.pop(INITIAL_DENSITY_FILE, None)
        self.arrays.pop(INITIAL_DICKE_FILE, None)
        if isinstance(kind_or_state, str):
            self.data["initial"] = {"kind": kind_or_state, **keys}
            return self
        from .result import DickeState
        if isinstance(kind_or_state, DickeState):
            self.arrays[INITIAL_DICKE_FILE] = copy.deepcopy(kind_or_state)
            self.data["initial"] = {"kind": "file", "path": INITIAL_DICKE_FILE}
            return self
        from .qutip_interop import density_matrix
        rho = density_matrix(kind_or_state)
        self.arrays[INITIAL_DENSITY_FILE] = rho
        self.data["initial"] = {"kind": "file", "path": INITIAL_DENSITY_FILE}
        return self

    def times(self, stop: float | None = None, points: int | None = None, times=None,
              record_steps: bool | None = None) -> "Model":
        """``[time]``: a uniform grid (stop, points) or explicit times."""
        if times is not None:
            times = [float(t) for t in times]
        self.data["time"] = _without_none(stop=stop, points=points, times=times, record_steps=record_steps)
        return self

    def evolve(self, duration: float, scale: dict | None = None, label: str | None = None) -> "Model":
        """Append a ``[[protocol]]`` evolve step."""
        self.data.setdefault("protocol", []).append(evolve_step(duration, scale, label))
        return self

    def pulse(self, axis="x", angle_deg: float | None = None, angle: float | None = None, spins=None,
              species=None, label: str | None = None) -> "Model":
        """Append a ``[[protocol]]`` pulse (default a π pulse about x)."""
        self.data.setdefault("protocol", []).append(pulse_step(axis, angle_deg, angle, spins, species, label))
        return self

    def repeat(self, count: int, steps: list, label: str | None = None) -> "Model":
        """Append a ``[[protocol]]`` repeat of steps (evolve_step, pulse_step, repeat_step dicts)."""
        self.data.setdefault("protocol", []).append(repeat_step(count, steps, label))
        return self

    def observables(self, *names: str) -> "Model":
        """``output.observables``: Jx Jy Jz J2 JpJm purity trace species spins, and the dicke-only ones."""
        self.data.setdefault("output", {})["observables"] = list(names)
        return self

    def observable(self, name: str, operator) -> "Model":
        """``[output.custom]``: ⟨operator⟩ as a column (expression or Qobj / matrix)."""
        self.data.setdefault("output", {}).setdefault("custom", {})[name] = self._expression(operator)
        return self

    def output(self, **keys) -> "Model":
        """Other ``[output]`` keys: final_state, steady_state_density, plot_columns, …"""
        self.data.setdefault("output", {}).update(keys)
        return self

    # ---- helpers ---------------------------------------------------------------------------
    def spin_count(self) -> int | None:
        """N as the document states it (None when it cannot be told without reading the file)."""
        def count_of(table: dict):
            if "count" in table:
                return table["count"]
            if "frequencies" in table:
                return len(table["frequencies"])
            return None
        if "spins" in self.data:
            return count_of(self.data["spins"])
        if "species" in self.data:
            counts = [count_of(s) for s in self.data["species"]]
            return None if None in counts else sum(counts)
        return None

    def _expression(self, operator) -> str:
        if isinstance(operator, str):
            return operator
        from .qutip_interop import operator_expression
        return operator_expression(operator, self.spin_count())
