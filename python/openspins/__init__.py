"""openspins: spin ensembles coupled to bosonic reservoirs, from Python.

A thin front end to the C++ library (the engine; the CLI is the other front end):

    import openspins
    m = openspins.Model.from_toml("examples/two_spin_superradiance.toml")
    r = openspins.run(m)                  # the run file's method; or run(m, method="dicke", rtol=1e-10)
    r.times, r["Jz"], r.metadata          # numpy arrays, named columns, metadata.json as a dict
    openspins.rates(m).rate               # generator eigenvalues, labelled

Models can be built in code with the run file's vocabulary (openspins.Model; docs/python.md),
with QuTiP operators and states where the model takes operators. Conventions (ħ = 1, angular
frequencies, basis order: spin 0 the least significant bit, bit 0 = |↑⟩) are docs/conventions.md.
"""

from . import _core
from .model import Model, evolve_step, pulse_step, repeat_step
from .qutip_interop import density_matrix, operator_expression, qutip_available, to_qobj
from .result import DickeState, Rates, Result
from .runner import check, method_names, rates, run

__version__ = _core.version
git_revision = _core.git_revision

__all__ = [
    "Model", "evolve_step", "pulse_step", "repeat_step",
    "run", "check", "rates", "method_names",
    "Result", "Rates", "DickeState",
    "operator_expression", "density_matrix", "to_qobj", "qutip_available",
]
