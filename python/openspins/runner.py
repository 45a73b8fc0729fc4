"""openspins.run / check / rates: a Model (or a run file) → the library → numpy.

Each call hands the model's run-file text to the C++ library through the same public chain as
the CLI (load_run_toml → make_validated_method → the registered method), so every method and
every key is available and the results are the CLI's to the last bit. Keyword options become
``--set`` overrides, validated like the file: ``run(m, method="dicke", rtol=1e-10)`` is
``openspins run m.toml --set method.name=dicke --set method.rtol=1e-10``.

Errors: bad input → ValueError with the CLI's message (``file:line: key: what``, or
``--set key: what`` for an option); numerical failure → RuntimeError; Ctrl-C → KeyboardInterrupt
(the run stops at its next output time or integrator right-hand side).
"""

from __future__ import annotations

import os
import pathlib
import tempfile

from . import _core
from . import toml_text
from .model import Model, write_array
from .result import Rates, Result

# Keyword options that are [output] keys; every other option is a [method] key.
_OUTPUT_KEYS = {"final_state", "steady_state_density", "observables", "plot_columns"}


def _as_model(model) -> Model:
    if isinstance(model, Model):
        return model
    if isinstance(model, (str, os.PathLike)):
        return Model.from_toml(model)
    if isinstance(model, dict):
        return Model(model)
    raise TypeError(f"expected an openspins.Model, a run file or a dict, got {type(model).__name__}")


def _overrides(method: str | None, options: dict, set_keys: dict | None) -> list[str]:
    out = []
    if method is not None:
        out.append(f"method.name={toml_text.value_text(method)}")
    for key, value in options.items():
        table = "output" if key in _OUTPUT_KEYS else "method"
        out.append(f"{table}.{toml_text.key_text(key)}={toml_text.value_text(value)}")
    for key, value in (set_keys or {}).items():
        out.append(f"{key}={toml_text.value_text(value)}")
    return out


class _Prepared:
    """The text and name the library reads, with in-memory matrices written to a temporary
    directory for the duration of the call (the run file names them by file)."""

    def __init__(self, model: Model):
        self.model = model
        self.directory = None

    def __enter__(self):
        text, name = self.model.run_text()
        if self.model.arrays:
            self.directory = tempfile.TemporaryDirectory(prefix="openspins-")
            data = self.model.data
            for file_name, array in self.model.arrays.items():
                write_array(pathlib.Path(self.directory.name) / file_name, array)
            # The document names the file relative to itself: point it into the directory.
            patched = Model(data)
            initial = patched.data.get("initial", {})
            if initial.get("path") in self.model.arrays:
                initial["path"] = str(pathlib.Path(self.directory.name) / initial["path"])
            text = patched.to_toml()
        return text, name

    def __exit__(self, *exc):
        if self.directory is not None:
            self.directory.cleanup()
        return False


class _Progress:
    """tqdm (terminal or Jupyter, via tqdm.auto), shown only for runs longer than a second."""

    def __init__(self, enabled, title: str):
        self.bar = None
        if enabled is False:
            return
        try:
            from tqdm.auto import tqdm
        except ImportError:
            return
        # disable=None: off when the output is not a terminal (tqdm's rule); delay: short runs stay quiet.
        self.bar = tqdm(total=1000, desc=title or "openspins", unit="‰", delay=1.0,
                        disable=None if enabled is None else False, leave=False,
                        bar_format="{desc}: {percentage:3.0f}%|{bar}| [{elapsed}<{remaining}]")

    def __call__(self, fraction: float):
        if self.bar is not None:
            self.bar.n = int(round(1000 * min(max(fraction, 0.0), 1.0)))
            self.bar.refresh()

    def callback(self):
        return None if self.bar is None else self

    def close(self):
        if self.bar is not None:
            self.bar.close()


def run(model, method: str | None = None, *, progress=None, set: dict | None = None, **options) -> Result:
    """Run a model with a registered method (method_names()) and return its Result.

    model: an openspins.Model, a run file's path, or a run-file dict. method: overrides
    ``[method] name``. options: ``[method]`` keys (rtol=1e-10, integrator="bdf", order=3,
    steady_state=True, …) or ``[output]`` keys (final_state=True, steady_state_density=True,
    observables=[…]). set: any other key by its path, ``{"channel[0].rate": 2.0}``.
    progress: None (a tqdm bar when the output is a terminal or a notebook and the run lasts
    over a second), True (always), False (never), or a callable taking the fraction of simulated
    time done (called at most ten times a second; an exception it raises stops the run and is
    re-raised).
    """
    model = _as_model(model)
    overrides = _overrides(method, options, set)
    bar = _Progress(progress, model.data.get("title", "")) if not callable(progress) else None
    callback = progress if callable(progress) else bar.callback()
    command = "python: openspins.run(" + ", ".join([repr(model.source_name)] + overrides) + ")"
    try:
        with _Prepared(model) as (text, name):
            raw = _core.run(text, name, overrides, callback, command)
    finally:
        if bar is not None:
            bar.close()
    return Result(raw)


def check(model, method: str | None = None, *, set: dict | None = None, **options) -> dict:
    """Validate without running (``openspins check``): method, memory estimate, storage, integrator."""
    model = _as_model(model)
    with _Prepared(model) as (text, name):
        return _core.check(text, name, _overrides(method, options, set))


def rates(model, method: str | None = None, *, modes: int = 12, dense_limit: int = 1024, max_order: int = -1,
          solver: str = "auto", tau: float = 0.0, set: dict | None = None, **options) -> Rates:
    """The generator's eigenvalues, labelled, and the single-spin rates (``openspins rates``).

    Methods exact, redfield, resonance (with seed 000's closed-form rates) and dicke. modes,
    dense_limit, max_order, solver, tau: as the CLI's --modes, --dense-limit, --max-order,
    --solver, --tau.
    """
    model = _as_model(model)
    with _Prepared(model) as (text, name):
        return Rates(_core.rates(text, name, _overrides(method, options, set), modes, dense_limit, max_order,
                                 solver, tau))


def method_names() -> list[str]:
    """The methods the library has registered (method/method_registry.cpp)."""
    return list(_core.method_names())
