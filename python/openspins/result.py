"""What openspins.run returns: the time series as numpy arrays, named; the metadata; the states.

``result.times`` (t), ``result.step`` (protocol step of each row), ``result.columns`` (the
observable columns, in series.csv's order), ``result["Jz"]`` (one column), ``result.values``
(rows × columns) — the same doubles series.csv holds (it prints 17 significant digits, which
read back bit for bit). ``result.metadata`` is metadata.json as a dict.

States (with ``final_state=True`` / ``steady_state_density=True``): ``result.final_state`` is
ρ as a numpy array — for the full-space methods the 2^N × 2^N matrix in openspins' basis
order (|b⟩, b = Σ_i bit_i 2^i: spin 0 the least significant bit, bit 0 = |↑⟩; exactly
final_state.npy); for the dicke method a DickeState (the blocks ρ^j in the |j, m⟩ basis,
m = j, j−1, …, −j; ρ = ⊕_j ρ^j ⊗ 1_{d_j}/d_j). ``result.final_state_qobj`` is the same ρ as a
QuTiP Qobj in QuTiP's tensor order (full-space methods).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np


@dataclass
class DickeState:
    """A permutation-invariant ρ as the dicke method stores it: blocks[k] is ρ^j for 2j = two_j[k]."""
    spins: int
    two_j: list
    blocks: list

    def trace(self) -> float:
        return float(sum(np.trace(b).real for b in self.blocks))


def _state(raw):
    if raw is None:
        return None
    if raw["two_j"]:
        return DickeState(raw["spins"], list(raw["two_j"]), list(raw["blocks"]))
    return raw["blocks"][0]


class Result:
    """The result of one run. See the module docstring."""

    def __init__(self, raw: dict):
        self.method: str = raw["method"]
        self.columns: list[str] = list(raw["columns"])
        self.times: np.ndarray = raw["time"]
        self.step: np.ndarray = raw["step"]
        self.values: np.ndarray = raw["values"]
        self.metadata: dict = json.loads(raw["metadata"])
        self.statistics: dict = raw["statistics"]
        self.notes: dict = dict(raw["notes"])
        steady = raw["steady_state"]
        self.steady_state: dict | None = None if steady is None else dict(zip(self.columns, steady.tolist()))
        self.final_state = _state(raw["final_state"])
        self.steady_state_density = _state(raw["steady_state_density"])

    def __getitem__(self, column: str) -> np.ndarray:
        if column == "t":
            return self.times
        if column == "step":
            return self.step
        try:
            return self.values[:, self.columns.index(column)]
        except ValueError:
            raise KeyError(f"no column {column!r}; columns: {', '.join(self.columns)}") from None

    def __contains__(self, column: str) -> bool:
        return column in self.columns or column in ("t", "step")

    def keys(self) -> list[str]:
        return list(self.columns)

    def __len__(self) -> int:
        return len(self.times)

    def __repr__(self) -> str:
        return (f"<openspins.Result method={self.method!r} rows={len(self.times)} "
                f"columns={self.columns}>")

    @property
    def warnings(self) -> list[str]:
        """The method's warnings (notes named '<method>.warning'; the CLI prints them)."""
        return [text for key, text in self.notes.items() if key.endswith(".warning")]

    @property
    def time_unit(self) -> str:
        return self.metadata.get("time_unit", {}).get("unit", "")

    def _qobj(self, rho):
        if rho is None:
            return None
        if isinstance(rho, DickeState):
            raise ValueError("a dicke-method state is kept in the |j, m⟩ blocks (DickeState), not as a 2^N Qobj")
        from .qutip_interop import to_qobj
        return to_qobj(rho)

    @property
    def final_state_qobj(self):
        """ρ at the end of the protocol as a QuTiP Qobj (QuTiP's tensor order)."""
        return self._qobj(self.final_state)

    @property
    def steady_state_qobj(self):
        """The steady state's ρ as a QuTiP Qobj (QuTiP's tensor order)."""
        return self._qobj(self.steady_state_density)

    def to_dataframe(self):
        """The series as a pandas DataFrame (t, step, columns), when pandas is importable."""
        import pandas as pd
        frame = pd.DataFrame(self.values, columns=self.columns)
        frame.insert(0, "step", self.step)
        frame.insert(0, "t", self.times)
        return frame

    def plot(self, columns=None, ax=None, **plot_options):
        """Draw columns against t with matplotlib (default: Jz and custom columns, as plot.png).
        Returns the Axes."""
        import matplotlib.pyplot as plt
        if columns is None:
            columns = self.metadata.get("output", {}).get("plot_columns") or []
            if not columns:
                columns = [c for c in ("Jz",) if c in self.columns] or self.columns[:1]
        elif isinstance(columns, str):
            columns = [columns]
        if ax is None:
            _, ax = plt.subplots()
        for c in columns:
            ax.plot(self.times, self[c], label=c, **plot_options)
        unit = self.time_unit
        ax.set_xlabel(f"t [{unit}]" if unit else "t")
        ax.set_ylabel("expectation value")
        title = self.metadata.get("title") or ""
        ax.set_title(f"{title} ({self.method})" if title else self.method)
        ax.legend()
        return ax


class Rates:
    """openspins.rates: the generator's eigenvalues, slowest first, with labels.

    ``rate`` (−Re λ), ``frequency`` (Im λ), ``coherence_order``, ``population_weight``,
    ``residual`` (numpy arrays), ``block`` and ``label`` (lists of str); ``single_spin`` (list of
    dicts: spin, omega, rate_t1, rate_t2, pure_dephasing_rate), ``blocks`` (how each block was
    solved), ``resonance`` (method resonance: seed 000's closed-form rates), ``notes``.
    """

    def __init__(self, raw: dict):
        modes = raw["modes"]
        self.method: str = raw["method"]
        self.rate: np.ndarray = modes["rate"]
        self.frequency: np.ndarray = modes["frequency"]
        self.coherence_order: np.ndarray = modes["coherence_order"]
        self.population_weight: np.ndarray = modes["population_weight"]
        self.residual: np.ndarray = modes["residual"]
        self.block: list[str] = list(modes["block"])
        self.label: list[str] = list(modes["label"])
        self.blocks: list[dict] = list(raw["blocks"])
        self.single_spin: list[dict] = list(raw["single_spin"])
        self.resonance: list[dict] = list(raw["resonance"])
        self.notes: dict = dict(raw["notes"])
        self.total_dimension: int = raw["total_dimension"]
        self.complete: bool = raw["complete"]

    @property
    def eigenvalues(self) -> np.ndarray:
        """λ = −rate + i·frequency: each mode evolves as e^{λt}."""
        return -self.rate + 1j * self.frequency

    def __len__(self) -> int:
        return len(self.rate)

    def __repr__(self) -> str:
        return f"<openspins.Rates method={self.method!r} modes={len(self)} of {self.total_dimension}>"
